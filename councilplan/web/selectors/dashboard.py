"""The staff dashboard's reads: a plan's actions a user may read, for one period, with status
counts by theme and portfolio, exceptions first and the trend of the share on track; and,
read on its own when it is opened, the timeline of actions and milestones. All as at the
period's end (today while it is open).

The caller passes the actions the user may read (``permissions.actions_readable``); queries do
not grow with the number of actions, nor with the periods in the trend.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from councilplan.domain.action_status import format_date
from councilplan.domain.periods import Period
from councilplan.domain.rollups import (
    StatusBreakdown,
    breakdown_by,
    exceptions,
    status_breakdown,
)
from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.domain.trends import Direction
from councilplan.monitoring.selectors import (
    ActionResult,
    action_results,
    action_trend,
    judged_as_at,
    rollup,
)
from councilplan.plans.models import Action, Department, Milestone, Officer, Plan, Portfolio, Theme
from councilplan.plans.selectors import linked, theme_tree
from councilplan.web.charts import TimelineBar, on_track_percent

TREND_LENGTH = 8
SLIPPAGE = {ProgressRating.SOME_SLIPPAGE, ProgressRating.MAJOR_SLIPPAGE}


@dataclass(frozen=True)
class DashboardFilters:
    """What the dashboard is narrowed to; None means every one."""

    theme: Theme | None = None
    portfolio: Portfolio | None = None
    department: Department | None = None
    officer: Officer | None = None


@dataclass(frozen=True)
class ActionException:
    """An action as the exceptions list ranks it: status, overdue, and worse than last period."""

    result: ActionResult
    worsening: bool

    @property
    def status(self) -> RagStatus:
        """The action's status colour for the period."""
        return self.result.status.status

    @property
    def overdue(self) -> bool:
        """Whether its expected completion has passed unfinished."""
        return self.result.overdue

    @property
    def direction(self) -> Direction | None:
        """Worsening when its status is more severe than in the previous period."""
        return Direction.WORSENING if self.worsening else None


@dataclass(frozen=True)
class MilestoneLine:
    """A milestone as the timeline's table words it, as at the timeline's date: its due date
    as written, and "slipped", "done 1 August 2021" or "due"."""

    title: str
    due: str
    slipped: bool
    state: str


@dataclass(frozen=True)
class TimelineRow:
    """An action on the timeline, with each milestone and whether it has slipped."""

    result: ActionResult
    bar: TimelineBar
    milestones: list[MilestoneLine]


@dataclass(frozen=True)
class Dashboard:
    """Everything the dashboard page shows for one plan, period and set of filters."""

    period: Period
    results: list[ActionResult]
    overall: StatusBreakdown
    by_theme: list[tuple[str, StatusBreakdown]]
    by_portfolio: list[tuple[str, StatusBreakdown]]
    exceptions: list[ActionException]
    trend: list[tuple[Period, StatusBreakdown, Decimal | None]]

    @property
    def missing_updates(self) -> int:
        """How many unfinished actions have no approved update of the period's own."""
        return sum(r.missing_update and r.status.status != RagStatus.BLUE for r in self.results)


def filtered_actions(
    actions: QuerySet[Action], plan: Plan, filters: DashboardFilters
) -> QuerySet[Action]:
    """The plan's top-level actions narrowed by the filters (a theme includes its sub-themes)."""
    actions = actions.filter(plan=plan, parent=None)
    if filters.theme:
        actions = actions.filter(themes__in=_subtree(plan, filters.theme))
    if filters.portfolio:
        actions = actions.filter(portfolios=filters.portfolio)
    if filters.department:
        actions = actions.filter(departments=filters.department)
    if filters.officer:
        actions = actions.filter(lead_officers=filters.officer)
    return actions.distinct().order_by("order", "reference", "pk")


def _subtree(plan: Plan, theme: Theme) -> list[int]:
    ids, inside, depth_of = [], False, 0
    for node, depth in theme_tree(plan):
        if node.pk == theme.pk:
            inside, depth_of = True, depth
        elif inside and depth <= depth_of:
            break
        if inside:
            ids.append(node.pk)
    return ids


def trend_periods(plan: Plan, period: Period) -> list[Period]:
    """The organisation's reporting periods of the same kind up to ``period``, the last few."""
    earlier = {
        rp.period
        for rp in plan.organisation.reporting_periods.all()
        if rp.period_kind == period.kind and rp.period <= period
    }
    return sorted(earlier | {period})[-TREND_LENGTH:]


