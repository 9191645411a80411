"""Reads of measures with their computed status and direction of travel for a period.

Statuses are never typed in: they come from the value, the target, the polarity and the
organisation's (or the measure's own) status scheme, through ``councilplan.domain``. The
queries here do not grow with the number of measures: one for the measures, one for the
values of the three periods compared, one for the targets.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from councilplan.core.models import ReviewState, in_periods
from councilplan.domain.measure_status import ToleranceScheme, effective_scheme, measure_status
from councilplan.domain.periods import Period
from councilplan.domain.status import Polarity, RagStatus, StatusResult
from councilplan.domain.trends import DirectionResult, explain_direction
from councilplan.domain.units import Unit
from councilplan.monitoring.models import ReportingPeriod
from councilplan.monitoring.selectors import locked_periods
from councilplan.plans.models import Plan

from .models import Measure, Observation, Target
from .stored import direction_as_stored, stored_snapshots, target_as_stored


def linked_to(plans: QuerySet[Plan]) -> Q:
    """Measures evidencing an action or theme of ``plans``, as one correlated EXISTS over both
    link tables: a page of measures (or of their values) checks only its own rows, by index.
    (Two EXISTS joined by OR make PostgreSQL hash every link of the installation first.)"""
    by_action = Measure.actions.through.objects.filter(
        measure=OuterRef("pk"), action__plan__in=plans
    )
    by_theme = Measure.themes.through.objects.filter(measure=OuterRef("pk"), theme__plan__in=plans)
    return Q(Exists(by_action.values("measure_id").union(by_theme.values("measure_id"))))


def linked_to_plan(plan: Plan | int) -> Q:
    """Measures evidencing an action or theme of one plan: one set of ids, read by index."""
    by_action = Measure.actions.through.objects.filter(action__plan=plan).values("measure_id")
    by_theme = Measure.themes.through.objects.filter(theme__plan=plan).values("measure_id")
    return Q(pk__in=by_action.union(by_theme))


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
    return measure_results_each(measures, {m.pk: period for m in measures})


def measure_results_each(
    measures: list[Measure], periods: Mapping[int, Period], *, stored: bool = True
) -> list[MeasureResult]:
    """Each measure's result for its own period (``periods[measure.pk]``, e.g. its latest
    with a value): one read of values and one of targets, however many periods there are.
    A period its council has locked reads the result stored then, unless ``stored`` is False
    (taking the snapshots)."""
    kept = _stored([(m, periods[m.pk]) for m in measures]) if stored else {}
    if kept:
        worked_out = measure_results_each(
            [m for m in measures if m.pk not in kept], periods, stored=False
        )
        found = {r.measure.pk: r for r in worked_out} | {pk: r for (pk, _), r in kept.items()}
        return [found[m.pk] for m in measures]
    return measure_results_over(measures, {m.pk: [periods[m.pk]] for m in measures})


def measure_results_over(
    measures: list[Measure], periods: Mapping[int, Sequence[Period]]
) -> list[MeasureResult]:
    """Each measure's results worked out for each of its periods (``periods[measure.pk]``),
    in that order: one read of values and one of targets, however many measures and periods
    (the snapshots of many quarters stored at once)."""
    by_id = {m.pk: m for m in measures}
    wanted = {p for m in measures for p in periods[m.pk]}
    compared = {q for p in wanted for q in (p, p.previous(), p.same_period_last_year())}
    observations = _approved_values(by_id, in_periods(compared))
    targets = {
        (t.measure_id, t.period): t
        for t in Target.objects.filter(in_periods(wanted), measure__in=list(by_id)).order_by()
    }
    return [
        _result(
            m,
            period=period,
            observations=observations,
            target=targets.get((m.pk, period)),
            previous=period.previous(),
            last_year=period.same_period_last_year(),
        )
        for m in measures
        for period in periods[m.pk]
    ]


def _stored(wanted: list[tuple[Measure, Period]]) -> dict[tuple[int, Period], MeasureResult]:
    """The results stored for the (measure, period) pairs whose period the council locked."""
    if not wanted:
        return {}
    reporting = ReportingPeriod.objects.filter(
        organisation__in={m.organisation_id for m, _ in wanted}, is_locked=True
    )
    locked = locked_periods(reporting, {p for _, p in wanted})
    return {
        key: MeasureResult(
            measure=snap.measure,
            period=snap.period,
            observation=snap.observation,
            target=target_as_stored(snap.measure, snap),
            status=StatusResult(RagStatus(snap.status), snap.explanation),
            since_previous=direction_as_stored(snap.detail.get("since_previous")),
            since_last_year=direction_as_stored(snap.detail.get("since_last_year")),
        )
        for key, snap in stored_snapshots(wanted, locked).items()
        if snap.measure is not None
    }


def _approved_values(
    by_id: Mapping[int, Measure], *where: Q
) -> dict[tuple[int, Period], Observation]:
    """The measures' approved values (of the periods ``where`` selects), the latest version of
    each period, each holding its measure: its figure may need the unit, with no query."""
    values: dict[tuple[int, Period], Observation] = {}
    approved = Observation.objects.filter(
        *where, measure__in=list(by_id), state=ReviewState.APPROVED
    )
    for o in approved.order_by("version"):  # the latest approved version of each period wins
        o.measure = by_id[o.measure_id]
        values[(o.measure_id, o.period)] = o
    return values


def results_by_period(measure: Measure, periods: Iterable[Period]) -> dict[Period, MeasureResult]:
    """One measure's result for each of ``periods`` (its chart and table of values), from one
    read of its approved values and one of its targets, however many periods it has; the
    periods its council has locked as stored then."""
    periods = list(periods)
    kept = {p: r for (_, p), r in _stored([(measure, p) for p in periods]).items()}
    observations = _approved_values({measure.pk: measure})
    targets = {t.period: t for t in Target.objects.filter(measure=measure)}
    return {
        period: kept.get(period)
        or _result(
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
