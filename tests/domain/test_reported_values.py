"""Reading measure values as results reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.reported_values import (
    ReportedValue,
    fold_broken_hyphens,
    parse_reported_value,
)
from councilplan.domain.units import Unit, format_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1,490,000 (Q3 data)", ReportedValue(Decimal(1490000), Unit.POUNDS, 0, "Q3 data")),
        ("£26,466,208", ReportedValue(Decimal(26466208), Unit.POUNDS)),
        ("81%", ReportedValue(Decimal(81), Unit.PERCENT)),
        ("29.3%", ReportedValue(Decimal("29.3"), Unit.PERCENT, 1)),
        ("26 days", ReportedValue(Decimal(26), Unit.DAYS)),
        ("10.5 days", ReportedValue(Decimal("10.5"), Unit.DAYS, 1)),
        ("1 day", ReportedValue(Decimal(1), Unit.DAYS)),
        ("2,531", ReportedValue(Decimal(2531), Unit.NUMBER)),
        ("594.6", ReportedValue(Decimal("594.6"), Unit.NUMBER, 1)),
        ("-1.41", ReportedValue(Decimal("-1.41"), Unit.NUMBER, 2)),
        ("\u22120.6", ReportedValue(Decimal("-0.6"), Unit.NUMBER, 1)),
        ("-£5", ReportedValue(Decimal(-5), Unit.POUNDS)),
        ("0.22", ReportedValue(Decimal("0.22"), Unit.NUMBER, 2)),
        (
            "1,035 (rolling 12 months)",
            ReportedValue(Decimal(1035), Unit.NUMBER, 0, "rolling 12 months"),
        ),
    ],
)
def test_a_number_is_read_with_its_unit_decimals_and_note(
    text: str, expected: ReportedValue
) -> None:
    assert parse_reported_value(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("No survey in 2020- 21", "No survey in 2020-21"),
        ("No survey in 2020 - 21", "No survey in 2020 - 21"),
        ("Data due April 2021", "Data due April 2021"),
        ("Not measured this year", "Not measured this year"),
        ("Next survey planned for 2021/22", "Next survey planned for 2021/22"),
        ("No data collected in 2020-21", "No data collected in 2020-21"),
        ("  No   survey in\n2020-  21 ", "No survey in 2020-21"),
        ("1.4.1", "1.4.1"),
        ("(Q3 data)", "(Q3 data)"),
    ],
)
def test_text_that_is_not_a_number_is_the_reason_there_is_no_value(text: str, reason: str) -> None:
    read = parse_reported_value(text)

    assert (read.value, read.unit, read.no_value_reason) == (None, None, reason)
    assert not read.is_nothing


@pytest.mark.parametrize("text", ["", "  ", "-", "\u2013", "--"])
def test_an_empty_cell_or_a_dash_reports_nothing(text: str) -> None:
    assert parse_reported_value(text).is_nothing


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("purchase-to- pay", "purchase-to-pay"),
        ("2020- 21", "2020-21"),
        ("score - EHCP", "score - EHCP"),
        ("Excluding schools -", "Excluding schools -"),
    ],
)
def test_broken_hyphens_are_joined_only_between_word_characters(text: str, folded: str) -> None:
    assert fold_broken_hyphens(text) == folded


@given(st.text())
def test_parsing_never_raises_and_reads_a_value_or_a_reason_or_nothing(text: str) -> None:
    read = parse_reported_value(text)

    assert (read.value is None) == (read.unit is None)
    assert not (read.value is not None and read.no_value_reason)


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False),
    st.sampled_from([Unit.NUMBER, Unit.PERCENT, Unit.POUNDS, Unit.DAYS]),
)
def test_a_value_written_as_reports_write_it_reads_back(value: Decimal, unit: Unit) -> None:
    read = parse_reported_value(format_value(value, unit, decimals=2))

    assert (read.value, read.unit, read.decimals) == (value.quantize(Decimal("0.01")), unit, 2)
