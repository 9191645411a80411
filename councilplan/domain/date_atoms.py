"""Recognise the individual date expressions inside a timescale as councils write them.

A timescale such as "March 2021 and ongoing to deliverable deadline of 2032" holds two date
expressions ("March 2021", "2032") among other words. ``find_date_atoms`` finds each one with
its position and the span of days it covers; ``fuzzy_dates`` then decides what the whole text
means.

The expressions follow one small grammar rather than a list of strings:

- a **year**: a calendar year ("2026"), a financial year ("2023/24", "23/24", "2023-24",
  "FY24", "Financial year 2023/24"), an academic year ("academic year 2023/24"), or a year of
  the plan ("Year 2", "the first year of the plan", "Years 1-2") when the plan's start is known;
- a **part** of a year, before it ("Q2 2023/24", "third quarter of 2021/22", "H2 2024/25",
  "Spring term 2024", "Summer 2019", "Nov-23", "Early 2026", "end of 2026") or, for quarters
  and halves, after it ("2020/21 Q4"); two parts joined by a dash, "to", "/" or "and" make one
  range in that year ("Q1-Q2 2024/25", "September - November 2019");
- a **day** ("30 June 2006", "30/06/2024" day first, "2024-06-30") or a numeric month
  ("06/2024", "2024-06", "03/25");
- a **span from the plan's start** ("Within 6 months", "the first 100 days"), and the plan's
  last month ("the end of the Council Plan"), when the plan is known.

Years are read by ``date_years``; the spellings of words and numbers are in ``date_words``.

Parts are placed in their year in one of two ways. Quarters, halves and early/mid/late/end
count from the year's first month: April in a financial year (Q1 April-June, H2
October-March), January in a calendar year ("Q2 2026" is April-June 2026, "H1 2024"
January-June), the plan's start in a plan year. Named months, seasons and terms keep their
calendar month: in a financial year the one falling in its April-March ("March 2024/25" is
March 2025), for a term the one falling in its academic year September-August ("Summer term
2023/24" is April-July 2024). Early is January-April, mid May-August, late September-December
(counted from the year's start); the end of a year is its last month, the beginning its first.
Seasons follow UK convention (Spring March-May, Summer June-August, Autumn September-November,
Winter December-February of the next year); school terms are autumn September-December, spring
January-March and summer April-July.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from councilplan.domain.date_words import (
    END,
    MONTH,
    NUMBER,
    ORDINAL,
    SEASONS,
    TERMS,
    YEAR,
    add_months,
    compile_pattern,
    month_number,
    months_span,
    number,
    ordinal,
    two_digit_year,
)
from councilplan.domain.date_years import (
    AFTER_YEAR,
    PLAN_SUFFIX,
    Grain,
    PlanSpan,
    YearRef,
    financial_years,
    is_financial_span,
    plan_grain,
    year_ref_at,
)

__all__ = ["DateAtom", "Grain", "financial_years", "find_date_atoms"]


@dataclass(frozen=True)
class DateAtom:
    """One date expression found in a text: where it is and which days it covers."""

    begin: int
    finish: int
    start: date
    end: date
    grain: Grain


@dataclass(frozen=True)
class Part:
    """A part of a year: ``offset`` months from its start (quarters, halves, early/mid/late),
    or a named calendar ``month`` (months, seasons, terms), lasting ``months`` months.

    ``anchor`` is the month a year written across two calendar years starts for this kind
    of part (April for financial, September for a school term); ``short_year`` says a
    two-digit year may follow ("Nov-23").
    """

    offset: int
    months: int
    grain: Grain
    month: int = 0
    anchor: int = 4
    short_year: bool = False


# ---- parts of a year -----------------------------------------------------------------------

_QUARTERS = compile_pattern(
    r"(?:qs?|qtrs?|quarters?)\.?\s*(?P<a>[1-4])\s*(?:-|to|and|&|/)\s*(?:q|qtr|quarter)?\.?\s*"
    r"(?P<b>[1-4])(?![0-9])"
)
_QUARTER = compile_pattern(
    rf"(?:q|qtr|quarter)\.?\s*(?P<n>[1-4])(?![0-9])|(?P<ord>{ORDINAL})\s+(?:quarter|qtr){END}"
)
_HALF = compile_pattern(
    r"h(?P<n>[12])(?![0-9])|(?P<ord>first|1st|second|2nd|last|final)\s+half"
    rf"(?:[\s-]+year)?{END}"
)
_TERM = compile_pattern(rf"(?P<term>autumn|spring|summer)\s+term{END}")
_SEASON = compile_pattern(rf"(?P<season>spring|summer|autumn|fall|winter){END}")
_MONTH = compile_pattern(rf"(?P<month>{MONTH})(?![a-z])")
_QUALIFIER = compile_pattern(
    r"(?P<rough>early|mid|late)(?:\s*-\s*|\s+)(?:in\s+)?"
    r"|(?:the\s+)?(?:(?P<end>(?:financial\s+)?year[\s-]end|end|close)\s+(?:of\s+)?"
    r"|(?P<begin>beginning|start)\s+of\s+)"
)
_YEAR_END_AFTER = compile_pattern(rf"(?:financial\s+)?year[\s-]end{END}")
# Early, mid and late thirds of a year; its first and last month.
_ROUGH = {"early": 0, "mid": 4, "late": 8}


def _quarters(found: re.Match[str]) -> Part | None:
    first, last = int(found["a"]), int(found["b"])
    return Part(3 * (first - 1), 3 * (last - first + 1), Grain.QUARTER) if first < last else None


def _quarter(found: re.Match[str]) -> Part | None:
    quarter = int(found["n"]) if found["n"] else ordinal(found["ord"], 4)
    return Part(3 * (quarter - 1), 3, Grain.QUARTER) if quarter <= 4 else None


def _half(found: re.Match[str]) -> Part | None:
    half = int(found["n"]) if found["n"] else ordinal(found["ord"], 2)
    return Part(6 * (half - 1), 6, Grain.HALF_YEAR)


def _term(found: re.Match[str]) -> Part:
    month, months = TERMS[found["term"].lower()]
    return Part(0, months, Grain.TERM, month=month, anchor=9)


def _season(found: re.Match[str]) -> Part:
    month, months = SEASONS[found["season"].lower()]
    return Part(0, months, Grain.SEASON, month=month, short_year=True)


def _month(found: re.Match[str]) -> Part:
    return Part(0, 1, Grain.MONTH, month=month_number(found["month"]), short_year=True)


def _qualifier(found: re.Match[str]) -> Part:
    if found["rough"]:
        return Part(_ROUGH[found["rough"].lower()], 4, Grain.PART_OF_YEAR)
    return Part(11 if found["end"] else 0, 1, Grain.MONTH)


_PART_READERS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Part | None]], ...] = (
    (_QUARTERS, _quarters),
    (_QUARTER, _quarter),
    (_HALF, _half),
    (_TERM, _term),
    (_SEASON, _season),
    (_MONTH, _month),
    (_QUALIFIER, _qualifier),
)
_PART_JOIN = compile_pattern(r"\s*(?:-|to|until|till|through|/|&|and)\s*")
_PART_TO_YEAR = compile_pattern(r"[\s,.-]*(?P<bracket>\(\s*)?(?:(?:of|in|for)\s+)?(?:the\s+)?")
_CLOSE_BRACKET = compile_pattern(r"\s*\)")
_YEAR_TO_PART = compile_pattern(r"\s*-?\s*")


def _part_at(text: str, position: int, *, quarter_or_half: bool = False) -> tuple[Part, int] | None:
    for pattern, reader in _PART_READERS:
        found = pattern.match(text, position)
        if found is None:
            continue
        part = reader(found)
        if found.groupdict().get("rough"):
            # "mid-March 2026", "late Spring 2024": the month or season, roughly.
            named = _part_at(text, found.end())
            if named is not None and named[0].month:
                return named
        if part is not None and not (
            quarter_or_half and part.grain not in {Grain.QUARTER, Grain.HALF_YEAR}
        ):
            return part, found.end()
    return None


def _place(part: Part, year: YearRef) -> tuple[date, date]:
    """The days a part of a year covers in that year (see the module's docstring)."""
    if not part.month:
        return months_span(add_months(year.first, part.offset), part.months)
    anchor = date(year.first.year, part.anchor, 1) if year.split else year.first
    in_year = anchor.year if part.month >= anchor.month else anchor.year + 1
    return months_span(date(in_year, part.month, 1), part.months)


def _parts_in_year_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "Q2 2023/24", "third quarter of 2021/22", "Nov-23", "Spring - Summer 2024"."""
    first = _part_at(text, position)
    if first is None:
        return None
    parts, after = [first[0]], first[1]
    join = _PART_JOIN.match(text, after)
    second = _part_at(text, join.end()) if join else None
    if second is not None:
        parts.append(second[0])
        after = second[1]
    connector = _PART_TO_YEAR.match(text, after)
    at = connector.end() if connector else after
    short = parts[-1].short_year and at > after
    year = year_ref_at(text, at, plan.start, loose=True, single=True, short=short)
    if year is None:
        return None
    finish = year[1]
    if connector and connector["bracket"]:
        # "Q2 (2024/25)"
        closed = _CLOSE_BRACKET.match(text, finish)
        if closed is None:
            return None
        finish = closed.end()
    spans = [_place(part, year[0]) for part in parts]
    start, end = spans[0][0], spans[-1][1]
    if start > spans[-1][0]:
        # "November - February 2020": the first part is in the year before.
        start = add_months(start, -12)
    return DateAtom(position, finish, start, end, max(part.grain for part in parts))


def _year_then_part_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "2020/21 Q4", "2024/25 H2", "2024/25 year end": a quarter, half or end after its year."""
    year = year_ref_at(text, position, plan.start, loose=False, single=True, short=False)
    if year is None:
        return None
    gap = _YEAR_TO_PART.match(text, year[1])
    at = gap.end() if gap else year[1]
    part = _part_at(text, at, quarter_or_half=True)
    if part is None and (year_end := _YEAR_END_AFTER.match(text, at)):
        part = Part(11, 1, Grain.MONTH), year_end.end()
    if part is None or not AFTER_YEAR.match(text, part[1]):
        return None
    start, end = _place(part[0], year[0])
    return DateAtom(position, part[1], start, end, part[0].grain)


def _year_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """A year on its own: "2037", "2020/21", "2006-09", "FY24", "Year 2", "Years 1-2"."""
    read = year_ref_at(text, position, plan.start, loose=False, single=False, short=False)
    if read is None:
        return None
    year, finish = read
    start, end = months_span(year.first, year.months)
    return DateAtom(position, finish, start, end, year.grain)


# ---- days, numeric months and spans from the plan's start ----------------------------------

_DAY = compile_pattern(
    rf"(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH}),?\s*"
    rf"(?P<y1>{YEAR}|'?[0-9]{{2}})(?![0-9])(?!\s*/\s*[0-9]){END}"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>{YEAR})(?![0-9]){END}"
    rf"|(?P<d3>[0-9]{{1,2}})(?P<sep>[/.-])(?P<m3>[0-9]{{1,2}})(?P=sep)(?P<y3>{YEAR}|[0-9]{{2}})"
    rf"(?![0-9]){END}"
    rf"|(?P<y4>{YEAR})-(?P<m4>[0-9]{{2}})-(?P<d4>[0-9]{{2}})(?![0-9]){END}"
)
_NUMERIC_MONTH = compile_pattern(
    rf"(?P<m1>[0-9]{{1,2}})[/.-](?P<y1>{YEAR})(?![0-9])(?![/.-][0-9])"
    rf"|(?P<y2>{YEAR})-(?P<m2>[0-9]{{2}})(?![0-9])(?!-[0-9]){END}"
    r"|(?P<m3>[0-9]{2})/(?P<y3>[0-9]{2})(?![0-9])(?!\s*/\s*[0-9])"
)
_WITHIN = compile_pattern(
    rf"(?:(?:within|in|over|during)\s+(?:the\s+)?(?:first\s+|next\s+)?|(?:the\s+)?first\s+)"
    rf"(?P<n>{NUMBER})\s+(?P<unit>month|year|week|day)s?{END}{PLAN_SUFFIX}"
)


