"""Annual performance results, laid out like Derby's "Annual Performance Results 2020/21".

Per cabinet portfolio, the actions monitored in the year and then the measures, each with last
year's result, this year's year-end result, its status and the council plan theme. Actions show
their updates' progress ratings as written ("On track", "Amber / Red (Q4 DCA)"); measures
their values as the documents print them. Only what was reported in either year is listed, as
in the document: an action with no result in both years was not monitored.
"""

from __future__ import annotations

from datetime import date

from councilplan.domain.periods import Period, PeriodKind, check_started
from councilplan.monitoring.selectors import ActionResult, action_results
from councilplan.reports.shape import Report, Table

from .common import (
    NO_TARGET,
    NOTHING,
    MeasureYear,
    ReportScope,
    as_at_sentence,
    measure_portfolios,
    measure_years,
    portfolio_sections,
    rating_text,
    theme_roots,
    value_text,
    with_measure_links,
)


def year_end(period: Period) -> Period:
    """The quarter an annual report stands at: the one given, or a year's last quarter."""
    return period if period.kind == PeriodKind.QUARTER else Period.quarter(period.year, 4)


def build(scope: ReportScope, period: Period, *, today: date) -> Report:
    """The annual results of the scope's plan at ``period`` (a quarter, or a year's Q4);
    refused for a quarter that has not started (``PeriodNotStartedError``)."""
    quarter = year_end(period)
    check_started(quarter, today)
    last_year = quarter.same_period_last_year()
    now = action_results(scope.actions, quarter, today=today)
    before = {r.action.pk: r for r in action_results(scope.actions, last_year, today=today)}
    actions = [
        (result, before[result.action.pk])
        for result in now
        if result.own_update is not None or before[result.action.pk].own_update is not None
    ]
    measures = [
        m
        for m in measure_years(with_measure_links(scope.measures), quarter, whole_year=True)
        if m.now.observation is not None or m.last_year.observation is not None
    ]
    header = AnnualHeader(scope, quarter)
    sections = portfolio_sections(
        actions,
        measures,
        action_portfolios=lambda pair: pair[0].action.portfolios.all(),
        measure_portfolios=lambda m: measure_portfolios(m.now.measure),
        action_table=lambda group: header.table(
            "Actions identified in the", [header.action_row(*pair) for pair in group]
        ),
        measure_table=lambda group: header.table(
            "Measures of the", [header.measure_row(m) for m in group]
        ),
    )
    return Report(
        title=f"{scope.plan.organisation.name} Annual Performance Results {quarter.label[:7]}",
        subtitle=f"{scope.plan.title}: results at {quarter.label}",
        introduction=(
            f"The actions and measures of the {scope.plan.title} monitored in "
            f"{quarter.label[:7]}, for each portfolio, with last year's result.",
            as_at_sentence(quarter, today, now),
        ),
        sections=tuple(sections),
    )


class AnnualHeader:
    """The columns of the results tables, and the rows in them."""

    def __init__(self, scope: ReportScope, quarter: Period) -> None:
        self.scope = scope
        self.quarter = quarter
        self.themes = theme_roots(scope.plan)
        short = f"Q{quarter.number}"
        self.columns = (
            "Action or measure",
            f"{quarter.same_period_last_year().label[:7]} actual",
            f"{short} actual",
            f"{short} status",
            "Council plan theme",
        )

    def table(self, caption: str, rows: list[tuple[str, ...]]) -> Table:
        """A table of rows under this header, captioned with the plan's title."""
        return Table(
            caption=f"{caption} {self.scope.plan.title}",
            header=self.columns,
            rows=tuple(rows),
            status_column=3,
        )

    def action_row(self, now: ActionResult, before: ActionResult) -> tuple[str, ...]:
        """An action's title, last year's and this year's rating, status and theme."""
        update = now.own_update  # each year's actual is its own update, as the document has it
        # The status column shows the colour the update reported (as the document does), as
        # the selector computes it; a rating alone, a DCA or no result leave it empty.
        shows_status = bool(update and update.status and update.progress_rating)
        shows_status = shows_status and not (update and update.is_dca)
        return (
            now.action.title,
            rating_text(before.own_update, self.quarter.same_period_last_year()),
            rating_text(update, self.quarter),
            now.status.status.label if shows_status else NOTHING,
            self.themes(now.action.themes.all()),
        )

    def measure_row(self, years: MeasureYear) -> tuple[str, ...]:
        """A measure's title, last year's and this year's value, status and theme."""
        measure = years.now.measure
        return (
            measure.title,
            value_text(years.last_year.observation, measure),
            value_text(years.now.observation, measure),
            # As the document: without a target the status says so, whatever the value.
            years.now.status.status.label if years.now.target else NO_TARGET,
            self.themes(measure.themes.all()),
        )
