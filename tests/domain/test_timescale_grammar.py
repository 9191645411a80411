"""Timescales beyond the seeds: quarters, halves, terms, numeric months, financial-year
spellings, early/mid/late, revisions, and dates relative to the plan, each read into the range
of days it means with the precision of what was written.

Examples taken from real council documents name their source; the others are spellings the
performance teams of UK councils commonly use.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.fuzzy_dates import FuzzyDate, Precision, parse_fuzzy_date

D = date
P = Precision
PLAN_START = D(2024, 4, 1)  # a plan for 2024/25 onwards
Row = tuple[str, date | None, date | None, Precision]


def _check(text: str, start: date | None, end: date | None, precision: Precision) -> None:
    parsed = parse_fuzzy_date(text)
    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)
    assert parsed.text == text


QUARTERS: list[Row] = [
    ("Q2 2023/24", D(2023, 7, 1), D(2023, 9, 30), P.QUARTER),
    ("Qtr 1 22/23", D(2022, 4, 1), D(2022, 6, 30), P.QUARTER),
    ("Qtr 2 23/24", D(2023, 7, 1), D(2023, 9, 30), P.QUARTER),
    ("Qtr. 4 2023-24", D(2024, 1, 1), D(2024, 3, 31), P.QUARTER),
    ("third quarter 2021/22", D(2021, 10, 1), D(2021, 12, 31), P.QUARTER),
    ("3rd quarter 2021/22", D(2021, 10, 1), D(2021, 12, 31), P.QUARTER),
    ("Third Quarter of 2021/22", D(2021, 10, 1), D(2021, 12, 31), P.QUARTER),
    ("final quarter of 2024/25", D(2025, 1, 1), D(2025, 3, 31), P.QUARTER),
    ("end of Q3 2024/25", D(2024, 10, 1), D(2024, 12, 31), P.QUARTER),
    ("By Q2 2025/26", D(2025, 7, 1), D(2025, 9, 30), P.QUARTER),
    ("Quarter 3 2024-25", D(2024, 10, 1), D(2024, 12, 31), P.QUARTER),
    ("Q4 24/25", D(2025, 1, 1), D(2025, 3, 31), P.QUARTER),
    ("2024/25 Q1", D(2024, 4, 1), D(2024, 6, 30), P.QUARTER),
    ("2024/25 - Quarter 2", D(2024, 7, 1), D(2024, 9, 30), P.QUARTER),
    ("Q1 FY25", D(2024, 4, 1), D(2024, 6, 30), P.QUARTER),
    ("Q2 FY 2025/26", D(2025, 7, 1), D(2025, 9, 30), P.QUARTER),
    # North Hertfordshire, "Q1 23-24 Update on the Council Delivery Plan" (2023).
    ("Q1 23-24", D(2023, 4, 1), D(2023, 6, 30), P.QUARTER),
    # North Hertfordshire, "Q1 2023-2024 update on the Council Delivery Plan" (2023).
    ("Q1 2023-2024", D(2023, 4, 1), D(2023, 6, 30), P.QUARTER),
    # A quarter of a calendar year is the calendar quarter: Q2 2026 is April-June 2026.
    ("Q2 2026", D(2026, 4, 1), D(2026, 6, 30), P.QUARTER),
    ("Q3 2026", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER),
    ("Q1 2025", D(2025, 1, 1), D(2025, 3, 31), P.QUARTER),
    ("2024 Q4", D(2024, 10, 1), D(2024, 12, 31), P.QUARTER),
    ("Q2 (2024/25)", D(2024, 7, 1), D(2024, 9, 30), P.QUARTER),
    # Rotherham, Cabinet on the Year Ahead Delivery Plan 2022-23: "Quarter 4 of the 2022-23
    # financial year".
    ("Quarter 4 of the 2022-23 financial year", D(2023, 1, 1), D(2023, 3, 31), P.QUARTER),
    ("Quarter 2, 2024/25", D(2024, 7, 1), D(2024, 9, 30), P.QUARTER),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), QUARTERS)
def test_quarter_of_a_financial_or_calendar_year_is_its_three_months(
    text: str, start: date, end: date, precision: Precision
) -> None:
    _check(text, start, end, precision)


MONTHS_AND_DAYS: list[Row] = [
    ("Nov-23", D(2023, 11, 1), D(2023, 11, 30), P.MONTH),
    ("Feb-26", D(2026, 2, 1), D(2026, 2, 28), P.MONTH),
    ("Apr-25", D(2025, 4, 1), D(2025, 4, 30), P.MONTH),
    ("Feb 2026", D(2026, 2, 1), D(2026, 2, 28), P.MONTH),
    ("Feb-2026", D(2026, 2, 1), D(2026, 2, 28), P.MONTH),
    ("Sept 2024", D(2024, 9, 1), D(2024, 9, 30), P.MONTH),
    ("Dec. 2024", D(2024, 12, 1), D(2024, 12, 31), P.MONTH),
    ("Nov '23", D(2023, 11, 1), D(2023, 11, 30), P.MONTH),
    ("06/2024", D(2024, 6, 1), D(2024, 6, 30), P.MONTH),
    ("6/2024", D(2024, 6, 1), D(2024, 6, 30), P.MONTH),
    ("2024-06", D(2024, 6, 1), D(2024, 6, 30), P.MONTH),
    ("03/25", D(2025, 3, 1), D(2025, 3, 31), P.MONTH),
    ("12/25", D(2025, 12, 1), D(2025, 12, 31), P.MONTH),
    ("Oct - Dec 2024/25", D(2024, 10, 1), D(2024, 12, 31), P.MONTH),
    ("January 2025/26", D(2026, 1, 1), D(2026, 1, 31), P.MONTH),
    ("30/06/2024", D(2024, 6, 30), D(2024, 6, 30), P.DAY),
    ("01/04/2024", D(2024, 4, 1), D(2024, 4, 1), P.DAY),  # UK order: day first
    ("1/4/24", D(2024, 4, 1), D(2024, 4, 1), P.DAY),
    ("31.03.2025", D(2025, 3, 31), D(2025, 3, 31), P.DAY),
    ("2024-06-30", D(2024, 6, 30), D(2024, 6, 30), P.DAY),
    ("1st April 2024", D(2024, 4, 1), D(2024, 4, 1), P.DAY),
    ("By 31st March 2025", D(2025, 3, 31), D(2025, 3, 31), P.DAY),
    ("31 March 26", D(2026, 3, 31), D(2026, 3, 31), P.DAY),
    ("June 30, 2024", D(2024, 6, 30), D(2024, 6, 30), P.DAY),
    ("Target date: 31/03/2025", D(2025, 3, 31), D(2025, 3, 31), P.DAY),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), MONTHS_AND_DAYS)
def test_abbreviated_and_numeric_months_and_days_read_day_first(
    text: str, start: date, end: date, precision: Precision
) -> None:
    _check(text, start, end, precision)


FINANCIAL_YEARS: list[Row] = [
    # FY24 is the financial year ending in March 2024, as in UK central and local government.
    ("FY24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("FY 2024", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("FY2023/24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("FY 23/24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("2023-24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("23/24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("11/12", D(2011, 4, 1), D(2012, 3, 31), P.FINANCIAL_YEAR),  # not November 2012
    ("Financial year 2023/24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("the financial year 2023-24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("Across 2023/24", D(2023, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("Throughout 2025/26", D(2025, 4, 1), D(2026, 3, 31), P.FINANCIAL_YEAR),
    ("2025/26 - 2026/27", D(2025, 4, 1), D(2027, 3, 31), P.FINANCIAL_YEAR),
    # Maidstone, Corporate Planning Timetable (2018): "2019/20 to 2023/24".
    ("2019/20 to 2023/24", D(2019, 4, 1), D(2024, 3, 31), P.FINANCIAL_YEAR),
    ("2010-12", D(2010, 4, 1), D(2012, 3, 31), P.FINANCIAL_YEAR),
    ("end of the financial year 2024/25", D(2025, 3, 1), D(2025, 3, 31), P.MONTH),
    ("academic year 2023/24", D(2023, 9, 1), D(2024, 8, 31), P.YEAR),
    ("start of the 2024/25 academic year", D(2024, 9, 1), D(2024, 9, 30), P.MONTH),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), FINANCIAL_YEARS)
def test_financial_year_in_every_spelling_runs_april_to_march(
    text: str, start: date, end: date, precision: Precision
) -> None:
    _check(text, start, end, precision)


RANGES: list[Row] = [
    ("April 2024 - March 2025", D(2024, 4, 1), D(2025, 3, 31), P.MONTH),
    ("Nov 23 to Feb 24", D(2023, 11, 1), D(2024, 2, 29), P.MONTH),
    ("Apr 24 - Mar 25", D(2024, 4, 1), D(2025, 3, 31), P.MONTH),
    ("Sep 2024 \u2013 Mar 2025", D(2024, 9, 1), D(2025, 3, 31), P.MONTH),
    ("Dec 2024 / Jan 2025", D(2024, 12, 1), D(2025, 1, 31), P.MONTH),
    ("Jan\u2013Mar 2025", D(2025, 1, 1), D(2025, 3, 31), P.MONTH),
    # Maidstone, Corporate Planning Timetable (2013): "September to October 2013".
    ("September to October 2013", D(2013, 9, 1), D(2013, 10, 31), P.MONTH),
    ("Q1-Q2 2024/25", D(2024, 4, 1), D(2024, 9, 30), P.QUARTER),
    ("Q1 to Q3 2024/25", D(2024, 4, 1), D(2024, 12, 31), P.QUARTER),
    ("Q3 & Q4 2024/25", D(2024, 10, 1), D(2025, 3, 31), P.QUARTER),
    ("Quarters 1-2 2025/26", D(2025, 4, 1), D(2025, 9, 30), P.QUARTER),
    ("Q4 2024/25 - Q1 2025/26", D(2025, 1, 1), D(2025, 6, 30), P.QUARTER),
    ("Q1 2025-26 to Q4 2026-27", D(2025, 4, 1), D(2027, 3, 31), P.QUARTER),
    ("Sept '25 - Mar '26", D(2025, 9, 1), D(2026, 3, 31), P.MONTH),
    ("Spring 24 - Summer 24", D(2024, 3, 1), D(2024, 8, 31), P.SEASON),
    ("Spring/Summer 2024", D(2024, 3, 1), D(2024, 8, 31), P.SEASON),
    ("Summer 2025 - ongoing", D(2025, 6, 1), None, P.SEASON),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), RANGES)
def test_range_runs_from_the_start_of_its_first_date_to_the_end_of_its_last(
    text: str, start: date, end: date | None, precision: Precision
) -> None:
    _check(text, start, end, precision)


PARTS_OF_YEARS: list[Row] = [
    ("Spring term 2024", D(2024, 1, 1), D(2024, 3, 31), P.TERM),
    ("Autumn term 2023", D(2023, 9, 1), D(2023, 12, 31), P.TERM),
    ("Summer term 2024", D(2024, 4, 1), D(2024, 7, 31), P.TERM),
    ("Summer Term 2023/24", D(2024, 4, 1), D(2024, 7, 31), P.TERM),
    ("autumn term 2024/25", D(2024, 9, 1), D(2024, 12, 31), P.TERM),
    ("H2 2024/25", D(2024, 10, 1), D(2025, 3, 31), P.HALF_YEAR),
    ("H1 2024", D(2024, 1, 1), D(2024, 6, 30), P.HALF_YEAR),
    ("second half of 2024", D(2024, 7, 1), D(2024, 12, 31), P.HALF_YEAR),
    ("first half of 2024/25", D(2024, 4, 1), D(2024, 9, 30), P.HALF_YEAR),
    ("2nd half of the year 2025/26", D(2025, 10, 1), D(2026, 3, 31), P.HALF_YEAR),
    ("2025/26 H1", D(2025, 4, 1), D(2025, 9, 30), P.HALF_YEAR),
    ("Early 2026", D(2026, 1, 1), D(2026, 4, 30), P.PART_OF_YEAR),
    ("Mid 2026", D(2026, 5, 1), D(2026, 8, 31), P.PART_OF_YEAR),
    ("mid-2026", D(2026, 5, 1), D(2026, 8, 31), P.PART_OF_YEAR),
    ("Late 2026", D(2026, 9, 1), D(2026, 12, 31), P.PART_OF_YEAR),
    ("Early 2025/26", D(2025, 4, 1), D(2025, 7, 31), P.PART_OF_YEAR),
    ("end of 2026", D(2026, 12, 1), D(2026, 12, 31), P.MONTH),
    ("By end 2026", D(2026, 12, 1), D(2026, 12, 31), P.MONTH),
    ("by the end of 2024/25", D(2025, 3, 1), D(2025, 3, 31), P.MONTH),
    ("beginning of 2026", D(2026, 1, 1), D(2026, 1, 31), P.MONTH),
    ("Start of 2025", D(2025, 1, 1), D(2025, 1, 31), P.MONTH),
    ("Year end 2024/25", D(2025, 3, 1), D(2025, 3, 31), P.MONTH),
    ("2024/25 year-end", D(2025, 3, 1), D(2025, 3, 31), P.MONTH),
    ("Mid-March 2026", D(2026, 3, 1), D(2026, 3, 31), P.MONTH),
    ("late Spring 2024", D(2024, 3, 1), D(2024, 5, 31), P.SEASON),
    ("Late 2025/early 2026", D(2025, 9, 1), D(2026, 4, 30), P.PART_OF_YEAR),
    ("Spring 2024/25", D(2025, 3, 1), D(2025, 5, 31), P.SEASON),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), PARTS_OF_YEARS)
def test_part_of_a_year_is_its_months_with_a_precision_narrower_than_the_year(
    text: str, start: date, end: date, precision: Precision
) -> None:
    _check(text, start, end, precision)


# text, the revised (first, last day), the original text, the original (first, last day)
REVISIONS: list[tuple[str, tuple[date, date], str, tuple[date, date]]] = [
    (
        "June 2024 (was March 2024)",
        (D(2024, 6, 1), D(2024, 6, 30)),
        "March 2024",
        (D(2024, 3, 1), D(2024, 3, 31)),
    ),
    (
        "Revised to June 2024 (originally March 2024)",
        (D(2024, 6, 1), D(2024, 6, 30)),
        "March 2024",
        (D(2024, 3, 1), D(2024, 3, 31)),
    ),
    (
        "June 2024 - revised from March 2024",
        (D(2024, 6, 1), D(2024, 6, 30)),
        "March 2024",
        (D(2024, 3, 1), D(2024, 3, 31)),
    ),
    (
        "March 2024 revised to June 2024",
        (D(2024, 6, 1), D(2024, 6, 30)),
        "March 2024",
        (D(2024, 3, 1), D(2024, 3, 31)),
    ),
    (
        "Originally March 2024, now June 2024",
        (D(2024, 6, 1), D(2024, 6, 30)),
        "March 2024",
        (D(2024, 3, 1), D(2024, 3, 31)),
    ),
    (
        "Q2 2023/24 (was Q1 2023/24)",
        (D(2023, 7, 1), D(2023, 9, 30)),
        "Q1 2023/24",
        (D(2023, 4, 1), D(2023, 6, 30)),
    ),
    (
        "March 2025 (slipped from December 2024)",
        (D(2025, 3, 1), D(2025, 3, 31)),
        "December 2024",
        (D(2024, 12, 1), D(2024, 12, 31)),
    ),
    (
        "Date changed from Dec 2024 to Mar 2025",
        (D(2025, 3, 1), D(2025, 3, 31)),
        "Dec 2024",
        (D(2024, 12, 1), D(2024, 12, 31)),
    ),
    (
        "Spring 2025 (previously Autumn 2024)",
        (D(2025, 3, 1), D(2025, 5, 31)),
        "Autumn 2024",
        (D(2024, 9, 1), D(2024, 11, 30)),
    ),
    (
        "Q4 2025/26 (previously Q2)",
        (D(2026, 1, 1), D(2026, 3, 31)),
        "Q2",
        (D(2025, 7, 1), D(2025, 9, 30)),
    ),
    (
        "31/03/2026 (was 30/09/2025)",
        (D(2026, 3, 31), D(2026, 3, 31)),
        "30/09/2025",
        (D(2025, 9, 30), D(2025, 9, 30)),
    ),
    (
        "Deferred to Q4 2024/25 (original date Q2 2024/25)",
        (D(2025, 1, 1), D(2025, 3, 31)),
        "Q2 2024/25",
        (D(2024, 7, 1), D(2024, 9, 30)),
    ),
]


@pytest.mark.parametrize(("text", "revised", "original", "original_days"), REVISIONS)
def test_revised_timescale_is_due_at_the_revision_and_keeps_the_original(
    text: str, revised: tuple[date, date], original: str, original_days: tuple[date, date]
) -> None:
    parsed = parse_fuzzy_date(text)

    assert (parsed.text, parsed.start, parsed.end) == (text, *revised)
    assert parsed.revised_from is not None
    revised_from = parsed.revised_from
    assert (revised_from.text, revised_from.start, revised_from.end) == (original, *original_days)
    assert FuzzyDate.from_dict(parsed.to_dict()) == parsed


@pytest.mark.parametrize(
    "text",
    [
        "Delayed - now Q3 2024/25",
        "Was due March 2024 - now complete",
        "Revised",
        "March 2024",
        "March 2026 (was Dec)",  # a calendar year does not say which December
    ],
)
def test_words_of_revision_without_two_dates_are_not_a_revision(text: str) -> None:
    assert parse_fuzzy_date(text).revised_from is None


def test_stored_dict_without_a_revision_reads_back_as_before() -> None:
    stored = {
        "text": "March 2020",
        "start": "2020-03-01",
        "end": "2020-03-31",
        "precision": "month",
        "open_ended": False,
        "note": "",
    }

    parsed = FuzzyDate.from_dict(stored)

    assert parsed.revised_from is None
    assert parsed.to_dict() == stored


def test_stored_revision_that_is_not_a_mapping_is_refused() -> None:
    with pytest.raises(ValueError, match="Not a stored fuzzy date"):
        FuzzyDate.from_dict({"text": "June 2024 (was March 2024)", "revised_from": "March"})


PLAN_RELATIVE: list[Row] = [
    ("Year 1", D(2024, 4, 1), D(2025, 3, 31), P.FINANCIAL_YEAR),
    ("Year 2 of the plan", D(2025, 4, 1), D(2026, 3, 31), P.FINANCIAL_YEAR),
    ("Year two of the Council Plan", D(2025, 4, 1), D(2026, 3, 31), P.FINANCIAL_YEAR),
    ("the first year of the plan", D(2024, 4, 1), D(2025, 3, 31), P.FINANCIAL_YEAR),
    ("Years 1-2", D(2024, 4, 1), D(2026, 3, 31), P.FINANCIAL_YEAR),
    ("Years 2 to 4", D(2025, 4, 1), D(2028, 3, 31), P.FINANCIAL_YEAR),
    ("Within 6 months", D(2024, 4, 1), D(2024, 9, 30), P.MONTH),
    ("Within 18 months", D(2024, 4, 1), D(2025, 9, 30), P.MONTH),
    ("within twelve months", D(2024, 4, 1), D(2025, 3, 31), P.MONTH),
    ("Within two years", D(2024, 4, 1), D(2026, 3, 31), P.FINANCIAL_YEAR),
    ("In the first 100 days", D(2024, 4, 1), D(2024, 7, 9), P.DAY),
    ("By the end of year 3", D(2027, 3, 1), D(2027, 3, 31), P.MONTH),
    ("Q2 of year 2", D(2025, 7, 1), D(2025, 9, 30), P.QUARTER),
    ("Year 1 Q2", D(2024, 7, 1), D(2024, 9, 30), P.QUARTER),
    ("Within 3 months of adoption", D(2024, 4, 1), D(2024, 6, 30), P.MONTH),
    ("Year 1 and ongoing", D(2024, 4, 1), None, P.FINANCIAL_YEAR),
]


@pytest.mark.parametrize(("text", "start", "end", "precision"), PLAN_RELATIVE)
def test_timescale_relative_to_the_plan_counts_from_its_start(
    text: str, start: date, end: date | None, precision: Precision
) -> None:
    parsed = parse_fuzzy_date(text, plan_start=PLAN_START)

    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


@pytest.mark.parametrize(("text", "start", "end", "precision"), PLAN_RELATIVE)
def test_timescale_relative_to_the_plan_is_unknown_without_the_plan(
    text: str, start: date, end: date | None, precision: Precision
) -> None:
    parsed = parse_fuzzy_date(text)

    if "ongoing" in text:
        assert (parsed.precision, parsed.start, parsed.end) == (P.OPEN, None, None)
    else:
        assert parsed == FuzzyDate(text, None, None, P.UNKNOWN, False, text)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("By the end of the Council Plan", D(2027, 3, 1), D(2027, 3, 31), P.MONTH),
        ("end of the plan period", D(2027, 3, 1), D(2027, 3, 31), P.MONTH),
        ("Ongoing to the end of the plan", None, D(2027, 3, 31), P.MONTH),
    ],
)
def test_end_of_the_plan_is_its_last_month_when_the_plan_end_is_known(
    text: str, start: date | None, end: date, precision: Precision
) -> None:
    parsed = parse_fuzzy_date(text, plan_start=PLAN_START, period_end=D(2027, 3, 31))

    assert (parsed.start, parsed.end, parsed.precision) == (start, end, precision)
    assert parse_fuzzy_date(text).end is None


def test_year_2_of_a_plan_is_its_second_financial_year() -> None:
    # Peak District National Park Authority: "Authority Plan 2023-28 Update and Year 2 Look
    # Forward (2024/25 ...)": Year 2 of a plan from 2023/24 is 2024/25.
    parsed = parse_fuzzy_date("Year 2", plan_start=D(2023, 4, 1))

    assert (parsed.start, parsed.end) == (D(2024, 4, 1), D(2025, 3, 31))


def test_plan_year_of_a_plan_starting_in_january_is_a_calendar_year() -> None:
    parsed = parse_fuzzy_date("Year 2", plan_start=D(2025, 1, 1))

    assert (parsed.start, parsed.end, parsed.precision) == (
        D(2026, 1, 1),
        D(2026, 12, 31),
        P.YEAR,
    )


@pytest.mark.parametrize(
    "text",
    [
        "-",
        "Tbc",
        "Medium term",
        "1-2 years",
        "By Q4",
        "End of Quarter 2",
        "10-11",
        "Spring",
        "Phase 2",
    ],
)
def test_text_without_a_year_or_plan_gives_no_dates(text: str) -> None:
    parsed = parse_fuzzy_date(text)

    assert (parsed.start, parsed.end, parsed.precision, parsed.text) == (
        None,
        None,
        P.UNKNOWN,
        text,
    )


def test_year_on_its_own_stays_a_calendar_year_after_a_word() -> None:
    _check("Year 2024 review", D(2024, 1, 1), D(2024, 12, 31), P.YEAR)


# ---- properties ----------------------------------------------------------------------------

FINANCIAL_YEAR_SPELLINGS = [
    "{y}/{n:02d}",
    "{y}-{n:02d}",
    "{y}/{y1}",
    "{y2:02d}/{n:02d}",
    "FY{n:02d}",
    "FY {y1}",
    "FY{y2:02d}-{n:02d}",
    "financial year {y}/{n:02d}",
]
# After a quarter, a bare pair of two-digit years with a dash is a financial year too.
QUARTER_YEAR_SPELLINGS = [*FINANCIAL_YEAR_SPELLINGS, "{y2:02d}-{n:02d}"]
# Two-digit years 70-99 are read as the 1900s.
TWO_DIGIT_YEARS = st.integers(2000, 2068)
QUARTER_SPELLINGS = [
    "Q{q} {fy}",
    "Q{q}{fy_sep}{fy}",
    "Qtr {q} {fy}",
    "Qtr{q} {fy}",
    "Quarter {q} {fy}",
    "Quarter {q} of {fy}",
    "{ordinal} quarter {fy}",
    "{ordinal} quarter of {fy}",
    "{ordinal_word} quarter of {fy}",
    "end of Q{q} {fy}",
]
ORDINALS = {1: ("1st", "first"), 2: ("2nd", "second"), 3: ("3rd", "third"), 4: ("4th", "fourth")}


def _financial_year(year: int, spelling: str) -> str:
    return spelling.format(y=year, y1=year + 1, y2=year % 100, n=(year + 1) % 100)


@given(
    TWO_DIGIT_YEARS,
    st.integers(1, 4),
    st.sampled_from(QUARTER_YEAR_SPELLINGS),
    st.sampled_from(QUARTER_SPELLINGS),
)
def test_every_spelling_of_a_financial_quarter_means_the_same_three_months(
    year: int, quarter: int, year_spelling: str, quarter_spelling: str
) -> None:
    text = quarter_spelling.format(
        q=quarter,
        fy=_financial_year(year, year_spelling),
        fy_sep=" - ",
        ordinal=ORDINALS[quarter][0],
        ordinal_word=ORDINALS[quarter][1],
    )
    first_month = date(year, 4, 1)
    index = first_month.month - 1 + 3 * (quarter - 1)
    start = date(year + index // 12, index % 12 + 1, 1)
    after = date(year + (index + 3) // 12, (index + 3) % 12 + 1, 1)

    parsed = parse_fuzzy_date(text)

    assert (parsed.start, parsed.end, parsed.precision) == (
        start,
        date.fromordinal(after.toordinal() - 1),
        P.QUARTER,
    ), text


@given(TWO_DIGIT_YEARS, st.sampled_from(FINANCIAL_YEAR_SPELLINGS))
def test_every_spelling_of_a_financial_year_means_april_to_march(year: int, spelling: str) -> None:
    parsed = parse_fuzzy_date(_financial_year(year, spelling))

    assert (parsed.start, parsed.end, parsed.precision) == (
        date(year, 4, 1),
        date(year + 1, 3, 31),
        P.FINANCIAL_YEAR,
    )


@given(TWO_DIGIT_YEARS, st.integers(1, 12))
def test_every_spelling_of_a_month_means_the_same_month(year: int, month: int) -> None:
    name = date(year, month, 1).strftime("%B")
    spellings = [
        f"{name} {year}",
        f"{name[:3]} {year}",
        f"{name[:3]}-{year % 100:02d}",
        f"{name[:3]} '{year % 100:02d}",
        f"{month:02d}/{year}",
        f"{month}/{year}",
    ]
    if not 0 < month - year % 100 <= 10:  # "2005-09" is the financial years 2005/06-2008/09
        spellings.append(f"{year}-{month:02d}")
    parsed = {parse_fuzzy_date(text) for text in spellings}

    assert {(p.start, p.end, p.precision) for p in parsed} == {
        (date(year, month, 1), parse_fuzzy_date(f"{name} {year}").end, P.MONTH)
    }


@given(st.dates(date(1990, 1, 1), date(2060, 12, 31)))
def test_every_spelling_of_a_day_means_that_day(day: date) -> None:
    spellings = [
        f"{day.day}/{day.month}/{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        day.isoformat(),
        f"{day.day} {day:%B} {day.year}",
        f"{day:%B} {day.day}, {day.year}",
    ]

    assert {(parse_fuzzy_date(t).start, parse_fuzzy_date(t).end) for t in spellings} == {(day, day)}


PIECES = st.one_of(
    st.sampled_from(["Q1", "Qtr 2", "third quarter", "H2", "first half", "Spring term"]),
    st.sampled_from(["Early", "Mid", "late", "end of", "beginning of", "Year 2", "Years 1-3"]),
    st.sampled_from(["Within 6 months", "FY24", "Nov-23", "06/2024", "30/06/2024"]),
    st.sampled_from(["(was", "originally", "revised to", "now", ")", "-", "to", "/", "of"]),
    st.integers(1990, 2060).map(str),
    st.tuples(st.integers(0, 99), st.integers(0, 99)).map(lambda p: f"{p[0]:02d}/{p[1]:02d}"),
    st.tuples(st.integers(1990, 2060), st.integers(0, 99)).map(lambda p: f"{p[0]}-{p[1]:02d}"),
)
GRAMMAR_LIKE = st.lists(PIECES, max_size=8).map(" ".join)
PLAN_STARTS = st.none() | st.dates(date(1990, 1, 1), date(2060, 12, 31))


@given(st.one_of(st.text(max_size=80), GRAMMAR_LIKE), PLAN_STARTS)
def test_parsing_never_raises_and_start_is_never_after_end(
    text: str, plan_start: date | None
) -> None:
    parsed = parse_fuzzy_date(text, plan_start=plan_start)

    assert parsed.text == text
    for read in (parsed, parsed.revised_from):
        if read is not None and read.start is not None and read.end is not None:
            assert read.start <= read.end
    assert FuzzyDate.from_dict(parsed.to_dict()) == parsed
