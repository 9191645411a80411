"""What the builders share: whose view a report takes, and how cells read.

A report covers one plan as one reader may see it (``ReportScope``): the command line reports
everything, a download from the staff area only what the signed-in user may read. Cells are
written here once, the way the council's documents write them ("£26,466,208", "81%",
"26 days", "No survey in 2020-21", "Amber / Red (Q4 DCA)").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.db.models import Q, QuerySet

from councilplan.accounts import permissions
from councilplan.accounts.models import User
from councilplan.domain.action_status import format_date
from councilplan.domain.periods import Period, PeriodKind, as_at
from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.domain.units import Unit, format_value
from councilplan.measures.models import Measure, Observation
from councilplan.measures.selectors import MeasureResult, measure_results
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.reporting import measure_periods
from councilplan.monitoring.selectors import ActionResult
from councilplan.plans.models import Action, Plan, Portfolio, Theme
from councilplan.reports.shape import Section, Table

NOTHING = "-"  # what the documents print in a cell with nothing to report
NO_TARGET = RagStatus.NO_TARGET.label
T = TypeVar("T")
A = TypeVar("A")
M = TypeVar("M")


@dataclass(frozen=True)
class ReportScope:
    """A plan and the actions and measures of it that the report's reader may see."""

    plan: Plan
    actions: QuerySet[Action]
    measures: QuerySet[Measure]


def plan_measures(plan: Plan) -> QuerySet[Measure]:
    """The plan's measures: those under its themes or actions, and the council's measures that
    belong to no plan (a results document may report measures it ties to no theme)."""
    in_plan = Q(themes__plan=plan) | Q(actions__plan=plan) | Q(themes=None, actions=None)
    return Measure.objects.filter(in_plan, organisation=plan.organisation_id).distinct()


def report_scope(plan: Plan, user: User | None = None) -> ReportScope:
    """The plan as ``user`` may read it, or whole (``user=None``: the command line's operator)."""
    actions = Action.objects.filter(plan=plan, parent=None)
    measures = plan_measures(plan)
    if user is not None:
        actions = actions.filter(pk__in=permissions.actions_readable(user).values("pk"))
        measures = measures.filter(pk__in=permissions.measures_readable(user).values("pk"))
    return ReportScope(
        plan=plan,
        actions=actions.order_by("order", "reference", "pk"),
        measures=measures.order_by("title", "pk"),
    )


# -- cells ------------------------------------------------------------------------------------


def value_text(observation: Observation | None, measure: Measure) -> str:
    """A measure's value as the documents print it, its reason for no value, or "-".

    A typed value shows as precisely as it was given ("97%" beside "97.5%"); a rate worked out
    from numerator and denominator to the measure's decimal places; a data note follows it.
    """
    if observation is None:
        return NOTHING
    figure = observation.figure
    if figure is None:
        return observation.no_value_reason or NOTHING
    if observation.value is not None:
        text = format_value(figure.normalize(), Unit(measure.unit))
    else:
        text = format_value(figure, Unit(measure.unit), measure.decimals)
    return f"{text} ({observation.data_note})" if observation.data_note else text


def year_to_date_text(result: MeasureResult) -> str:
    """A measure's value as the documents print it, and for a sum of periods its year to date:
    "50 (200 in the year to 2020/21 Q2)"."""
    text = value_text(result.observation, result.measure)
    if result.year_to_date is None:
        return text
    to_date = format_value(result.year_to_date, Unit(result.measure.unit), result.measure.decimals)
    return f"{text} ({to_date} in the year to {result.period.label})"


def rating_text(update: ActionUpdate | None, period: Period) -> str:
    """An update's result as written: its progress rating, else its colour ("Green (Q4 DCA)")."""
    if update is None:
        return NOTHING
    if update.progress_rating:
        return ProgressRating(update.progress_rating).label
    if update.status:
        return status_with_dca(update, period)
    return NOTHING


def status_with_dca(update: ActionUpdate, period: Period) -> str:
    """A reported colour, marked when it is a Delivery Confidence Assessment ("Red (Q4 DCA)")."""
    label = RagStatus(update.status).label
    if not update.is_dca:
        return label
    when = f"Q{period.number}" if period.kind == PeriodKind.QUARTER else period.label
    return f"{label} ({when} DCA)"


def joined(names: Iterable[str]) -> str:
    """Several names in one cell, each once, in the order given."""
    return "; ".join(dict.fromkeys(n for n in names if n)) or NOTHING


def theme_roots(plan: Plan) -> Callable[[Iterable[Theme]], str]:
    """A function naming the plan's top-level themes above given themes (focus areas), for a
    theme column; the plan's theme tree is read once for the whole report."""
    by_id = {t.pk: t for t in plan.themes.all()}

    def roots(themes: Iterable[Theme]) -> str:
        found = []
        for theme in themes:
            if theme.pk not in by_id:
                continue  # another plan's theme
            top = theme
            while top.parent_id is not None and top.parent_id in by_id:
                top = by_id[top.parent_id]
            found.append(top.title)
        return joined(found)

    return roots


def reported_period(measure: Measure, quarter: Period) -> Period:
    """The period a measure reports in a quarter's report: the quarter, its last month, or the
    financial year (last year's until the year ends, for annual measures)."""
    if quarter.kind != PeriodKind.QUARTER:
        return quarter
    periods = measure_periods(measure.frequency, quarter)
    return periods[-1] if periods else Period.financial_year(quarter.year - 1)


