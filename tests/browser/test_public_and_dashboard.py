"""The dashboard and the public progress site in a real browser, with the real Derby plan and
results loaded: axe-core finds no WCAG 2.2 A/AA violation on any of their pages."""

import re

import pytest
from playwright.sync_api import Page, expect

from councilplan.accounts.models import Membership, Role, User
from councilplan.core.models import ReviewState
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.measures.models import ComparatorValue, Measure
from councilplan.monitoring.models import ActionUpdate
from councilplan.plans.models import Plan
from tests.browser.conftest import accessibility_violations, screenshot
from tests.conftest import REPO
from tests.factories import MeasureFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


@pytest.fixture
def derby() -> Plan:
    for name in (
        "1-derby-council-delivery-plan-2019-20.json",
        "2-derby-annual-performance-results-2020-21.json",
    ):
        apply_document(read_file(REPO / "examples" / name))
    plan = Plan.objects.get(slug="council-delivery-plan-2019-20")
    user = User.objects.create_user(username="team", password=PASSWORD)
    Membership.objects.create(user=user, organisation=plan.organisation, role=Role.PERFORMANCE_TEAM)
    return plan


def no_violations(page: Page) -> None:
    assert accessibility_violations(page) == []


def test_public_pages_have_no_accessibility_violations(page: Page, live_server, derby) -> None:
    page.goto(live_server.url)
    no_violations(page)
    page.get_by_role("link", name="Council Delivery Plan 2019/20").click()
    expect(page.get_by_role("heading", name="A city with big ambitions")).to_be_visible()
    no_violations(page)
    screenshot(page, "public-plan")

    update = ActionUpdate.objects.filter(action__plan=derby, state=ReviewState.APPROVED).first()
    assert update is not None
    page.get_by_role("link", name=str(update.action)).first.click()
    expect(page.get_by_role("heading", name="Progress reported")).to_be_visible()
    no_violations(page)

    measure = Measure.objects.filter(themes__plan=derby, observations__isnull=False).first()
    assert measure is not None
    TargetFactory(measure=measure, period_year=2020, value=1200)
    ComparatorValue.objects.create(
        measure=measure, kind="national", period_kind="year", period_year=2020, value=999
    )
    page.goto(f"{live_server.url}/measures/{measure.pk}/")
    expect(page.locator("svg.cp-chart").first).to_be_visible()
    no_violations(page)

    # A quarterly sum of periods: quarters (with the year to date) and years drawn apart.
    homes = MeasureFactory(
        organisation=derby.organisation, frequency="quarterly", aggregation="sum"
    )
    homes.themes.add(derby.themes.first())
    for number, value in ((1, 90), (2, 110)):
        ObservationFactory(measure=homes, period_kind="quarter", period_number=number, value=value)
    TargetFactory(measure=homes, period_year=2020, value=400)
    page.goto(f"{live_server.url}/measures/{homes.pk}/")
    expect(page.get_by_role("heading", name="Quarterly values")).to_be_visible()
    expect(page.get_by_role("heading", name="Years")).to_be_visible()
    expect(page.locator("svg.cp-chart")).to_have_count(2)
    no_violations(page)

    page.goto(live_server.url)
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    expect(page.get_by_role("heading", name="Enforcement procedure")).to_be_visible()
    no_violations(page)


def test_dashboard_has_no_accessibility_violations(page: Page, live_server, derby) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("team")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Dashboard").click()
    expect(
        page.get_by_role("heading", name="Exceptions: red, overdue or worsening")
    ).to_be_visible()
    no_violations(page)
    screenshot(page, "dashboard")

    # The timeline is read when opened, as at the period, into the page.
    page.get_by_text("Show the timeline of").click()
    expect(page.get_by_role("img", name=re.compile("Timeline of actions"))).to_be_visible()
    expect(page.get_by_text("The timeline as a table")).to_be_visible()
    no_violations(page)

    page.get_by_label("Portfolio", exact=True).select_option(label="Strategy and Policy")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"portfolio=\d+"))
    no_violations(page)
