"""The staff dashboard: status counts by theme and portfolio (charts and tables), exceptions
first, the trend of the share on track, the timeline as at the period (read when opened), GET
filters, permissions, and queries that do not grow with the number of actions."""

import re
from datetime import date

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councilplan.accounts.models import Membership, Role, User
from councilplan.core.models import ReviewState
from councilplan.domain.periods import Period
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Plan
from tests.conftest import REPO
from tests.council import Q1, Council
from tests.factories import ActionFactory, MilestoneFactory, ReportingPeriodFactory, ThemeFactory

pytestmark = pytest.mark.django_db
Q4 = Period.parse("2021/22-Q4")


def dashboard_url(plan: Plan, period: Period | None = None) -> str:
    if period is None:
        return reverse("staff:dashboard", args=[plan.pk])
    return reverse("staff:dashboard-period", args=[plan.pk, period])


def timeline_url(plan: Plan, period: Period) -> str:
    return reverse("staff:dashboard-timeline", args=[plan.pk, period])


def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def approve(action: Action, rp: ReportingPeriod, status: str, rating: str = "") -> None:
    ActionUpdate.objects.create(
        action=action,
        reporting_period=rp,
        status=status,
        progress_rating=rating,
        state=ReviewState.APPROVED,
        approved_at=timezone.now(),
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def derby_team(client: Client) -> tuple[Client, Plan]:
    for name in (
        "1-derby-council-delivery-plan-2019-20.json",
        "2-derby-annual-performance-results-2020-21.json",
    ):
        apply_document(read_file(REPO / "examples" / name))
    plan = Plan.objects.get(slug="council-delivery-plan-2019-20")
    user = User.objects.create_user(username="team", password="a-long-test-password")
    Membership.objects.create(user=user, organisation=plan.organisation, role=Role.PERFORMANCE_TEAM)
    return signed_in(client, user), plan


def test_dashboard_of_the_derby_plan_shows_charts_and_tables_of_the_same_counts(
    derby_team: tuple[Client, Plan],
) -> None:
    client, plan = derby_team
    response = client.get(dashboard_url(plan))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('role="img"') == 3  # theme, portfolio, trend; the timeline when opened
    assert "Actions by status and theme" in page
    assert "Actions by status and portfolio" in page
    assert "A city with big ambitions" in text(response)
    assert "Summary for 2020/21 Q4" in text(response)
    assert "Strategy and Policy" in page


def test_dashboard_trend_has_a_point_per_reporting_period(derby_team: tuple[Client, Plan]) -> None:
    client, plan = derby_team
    page = text(client.get(dashboard_url(plan)))
    trend = page[page.index("Trend: share on track") : page.index("Timeline as at")]
    assert "2019/20 Q4" in trend
    assert "2020/21 Q4" in trend


def test_dashboard_for_a_period_in_the_url(derby_team: tuple[Client, Plan]) -> None:
    client, plan = derby_team
    page = text(client.get(dashboard_url(plan, Period.parse("2019/20-Q4"))))
    assert "Summary for 2019/20 Q4" in page


def test_exceptions_come_first_red_before_amber_and_green_left_out(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    green = ActionFactory(plan=plan, title="Going well", expected_completion="2030")
    approve(council.own_action, council.q1, "amber")
    approve(council.other_action, council.q1, "red", "major_slippage")
    approve(green, council.q1, "green")
    page = text(signed_in(client, council.performance).get(dashboard_url(plan, Q1)))
    exceptions = page[page.index("Exceptions: red") : page.index("Status by theme")]
    assert exceptions.index("Plant more trees") < exceptions.index("Reduce homelessness")
    assert "Going well" not in exceptions


def test_action_worse_than_last_period_is_listed_as_worsening(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    q2 = ReportingPeriodFactory(organisation=plan.organisation, period=Q1.next())
    approve(council.own_action, council.q1, "green")
    approve(council.own_action, q2, "amber_green")
    page = text(signed_in(client, council.performance).get(dashboard_url(plan, Q1.next())))
    assert "Worse than the previous period." in page


def test_filters_by_portfolio_department_officer_and_theme_narrow_the_actions(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    theme = ThemeFactory(plan=plan, title="Housing theme")
    child = ThemeFactory(plan=plan, parent=theme, title="Homes focus")
    council.own_action.themes.set([child])
    signed_in(client, council.performance)
    own = council.own_action.portfolios.get()
    filters = [
        {"portfolio": own.pk},
        {"department": council.own_action.departments.get().pk},
        {"officer": council.own_action.lead_officers.get().pk},
        {"theme": theme.pk},
    ]
    for query in filters:
        assert "1 action," in text(client.get(dashboard_url(plan, Q1), query)), query
        page = text(client.get(timeline_url(plan, Q1), query))
        assert "Reduce homelessness" in page, query
        assert "Plant more trees" not in page, query


def test_unknown_filter_values_show_every_action(client: Client, council: Council) -> None:
    plan = council.own_action.plan
    signed_in(client, council.performance)
    assert "2 actions," in text(client.get(dashboard_url(plan, Q1), {"theme": "999"}))
    page = text(client.get(timeline_url(plan, Q1), {"theme": "999"}))
    assert "Reduce homelessness" in page
    assert "Plant more trees" in page


def test_timeline_marks_slipped_actions_and_milestones_in_words(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    ActionFactory(plan=plan, title="Late one", expected_completion="March 2019")
    MilestoneFactory(action=council.other_action, title="Consent", due="September 2019")
    signed_in(client, council.performance)
    # Q1 2021/22 has ended: its timeline is as at its last day, whenever the test runs.
    assert "Timeline as at 30 June 2021" in text(client.get(dashboard_url(plan, Q1)))
    timeline = text(client.get(timeline_url(plan, Q1)))
    assert re.search(r"Late one .*? Slipped : overdue", timeline)
    assert "Consent (September 2019): slipped" in timeline
    assert "As at 30 Jun 2021" in timeline


def test_cabinet_member_sees_only_their_portfolios_actions(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    signed_in(client, council.cabinet)
    assert "1 action," in text(client.get(dashboard_url(plan, Q1)))
    page = text(client.get(timeline_url(plan, Q1)))
    assert "Reduce homelessness" in page
    assert "Plant more trees" not in page


def test_outsider_cannot_see_the_dashboard_and_anonymous_must_sign_in(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    assert client.get(dashboard_url(plan)).status_code == 302
    assert client.get(timeline_url(plan, Q1)).status_code == 302
    signed_in(client, council.outsider)
    assert client.get(dashboard_url(plan)).status_code == 404
    assert client.get(timeline_url(plan, Q1)).status_code == 404


def test_dashboard_navigation_item_leads_to_the_only_plan(client: Client, council: Council) -> None:
    signed_in(client, council.viewer)
    response = client.get(reverse("staff:dashboards"))
    assert response.status_code == 302
    assert response["Location"] == dashboard_url(council.own_action.plan)
    page = client.get(response["Location"]).content.decode()
    assert 'aria-current="page">Dashboard</a>' in page


def queries(client: Client, url: str) -> int:
    """Queries to work the dashboard out (its kept body dropped first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_dashboard_queries_do_not_grow_with_actions(client: Client, council: Council) -> None:
    plan = council.own_action.plan
    ReportingPeriodFactory(organisation=plan.organisation, period=Q4)
    signed_in(client, council.performance)

    def add(count: int) -> None:
        for _ in range(count):
            action = ActionFactory(plan=plan, expected_completion="March 2021")
            action.themes.set([ThemeFactory(plan=plan)])
            MilestoneFactory(action=action, due="June 2021")
            approve(action, council.q1, "red", "major_slippage")

    add(2)
    url = dashboard_url(plan, Q4)
    few = queries(client, url)
    add(20)
    assert queries(client, url) == few


def test_dashboard_counts_missing_updates_and_shows_the_last_one(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    approve(council.own_action, council.q1, "green")
    page = text(signed_in(client, council.performance).get(dashboard_url(plan, Q1)))
    assert "1 unfinished action has no approved update for 2021/22 Q1" in page
    assert "Missing update 1" in page  # the summary's count of each status


def test_timeline_is_read_when_opened_with_the_dashboards_filters(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    signed_in(client, council.performance)
    portfolio = council.own_action.portfolios.get().pk
    dashboard = client.get(dashboard_url(plan, Q1), {"portfolio": portfolio}).content.decode()
    address = f"{timeline_url(plan, Q1)}?portfolio={portfolio}"
    # A link that works without JavaScript, and HTMX loading it into the details when opened.
    assert f'href="{address}"' in dashboard
    assert f'hx-get="{address}" hx-trigger="toggle once"' in dashboard
    assert "Reduce homelessness" not in dashboard  # not in the exceptions: no update is red
    fragment = client.get(address, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode()
    assert "Reduce homelessness" in text(fragment)
    assert "HX-Request" in fragment["Vary"]
    page = client.get(address)
    assert "<html" in page.content.decode()
    assert "Back to the dashboard" in text(page)
    assert f"Timeline: {plan.title}" in text(page)


def test_timeline_shows_what_was_reported_up_to_the_period_only(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    MilestoneFactory(action=council.own_action, title="Hostel open", due="May 2021")
    milestone = council.own_action.milestones.get()
    milestone.completed_on = date(2021, 8, 1)  # done in the next quarter
    milestone.save()
    page = text(signed_in(client, council.performance).get(timeline_url(plan, Q1)))
    assert "Hostel open (May 2021): slipped" in page
    assert "done 1 August 2021" not in page


def test_a_period_that_has_not_started_says_so_instead_of_showing_statuses(
    client: Client, council: Council
) -> None:
    plan = council.own_action.plan
    later = Period.parse("2021/22-Q3")  # starts 1 October 2021
    ReportingPeriodFactory(organisation=plan.organisation, period=later)
    signed_in(client, council.performance)
    with time_machine.travel(date(2021, 8, 15), tick=False):
        board = text(client.get(dashboard_url(plan, later)))
        timeline = text(client.get(timeline_url(plan, later)))
        overview = text(client.get(reverse("staff:plan-period", args=[plan.pk, later])))
        now = text(client.get(dashboard_url(plan, Q1.next())))
    started = "2021/22 Q3 has not started: it starts on 1 October 2021."
    assert started in board
    assert "Summary for" not in board
    assert "Missing update" not in board
    assert started in timeline
    assert "Reduce homelessness" not in timeline
    assert started in overview
    assert "Quarterly performance report" not in overview
    assert "Delivery plan" in overview  # the plan's document needs no statuses
    assert "status as at 15 August 2021" in now  # the open quarter: as at today
