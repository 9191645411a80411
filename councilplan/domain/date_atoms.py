"""Recognise the individual date expressions inside a timescale as councils write them.

A timescale such as "March 2021 and ongoing to deliverable deadline of 2032" holds two date
expressions ("March 2021", "2032") among other words. ``find_date_atoms`` finds each one with
its position and the span of days it covers; ``fuzzy_dates`` then decides what the whole text
means. Seasons follow UK convention (Spring March-May, Summer June-August, Autumn
September-November, Winter December-February of the next year); financial years run April-March.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from councilplan.domain.periods import Period, month_end

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_SEASON_MONTHS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
YEAR = r"(?:19|20)[0-9]{2}"
_END = r"(?![a-z0-9])"


class Grain(IntEnum):
    """How coarse a date expression is; a range takes the coarser grain of its two ends."""

    DAY = 0
    MONTH = 1
    QUARTER = 2
    SEASON = 3
    FINANCIAL_YEAR = 4
    YEAR = 5


@dataclass(frozen=True)
class DateAtom:
    """One date expression found in a text: where it is and which days it covers."""

    begin: int
    finish: int
    start: date
    end: date
    grain: Grain


def _month_number(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


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


def _two_digit_year(text: str) -> int:
    value = int(text.lstrip("'"))
    return 2000 + value if value < 70 else 1900 + value


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    if found["day_month"] is not None:
        month = _month_number(found["day_month"])
    else:
        month = int(found["num_month"])
    year = int(found["day_year"] or found["num_year"])
    day = _safe_date(year, month, int(found["day"] or found["num_day"])) if month <= 12 else None
    return None if day is None else (day, day, Grain.DAY)


def _month_span(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    year = int(found["span_year"])
    first, last = _month_number(found["from_month"]), _month_number(found["to_month"])
    start_year = year if first <= last else year - 1
    return date(start_year, first, 1), month_end(year, last), Grain.MONTH


def _one_financial_year(first: str, second: str) -> int | None:
    years = financial_years(first, second)
    return None if years is None or years[0] != years[1] else years[0]


def _quarter_of(first: str, second: str, number: str) -> tuple[date, date, Grain] | None:
    year = _one_financial_year(first, second)
    if year is None:
        return None
    period = Period.quarter(year, int(number))
    return period.start, period.end, Grain.QUARTER


def _quarter(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    return _quarter_of(found["q_first"], found["q_second"], found["quarter"])


def _quarter_before(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    return _quarter_of(found["qb_first"], found["qb_second"], found["qb_quarter"])


def _season(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    first_month = _SEASON_MONTHS[found["season"].lower()]
    year = int(found["season_year"])
    if found["season_next"] is not None and (
        _one_financial_year(found["season_year"], found["season_next"]) is None
    ):
        return None
    start = date(year, first_month, 1)
    last_month = (first_month + 1) % 12 + 1
    end_year = year + 1 if last_month < first_month else year
    return start, month_end(end_year, last_month), Grain.SEASON


def _month_of_financial_year(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    first_year = _one_financial_year(found["fm_first"], found["fm_second"])
    if first_year is None:
        return None
    month = _month_number(found["fm_month"])
    year = first_year if month >= 4 else first_year + 1
    return date(year, month, 1), month_end(year, month), Grain.MONTH


def _month(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    year_text = found["m_year"]
    year = int(year_text) if len(year_text) == 4 else _two_digit_year(year_text)
    month = _month_number(found["m_month"])
    return date(year, month, 1), month_end(year, month), Grain.MONTH


def _financial_year(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    years = financial_years(found["fy_first"], found["fy_second"])
    if years is None:
        return None
    return date(years[0], 4, 1), date(years[1] + 1, 3, 31), Grain.FINANCIAL_YEAR


def _year(found: re.Match[str]) -> tuple[date, date, Grain] | None:
    year = int(found["year"])
    return date(year, 1, 1), date(year, 12, 31), Grain.YEAR


_Reader = Callable[[re.Match[str]], tuple[date, date, Grain] | None]


def _fy(prefix: str) -> str:
    """A financial year ("2020/21", "2020-21", "2020/2021") in groups named after ``prefix``."""
    return (
        rf"(?P<{prefix}_first>{YEAR})\s*(?:/|-)\s*(?P<{prefix}_second>{YEAR}|[0-9]{{2}})(?![0-9])"
    )


# Tried in order at each word start: the longest, most specific forms first.
_ATOM_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE | re.ASCII), reader)
    for pattern, reader in (
        (
            rf"(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<day_month>{MONTH})\s+(?P<day_year>{YEAR})"
            rf"{_END}|(?P<num_day>[0-9]{{1,2}})/(?P<num_month>[0-9]{{1,2}})/(?P<num_year>{YEAR})"
            rf"{_END}",
            _day,
        ),
        (
            rf"(?P<from_month>{MONTH})\s*(?:-|to)\s*(?P<to_month>{MONTH})\s+(?P<span_year>{YEAR})"
            rf"(?!\s*(?:/|-)\s*[0-9]){_END}",
            _month_span,
        ),
        (rf"(?:q|quarter\s*)(?P<quarter>[1-4])\s+(?:of\s+)?{_fy('q')}", _quarter),
        (rf"{_fy('qb')}\s*-?\s*(?:q|quarter\s*)(?P<qb_quarter>[1-4]){_END}", _quarter_before),
        (
            rf"(?P<season>spring|summer|autumn|fall|winter)\s+(?P<season_year>{YEAR})"
            rf"(?:\s*/\s*(?P<season_next>[0-9]{{2}}|{YEAR}))?{_END}",
            _season,
        ),
        (rf"(?P<fm_month>{MONTH})\s+{_fy('fm')}", _month_of_financial_year),
        (
            rf"(?P<m_month>{MONTH})\s+(?P<m_year>{YEAR}|'?[0-9]{{2}})(?![0-9])(?!\s*/\s*[0-9]){_END}",
            _month,
        ),
        (_fy("fy"), _financial_year),
        (rf"(?P<year>{YEAR}){_END}", _year),
    )
)
_WORD_START = re.compile(r"(?<![a-z0-9])[a-z0-9']", re.IGNORECASE | re.ASCII)


def find_date_atoms(text: str) -> list[DateAtom]:
    """Return every date expression in ``text``, left to right, without overlaps."""
    atoms: list[DateAtom] = []
    position = 0
    while True:
        word = _WORD_START.search(text, position)
        if word is None:
            return atoms
        atom = _atom_at(text, word.start())
        if atom is None:
            position = word.start() + 1
        else:
            atoms.append(atom)
            position = atom.finish


def _atom_at(text: str, position: int) -> DateAtom | None:
    for pattern, reader in _ATOM_READERS:
        found = pattern.match(text, position)
        if found is None:
            continue
        read = reader(found)
        if read is not None:
            start, end, grain = read
            return DateAtom(found.start(), found.end(), start, end, grain)
    return None
