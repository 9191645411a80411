"""The quarterly performance report to Cabinet.

A summary (how many actions and measures are at each status), the exceptions (red, overdue or
worsening, most pressing first) with their commentary and mitigations, then every action and
measure by portfolio with its status and direction of travel. Statuses come from the same
selectors as the staff pages; an action's direction of travel compares its status with the
previous quarter's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from councilplan.domain.periods import Period, check_started
from councilplan.domain.rollups import exceptions, status_breakdown
from councilplan.domain.status import RagStatus
from councilplan.domain.trends import Direction
from councilplan.monitoring.selectors import ActionResult, action_results
from councilplan.plans.models import Portfolio
from councilplan.reports.shape import Report, Section, Table

from .annual_results import year_end
from .common import (
    NOTHING,
    MeasureYear,
    ReportScope,
    as_at_sentence,
    measure_portfolios,
    measure_years,
    portfolio_sections,
    rating_text,
    with_measure_links,
    year_to_date_text,
)


@dataclass(frozen=True)
class Item:
    """An action or measure as the report lists it (an ``Assessed`` for the exceptions)."""

    kind: str
    title: str
    status: RagStatus
    overdue: bool
    direction: Direction | None
    progress: str
    commentary: str
    mitigation: str
    portfolios: tuple[Portfolio, ...]
    target: str = NOTHING

    @property
    def direction_label(self) -> str:
        """The direction of travel as a cell."""
        return self.direction.label if self.direction else NOTHING


def build(scope: ReportScope, period: Period, *, today: date) -> Report:
    """The quarterly report on the scope's plan for ``period`` (a quarter, or a year's Q4);
    refused for a quarter that has not started (``PeriodNotStartedError``)."""
    quarter = year_end(period)
    check_started(quarter, today)
    previous = {
        r.action.pk: r for r in action_results(scope.actions, quarter.previous(), today=today)
    }
    results = action_results(scope.actions, quarter, today=today)
    actions = [action_item(r, previous[r.action.pk], quarter) for r in results]
    measures = [measure_item(m) for m in measure_years(with_measure_links(scope.measures), quarter)]
    sections = [summary(actions, measures), exceptions_section([*actions, *measures])]
    sections += portfolio_sections(
        actions,
        measures,
        action_portfolios=lambda i: i.portfolios,
        measure_portfolios=lambda i: i.portfolios,
        action_table=action_table,
        measure_table=measure_table,
    )
    return Report(
        title=f"Quarterly performance report: {quarter.label}",
        subtitle=f"{scope.plan.organisation.name}, {scope.plan.title}",
        introduction=(
            f"Progress on the actions and measures of the {scope.plan.title} in {quarter.label}, "
            "exceptions first.",
            as_at_sentence(quarter, today, results),
        ),
        sections=tuple(sections),
    )


def action_item(now: ActionResult, before: ActionResult, quarter: Period) -> Item:
    """An action's status this quarter, and its direction from last quarter's status. With no
    update of its own, the latest earlier one is shown, labelled with its period."""
    update = now.update
    progress = rating_text(update, now.update_period or quarter)
    commentary = update.commentary if update else ""
    if now.carried and now.update_period is not None:
        last = f"last updated {now.update_period.label}"
        progress = f"{progress} ({last})"
        commentary = f"No update for {quarter.label}; {last}: {commentary or NOTHING}"
    return Item(
        kind="Action",
        title=now.action.title,
        status=now.status.status,
        overdue=now.overdue,
        direction=status_direction(now.status.status, before.status.status),
        progress=progress,
        commentary=commentary,
        mitigation=update.mitigation if update else "",
        portfolios=tuple(now.action.portfolios.all()),
    )


def status_direction(now: RagStatus, before: RagStatus) -> Direction:
    """Improving when the colour is better than last quarter's, worsening when worse."""
    if not (now.is_rated and before.is_rated):
        return Direction.NOT_COMPARABLE
    if now.severity == before.severity:
        return Direction.NO_CHANGE
    return Direction.IMPROVING if now.severity < before.severity else Direction.WORSENING


def measure_item(years: MeasureYear) -> Item:
    """A measure's value, target and status, and its direction since the period before."""
    result = years.now
    measure = result.measure
    return Item(
        kind="Measure",
        title=measure.title,
        status=result.status.status,
        overdue=False,
        direction=result.since_previous.direction,
        progress=year_to_date_text(result),
        commentary=result.status.explanation,
        mitigation="",
        portfolios=tuple(measure_portfolios(measure)),
        target=result.target_text,
    )


def summary(actions: list[Item], measures: list[Item]) -> Section:
    """How many actions and measures are at each status."""
    counted = [status_breakdown(i.status for i in items) for items in (actions, measures)]
    statuses = sorted({s for c in counted for s, _ in c.counts}, key=lambda s: s.order)
    rows = [(s.label, str(counted[0].count(s)), str(counted[1].count(s))) for s in statuses]
    rows.append(("Total", str(len(actions)), str(len(measures))))
    table = Table("Actions and measures by status", ("Status", "Actions", "Measures"), tuple(rows))
    return Section("Summary", tables=(table,))


def exceptions_section(items: Iterable[Item]) -> Section:
    """Red, overdue and worsening items, most pressing first, with what is being done."""
    found = exceptions(items, include_amber=False)
    rows = tuple(
        (
            i.kind,
            i.title,
            i.status.label + (" (overdue)" if i.overdue else ""),
            i.direction_label,
            i.commentary or NOTHING,
            i.mitigation or NOTHING,
        )
        for i in found
    )
    header = ("Type", "Title", "Status", "Direction of travel", "Commentary", "Mitigations")
    table = Table("Exceptions", header, rows, status_column=2)
    none = () if rows else ("No action or measure is red, overdue or worsening.",)
    return Section("Exceptions", tables=(table,) if rows else (), paragraphs=none)


def action_table(items: list[Item]) -> Table:
    """Every action of a portfolio with its status, progress and direction of travel."""
    header = ("Action", "Progress", "Status", "Direction of travel", "Commentary")
    rows = tuple(
        (i.title, i.progress, i.status.label, i.direction_label, i.commentary or NOTHING)
        for i in items
    )
    return Table("Actions", header, rows, status_column=2)


def measure_table(items: list[Item]) -> Table:
    """Every measure of a portfolio with value, target, status and direction of travel."""
    header = ("Measure", "Value", "Target", "Status", "Direction of travel")
    rows = tuple((i.title, i.progress, i.target, i.status.label, i.direction_label) for i in items)
    return Table("Measures", header, rows, status_column=3)
