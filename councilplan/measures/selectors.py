"""Reads of measures with their computed status and direction of travel for a period.

Statuses are never typed in: they come from the value, the target, the polarity and the
organisation's (or the measure's own) status scheme, through ``councilplan.domain``. The
queries here do not grow with the number of measures: one for the measures, one for the
values of the three periods compared, one for the targets.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from councilplan.core.models import ReviewState, period_lookup
from councilplan.domain.measure_status import ToleranceScheme, effective_scheme, measure_status
from councilplan.domain.periods import Period
from councilplan.domain.status import Polarity, StatusResult
from councilplan.domain.trends import DirectionResult, explain_direction
from councilplan.domain.units import Unit

from .models import Measure, Observation, Target


@dataclass(frozen=True)
class MeasureResult:
    """A measure in one period: its value and target, status, and directions of travel."""

    measure: Measure
    period: Period
    observation: Observation | None
    target: Target | None
    status: StatusResult
    since_previous: DirectionResult
    since_last_year: DirectionResult


def measure_results(
    measures: QuerySet[Measure] | Iterable[Measure], period: Period
) -> list[MeasureResult]:
    """Each measure's result for ``period``, compared with the previous period and last year."""
    measures = list(
        measures.select_related("organisation") if isinstance(measures, QuerySet) else measures
    )
    previous, last_year = period.previous(), period.same_period_last_year()
    periods = {period, previous, last_year}
    in_periods = Q()
    for p in periods:
        in_periods |= Q(**period_lookup(p))
    approved = Observation.objects.filter(
        in_periods, measure__in=measures, state=ReviewState.APPROVED
    ).select_related("measure")
    # Ordered by version, so the latest approved version of each period wins.
    observations = {(o.measure_id, o.period): o for o in approved.order_by("version")}
    targets = {
        t.measure_id: t
        for t in Target.objects.filter(measure__in=measures, **period_lookup(period))
    }
    return [
        _result(
            m,
            period=period,
            observations=observations,
            target=targets.get(m.pk),
            previous=previous,
            last_year=last_year,
        )
        for m in measures
    ]


def results_by_period(measure: Measure, periods: Iterable[Period]) -> dict[Period, MeasureResult]:
    """One measure's result for each of ``periods`` (its chart and table of values), from one
    read of its approved values and one of its targets, however many periods it has."""
    observations = {}
    for o in Observation.objects.filter(measure=measure, state=ReviewState.APPROVED).order_by(
        "version"
    ):
        o.measure = measure  # its figure may need the measure's unit: no query per value
        observations[(o.measure_id, o.period)] = o
    targets = {t.period: t for t in Target.objects.filter(measure=measure)}
    return {
        period: _result(
            measure,
            period=period,
            observations=observations,
            target=targets.get(period),
            previous=period.previous(),
            last_year=period.same_period_last_year(),
        )
        for period in periods
    }


def _result(
    measure: Measure,
    *,
    period: Period,
    observations: dict[tuple[int, Period], Observation],
    target: Target | None,
    previous: Period,
    last_year: Period,
) -> MeasureResult:
    now = observations.get((measure.pk, period))
    before = observations.get((measure.pk, previous))
    year_ago = observations.get((measure.pk, last_year))
    value, polarity, unit = (
        (now.figure if now else None),
        Polarity(measure.polarity),
        Unit(measure.unit),
    )
    year_ago_value = year_ago.figure if year_ago else None
    scheme = effective_scheme(measure.organisation.measure_status_scheme, measure.status_scheme)
    if target is not None and target.tolerance is not None and isinstance(scheme, ToleranceScheme):
        # A tolerance agreed for this target overrides the scheme's general one.
        scheme = ToleranceScheme(tolerance=target.tolerance, relative=target.tolerance_is_percent)
    status = measure_status(
        value=value,
        target=target.value if target else None,
        polarity=polarity,
        scheme=scheme,
        no_value_reason=now.no_value_reason if now else "no value entered yet",
        same_period_last_year=year_ago_value,
        unit=unit,
        decimals=measure.decimals,
    )

    def direction(other: Observation | None, compared_with: str) -> DirectionResult:
        return explain_direction(
            value,
            other.figure if other else None,
            polarity,
            compared_with=compared_with,
            unit=unit,
            decimals=measure.decimals,
        )

    return MeasureResult(
        measure=measure,
        period=period,
        observation=now,
        target=target,
        status=status,
        since_previous=direction(before, previous.label),
        since_last_year=direction(year_ago, last_year.label),
    )