def _year_number(text: str) -> int:
    return int(text) if len(text) == 4 else two_digit_year(text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "30 June 2006", "1st April 2024", "June 30, 2024", "30/06/2024", "2024-06-30"."""
    found = _DAY.match(text, position)
    if found is None:
        return None
    for form in "1234":
        if found["d" + form] is None:
            continue
        month_text = found["m" + form]
        month = int(month_text) if month_text.isdigit() else month_number(month_text)
        year = _year_number(found["y" + form].lstrip("'"))
        day = _safe_date(year, month, int(found["d" + form]))
        return None if day is None else DateAtom(position, found.end(), day, day, Grain.DAY)
    return None


def _numeric_month_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "06/2024", "6/2024", "2024-06", "03/25": a month in figures."""
    found = _NUMERIC_MONTH.match(text, position)
    if found is None:
        return None
    month = int(found["m1"] or found["m2"] or found["m3"])
    if not 1 <= month <= 12:
        return None
    if found["y2"] and is_financial_span(found["y2"], found["m2"]):
        return None  # "2010-12" is the financial years 2010/11 and 2011/12
    if found["y3"] and (month + 1) % 100 == int(found["y3"]):
        return None  # "11/12" is the financial year 2011/12
    year = int(found["y1"] or found["y2"] or 0) or two_digit_year(found["y3"])
    start, end = months_span(date(year, month, 1), 1)
    return DateAtom(position, found.end(), start, end, Grain.MONTH)


def _within_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "Within 6 months", "the first 100 days": from the plan's start, when it is known."""
    found = _WITHIN.match(text, position)
    plan_start = plan.start
    if found is None or plan_start is None:
        return None
    count, unit = number(found["n"]), found["unit"].lower()
    if count < 1:
        return None
    if unit in {"month", "year"}:
        months = count * (12 if unit == "year" else 1)
        start, end = months_span(plan_start, months)
        grain = plan_grain(plan_start) if unit == "year" else Grain.MONTH
    else:
        start = plan_start
        end = plan_start + timedelta(days=count * (7 if unit == "week" else 1) - 1)
        grain = Grain.DAY
    return DateAtom(position, found.end(), start, end, grain)


_PLAN_END = compile_pattern(
    rf"(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+|this\s+|our\s+)?(?:[a-z]+\s+){{0,2}}?plan"
    rf"(?:\s+period)?{END}"
)


def _plan_end_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    """ "the end of the Council Plan": the plan's last month, when it is known."""
    found = _PLAN_END.match(text, position)
    if found is None or plan.end is None:
        return None
    return DateAtom(position, found.end(), plan.end.replace(day=1), plan.end, Grain.MONTH)


_AtomReader = Callable[[str, int, PlanSpan], DateAtom | None]
# Tried in order at each word start: the longest, most specific forms first.
_ATOM_READERS: tuple[_AtomReader, ...] = (
    _day_at,
    _parts_in_year_at,
    _year_then_part_at,
    _within_at,
    _plan_end_at,
    _numeric_month_at,
    _year_at,
)
_WORD_START = compile_pattern(r"(?<![a-z0-9])[a-z0-9']")


def find_date_atoms(
    text: str, *, plan_start: date | None = None, plan_end: date | None = None
) -> list[DateAtom]:
    """Return every date expression in ``text``, left to right, without overlaps.

    ``plan_start`` is the first day of the plan the text belongs to; without it, dates relative
    to the plan ("Year 1", "Within 6 months") are not read; nor, without ``plan_end``, its last
    day, "the end of the plan".
    """
    plan = PlanSpan(plan_start, plan_end)
    atoms: list[DateAtom] = []
    position = 0
    while True:
        word = _WORD_START.search(text, position)
        if word is None:
            return atoms
        atom = _atom_at(text, word.start(), plan)
        if atom is None:
            position = word.start() + 1
        else:
            atoms.append(atom)
            position = atom.finish


def _atom_at(text: str, position: int, plan: PlanSpan) -> DateAtom | None:
    for reader in _ATOM_READERS:
        atom = reader(text, position, plan)
        if atom is not None:
            return atom
    return None
