"""Action results: statuses computed from approved updates, stages and dates; roll-ups."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.selectors import action_results, action_results_over, rollup
from councilplan.plans.models import Action
from tests.factories import ActionFactory, PlanFactory, PortfolioFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db
Q4 = Period.parse("2020/21-Q4")
TODAY = dt.date(2021, 4, 30)


def reported(
    action: Action, *, version: int = 1, state: str = "approved", **fields
) -> ActionUpdate:
    period, _ = action.plan.organisation.reporting_periods.get_or_create(
        period_kind=Q4.kind, period_year=Q4.year, period_number=Q4.number
    )
    approved_at = timezone.now() if state == "approved" else None
    return ActionUpdate.objects.create(
        action=action,
        reporting_period=period,
        version=version,
        state=state,
        approved_at=approved_at,
        **fields,
    )


def result_of(action: Action):
    [result] = action_results(Action.objects.filter(pk=action.pk), Q4, today=TODAY)
    return result


@pytest.mark.parametrize(
    ("completion", "stage", "update", "expected"),
    [
        pytest.param(
            "March 2022",
            "",
            {"status": "green", "progress_rating": "on_track"},
            RagStatus.GREEN,
            id="reported green",
        ),
        pytest.param(
            "March 2022",
            "",
            {"status": "amber_red", "is_dca": True},
            RagStatus.AMBER_RED,
            id="DCA kept as reported",
        ),
        pytest.param(
            "March 2022",
            "",
            {"progress_rating": "some_slippage"},
            RagStatus.AMBER,
            id="colour from progress rating",
        ),
        pytest.param("March 2020", "in_progress", {}, RagStatus.RED, id="overdue"),
        pytest.param(
            "March 2020", "", {"progress_rating": "completed"}, RagStatus.BLUE, id="completed"
        ),
        pytest.param(
            "Ongoing", "", {"status": "green"}, RagStatus.GREEN, id="ongoing never overdue"
        ),
    ],
)
def test_status_comes_from_the_rules(completion, stage, update, expected) -> None:
    action = ActionFactory(expected_completion=completion, stage=stage)
    reported(action, **update)
    result = result_of(action)
    assert result.status.status == expected
    assert result.overdue == (expected == RagStatus.RED)


def test_overdue_status_explains_itself() -> None:
    action = ActionFactory(expected_completion="March 2020", stage="in_progress")
    reported(action)
    assert result_of(action).status.explanation.startswith(
        "Red: overdue as at 31 March 2021, expected completion 31 March 2020 has passed"
    )


def test_a_reported_colour_is_kept_for_an_action_past_its_timescale_which_is_flagged_overdue() -> (
    None
):
    action = ActionFactory(expected_completion="March 2020", stage="in_progress")
    reported(action, status="green", progress_rating="on_track")
    result = result_of(action)
    assert (result.status.status, result.overdue) == (RagStatus.GREEN, True)
    assert result.status.explanation.endswith(
        "overdue: expected completion 31 March 2020 has passed, as at 31 March 2021"
    )


def test_only_approved_updates_count_and_the_latest_version_wins() -> None:
    action = ActionFactory(expected_completion="March 2022")
    reported(action, state="submitted", status="red")
    assert result_of(action).status.status == RagStatus.MISSING_UPDATE
    reported(action, version=2, status="amber")
    reported(action, version=3, status="green")
    result = result_of(action)
    assert (result.status.status, result.update.version) == (RagStatus.GREEN, 3)


@pytest.mark.parametrize(
    "asked",
    [["Q1", "Q2", "Q3", "Q4"], ["Q2", "Q3", "Q4"], ["Q3"], ["Q4"], ["Q2", "Q4"], ["Q1", "Q3"]],
)
def test_the_update_shown_is_the_latest_version_of_the_latest_period_whatever_else_is_asked(
    asked,
) -> None:
    action = ActionFactory(expected_completion="March 2022")
    quarters = {f"Q{n}": Period.parse(f"2020/21-Q{n}") for n in range(1, 5)}
    periods = {
        name: ReportingPeriodFactory(organisation=action.plan.organisation, period=quarter)
        for name, quarter in quarters.items()
    }

    def update(name: str, version: int, state: str = "approved") -> None:
        approved_at = timezone.now() if state == "approved" else None
        ActionUpdate.objects.create(
            action=action,
            reporting_period=periods[name],
            version=version,
            state=state,
            approved_at=approved_at,
            status="green",
        )

    update("Q1", 1)
    update("Q1", 2)
    update("Q3", 1, state="submitted")  # not approved: Q1's is carried into Q3
    update("Q4", 1)
    shown = {"Q1": ("Q1", 2), "Q2": ("Q1", 2), "Q3": ("Q1", 2), "Q4": ("Q4", 1)}

    results = action_results_over(
        Action.objects.filter(pk=action.pk), [quarters[n] for n in asked], today=TODAY
    )

    found = {
        name: (result.update_period, result.update.version)
        for name in asked
        for result in results[quarters[name]]
    }
    assert found == {name: (quarters[shown[name][0]], shown[name][1]) for name in asked}


def test_rollup_counts_statuses_per_portfolio_and_an_action_in_two_counts_in_both() -> None:
    plan = PlanFactory()
    adults, housing = (
        PortfolioFactory(organisation=plan.organisation, name=n) for n in ("Adults", "Housing")
    )
    for status, portfolios in (
        ("green", [adults]),
        ("red", [adults, housing]),
        ("green", [housing]),
    ):
        action = ActionFactory(plan=plan, expected_completion="March 2022")
        action.portfolios.set(portfolios)
        reported(action, status=status)
    counts = rollup(
        action_results(plan.actions.all(), Q4, today=TODAY), lambda a: a.portfolios.all()
    )
    assert (counts[adults].count(RagStatus.GREEN), counts[adults].count(RagStatus.RED)) == (1, 1)
    assert (counts[housing].count(RagStatus.GREEN), counts[housing].count(RagStatus.RED)) == (1, 1)


def test_queries_do_not_grow_with_the_number_of_actions() -> None:
    plan = PlanFactory()
    ReportingPeriodFactory(organisation=plan.organisation, period=Q4)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            action_results(plan.actions.all(), Q4, today=TODAY)
        return len(queries)

    reported(ActionFactory(plan=plan), status="green")
    few = count_queries()
    for _ in range(5):
        reported(ActionFactory(plan=plan), status="green")
    assert count_queries() == few


def test_a_stage_recorded_completed_later_leaves_earlier_periods_as_reported_then() -> None:
    """Review finding: a stage set to Completed in 2023 made every earlier period Blue."""
    action = ActionFactory(
        expected_completion="March 2022", stage="completed", stage_since=dt.date(2023, 5, 2)
    )
    reported(action, status="amber", progress_rating="some_slippage")
    as_at_q4 = result_of(action)
    assert as_at_q4.status.status == RagStatus.AMBER
    assert as_at_q4.status.explanation.startswith("Amber: as reported in the update")
    [later] = action_results(
        Action.objects.filter(pk=action.pk), Period.parse("2023/24-Q1"), today=dt.date(2024, 1, 5)
    )
    assert later.status.status == RagStatus.BLUE


def test_before_a_stage_was_recorded_an_unfinished_action_past_its_date_is_overdue() -> None:
    action = ActionFactory(
        expected_completion="March 2020", stage="completed", stage_since=dt.date(2023, 5, 2)
    )
    reported(action)  # an approved update with no rating: the dates decide
    result = result_of(action)
    assert (result.status.status, result.overdue) == (RagStatus.RED, True)
    assert "it is not reported completed" in result.status.explanation
