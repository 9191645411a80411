"""Direction of travel, rates per head of population and stretch targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.status import Polarity
from councilplan.domain.trends import (
    Direction,
    DirectionResult,
    direction_of_travel,
    explain_direction,
    rate,
    stretch_achievement,
)
from councilplan.domain.units import Unit

N = Decimal


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        (N(80), N(79), Polarity.HIGHER, Direction.IMPROVING),
        (N(76), N(79), Polarity.HIGHER, Direction.WORSENING),
        (N(20), N("21.9"), Polarity.LOWER, Direction.IMPROVING),
        (N("620.5"), N("594.6"), Polarity.LOWER, Direction.WORSENING),
        (N(97), N(97), Polarity.HIGHER, Direction.NO_CHANGE),
        (N(97), N(97), Polarity.NONE, Direction.NO_CHANGE),
        (N(12910), N(24497), Polarity.NONE, Direction.NOT_COMPARABLE),
        (None, N("18.9"), Polarity.HIGHER, Direction.NOT_COMPARABLE),
        (N("18.9"), None, Polarity.HIGHER, Direction.NOT_COMPARABLE),
    ],
)
def test_direction_of_travel_honours_polarity(
    current: Decimal | None, previous: Decimal | None, polarity: Polarity, expected: Direction
) -> None:
    assert direction_of_travel(current, previous, polarity) == expected


def test_small_changes_can_count_as_no_change() -> None:
    assert (
        direction_of_travel(N("97.5"), N(97), Polarity.HIGHER, no_change_within=N("0.5"))
        == Direction.NO_CHANGE
    )
    assert (
        direction_of_travel(N("97.6"), N(97), Polarity.HIGHER, no_change_within=N("0.5"))
        == Direction.IMPROVING
    )


def test_worked_example_adults_65_admissions_worsening_on_last_year() -> None:
    # Seed 004: adults aged 65+ placed in residential or nursing care per 100,000,
    # 594.6 in 2019/20 and 620.5 in Q4 2020/21; lower is better.
    result = explain_direction(
        N("620.5"),
        N("594.6"),
        Polarity.LOWER,
        compared_with="the same period last year",
        unit=Unit.RATE,
    )

    assert result == DirectionResult(
        Direction.WORSENING,
        "Worsening: 620.5 against 594.6 in the same period last year, lower is better",
    )


def test_explanation_says_which_value_is_missing() -> None:
    result = explain_direction(None, N("18.9"), Polarity.HIGHER)

    assert result.explanation == "Not comparable: no value for this period"


def test_explanation_for_a_contextual_measure_says_neither_way_is_better() -> None:
    result = explain_direction(N(12910), N(24497), Polarity.NONE)

    assert result.explanation == (
        "Not comparable: 12,910 against 24,497 in the previous period, neither way is better"
    )


VALUES = st.integers(-(10**6), 10**6).map(lambda n: Decimal(n) / 100)


@given(st.none() | VALUES, st.none() | VALUES, st.sampled_from(list(Polarity)), VALUES)
def test_direction_of_travel_is_antisymmetric(
    current: Decimal | None, previous: Decimal | None, polarity: Polarity, within: Decimal
) -> None:
    forwards = direction_of_travel(current, previous, polarity, no_change_within=abs(within))
    backwards = direction_of_travel(previous, current, polarity, no_change_within=abs(within))

    assert backwards == forwards.opposite


@given(VALUES, VALUES)
def test_swapping_polarity_reverses_a_direction(current: Decimal, previous: Decimal) -> None:
    higher = direction_of_travel(current, previous, Polarity.HIGHER)

    assert direction_of_travel(current, previous, Polarity.LOWER) == higher.opposite


@pytest.mark.parametrize(
    ("numerator", "denominator", "per", "expected"),
    [
        (N(280), N(45125), 100_000, N("620.4986")),
        (N(491), N(50000), 10_000, N("98.2")),
        (N(3), N(4), 100, N(75)),
        (N(5), N(0), 100_000, None),
    ],
)
def test_rate_from_numerator_and_denominator(
    numerator: Decimal, denominator: Decimal, per: int, expected: Decimal | None
) -> None:
    result = rate(numerator, denominator, per)

    if expected is None:
        assert result is None
    else:
        assert result is not None
        assert result.quantize(N("0.0001")) == expected


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "share", "met"),
    [
        (N(50), N(60), N(56), N("0.6"), True),
        (N(50), N(60), N("55.9"), N("0.59"), False),
        (N(120), N(100), N(108), N("0.6"), True),
        (N(120), N(100), N(125), N("-0.25"), False),
        (N(50), N(60), N(65), N("1.5"), True),
    ],
)
def test_stretch_achievement_is_the_share_of_agreed_improvement(
    baseline: Decimal, target: Decimal, actual: Decimal, share: Decimal, met: bool
) -> None:
    result = stretch_achievement(baseline, target, actual)

    assert (result.share, result.met) == (share, met)


def test_stretch_explanation_states_share_and_reward_threshold() -> None:
    result = stretch_achievement(N(120), N(100), N(108))

    assert result.explanation == (
        "60.0% of the agreed improvement from 120 to 100 achieved (108); "
        "60% needed: reward threshold met"
    )


def test_stretch_reward_threshold_is_configurable() -> None:
    assert not stretch_achievement(N(50), N(60), N(56), reward_threshold=N("0.75")).met


def test_stretch_without_agreed_improvement_has_no_share() -> None:
    result = stretch_achievement(N(50), N(50), N(56))

    assert (result.share, result.met) == (None, False)
