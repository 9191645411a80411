"""UK local-government reporting periods: the financial year (1 April - 31 March), its quarters
and months, and how values for short periods combine into a longer one.

A ``Period`` is named by the calendar year in which its financial year starts: 2020/21 is
``year=2020``. Quarter 1 is April-June and quarter 4 January-March; month 1 is April and month
12 is March, so ordering periods of one kind by (year, number) is chronological.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache

from councilplan.domain.vocabulary import Vocabulary, unify_dashes

MONTH_NAMES = tuple(calendar.month_name[1:])
_FINANCIAL_YEAR_FIRST_MONTH = 4


class PeriodError(ValueError):
    """A period that cannot exist or text that does not name one."""


class PeriodNotStartedError(PeriodError):
    """Statuses asked for a period that has not started."""


class PeriodKind(Vocabulary):
    """How long a reporting period is."""

    YEAR = "year", "Financial year"
    QUARTER = "quarter", "Quarter"
    MONTH = "month", "Month"


_NUMBERS_PER_YEAR = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}


def financial_year_of(d: date) -> int:
    """Return the calendar year in which the financial year containing ``d`` starts."""
    return d.year if d.month >= _FINANCIAL_YEAR_FIRST_MONTH else d.year - 1


def as_at(period: Period, today: date) -> date:
    """The date a period's statuses are judged at: its last day once it has ended, else
    ``today`` (the period still open). A report of a past period is the same whenever it is
    printed; only the open period moves with the day."""
    return min(period.end, today)


def check_started(period: Period, today: date) -> None:
    """Refuse to judge statuses for a period that has not started: nothing can have been
    reported for it, and judging it as at today would show today's statuses under its name.
    A performance team setting up next year's quarters sees "2027/28 Q1 has not started: it
    starts on 1 April 2027." instead."""
    if period.start > today:
        start = period.start
        raise PeriodNotStartedError(
            f"{period.label} has not started: it starts on {start.day} {start:%B %Y}."
        )


def latest_started(periods: Sequence[Period], today: date) -> Period:
    """Of ``periods`` (in order), the latest that has started by ``today``; the first when
    none has (a plan set up before it begins)."""
    started = [p for p in periods if p.start <= today]
    return started[-1] if started else periods[0]


def financial_year_label(year: int) -> str:
    """Return the usual short form of a financial year: 2020 -> "2020/21"."""
    return f"{year}/{(year + 1) % 100:02d}"


def calendar_month(year: int, number: int) -> tuple[int, int]:
    """Return (calendar year, month) of month ``number`` (1 = April) of financial ``year``."""
    month = (number + _FINANCIAL_YEAR_FIRST_MONTH - 2) % 12 + 1
    return (year if month >= _FINANCIAL_YEAR_FIRST_MONTH else year + 1), month


def month_end(year: int, month: int) -> date:
    """Return the last day of a calendar month."""
    return date(year, month, calendar.monthrange(year, month)[1])


@lru_cache(maxsize=4096)
def _bounds(period: Period) -> tuple[date, date]:
    """A period's first and last day, worked out once per period (pages compare the ends of
    the same few periods thousands of times, each read from a row as a new ``Period``)."""
    first, last = period._month_numbers()
    cal_year, cal_month = calendar_month(period.year, first)
    return date(cal_year, cal_month, 1), month_end(*calendar_month(period.year, last))