def as_at_sentence(period: Period, today: date, results: Iterable[ActionResult] = ()) -> str:
    """The date a report's statuses are judged at, in words: a past period's end, or today for
    the period still open ("Statuses as at 30 September 2020."); for a locked period, the date
    its statuses were stored as at (locked before it ended, say), and the end for any action
    with no stored status (one added since)."""
    live = as_at(period, today)
    judged = Counter(r.as_at for r in results)
    stored = [when for when, _ in judged.most_common() if when != live]
    if not stored:
        return f"Statuses as at {format_date(live)}."
    words = " and ".join(format_date(when) for when in stored)
    sentence = f"Statuses as at {words}, as stored when {period.label} was locked"
    if judged[live]:
        count = judged[live]
        noun = "action" if count == 1 else "actions"
        sentence += f"; {count} {noun} with no stored status as at {format_date(live)}"
    return f"{sentence}."


# -- grouping ---------------------------------------------------------------------------------


def by_portfolio(
    items: Sequence[T], portfolios: Callable[[T], Iterable[Portfolio]]
) -> list[tuple[Portfolio | None, list[T]]]:
    """Items grouped under each of their portfolios, in order of first appearance; items with
    no portfolio come last under ``None``."""
    groups: dict[int | None, tuple[Portfolio | None, list[T]]] = {}
    for item in items:
        owners: list[Portfolio | None] = [*portfolios(item)] or [None]
        for owner in owners:
            key = owner.pk if owner else None
            groups.setdefault(key, (owner, []))[1].append(item)
    none = groups.pop(None, None)
    return [*groups.values(), *([none] if none else [])]


def portfolio_sections(
    actions: Sequence[A],
    measures: Sequence[M],
    *,
    action_portfolios: Callable[[A], Iterable[Portfolio]],
    measure_portfolios: Callable[[M], Iterable[Portfolio]],
    action_table: Callable[[list[A]], Table],
    measure_table: Callable[[list[M]], Table],
) -> list[Section]:
    """A section per portfolio with its actions' table, then its measures' table; portfolios in
    order of their first action, those with measures only after, unassigned items last."""
    action_groups = dict(by_portfolio(actions, action_portfolios))
    measure_groups = dict(by_portfolio(measures, measure_portfolios))
    order = [*action_groups, *(p for p in measure_groups if p not in action_groups)]
    if None in order:  # "Not in a portfolio" comes last
        order = [*(p for p in order if p is not None), None]
    sections = []
    for portfolio in order:
        tables = []
        if action_groups.get(portfolio):
            tables.append(action_table(action_groups[portfolio]))
        if measure_groups.get(portfolio):
            tables.append(measure_table(measure_groups[portfolio]))
        sections.append(Section(portfolio_heading(portfolio), tables=tuple(tables)))
    return sections


def measure_portfolios(measure: Measure) -> list[Portfolio]:
    """A measure's portfolios: its own where a document gave them, else those of the actions
    it evidences (both prefetched)."""
    own = list(measure.portfolios.all())
    return own or [p for action in measure.actions.all() for p in action.portfolios.all()]


def portfolio_heading(portfolio: Portfolio | None, *, with_member: bool = False) -> str:
    """A portfolio's heading, with its cabinet member as the delivery plan names them."""
    if portfolio is None:
        return "Not in a portfolio"
    member = portfolio.cabinet_member
    if not with_member or member is None:
        return portfolio.name
    role = f" ({member.role})" if member.role else ""
    return f"{portfolio.name} \u2013 Cllr {member.name}{role}"


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureYear:
    """A measure's result in the period a quarter's report shows, and a year before it."""

    now: MeasureResult
    last_year: MeasureResult


def measure_years(
    measures: Iterable[Measure], quarter: Period, *, whole_year: bool = False
) -> list[MeasureYear]:
    """Each measure's result for the quarter's report, computed by the measures selector, in the
    order given. ``whole_year`` (the annual report) takes the financial year's value wherever
    one was given, whatever the measure's frequency, else the quarter's (or its last month's)."""
    measures = list(measures)
    chosen = _results_by_period(measures, lambda m: reported_period(m, quarter))
    if whole_year:
        year = Period.financial_year(quarter.year)
        for pk, found in _results_by_period(measures, lambda m: year).items():
            if found.now.observation is not None or found.last_year.observation is not None:
                chosen[pk] = found
    return [chosen[m.pk] for m in measures]


def _results_by_period(
    measures: list[Measure], period_of: Callable[[Measure], Period]
) -> dict[int, MeasureYear]:
    """Results of each measure for its period and a year before (one query set per period)."""
    by_period: dict[Period, list[Measure]] = {}
    for measure in measures:
        by_period.setdefault(period_of(measure), []).append(measure)
    found: dict[int, MeasureYear] = {}
    for period, group in by_period.items():
        before = {r.measure.pk: r for r in measure_results(group, period.same_period_last_year())}
        for result in measure_results(group, period):
            found[result.measure.pk] = MeasureYear(result, before[result.measure.pk])
    return found


def with_measure_links(measures: QuerySet[Measure]) -> list[Measure]:
    """The measures with what their rows and statuses need: organisation (its status scheme),
    themes, and their actions' portfolios."""
    return list(
        measures.select_related("organisation").prefetch_related(
            "themes", "portfolios__cabinet_member", "actions__portfolios__cabinet_member"
        )
    )
