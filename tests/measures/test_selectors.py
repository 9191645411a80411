"""Measure results: statuses and directions computed from stored values, targets and schemes."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.domain.trends import Direction
from councilplan.measures.models import Measure, Target
from councilplan.measures.selectors import measure_results
from tests.factories import MeasureFactory, ObservationFactory, OrganisationFactory, TargetFactory

pytestmark = pytest.mark.django_db
Y2019, Y2020 = Period.parse("2019/20"), Period.parse("2020/21")


def adults_65_admissions(**fields) -> Measure:
    """Derby's 2020/21 result (seed 004): 594.6 -> 620.5 per 100,000, lower is better."""
    measure = MeasureFactory(
        title="Adults aged 65 and over whose long term care needs are met through residential or "
        "nursing care per 100,000 population",
        unit="rate",
        rate_per=100_000,
        decimals=1,
        polarity="lower",
        frequency="annual",
        **fields,
    )
    ObservationFactory(measure=measure, period=Y2019, value=Decimal("594.6"))
    ObservationFactory(measure=measure, period=Y2020, value=Decimal("620.5"))
    return measure


def test_worsening_rate_with_no_target_reads_no_target_set() -> None:
    measure = adults_65_admissions()
    [result] = measure_results(Measure.objects.filter(pk=measure.pk), Y2020)
    assert result.status.status == RagStatus.NO_TARGET
    assert result.since_last_year.direction == Direction.WORSENING
    assert result.since_previous.direction == Direction.WORSENING
    assert "620.5 against 594.6" in result.since_last_year.explanation


@pytest.mark.parametrize(
    ("tolerance", "expected"),
    [
        pytest.param(None, RagStatus.RED, id="no tolerance"),
        pytest.param(Decimal("5"), RagStatus.RED, id="5% tolerance: 620.5 is 5.2% over"),
        pytest.param(Decimal("6"), RagStatus.AMBER, id="6% tolerance"),
    ],
)
def test_target_tolerance_decides_amber_or_red(tolerance, expected) -> None:
    measure = adults_65_admissions()
    TargetFactory(
        measure=measure,
        period=Y2020,
        value=Decimal("590"),
        tolerance=tolerance,
        tolerance_is_percent=True,
    )
    [result] = measure_results([measure], Y2020)
    assert result.status.status == expected
    assert "620.5 against a target of 590" in result.status.explanation


def test_organisation_comparison_scheme_gives_amber_when_improved_on_last_year() -> None:
    org = OrganisationFactory(
        measure_status_scheme={"rule": "comparison", "threshold_percent": "10"}
    )
    measure = MeasureFactory(organisation=org, polarity="higher", frequency="annual")
    ObservationFactory(measure=measure, period=Y2019, value=Decimal("60"))
    ObservationFactory(measure=measure, period=Y2020, value=Decimal("70"))
    TargetFactory(measure=measure, period=Y2020, value=Decimal("100"))
    [result] = measure_results([measure], Y2020)
    assert result.status.status == RagStatus.AMBER


def test_measure_scheme_overrides_the_organisation_scheme() -> None:
    org = OrganisationFactory(measure_status_scheme={"rule": "comparison"})
    measure = MeasureFactory(
        organisation=org, status_scheme={"rule": "tolerance"}, frequency="annual"
    )
    ObservationFactory(measure=measure, period=Y2019, value=Decimal("60"))
    ObservationFactory(measure=measure, period=Y2020, value=Decimal("95"))
    TargetFactory(measure=measure, period=Y2020, value=Decimal("100"))
    [result] = measure_results([measure], Y2020)
    assert result.status.status == RagStatus.RED


def test_no_survey_reason_is_shown_as_no_data() -> None:
    measure = MeasureFactory(title="Social Care Quality of Life", frequency="annual")
    ObservationFactory(
        measure=measure, period=Y2020, value=None, no_value_reason="No survey in 2020-21"
    )
    [result] = measure_results([measure], Y2020)
    assert result.status.status == RagStatus.NO_DATA
    assert "No survey in 2020-21" in result.status.explanation


def test_rate_is_computed_from_numerator_and_denominator() -> None:
    measure = MeasureFactory(unit="rate", rate_per=100_000, polarity="lower")
    ObservationFactory(
        measure=measure,
        period=Y2020,
        value=None,
        numerator=Decimal("287"),
        denominator=Decimal("46253"),
    )
    Target.objects.create(measure=measure, period=Y2020, value=Decimal("650"))
    [result] = measure_results([measure], Y2020)
    assert result.observation.figure.quantize(Decimal("0.1")) == Decimal("620.5")
    assert result.status.status == RagStatus.GREEN


def test_queries_do_not_grow_with_the_number_of_measures() -> None:
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            measure_results(Measure.objects.all(), Y2020)
        return len(queries)

    adults_65_admissions()
    few = count_queries()
    for _ in range(5):
        adults_65_admissions()
    # The measures, the reporting periods (which are locked), the values and the targets.
    assert count_queries() == few == 4
