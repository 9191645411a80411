"""Reads of measures with their computed status and direction of travel for a period.

Statuses are never typed in: they come from the value, the target, the polarity and the
organisation's (or the measure's own) status scheme, through ``councilplan.domain``. The
queries here do not grow with the number of measures: one for the measures, one for the
values of the periods compared (with the year's earlier periods, for a year to date), one for
the targets (a year's target serves its quarters and months: ``domain.targets``).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet

from councilplan.core.models import ReviewState, in_periods
from councilplan.domain.measure_status import ToleranceScheme, effective_scheme, measure_status
from councilplan.domain.periods import (
    Aggregation,
    Frequency,
    Period,
    PeriodKind,
    year_from_periods,
)
from councilplan.domain.status import Polarity, RagStatus, StatusResult
from councilplan.domain.targets import (
    TargetBasis,
    applied_target,
    year_to_date,
    year_to_date_periods,
)
from councilplan.domain.trends import DirectionResult, explain_direction
from councilplan.domain.units import Unit, format_value
from councilplan.monitoring.models import ReportingPeriod
from councilplan.monitoring.selectors import locked_periods
from councilplan.plans.models import Plan

from .models import Measure, Observation, Target
from .stored import (
    direction_as_stored,
    figures_as_stored,
    stored_snapshots,
    target_as_stored,
)


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
    """A measure in one period: its value and target, status, and directions of travel.

    ``value`` is the figure judged (the period's value, or for a sum of periods the year to
    date); ``target_value`` the target it is judged against (the period's own, its year's,
    profiled to date or interpolated; None when there is none or it is suspended), and
    ``target_basis`` where that comes from. ``target`` is the stored target it comes from.
    """

    measure: Measure
    period: Period
    observation: Observation | None
    target: Target | None
    status: StatusResult
    since_previous: DirectionResult
    since_last_year: DirectionResult
    value: Decimal | None = None
    target_value: Decimal | None = None
    target_basis: TargetBasis = TargetBasis.NONE
    target_words: str = ""
    year_to_date: Decimal | None = None

    @property
    def target_text(self) -> str:
        """The target judged against in the measure's unit, as precise as it was set (a
        profiled or interpolated one to the measure's decimal places), saying where it comes
        from when not the period's own or its year's; else "Target suspended" or "No target
        set"."""
        measure, target = self.measure, self.target_value
        if target is None:
            status = (
                RagStatus.TARGET_SUSPENDED
                if self.target_basis == TargetBasis.SUSPENDED
                else RagStatus.NO_TARGET
            )
            return status.label
        unit = Unit(measure.unit)
        if self.target_basis in (TargetBasis.OWN, TargetBasis.YEAR):
            return format_value(target.normalize(), unit)
        shown = format_value(target, unit, measure.decimals)
        return f"{shown} ({self.target_basis.label.lower()})"

    @property
    def period_value(self) -> Decimal | None:
        """The period's value: for a sum of periods the period alone, not the year to date; a
        year of a quarterly or monthly measure may be worked out from its parts."""
        if self.year_to_date is None:
            return self.value
        return self.observation.figure if self.observation else None


_SERIES_HEADINGS = {
    PeriodKind.MONTH: "Monthly values",
    PeriodKind.QUARTER: "Quarterly values",
    PeriodKind.YEAR: "Years",
}


@dataclass(frozen=True)
class MeasureSeries:
    """Results of one length of period (months, quarters or years), oldest first: charts and
    tables draw each on its own, never two frequencies on one line."""

    kind: PeriodKind
    results: list[MeasureResult]

    @property
    def heading(self) -> str:
        """What the series is: "Quarterly values", "Years"."""
        return _SERIES_HEADINGS[self.kind]

    @property
    def cumulative(self) -> bool:
        """True when the series has a year to date (a sum of periods, shorter than a year)."""
        return any(r.year_to_date is not None for r in self.results)


