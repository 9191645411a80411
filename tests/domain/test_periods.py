"""Financial years, quarters and months, and how period values combine."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.periods import (
    Aggregation,
    Frequency,
    Period,
    PeriodError,
    PeriodKind,
    PeriodNotStartedError,
    check_started,
    combine,
    latest_started,
    period_containing,
    rolling_12_months,
    rolling_12_total,
)

FY2020 = Period.financial_year(2020)
Q4_2020 = Period.quarter(2020, 4)
JAN_2021 = Period.month(2020, 10)


@pytest.mark.parametrize(
    ("period", "start", "end", "label", "code"),
    [
        (FY2020, date(2020, 4, 1), date(2021, 3, 31), "2020/21", "2020/21"),
        (Period.quarter(2020, 1), date(2020, 4, 1), date(2020, 6, 30), "2020/21 Q1", "2020/21-Q1"),
        (
            Period.quarter(2020, 3),
            date(2020, 10, 1),
            date(2020, 12, 31),
            "2020/21 Q3",
            "2020/21-Q3",
        ),
        (Q4_2020, date(2021, 1, 1), date(2021, 3, 31), "2020/21 Q4", "2020/21-Q4"),
        (Period.month(2020, 1), date(2020, 4, 1), date(2020, 4, 30), "April 2020", "2020/21-M1"),
        (JAN_2021, date(2021, 1, 1), date(2021, 1, 31), "January 2021", "2020/21-M10"),
        (
            Period.month(2023, 11),
            date(2024, 2, 1),
            date(2024, 2, 29),
            "February 2024",
            "2023/24-M11",
        ),
        (Period.financial_year(1999), date(1999, 4, 1), date(2000, 3, 31), "1999/00", "1999/00"),
    ],
)
def test_period_has_uk_financial_year_dates_label_and_code(
    period: Period, start: date, end: date, label: str, code: str
) -> None:
    assert (period.start, period.end, period.label, period.code) == (start, end, label, code)
    assert str(period) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020/21", FY2020),
        ("2020-21", FY2020),
        ("2020/2021", FY2020),
        ("2020-2021", FY2020),
        (" 2020 / 21 ", FY2020),
        ("2020/21-Q4", Q4_2020),
        ("Q4 2020/21", Q4_2020),
        ("2020/21 Q4", Q4_2020),
        ("2020/21 quarter 4", Q4_2020),
        ("2020\u201321 Q4", Q4_2020),
        ("2020/21-M10", JAN_2021),
        ("January 2021", JAN_2021),
        ("1999/00", Period.financial_year(1999)),
    ],
)
def test_parse_accepts_the_ways_councils_write_periods(text: str, expected: Period) -> None:
    assert Period.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["2020/22", "2020", "Q5 2020/21", "2020/21-M13", "2020/21-M0", "Smarch 2021", ""]
)
def test_parse_rejects_text_that_is_not_a_period_with_a_clear_message(text: str) -> None:
    with pytest.raises(
        PeriodError, match=r"not a (financial year|reporting period)|needs a number"
    ):
        Period.parse(text)


@pytest.mark.parametrize(
    ("kind", "year", "number"),
    [(PeriodKind.YEAR, 2020, 1), (PeriodKind.QUARTER, 2020, 0), (PeriodKind.MONTH, 2020, 13)],
)
def test_period_refuses_a_number_its_kind_does_not_have(
    kind: PeriodKind, year: int, number: int
) -> None:
    with pytest.raises(PeriodError, match="needs a number"):
        Period(kind, year, number)


@pytest.mark.parametrize(
    ("period", "previous", "last_year"),
    [
        (FY2020, Period.financial_year(2019), Period.financial_year(2019)),
        (Period.quarter(2020, 1), Period.quarter(2019, 4), Period.quarter(2019, 1)),
        (Q4_2020, Period.quarter(2020, 3), Period.quarter(2019, 4)),
        (Period.month(2020, 1), Period.month(2019, 12), Period.month(2019, 1)),
        (JAN_2021, Period.month(2020, 9), Period.month(2019, 10)),
    ],
)
def test_previous_and_same_period_last_year(
    period: Period, previous: Period, last_year: Period
) -> None:
    assert period.previous() == previous
    assert period.same_period_last_year() == last_year


@pytest.mark.parametrize(
    ("day", "kind", "expected"),
    [
        (date(2021, 3, 31), PeriodKind.YEAR, FY2020),
        (date(2021, 4, 1), PeriodKind.YEAR, Period.financial_year(2021)),
        (date(2021, 2, 14), PeriodKind.QUARTER, Q4_2020),
        (date(2020, 7, 1), PeriodKind.QUARTER, Period.quarter(2020, 2)),
        (date(2021, 1, 31), PeriodKind.MONTH, JAN_2021),
    ],
)
def test_period_containing_a_date(day: date, kind: PeriodKind, expected: Period) -> None:
    assert period_containing(day, kind) == expected
    assert expected.contains(day)


def test_contains_is_inclusive_and_stops_at_the_ends() -> None:
    assert Q4_2020.contains(date(2021, 1, 1))
    assert Q4_2020.contains(date(2021, 3, 31))
    assert not Q4_2020.contains(date(2020, 12, 31))
    assert not Q4_2020.contains(date(2021, 4, 1))


def test_rolling_12_months_ends_with_the_period_month() -> None:
    months = rolling_12_months(JAN_2021)

    assert [months[0].label, months[-1].label] == ["February 2020", "January 2021"]
    assert len(months) == 12


def test_rolling_12_months_of_a_quarter_ends_with_its_last_month() -> None:
    assert rolling_12_months(Q4_2020)[-1] == Period.month(2020, 12)


def test_quarter_is_made_of_its_three_months() -> None:
    assert [month.label for month in Q4_2020.months()] == [
        "January 2021",
        "February 2021",
        "March 2021",
    ]


def test_periods_of_one_kind_sort_chronologically() -> None:
    shuffled = [Period.month(2021, 1), Period.month(2020, 12), Period.month(2020, 10)]

    assert sorted(shuffled) == [
        Period.month(2020, 10),
        Period.month(2020, 12),
        Period.month(2021, 1),
    ]


@pytest.mark.parametrize(
    ("frequency", "kind"),
    [
        (Frequency.MONTHLY, PeriodKind.MONTH),
        (Frequency.QUARTERLY, PeriodKind.QUARTER),
        (Frequency.ANNUAL, PeriodKind.YEAR),
        (Frequency.BIENNIAL, PeriodKind.YEAR),
    ],
)
def test_frequency_reports_for_a_period_kind(frequency: Frequency, kind: PeriodKind) -> None:
    assert frequency.period_kind == kind


VALUES = [Decimal(10), None, Decimal(20), Decimal(60)]


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        (Aggregation.SUM, Decimal(90)),
        (Aggregation.AVERAGE, Decimal(30)),
        (Aggregation.LATEST, Decimal(60)),
        (Aggregation.ROLLING_12, Decimal(60)),
    ],
)
def test_combine_values_of_periods_by_aggregation(
    aggregation: Aggregation, expected: Decimal
) -> None:
    assert combine(VALUES, aggregation) == expected


@pytest.mark.parametrize("aggregation", list(Aggregation))
def test_combine_without_any_value_gives_none(aggregation: Aggregation) -> None:
    assert combine([None, None], aggregation) is None


def test_rolling_12_total_needs_twelve_months_of_figures() -> None:
    assert rolling_12_total([Decimal(1)] * 13) == Decimal(12)
    assert rolling_12_total([Decimal(1)] * 11) is None
    assert rolling_12_total([Decimal(1)] * 11 + [None]) is None


KINDS = st.sampled_from(list(PeriodKind))
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(DATES, KINDS)
def test_the_period_containing_a_date_contains_it(day: date, kind: PeriodKind) -> None:
    period = period_containing(day, kind)

    assert period.start <= day <= period.end
    assert Period.parse(period.code) == period


@given(DATES, KINDS)
def test_consecutive_periods_meet_without_gap_or_overlap(day: date, kind: PeriodKind) -> None:
    period = period_containing(day, kind)

    assert period.next().start == period.end + timedelta(days=1)
    assert period.previous().next() == period
    assert period.same_period_last_year().start.month == period.start.month


any_period = st.one_of(
    st.builds(Period.financial_year, st.integers(1900, 2200)),
    st.builds(Period.quarter, st.integers(1900, 2200), st.integers(1, 4)),
    st.builds(Period.month, st.integers(1900, 2200), st.integers(1, 12)),
)


@given(any_period)
def test_a_period_is_found_again_from_its_rank(period: Period) -> None:
    assert Period.from_rank(period.rank) == period


@given(any_period, any_period)
def test_rank_orders_periods_by_end_then_the_shorter_last(a: Period, b: Period) -> None:
    assert (a.rank < b.rank) == ((a.end, a.start) < (b.end, b.start))


def test_the_last_quarter_outranks_the_year_it_ends() -> None:
    year, q4, march = Period.financial_year(2020), Period.quarter(2020, 4), Period.month(2020, 12)
    assert year.rank < q4.rank < march.rank


@pytest.mark.parametrize(
    ("period", "today", "refused"),
    [
        ("2027/28-Q1", date(2026, 12, 6), "2027/28 Q1 has not started: it starts on 1 April 2027."),
        (
            "2026/27-Q4",
            date(2026, 12, 31),
            "2026/27 Q4 has not started: it starts on 1 January 2027.",
        ),
        ("2026/27-Q4", date(2027, 1, 1), None),
        ("2026/27-Q3", date(2026, 12, 6), None),
        ("2026/27", date(2026, 12, 6), None),
        ("2020/21-Q2", date(2026, 12, 6), None),
    ],
)
def test_a_period_that_has_not_started_is_refused_with_its_start(
    period: str, today: date, refused: str | None
) -> None:
    if refused is None:
        check_started(Period.parse(period), today)
    else:
        with pytest.raises(PeriodNotStartedError, match=re.escape(refused)):
            check_started(Period.parse(period), today)


def test_latest_started_is_the_latest_year_begun_or_else_the_first() -> None:
    years = [Period.financial_year(y) for y in (2025, 2026, 2027, 2028)]
    assert latest_started(years, date(2026, 12, 6)) == Period.financial_year(2026)
    assert latest_started(years, date(2030, 1, 1)) == Period.financial_year(2028)
    assert latest_started(years, date(2024, 1, 1)) == Period.financial_year(2025)
