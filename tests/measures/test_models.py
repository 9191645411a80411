"""Measures hold targets, observations and comparators per period; the database refuses bad ones."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from councilplan.domain.periods import Period
from councilplan.measures.models import ComparatorValue, Measure, Observation, Target
from tests.factories import ActionFactory, MeasureFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def test_measure_with_targets_observations_and_comparators_reads_back() -> None:
    action = ActionFactory()
    measure = Measure.objects.create(
        organisation=action.plan.organisation,
        code="ASCOF 2A(2)",
        national_id="ASCOF 2A(2)",
        title="Adults aged 65+ whose long term care needs are met in residential or nursing care",
        unit="rate",
        rate_per=100_000,
        rate_population="aged 65+",
        decimals=1,
        polarity="lower",
        frequency="annual",
    )
    measure.actions.add(action)
    year = Period.parse("2020/21")
    Target.objects.create(
        measure=measure,
        period=year,
        value=Decimal("590"),
        tolerance=Decimal("5"),
        tolerance_is_percent=True,
    )
    Observation.objects.create(measure=measure, period=year.previous(), value=Decimal("594.6"))
    Observation.objects.create(
        measure=measure,
        period=year,
        value=Decimal("620.5"),
        numerator=Decimal("287"),
        denominator=Decimal("46253"),
        data_note="provisional",
        is_provisional=True,
    )
    Observation.objects.create(
        measure=measure, period=Period.parse("2021/22"), no_value_reason="Data due April 2023"
    )
    ComparatorValue.objects.create(
        measure=measure,
        period=year,
        kind="national",
        area_name="England",
        gss_code="E92000001",
        value=Decimal("498.2"),
    )

    read = Measure.objects.get(code="ASCOF 2A(2)")
    assert read.actions.get() == action
    assert [(o.period.code, o.value, o.no_value_reason) for o in read.observations.all()] == [
        ("2019/20", Decimal("594.6"), ""),
        ("2020/21", Decimal("620.5"), ""),
        ("2021/22", None, "Data due April 2023"),
    ]
    target = read.targets.get()
    assert (target.period, target.value, target.tolerance, target.tolerance_is_percent) == (
        year,
        Decimal("590"),
        Decimal("5"),
        True,
    )
    assert read.comparator_values.get().gss_code == "E92000001"


@pytest.mark.parametrize(
    ("make", "constraint"),
    [
        pytest.param(
            lambda m: ObservationFactory(measure=m),
            "observation_version_once_per_period",
            id="observation",
        ),
        pytest.param(lambda m: TargetFactory(measure=m), "target_once_per_period", id="target"),
    ],
)
def test_one_value_and_one_target_per_measure_and_period(make, constraint) -> None:
    measure = MeasureFactory()
    make(measure)
    with pytest.raises(IntegrityError), transaction.atomic():
        make(measure)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param(
            {"value": None}, "observation_value_xor_reason", id="neither value nor reason"
        ),
        pytest.param(
            {"no_value_reason": "No survey"},
            "observation_value_xor_reason",
            id="both value and reason",
        ),
        pytest.param(
            {"period_kind": "quarter", "period_number": 5},
            "period_number_fits_kind",
            id="quarter 5",
        ),
        pytest.param(
            {"period_kind": "year", "period_number": 3},
            "period_number_fits_kind",
            id="year with number",
        ),
        pytest.param({"denominator": 0}, "observation_denominator_not_zero", id="zero denominator"),
    ],
)
def test_observation_checks_refuse_impossible_values(fields, constraint) -> None:
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ObservationFactory(**fields)


def test_rate_measure_must_say_per_how_many() -> None:
    with pytest.raises(IntegrityError, match="measure_rate_has_base"), transaction.atomic():
        MeasureFactory(unit="rate")


@pytest.mark.django_db(transaction=True)
def test_observation_of_missing_measure_is_refused_at_commit() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(measure_id=424242, period=Period.parse("2020/21"), value=1)
    assert not Observation.objects.exists()