@dataclass(frozen=True, order=True)
class Period:
    """A financial year, quarter or month (``number`` 0 for a year, 1-4 quarter, 1-12 month)."""

    kind: PeriodKind
    year: int
    number: int = 0

    def __post_init__(self) -> None:
        highest = _NUMBERS_PER_YEAR[PeriodKind(self.kind)]
        lowest = 0 if highest == 0 else 1
        if not lowest <= self.number <= highest:
            raise PeriodError(
                f"A {self.kind} period needs a number from {lowest} to {highest}, "
                f"not {self.number}."
            )
        if not 1 <= self.year <= 9998:
            raise PeriodError(f"{self.year} is not a usable financial year.")

    @classmethod
    def financial_year(cls, year: int) -> Period:
        """Return the financial year starting in April of ``year``."""
        return cls(PeriodKind.YEAR, year, 0)

    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        """Return quarter ``number`` (1 = April-June) of the financial year starting in ``year``."""
        return cls(PeriodKind.QUARTER, year, number)

    @classmethod
    def month(cls, year: int, number: int) -> Period:
        """Return month ``number`` (1 = April) of the financial year starting in ``year``."""
        return cls(PeriodKind.MONTH, year, number)

    def _month_numbers(self) -> tuple[int, int]:
        """The first and last month (1 = April) of its financial year that the period covers."""
        if self.kind == PeriodKind.YEAR:
            return 1, 12
        if self.kind == PeriodKind.QUARTER:
            return 3 * self.number - 2, 3 * self.number
        return self.number, self.number

    @cached_property
    def start(self) -> date:
        """The first day of the period."""
        return _bounds(self)[0]

    @cached_property
    def end(self) -> date:
        """The last day of the period."""
        return _bounds(self)[1]

    @property
    def label(self) -> str:
        """Human name: "2020/21", "2020/21 Q4" or "January 2021"."""
        if self.kind == PeriodKind.YEAR:
            return financial_year_label(self.year)
        if self.kind == PeriodKind.QUARTER:
            return f"{financial_year_label(self.year)} Q{self.number}"
        cal_year, cal_month = calendar_month(self.year, self.number)
        return f"{MONTH_NAMES[cal_month - 1]} {cal_year}"

    @property
    def code(self) -> str:
        """Stable machine name: "2020/21", "2020/21-Q4" or "2020/21-M10"."""
        if self.kind == PeriodKind.YEAR:
            return financial_year_label(self.year)
        letter = "Q" if self.kind == PeriodKind.QUARTER else "M"
        return f"{financial_year_label(self.year)}-{letter}{self.number}"

    def __str__(self) -> str:
        return self.label

    def shifted(self, steps: int) -> Period:
        """Return the period ``steps`` periods of the same kind later (earlier if negative)."""
        per_year = _NUMBERS_PER_YEAR[self.kind]
        if per_year == 0:
            return Period(self.kind, self.year + steps, 0)
        index = self.year * per_year + (self.number - 1) + steps
        return Period(self.kind, index // per_year, index % per_year + 1)

    def previous(self) -> Period:
        """Return the period of the same kind just before this one (Q1 -> Q4 of the year before)."""
        return self.shifted(-1)

    def next(self) -> Period:
        """Return the period of the same kind just after this one."""
        return self.shifted(1)

    def same_period_last_year(self) -> Period:
        """Return the same quarter or month (or the year) one financial year earlier."""
        return Period(self.kind, self.year - 1, self.number)

    def contains(self, d: date) -> bool:
        """Say whether date ``d`` falls within the period (both ends included)."""
        return self.start <= d <= self.end

    def covers(self, other: Period) -> bool:
        """Whether ``other`` lies inside this period (a quarter covers its months)."""
        return self.start <= other.start and other.end <= self.end

    def locks(self, other: Period) -> bool:
        """Whether locking this reporting period locks ``other`` too: a period it covers (a
        quarter's months), or a longer one it closes (the fourth quarter closes the year, whose
        results go to Cabinet with it)."""
        return self.covers(other) or (other.end == self.end and other.covers(self))

    def months(self) -> list[Period]:
        """Return the months that make up the period, in order."""
        return [period_containing(d, PeriodKind.MONTH) for d in _month_starts(self.start, self.end)]

    @cached_property
    def rank(self) -> int:
        """A number ordering periods by their end, and of two ending together the shorter (the
        later start) last: how "the latest period" is chosen. A database can compute it too
        (``core.models.period_rank``), so the latest of many periods is found there."""
        first, last = self._month_numbers()
        return (self.year * 12 + last) * 16 + 15 - (last - first)

    @classmethod
    def from_rank(cls, rank: int) -> Period:
        """The period whose ``rank`` is ``rank``."""
        end_index, short = divmod(rank, 16)
        months = 16 - short
        year = (end_index - 1) // 12
        last = end_index - year * 12
        if months == 12:
            return cls(PeriodKind.YEAR, year, 0)
        if months == 3:
            return cls(PeriodKind.QUARTER, year, last // 3)
        return cls(PeriodKind.MONTH, year, last)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period as councils write it ("2020/21", "Q4 2020/21", "2020/21-M10"...)."""
        return parse_period(text)


def _month_starts(start: date, end: date) -> list[date]:
    firsts = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        firsts.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return firsts


def period_containing(d: date, kind: PeriodKind) -> Period:
    """Return the financial year, quarter or month that contains date ``d``."""
    year = financial_year_of(d)
    month_number = (d.month - _FINANCIAL_YEAR_FIRST_MONTH) % 12 + 1
    if kind == PeriodKind.YEAR:
        return Period.financial_year(year)
    if kind == PeriodKind.QUARTER:
        return Period.quarter(year, (month_number - 1) // 3 + 1)
    return Period.month(year, month_number)


def rolling_12_months(period: Period) -> list[Period]:
    """Return the twelve months ending with the last month of ``period``, oldest first."""
    last = period_containing(period.end, PeriodKind.MONTH)
    return [last.shifted(offset) for offset in range(-11, 1)]


_FY = r"(?P<year>\d{4})\s*[/-]\s*(?P<next>\d{2}|\d{4})"
_PERIOD_PATTERNS = (
    re.compile(rf"^{_FY}$"),
    re.compile(rf"^{_FY}\s*(?:-|\s)\s*(?:q|quarter\s*)(?P<quarter>[1-4])$"),
    re.compile(rf"^(?:q|quarter\s*)(?P<quarter>[1-4])\s+{_FY}$"),
    re.compile(rf"^{_FY}\s*-\s*m(?P<month>\d{{1,2}})$"),
)
_MONTH_LABEL = re.compile(r"^(?P<name>[a-z]+)\s+(?P<calyear>\d{4})$")


def financial_year_from_pair(first: str, second: str) -> int:
    """Check that "2020" and "21" (or "2021") name consecutive years; return the first year."""
    year = int(first)
    follows = int(second) == year + 1 if len(second) == 4 else int(second) == (year + 1) % 100
    if not follows:
        raise PeriodError(
            f'"{first}/{second}" is not a financial year: the second year must follow the first.'
        )
    return year


def parse_period(text: str) -> Period:
    """Read a period from its label or code; raise ``PeriodError`` saying what was expected."""
    cleaned = " ".join(unify_dashes(text.strip().lower()).split())
    for pattern in _PERIOD_PATTERNS:
        found = pattern.match(cleaned)
        if found is None:
            continue
        year = financial_year_from_pair(found["year"], found["next"])
        groups = found.groupdict()
        if groups.get("quarter"):
            return Period.quarter(year, int(groups["quarter"]))
        if groups.get("month"):
            return Period.month(year, int(groups["month"]))
        return Period.financial_year(year)
    month_label = _MONTH_LABEL.match(cleaned)
    if month_label and month_label["name"].capitalize() in MONTH_NAMES:
        month = MONTH_NAMES.index(month_label["name"].capitalize()) + 1
        return period_containing(date(int(month_label["calyear"]), month, 1), PeriodKind.MONTH)
    raise PeriodError(
        f'"{text}" is not a reporting period. Write a financial year as "2020/21", '
        f'a quarter as "2020/21 Q4" or "Q4 2020/21", a month as "2020/21-M10" or "January 2021".'
    )


class Frequency(Vocabulary):
    """How often a measure is reported."""

    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual"
    BIENNIAL = "biennial", "Every two years"

    @property
    def period_kind(self) -> PeriodKind:
        """The kind of period one observation covers (a biennial survey reports for a year)."""
        if self == Frequency.MONTHLY:
            return PeriodKind.MONTH
        if self == Frequency.QUARTERLY:
            return PeriodKind.QUARTER
        return PeriodKind.YEAR


class Aggregation(Vocabulary):
    """How the values of short periods combine into the value of a longer period."""

    SUM = "sum", "Sum of the periods"
    LATEST = "latest", "Latest value"
    AVERAGE = "average", "Average of the periods"
    ROLLING_12 = "rolling_12", "Rolling 12 months"


def combine(values: Sequence[Decimal | None], aggregation: Aggregation) -> Decimal | None:
    """Combine the values of consecutive periods (oldest first) into one value, ignoring gaps.

    A rolling-12-months figure already covers the year to date, so like ``latest`` the longer
    period takes the last reported figure. Returns None when no period has a value.
    """
    present = [value for value in values if value is not None]
    if not present:
        return None
    if aggregation == Aggregation.SUM:
        return sum(present, Decimal(0))
    if aggregation == Aggregation.AVERAGE:
        return sum(present, Decimal(0)) / len(present)
    return present[-1]


def rolling_12_total(monthly_values: Sequence[Decimal | None]) -> Decimal | None:
    """Sum the last twelve monthly values into a rolling 12 months figure (None if any missing)."""
    last_twelve = list(monthly_values)[-12:]
    if len(last_twelve) < 12 or any(value is None for value in last_twelve):
        return None
    return sum((value for value in last_twelve if value is not None), Decimal(0))


def year_from_periods(
    year: Period,
    kind: PeriodKind,
    values: Mapping[Period, Decimal | None],
    aggregation: Aggregation,
) -> Decimal | None:
    """The value of a financial year worked out from its quarters or months (``kind``), as
    ``aggregation`` says; None until its last period has a value, since a year is not over
    before then (a sum to date is not the year's value)."""
    periods = [Period(kind, year.year, n) for n in range(1, _NUMBERS_PER_YEAR[kind] + 1)]
    if not periods or values.get(periods[-1]) is None:
        return None
    return combine([values.get(p) for p in periods], aggregation)