def measure_series(results: Iterable[MeasureResult]) -> list[MeasureSeries]:
    """``results`` split by length of period: months, then quarters, then years."""
    by_kind: dict[PeriodKind, list[MeasureResult]] = {}
    for r in sorted(results, key=lambda r: r.period.rank):
        by_kind.setdefault(PeriodKind(r.period.kind), []).append(r)
    return [MeasureSeries(kind, by_kind[kind]) for kind in _SERIES_HEADINGS if kind in by_kind]


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
    with a value): one read of values (with the year's earlier ones, for a year to date) and
    one of targets (all of each measure's: a year's or a later one may apply), however many
    measures and periods there are. A period its council has locked reads the result stored
    then, unless ``stored`` is False (taking the snapshots)."""
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
    compared = {
        q
        for p in wanted
        for q in (
            p.previous(),
            *year_to_date_periods(p),
            *year_to_date_periods(p.same_period_last_year()),
            *_parts_of_year(p),
            *_parts_of_year(p.same_period_last_year()),
        )
    }
    observations = _approved_values(by_id, in_periods(compared))
    targets = _targets_by_measure(Target.objects.filter(measure__in=list(by_id)))
    return [
        _result(
            m,
            period=period,
            observations=observations,
            targets=targets.get(m.pk, {}),
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
            **figures_as_stored(snap),
        )
        for key, snap in stored_snapshots(wanted, locked).items()
        if snap.measure is not None
    }


def _parts_of_year(period: Period) -> list[Period]:
    """A year's quarters and months, whose values make the year of a measure reported more
    often than yearly; nothing for a quarter or month."""
    if PeriodKind(period.kind) != PeriodKind.YEAR:
        return []
    return [*(Period.quarter(period.year, n) for n in range(1, 5)), *period.months()]


def _targets_by_measure(targets: QuerySet[Target]) -> dict[int, dict[Period, Target]]:
    """Targets by measure id and period."""
    found: dict[int, dict[Period, Target]] = {}
    for t in targets.order_by():
        found.setdefault(t.measure_id, {})[t.period] = t
    return found


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
    targets = _targets_by_measure(Target.objects.filter(measure=measure)).get(measure.pk, {})
    return {
        period: kept.get(period)
        or _result(measure, period=period, observations=observations, targets=targets)
        for period in periods
    }


def _result(
    measure: Measure,
    *,
    period: Period,
    observations: dict[tuple[int, Period], Observation],
    targets: Mapping[Period, Target],
) -> MeasureResult:
    previous, last_year = period.previous(), period.same_period_last_year()
    rule = measure.target_rule
    cumulative = rule.cumulative and PeriodKind(period.kind) != PeriodKind.YEAR

    def figure(p: Period) -> Decimal | None:
        found = observations.get((measure.pk, p))
        return found.figure if found else None

    def to_date(p: Period) -> Decimal | None:
        return year_to_date(p, {q: figure(q) for q in year_to_date_periods(p)})

    def own_or_from_parts(p: Period) -> Decimal | None:
        # A year with no value of its own, of a measure reported quarterly or monthly, is
        # worked out from its quarters or months once its last one has a value.
        own = figure(p)
        kind = Frequency(measure.frequency).period_kind
        if own is not None or PeriodKind(p.kind) != PeriodKind.YEAR or kind == PeriodKind.YEAR:
            return own
        parts = {q: figure(q) for q in _parts_of_year(p)}
        return year_from_periods(p, kind, parts, Aggregation(measure.aggregation))

    now = observations.get((measure.pk, period))
    polarity, unit = Polarity(measure.polarity), Unit(measure.unit)
    value = to_date(period) if cumulative else own_or_from_parts(period)
    year_ago_value = to_date(last_year) if cumulative else own_or_from_parts(last_year)
    applied = applied_target(period, [t.setting for t in targets.values()], rule)
    target = (
        targets.get(applied.setting.period)
        if applied.setting is not None and applied.basis != TargetBasis.AHEAD
        else None
    )
    scheme = effective_scheme(measure.organisation.measure_status_scheme, measure.status_scheme)
    if target is not None and target.tolerance is not None and isinstance(scheme, ToleranceScheme):
        # A tolerance agreed for this target overrides the scheme's general one.
        scheme = ToleranceScheme(tolerance=target.tolerance, relative=target.tolerance_is_percent)
    value_words = ""
    if value is not None and cumulative:
        value_words = f"{format_value(value, unit, measure.decimals)} in the year to {period.label}"
    elif value is not None and now is None:
        how = Aggregation(measure.aggregation).label.lower()
        value_words = f"{format_value(value, unit, measure.decimals)} for the year ({how})"
    status = measure_status(
        value=value,
        target=applied.value,
        polarity=polarity,
        scheme=scheme,
        no_value_reason=now.no_value_reason if now else "no value entered yet",
        same_period_last_year=year_ago_value,
        unit=unit,
        decimals=measure.decimals,
        applied=applied,
        value_words=value_words,
        period_label=period.label,
    )

    def direction(
        current: Decimal | None, other: Decimal | None, compared_with: str
    ) -> DirectionResult:
        return explain_direction(
            current,
            other,
            polarity,
            compared_with=compared_with,
            unit=unit,
            decimals=measure.decimals,
        )

    since_last_year = (
        # Like with like: the year to date against the year to the same point last year.
        direction(value, year_ago_value, f"the year to {last_year.label}, the same point last year")
        if cumulative
        else direction(value, year_ago_value, last_year.label)
    )
    return MeasureResult(
        measure=measure,
        period=period,
        observation=now,
        target=target,
        status=status,
        since_previous=(
            direction(figure(period), figure(previous), previous.label)
            if cumulative
            else direction(value, own_or_from_parts(previous), previous.label)
        ),
        since_last_year=since_last_year,
        value=value,
        target_value=applied.value,
        target_basis=applied.basis,
        target_words=applied.words,
        year_to_date=value if cumulative else None,
    )
