"""The public progress site's reads: published plans only, approved updates and values only.

Every function here starts from ``Plan.objects.published()`` (or a plan taken from it) and
from ``action_results`` / ``measure_results``, which count only APPROVED updates and values.
Queries do not grow with the number of actions or measures.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Q, QuerySet

from councilplan.core.models import ReviewState, period_rank
from councilplan.domain.periods import Period, PeriodKind, latest_started
from councilplan.measures.models import ComparatorValue, Measure, Observation, Target
from councilplan.measures.selectors import (
    MeasureResult,
    linked_to,
    linked_to_plan,
    measure_results_each,
    results_by_period,
)
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.monitoring.selectors import ActionResult, action_results, judged_as_at
from councilplan.plans.models import Action, Plan, Theme
from councilplan.plans.selectors import theme_tree


def _period(kind: str, year: int, number: int) -> Period:
    return Period(PeriodKind(kind), year, number)


def latest_reported_period(actions: QuerySet[Action]) -> Period | None:
    """The latest period for which any of the actions has an approved update: the database
    finds it, however many updates there are (the few reporting periods with one, not every
    council's, are ranked)."""
    reported = ActionUpdate.objects.filter(action__in=actions, state=ReviewState.APPROVED)
    rank = (
        ReportingPeriod.objects.filter(pk__in=reported.values("reporting_period_id"))
        .aggregate(latest=Max(period_rank()))
        .get("latest")
    )
    return None if rank is None else Period.from_rank(rank)


def published_plan_actions(plan: Plan) -> QuerySet[Action]:
    """A published plan's top-level actions, in reading order."""
    return Action.objects.filter(plan__in=Plan.objects.published(), plan=plan, parent=None)


@dataclass(frozen=True)
class PlanProgress:
    """A published plan as residents see it: actions by theme with their latest approved
    status, and the plan's measures with their latest approved value."""

    plan: Plan
    period: Period | None
    sections: list[tuple[Theme, int, list[ActionResult]]]
    unthemed: list[ActionResult]
    results: list[ActionResult]
    measures: list[MeasureResult]
    as_at: date


def by_theme(
    plan: Plan, results: list[ActionResult]
) -> tuple[list[tuple[Theme, int, list[ActionResult]]], list[ActionResult]]:
    """Results under each theme of the plan's tree (an action under several appears in each),
    and those under no theme."""
    grouped: dict[int | None, list[ActionResult]] = {}
    for result in results:
        theme_ids: list[int | None] = [t.pk for t in result.action.themes.all()] or [None]
        for theme_id in theme_ids:
            grouped.setdefault(theme_id, []).append(result)
    sections = [(theme, depth, grouped.get(theme.pk, [])) for theme, depth in theme_tree(plan)]
    return sections, grouped.get(None, [])


def plan_progress(plan: Plan, *, today: date) -> PlanProgress:
    """What the public plan page shows, for the latest period with approved updates."""
    actions = published_plan_actions(plan).prefetch_related("milestones")
    period = latest_reported_period(actions)
    shown = period or latest_started(plan.years, today)
    results = action_results(actions, shown, today=today)
    sections, unthemed = by_theme(plan, results)
    return PlanProgress(
        plan=plan,
        period=period,
        sections=sections,
        unthemed=unthemed,
        results=results,
        measures=latest_measure_results(plan_measures(plan), fallback=plan.years[-1]),
        as_at=judged_as_at(results, shown, today),
    )


def plan_measures(plan: Plan) -> QuerySet[Measure]:
    """The measures evidencing a published plan's actions or themes."""
    if not Plan.objects.published().filter(pk=plan.pk).exists():
        return Measure.objects.none()
    return Measure.objects.filter(linked_to_plan(plan)).order_by("title", "pk")


def public_measures() -> QuerySet[Measure]:
    """Measures residents may read: those linked to a published plan."""
    return Measure.objects.filter(linked_to(Plan.objects.published()))


def measure_plans(measure: Measure) -> QuerySet[Plan]:
    """The published plans a measure evidences, for links back from its page."""
    return (
        Plan.objects.published()
        .filter(Q(actions__measures=measure) | Q(themes__measures=measure))
        .select_related("organisation")
        .distinct()
    )


def _latest_approved_periods(measures: list[Measure]) -> dict[int, Period]:
    """Each measure's latest period with an approved value (worked out by the database)."""
    rows = (
        Observation.objects.filter(measure__in=measures, state=ReviewState.APPROVED)
        .order_by()
        .values("measure_id")
        .annotate(latest=Max(period_rank()))
        .values_list("measure_id", "latest")
    )
    return {measure_id: Period.from_rank(rank) for measure_id, rank in rows}


def latest_measure_results(measures: QuerySet[Measure], *, fallback: Period) -> list[MeasureResult]:
    """Each measure's result for its latest period with an approved value (``fallback`` when it
    has none), in a fixed number of queries."""
    chosen = list(measures.select_related("organisation"))
    latest = _latest_approved_periods(chosen)
    return measure_results_each(chosen, {m.pk: latest.get(m.pk, fallback) for m in chosen})


@dataclass(frozen=True)
class MeasureHistory:
    """A measure's approved values, targets and comparators over every period it has."""

    results: list[MeasureResult]
    comparators: list[ComparatorValue]

    def comparator_rows(self) -> list[tuple[str, str, list[ComparatorValue]]]:
        """Comparators grouped by series name, for the data table."""
        series: dict[tuple[str, str], list[ComparatorValue]] = {}
        for c in self.comparators:
            series.setdefault((c.get_kind_display(), c.area_name), []).append(c)
        return [(kind, area, values) for (kind, area), values in series.items()]


def measure_history(measure: Measure) -> MeasureHistory:
    """Every period with an approved value or a target, oldest first, with comparators."""
    columns = ("period_kind", "period_year", "period_number")
    approved = Observation.objects.filter(measure=measure, state=ReviewState.APPROVED)
    periods = sorted(
        {_period(*row) for row in approved.values_list(*columns).distinct()}
        | {_period(*row) for row in Target.objects.filter(measure=measure).values_list(*columns)},
        key=lambda p: p.rank,
    )
    return MeasureHistory(
        results=list(results_by_period(measure, periods).values()),
        comparators=list(measure.comparator_values.all()),
    )


def approved_updates(action: Action) -> list[ActionUpdate]:
    """An action's approved updates, the latest version of each period, newest period first."""
    latest_version: dict[int, ActionUpdate] = {}
    for update in (
        ActionUpdate.objects.filter(action=action, state=ReviewState.APPROVED)
        .select_related("reporting_period")
        .order_by("version")
    ):
        latest_version[update.reporting_period_id] = update
    return sorted(
        latest_version.values(),
        key=lambda u: (u.reporting_period.period.end, u.reporting_period.period.start),
        reverse=True,
    )
