"""The years a timescale names: calendar ("2026"), financial ("2023/24", "23/24", "FY24",
"Financial year 2023/24"), academic ("academic year 2023/24"), and years of the plan ("Year 2",
"the first year of the plan", "Years 1-2") when the plan's start is known.

Part of the grammar ``date_atoms`` reads (see its docstring); ``year_ref_at`` reads the year
written at a position of a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from councilplan.domain.date_words import (
    END,
    ORDINAL,
    SMALL_NUMBER,
    YEAR,
    add_months,
    compile_pattern,
    number,
    ordinal,
    two_digit_year,
)

# A financial-year span longer than this is not one: "2024-06" is June 2024, not 82 years.
_LONGEST_SPAN_YEARS = 10


class Grain(IntEnum):
    """How coarse a date expression is; a range takes the coarser grain of its two ends."""

    DAY = 0
    MONTH = 1
    QUARTER = 2
    SEASON = 3
    TERM = 4
    PART_OF_YEAR = 5
    HALF_YEAR = 6
    FINANCIAL_YEAR = 7
    YEAR = 8


@dataclass(frozen=True)
class PlanSpan:
    """The first and last day of the plan a timescale belongs to, where they are known."""

    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class YearRef:
    """A year as written: its first day, length in months, grain, and whether it is written
    across two calendar years ("2023/24"), which places months and terms differently."""

    first: date
    months: int
    grain: Grain
    split: bool = False


def financial_years(first: str, second: str) -> tuple[int, int] | None:
    """Return (first, last) starting years of the financial years "2006-09" or "2020/21" span."""
    start_year = int(first)
    if len(second) == 4:
        last_year = int(second)
    else:
        last_year = start_year // 100 * 100 + int(second)
        if last_year < start_year:
            last_year += 100
    if last_year <= start_year:
        return None
    return start_year, last_year - 1


def is_financial_span(first: str, second: str) -> bool:
    """Whether "2006-09" or "2010-12" names one to ten financial years ("2024-06" does not)."""
    span = financial_years(first, second)
    return span is not None and span[1] - span[0] < _LONGEST_SPAN_YEARS


def plan_grain(start: date) -> Grain:
    """A plan's years are financial years when it starts on 1 April, else years."""
    return Grain.FINANCIAL_YEAR if (start.month, start.day) == (4, 1) else Grain.YEAR


_SPLIT_YEAR = compile_pattern(
    r"(?:(?:the\s+)?(?:(?P<kind>financial|fin\.?|academic|school)\s+)?year\s+|(?P<fy>f\.?y\.?)\s*)?"
    rf"(?P<a>{YEAR}|[0-9]{{2}})\s*(?P<sep>[/-])\s*(?P<b>{YEAR}|[0-9]{{2}})(?![0-9])"
    rf"(?:\s+(?P<kind_after>financial|academic|school)\s+year{END})?"
)
_FY_ENDING = compile_pattern(rf"f\.?y\.?\s*'?(?P<y>{YEAR}|[0-9]{{2}})(?![0-9])(?!\s*[/-]\s*[0-9])")
PLAN_SUFFIX = rf"(?:\s+of\s+(?:the\s+|this\s+|our\s+)?(?:[a-z]+\s+){{0,2}}plan{END})?"
_PLAN_YEARS = compile_pattern(
    rf"(?:the\s+)?(?:years?\s+(?P<a>{SMALL_NUMBER})(?:\s*(?:-|to|and|&)\s*(?:years?\s+)?"
    rf"(?P<b>{SMALL_NUMBER}))?|(?P<ord>{ORDINAL})\s+year){END}{PLAN_SUFFIX}"
)
_CALENDAR_YEAR = compile_pattern(rf"(?P<y>{YEAR})(?![0-9])(?!\s*/\s*[0-9])")
_SHORT_YEAR = compile_pattern(r"'?(?P<y>[0-9]{2})(?![0-9])(?!\s*/\s*[0-9])")
AFTER_YEAR = compile_pattern(END)


def _split_year(found: re.Match[str], *, loose: bool, single: bool) -> tuple[YearRef, int] | None:
    first_text, second_text = found["a"], found["b"]
    academic = (found["kind"] or found["kind_after"] or "").lower() in {"academic", "school"}
    if len(first_text) == 2:
        # "23/24" is a financial year only when the second follows the first; a bare pair
        # with a dash ("10-11") is one only after a part or a "financial year" prefix.
        prefixed = bool(found["kind"] or found["fy"])
        if len(second_text) != 2 or (int(first_text) + 1) % 100 != int(second_text):
            return None
        if found["sep"] == "-" and not (loose or prefixed):
            return None
        first_year, years = two_digit_year(first_text), 1
    else:
        span = financial_years(first_text, second_text)
        if span is None or not is_financial_span(first_text, second_text):
            return None
        first_year, years = span[0], span[1] - span[0] + 1
    if single and years != 1:
        return None
    if academic:
        return YearRef(date(first_year, 9, 1), 12 * years, Grain.YEAR, split=True), found.end()
    return YearRef(date(first_year, 4, 1), 12 * years, Grain.FINANCIAL_YEAR, True), found.end()


def _plan_years(found: re.Match[str], plan_start: date | None) -> tuple[YearRef, int] | None:
    if plan_start is None:
        return None
    if found["ord"] is not None:
        if found["ord"].lower() in {"last", "final"}:
            return None
        first = last = ordinal(found["ord"], 0)
    else:
        first = number(found["a"])
        last = number(found["b"]) if found["b"] else first
    if not 1 <= first <= last:
        return None
    start = add_months(plan_start, 12 * (first - 1))
    return YearRef(start, 12 * (last - first + 1), plan_grain(plan_start)), found.end()


def year_ref_at(
    text: str, position: int, plan_start: date | None, *, loose: bool, single: bool, short: bool
) -> tuple[YearRef, int] | None:
    """The year written at ``position``: financial, plan, calendar (two-digit if ``short``)."""
    read: tuple[YearRef, int] | None = None
    if found := _SPLIT_YEAR.match(text, position):
        read = _split_year(found, loose=loose, single=single)
    if read is None and (found := _FY_ENDING.match(text, position)):
        ending = found["y"]
        year = (int(ending) if len(ending) == 4 else two_digit_year(ending)) - 1
        read = YearRef(date(year, 4, 1), 12, Grain.FINANCIAL_YEAR, split=True), found.end()
    if read is None and (found := _PLAN_YEARS.match(text, position)):
        read = _plan_years(found, plan_start)
        if read is not None and single and read[0].months != 12:
            read = None
    if read is None and (found := _CALENDAR_YEAR.match(text, position)):
        read = YearRef(date(int(found["y"]), 1, 1), 12, Grain.YEAR), found.end()
    if read is None and short and (found := _SHORT_YEAR.match(text, position)):
        read = YearRef(date(two_digit_year(found["y"]), 1, 1), 12, Grain.YEAR), found.end()
    if read is None or not AFTER_YEAR.match(text, read[1]):
        return None
    return read
