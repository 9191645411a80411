"""Targets across frequencies through the selectors: a year's target serving its quarters, the
year to date of a sum against the profiled target, targets ahead, suspended targets."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from councilplan.domain.periods import Aggregation, Period
from councilplan.domain.status import RagStatus
from councilplan.domain.targets import TargetBasis
from councilplan.domain.trends import Direction
from councilplan.measures.models import Measure
from councilplan.measures.selectors import measure_results, results_by_period
from tests.factories import MeasureFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db
N = Decimal
FY20 = Period.financial_year(2020)
QUARTERS = [Period.quarter(2020, n) for n in range(1, 5)]


def households(**fields) -> Measure:
    """Households in temporary accommodation: lower is better, the year is the latest value."""
    measure = MeasureFactory(
        polarity="lower", frequency="quarterly", aggregation="latest", **fields
    )
    for quarter in QUARTERS:
        ObservationFactory(measure=measure, period=quarter, value=N(95))
    return measure


def homes(quarterly: list[int], **fields) -> Measure:
    """Homes delivered: higher is better, the year is the sum of its quarters."""
    measure = MeasureFactory(polarity="higher", frequency="quarterly", aggregation="sum", **fields)
    for quarter, value in zip(QUARTERS, quarterly, strict=False):
        ObservationFactory(measure=measure, period=quarter, value=N(value))
    return measure


def test_a_year_target_serves_each_quarter_of_a_latest_value_measure() -> None:
    measure = households()
    TargetFactory(measure=measure, period=FY20, value=N(100))
    results = results_by_period(measure, QUARTERS)
    for quarter in QUARTERS:
        result = results[quarter]
        assert result.status.status == RagStatus.GREEN
        assert "95 against the 2020/21 target of 100" in result.status.explanation
        assert (result.value, result.target_value) == (N(95), N(100))
        assert result.target_basis == TargetBasis.YEAR
        assert result.target is not None
        assert result.target.period == FY20


def test_a_quarters_own_target_wins_over_the_years() -> None:
    measure = households()
    TargetFactory(measure=measure, period=FY20, value=N(100))
    TargetFactory(measure=measure, period=QUARTERS[2], value=N(90))
    [result] = measure_results([measure], QUARTERS[2])
    assert (result.status.status, result.target_value) == (RagStatus.RED, N(90))
    assert result.target_basis == TargetBasis.OWN


def test_homes_to_q2_are_judged_against_the_target_profiled_to_date() -> None:
    measure = homes([90, 110])
    TargetFactory(measure=measure, period=FY20, value=N(400))
    [result] = measure_results([measure], QUARTERS[1])
    assert result.status.status == RagStatus.GREEN
    assert result.status.explanation.startswith(
        "Green: 200 in the year to 2020/21 Q2 against 200 profiled (400 for 2020/21)"
    )
    assert (result.value, result.year_to_date, result.period_value) == (N(200), N(200), N(110))
    assert result.target_value == N(200)
    assert result.target_basis == TargetBasis.PROFILED


def test_a_measures_profile_sets_the_target_to_date() -> None:
    measure = homes([90, 80], target_profile=[20, 25, 25, 30])
    TargetFactory(measure=measure, period=FY20, value=N(400))
    [result] = measure_results([measure], QUARTERS[1])
    assert result.target_value == N(180)
    assert result.status.status == RagStatus.RED
    assert "against 180 profiled 20/25/25/30 (400 for 2020/21)" in result.status.explanation


def test_a_sum_measures_direction_compares_the_year_to_date_with_the_same_point_last_year() -> None:
    measure = homes([90, 110])
    for n, value in ((1, 50), (2, 60), (3, 500)):
        ObservationFactory(measure=measure, period=Period.quarter(2019, n), value=N(value))
    [result] = measure_results([measure], QUARTERS[1])
    assert result.since_last_year.direction == Direction.IMPROVING
    assert "200 against 110 in the year to 2019/20 Q2" in result.since_last_year.explanation


def test_a_suspended_year_is_neither_red_nor_no_target() -> None:
    measure = households()
    TargetFactory(
        measure=measure, period=FY20, value=None, suspended_reason="not set due to COVID-19"
    )
    results = results_by_period(measure, QUARTERS)
    for result in results.values():
        assert result.status.status == RagStatus.TARGET_SUSPENDED
        assert result.status.explanation == "Target suspended: not set due to COVID-19 (value 95)"
        assert result.target_value is None
        assert result.target_basis == TargetBasis.SUSPENDED


def test_a_target_ahead_with_and_without_interpolation() -> None:
    measure = MeasureFactory(polarity="higher", frequency="quarterly", aggregation="latest")
    ObservationFactory(measure=measure, period=Period.quarter(2023, 2), value=N(44))
    target = TargetFactory(
        measure=measure, period=Period.financial_year(2024), value=N(50), baseline=N(40)
    )
    [ahead] = measure_results([measure], Period.quarter(2023, 2))
    assert ahead.status.status == RagStatus.NO_TARGET
    assert ahead.status.explanation == "No target set for 2023/24 Q2; 50 by March 2025 (value 44)"
    target.baseline_year, target.interpolate = 2021, True
    target.save()
    [line] = measure_results([measure], Period.quarter(2023, 2))
    assert (line.status.status, line.target_value) == (RagStatus.RED, N(45))
    assert "44 against 45, on the way from 40 in 2021/22 to 50 by March 2025" in (
        line.status.explanation
    )
    assert line.target_basis == TargetBasis.INTERPOLATED


def test_a_target_has_a_value_or_a_suspension_reason() -> None:
    measure = MeasureFactory()
    with transaction.atomic(), pytest.raises(IntegrityError):
        TargetFactory(measure=measure, period=FY20, value=None, suspended_reason="")
    with transaction.atomic(), pytest.raises(IntegrityError):
        TargetFactory(measure=measure, period=FY20, value=N(1), suspended_reason="COVID-19")


def test_interpolation_needs_a_baseline() -> None:
    with transaction.atomic(), pytest.raises(IntegrityError):
        TargetFactory(period=FY20, interpolate=True, baseline=N(40))


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ([50, 50], "4 parts"),
        ([20, 25, 25, 25], "add up to 100%"),
        ("20/25/25/30", "list of percentages"),
    ],
)
def test_a_target_profile_is_validated_naming_the_field(profile: object, message: str) -> None:
    measure = MeasureFactory.build(target_profile=profile)
    with pytest.raises(ValidationError) as raised:
        measure.full_clean(exclude=["organisation"])
    assert "target_profile" in raised.value.message_dict
    assert message in " ".join(raised.value.message_dict["target_profile"])


def test_year_targets_and_earlier_values_are_read_in_a_fixed_number_of_queries() -> None:
    def queries(count: int) -> int:
        for _ in range(count):
            measure = homes([90, 110, 100])
            TargetFactory(measure=measure, period=FY20, value=N(400))
        with CaptureQueriesContext(connection) as captured:
            measure_results(Measure.objects.all(), QUARTERS[2])
        return len(captured)

    assert queries(1) == queries(5)


@pytest.mark.parametrize(
    ("aggregation", "quarterly", "expected"),
    [
        pytest.param("sum", [90, 110, 100, 80], N(380), id="sum of the quarters"),
        pytest.param("latest", [90, 110, 100, 80], N(80), id="the latest quarter"),
        pytest.param("average", [90, 110, 100, 80], N(95), id="the average of the quarters"),
        pytest.param("sum", [90, 110, 100], None, id="not before the last quarter"),
    ],
)
def test_a_quarterly_measures_year_is_worked_out_from_its_quarters(
    aggregation: str, quarterly: list[int], expected: Decimal | None
) -> None:
    measure = MeasureFactory(polarity="higher", frequency="quarterly", aggregation=aggregation)
    for quarter, value in zip(QUARTERS, quarterly, strict=False):
        ObservationFactory(measure=measure, period=quarter, value=N(value))
    TargetFactory(measure=measure, period=FY20, value=N(400))
    [result] = measure_results([measure], FY20)
    assert (result.value, result.period_value, result.year_to_date) == (expected, expected, None)
    assert result.observation is None
    if expected is not None:
        assert (
            f"for the year ({Aggregation(aggregation).label.lower()}) against a target of 400"
            in (result.status.explanation)
        )
    else:
        assert result.status.status == RagStatus.NO_DATA


def test_a_years_own_value_wins_over_its_quarters() -> None:
    measure = homes([90, 110, 100, 80])
    ObservationFactory(measure=measure, period=FY20, value=N(390))
    [result] = measure_results([measure], FY20)
    assert result.value == N(390)