def dashboard(actions: QuerySet[Action], plan: Plan, period: Period, *, today: date) -> Dashboard:
    """The dashboard for ``actions`` (already filtered and scoped to the user) in ``period``."""
    periods = trend_periods(plan, period)
    read = action_trend(actions, period, periods, today=today, links=())
    results = read.results
    loaded = [r.action for r in results]
    portfolios = linked(loaded, "portfolios", "portfolio__name")
    before = periods[periods.index(period) - 1] if periods.index(period) else None
    previous = read.colours[before] if before else {}
    flagged = [
        ActionException(
            r, r.status.status.severity > previous.get(r.action.pk, r.status.status).severity
        )
        for r in results
    ]
    trend = []
    for p in periods:
        breakdown = status_breakdown(read.colours[p].values())
        trend.append((p, breakdown, on_track_percent(breakdown) if breakdown.rated_total else None))
    return Dashboard(
        period=period,
        results=results,
        overall=status_breakdown(r.status.status for r in results),
        by_theme=_by_theme(plan, results, linked(loaded, "themes", "theme_id")),
        by_portfolio=_labelled(rollup(results, lambda a: portfolios.get(a.pk) or ["No portfolio"])),
        exceptions=exceptions(flagged),
        trend=trend,
    )


@dataclass(frozen=True)
class Timeline:
    """The dashboard's timeline: each action's bar and milestones, as at ``as_at``."""

    period: Period
    as_at: date
    rows: list[TimelineRow]


def timeline(actions: QuerySet[Action], plan: Plan, period: Period, *, today: date) -> Timeline:
    """The timeline of ``actions`` (already filtered and scoped to the user) in ``period``: read
    apart from the dashboard, when it is opened, since it is a third of the page and most
    readers never open it."""
    results = action_results(actions.prefetch_related("milestones"), period, today=today, links=())
    return Timeline(
        period=period,
        as_at=judged_as_at(results, period, today),
        rows=[_timeline_row(plan, r) for r in results],
    )


@dataclass(frozen=True)
class CountTable:
    """Status counts as a table: a column per status present, a row per group."""

    statuses: list[RagStatus]
    rows: list[tuple[str, list[int], int]]


def count_table(groups: list[tuple[str, StatusBreakdown]]) -> CountTable:
    """The numbers a breakdown chart draws, as rows of counts for an accessible table."""
    statuses = sorted({s for _, b in groups for s, _ in b.counts}, key=lambda s: s.order)
    return CountTable(
        statuses=statuses,
        rows=[(label, [b.count(s) for s in statuses], b.total) for label, b in groups],
    )


def _labelled(groups: dict[object, StatusBreakdown]) -> list[tuple[str, StatusBreakdown]]:
    return sorted(((str(k), b) for k, b in groups.items()), key=lambda pair: pair[0])


def _by_theme(
    plan: Plan, results: list[ActionResult], themes: dict[int, list[int]]
) -> list[tuple[str, StatusBreakdown]]:
    """Counts per top-level theme, in the plan's order; an action counts once per theme
    (``themes``: each action's theme ids)."""
    tree = theme_tree(plan)
    parent = {theme.pk: theme.parent_id for theme, _ in tree}
    order = {theme.pk: i for i, (theme, _) in enumerate(tree)}
    titles = {theme.pk: theme.title for theme, _ in tree}

    def roots(action: Action) -> list[int | None]:
        found: set[int | None] = set()
        for linked_id in themes.get(action.pk, []):
            root = linked_id
            while (up := parent.get(root)) is not None:
                root = up
            found.add(root)
        return sorted(found, key=lambda k: order.get(k, 0) if k else 0) or [None]

    groups = breakdown_by((root, r.status.status) for r in results for root in roots(r.action))
    ranked = sorted(groups.items(), key=lambda pair: order.get(pair[0] or 0, len(order)))
    return [(titles.get(k or 0, "Not under a theme"), b) for k, b in ranked]


def _timeline_row(plan: Plan, result: ActionResult) -> TimelineRow:
    """An action's bar from its start to its expected completion (the plan's span when the
    dates are loose or open-ended), and its milestones, each marked slipped or not as at the
    result's date."""
    action = result.action
    start = action.start.start or plan.years[0].start
    completion = action.expected_completion
    open_ended = completion.open_ended or completion.end is None
    end = plan.years[-1].end if open_ended or completion.end is None else completion.end
    rating = result.update.progress_rating if result.update and not result.carried else ""
    slipped = result.overdue or (bool(rating) and ProgressRating(rating) in SLIPPAGE)
    milestones = [_milestone_line(m, result.as_at) for m in action.milestones.all()]
    bar = TimelineBar(
        label=str(action),
        start=min(start, end),
        end=max(start, end),
        open_ended=open_ended,
        slipped=slipped,
        completed=result.status.status == RagStatus.BLUE,
        milestones=tuple(
            (due, line.slipped)
            for m, line in zip(action.milestones.all(), milestones, strict=True)
            if (due := m.due.end or m.due.start)
        ),
    )
    return TimelineRow(result=result, bar=bar, milestones=milestones)


def _milestone_line(milestone: Milestone, when: date) -> MilestoneLine:
    """A milestone as at ``when``: done by then (a later completion was not known then),
    slipped (due before then and not done), or due."""
    done = milestone.completed_on is not None and milestone.completed_on <= when
    due_end = milestone.due.end
    slipped = not done and due_end is not None and due_end < when
    if done and milestone.completed_on is not None:
        state = f"done {format_date(milestone.completed_on)}"
    else:
        state = "slipped" if slipped else "due"
    return MilestoneLine(milestone.title, milestone.due.text, slipped, state)
