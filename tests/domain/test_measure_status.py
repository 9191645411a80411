"""A measure's status from value, target, tolerance, polarity and the organisation's scheme."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.measure_status import (
    DEFAULT_SCHEME,
    ComparisonScheme,
    MeasureScheme,
    SchemeError,
    ToleranceScheme,
    effective_scheme,
    measure_status,
    scheme_from_dict,
)
from councilplan.domain.status import Polarity, RagStatus, StatusResult
from councilplan.domain.units import Unit

N = Decimal
HIGHER, LOWER, NEITHER = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE
FIVE_PERCENT = ToleranceScheme(N(5), relative=True)
TEN_UNITS = ToleranceScheme(N(10))
TEN_PERCENT_OFF = ComparisonScheme(N(10))


@pytest.mark.parametrize(
    ("value", "target", "polarity", "scheme", "expected"),
    [
        (N(100), N(100), HIGHER, DEFAULT_SCHEME, RagStatus.GREEN),
        (N(101), N(100), HIGHER, DEFAULT_SCHEME, RagStatus.GREEN),
        (N("99.9"), N(100), HIGHER, DEFAULT_SCHEME, RagStatus.RED),
        (N(95), N(100), HIGHER, FIVE_PERCENT, RagStatus.AMBER),
        (N("94.9"), N(100), HIGHER, FIVE_PERCENT, RagStatus.RED),
        (N(90), N(100), HIGHER, TEN_UNITS, RagStatus.AMBER),
        (N(89), N(100), HIGHER, TEN_UNITS, RagStatus.RED),
        (N(105), N(100), LOWER, FIVE_PERCENT, RagStatus.AMBER),
        (N(106), N(100), LOWER, FIVE_PERCENT, RagStatus.RED),
        (N(99), N(100), LOWER, FIVE_PERCENT, RagStatus.GREEN),
        (N(-95), N(-100), LOWER, FIVE_PERCENT, RagStatus.AMBER),
        (N(1), N(0), LOWER, FIVE_PERCENT, RagStatus.RED),
        (N(0), N(0), LOWER, FIVE_PERCENT, RagStatus.GREEN),
    ],
)
def test_tolerance_scheme_green_at_target_amber_within_tolerance_red_beyond(
    value: Decimal, target: Decimal, polarity: Polarity, scheme: MeasureScheme, expected: RagStatus
) -> None:
    result = measure_status(value=value, target=target, polarity=polarity, scheme=scheme)

    assert result.status == expected


@pytest.mark.parametrize(
    ("value", "target", "polarity", "last_year", "expected"),
    [
        (N(100), N(100), HIGHER, None, RagStatus.GREEN),
        (N(90), N(100), HIGHER, None, RagStatus.GREEN),
        (N(89), N(100), HIGHER, N(80), RagStatus.AMBER),
        (N(89), N(100), HIGHER, N(89), RagStatus.AMBER),
        (N(89), N(100), HIGHER, N(95), RagStatus.RED),
        (N(89), N(100), HIGHER, None, RagStatus.RED),
        (N(111), N(100), LOWER, N(120), RagStatus.AMBER),
        (N(111), N(100), LOWER, N(105), RagStatus.RED),
        (N(110), N(100), LOWER, N(105), RagStatus.GREEN),
    ],
)
def test_comparison_scheme_judges_a_miss_by_the_same_period_last_year(
    value: Decimal,
    target: Decimal,
    polarity: Polarity,
    last_year: Decimal | None,
    expected: RagStatus,
) -> None:
    result = measure_status(
        value=value,
        target=target,
        polarity=polarity,
        scheme=TEN_PERCENT_OFF,
        same_period_last_year=last_year,
    )

    assert result.status == expected


def test_no_value_is_no_data_with_the_reason_given() -> None:
    result = measure_status(
        value=None, target=N(80), polarity=HIGHER, no_value_reason="No survey in 2020-21"
    )

    assert result == StatusResult(RagStatus.NO_DATA, "No data: No survey in 2020-21")


def test_no_value_without_a_reason_still_says_why() -> None:
    result = measure_status(value=None, target=None, polarity=NEITHER)

    assert result == StatusResult(RagStatus.NO_DATA, "No data: no value reported for this period")


def test_no_target_is_a_normal_state_not_a_colour() -> None:
    result = measure_status(value=N("26466208"), target=None, polarity=HIGHER, unit=Unit.POUNDS)

    assert result == StatusResult(RagStatus.NO_TARGET, "No target set: £26,466,208")


def test_contextual_measure_is_monitored_only_even_with_a_target() -> None:
    result = measure_status(value=N(12910), target=N(20000), polarity=NEITHER)

    assert result.status == RagStatus.GREY
    assert result.explanation.startswith("Monitored only: 12,910")


# Worked examples with real figures from seed 004 (Derby annual performance results 2020/21).


def test_worked_example_tolerance_adults_65_admissions_red_beyond_five_percent() -> None:
    # Adults 65+ whose long-term needs are met by residential or nursing care, per 100,000:
    # Q4 2020/21 620.5 (2019/20: 594.6), lower is better; an illustrative target of 590.
    result = measure_status(
        value=N("620.5"),
        target=N(590),
        polarity=LOWER,
        scheme=FIVE_PERCENT,
        unit=Unit.RATE,
    )

    assert result == StatusResult(
        RagStatus.RED, "Red: 620.5 against a target of 590, lower is better, 5% tolerance"
    )


def test_worked_example_tolerance_older_people_at_home_amber_at_the_edge() -> None:
    # Older people still at home 91 days after discharge: 76% (2019/20: 79%), higher is better.
    result = measure_status(
        value=N(76), target=N(80), polarity=HIGHER, scheme=FIVE_PERCENT, unit=Unit.PERCENT
    )

    assert result == StatusResult(
        RagStatus.AMBER, "Amber: 76% against a target of 80%, higher is better, 5% tolerance"
    )


def test_worked_example_comparison_adults_18_to_64_amber_because_improved() -> None:
    # Adults 18-64 placed in residential or nursing care per 100,000: 20 (2019/20: 21.9).
    result = measure_status(
        value=N(20),
        target=N(17),
        polarity=LOWER,
        scheme=TEN_PERCENT_OFF,
        same_period_last_year=N("21.9"),
    )

    assert result == StatusResult(
        RagStatus.AMBER,
        "Amber: 20 against a target of 17, lower is better, more than 10% off target "
        "but improved on 21.9 a year earlier",
    )


def test_worked_example_comparison_bed_and_breakfast_singles_red_because_worse() -> None:
    # New single households placed in bed and breakfast: 405 (2019/20: 127), lower is better.
    result = measure_status(
        value=N(405),
        target=N(127),
        polarity=LOWER,
        scheme=TEN_PERCENT_OFF,
        same_period_last_year=N(127),
    )

    assert result.status == RagStatus.RED
    assert result.explanation.endswith("and worse than 127 a year earlier")


def test_worked_example_comparison_adults_65_admissions_green_within_ten_percent() -> None:
    result = measure_status(value=N("620.5"), target=N(590), polarity=LOWER, scheme=TEN_PERCENT_OFF)

    assert result == StatusResult(
        RagStatus.GREEN,
        "Green: 620.5 against a target of 590, lower is better, within 10% of target",
    )


def test_decimals_control_how_values_read_in_the_explanation() -> None:
    result = measure_status(value=N("29.333"), target=N(30), polarity=HIGHER, decimals=1)

    assert result.explanation.startswith("Red: 29.3 against a target of 30.0")


@pytest.mark.parametrize(
    "scheme",
    [
        ToleranceScheme(),
        ToleranceScheme(N("2.5")),
        ToleranceScheme(N(5), relative=True),
        ComparisonScheme(),
        ComparisonScheme(N("12.5")),
    ],
)
def test_scheme_round_trips_through_its_stored_dict(scheme: MeasureScheme) -> None:
    assert scheme_from_dict(scheme.to_dict()) == scheme


def test_stored_dict_is_plain_json() -> None:
    assert FIVE_PERCENT.to_dict() == {"rule": "tolerance", "tolerance": "5", "relative": True}
    assert TEN_PERCENT_OFF.to_dict() == {"rule": "comparison", "threshold_percent": "10"}


def test_scheme_from_dict_accepts_json_numbers() -> None:
    assert scheme_from_dict({"rule": "tolerance", "tolerance": 5, "relative": True}) == (
        FIVE_PERCENT
    )
    assert scheme_from_dict({"rule": "comparison"}) == ComparisonScheme(N(10))


@pytest.mark.parametrize(
    ("stored", "message"),
    [
        ({}, '"rule" must be one of'),
        ({"rule": "traffic lights"}, '"rule" must be one of'),
        ({"rule": "tolerance", "tolerance": "lots"}, "must be a number"),
        ({"rule": "tolerance", "tolerance": -1}, "zero or more"),
        ({"rule": "tolerance", "tolerance": "NaN"}, "zero or more"),
        ({"rule": "tolerance", "tolerance": True}, "must be a number"),
        ({"rule": "tolerance", "relative": "yes"}, "true or false"),
        ({"rule": "comparison", "tolerance": 5}, "has no setting tolerance"),
    ],
)
def test_scheme_from_dict_explains_what_is_wrong(stored: dict[str, object], message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        scheme_from_dict(stored)


def test_measure_scheme_overrides_the_organisation_scheme() -> None:
    organisation = {"rule": "comparison", "threshold_percent": "10"}
    measure = {"rule": "tolerance", "tolerance": "3", "relative": False}

    assert effective_scheme(organisation, measure) == ToleranceScheme(N(3))
    assert effective_scheme(organisation, None) == ComparisonScheme(N(10))
    assert effective_scheme(None, None) == DEFAULT_SCHEME


VALUES = st.integers(-(10**6), 10**6).map(lambda n: Decimal(n) / 100)
SCHEMES = st.one_of(
    st.builds(ToleranceScheme, st.integers(0, 2000).map(lambda n: Decimal(n) / 100), st.booleans()),
    st.builds(ComparisonScheme, st.integers(0, 3000).map(lambda n: Decimal(n) / 100)),
)


@given(VALUES, VALUES, st.none() | VALUES, SCHEMES)
def test_status_is_unchanged_by_swapping_polarity_and_negating_values(
    value: Decimal, target: Decimal, last_year: Decimal | None, scheme: MeasureScheme
) -> None:
    higher = measure_status(
        value=value,
        target=target,
        polarity=HIGHER,
        scheme=scheme,
        same_period_last_year=last_year,
    )
    lower = measure_status(
        value=-value,
        target=-target,
        polarity=LOWER,
        scheme=scheme,
        same_period_last_year=None if last_year is None else -last_year,
    )

    assert higher.status == lower.status


@given(VALUES, VALUES, SCHEMES)
def test_meeting_the_target_is_always_green(
    target: Decimal, margin: Decimal, scheme: MeasureScheme
) -> None:
    better = target + abs(margin)

    result = measure_status(value=better, target=target, polarity=HIGHER, scheme=scheme)

    assert result.status == RagStatus.GREEN
    assert result.explanation.startswith("Green: ")
