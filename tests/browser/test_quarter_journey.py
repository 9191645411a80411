"""A full quarter in a real browser: an officer reports, the performance team returns it, the
officer resubmits, it is approved, and the plan shows the new status; two people editing the
same update get a conflict message. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import Browser, Page, expect

from councilplan.measures.models import Observation
from councilplan.monitoring.models import ActionUpdate
from tests.browser.conftest import accessibility_violations, screenshot
from tests.council import Q1

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-test-password"


def sign_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    assert accessibility_violations(page) == []
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My updates")).to_be_visible()


def checked(page: Page, name: str | None = None) -> None:
    """No accessibility violations here; optionally keep a screenshot."""
    assert accessibility_violations(page) == []
    if name:
        screenshot(page, name)


def test_a_full_quarter(live_server, browser: Browser, council) -> None:
    officer = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(officer, live_server, "officer")
    checked(officer, "my-updates")

    officer.get_by_role("link", name="Reduce homelessness").click()
    officer.get_by_label("Some slippage").check()
    officer.get_by_label("Amber", exact=True).check()
    officer.get_by_label("Commentary").fill("The hub opened late.")
    checked(officer, "update-form")
    officer.get_by_role("button", name="Submit for approval").click()
    expect(officer.get_by_text("Your update submitted for approval.")).to_be_visible()

    officer.get_by_role("link", name="Homeless approaches").click()
    officer.get_by_label("Value", exact=True).fill("x")
    officer.get_by_role("button", name="Submit for approval").click()
    expect(officer.locator(".govuk-error-summary")).to_contain_text("Enter a number")
    checked(officer)
    officer.get_by_label("Value", exact=True).fill("2248")
    officer.get_by_role("button", name="Submit for approval").click()
    expect(officer.get_by_text("The value submitted for approval.")).to_be_visible()

    team = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(team, live_server, "performance")
    team.get_by_role("link", name="Approvals").click()
    checked(team, "approvals")
    row = team.locator("tr", has_text="Reduce homelessness")
    row.get_by_label("Or return it, saying why").fill("Say when the hub will open.")
    row.get_by_role("button", name="Return").click()
    expect(team.get_by_text("Returned to the officer with your reason.")).to_be_visible()

    officer.goto(f"{live_server.url}/staff/")
    officer.get_by_role("link", name="Reduce homelessness").click()
    expect(officer.get_by_text("Returned for changes: Say when the hub will open.")).to_be_visible()
    officer.get_by_label("Commentary").fill("The hub opened late; it opens fully in July.")
    officer.get_by_label("On track").check()
    officer.get_by_label("Green", exact=True).check()
    officer.get_by_role("button", name="Submit for approval").click()

    team.goto(f"{live_server.url}/staff/approvals/")
    for title in ("Reduce homelessness", "Homeless approaches"):
        row = team.locator("tr", has_text=title)
        row.get_by_role("button", name="Approve").click()
        # HTMX swaps the row for its outcome; wait for that before looking in the database.
        expect(team.locator("tr", has_text=title)).to_have_count(0)
    expect(team.get_by_role("status").first).to_have_text("Approved.")
    assert ActionUpdate.objects.get(version=1).state == "approved"
    assert Observation.objects.get(period_year=Q1.year).state == "approved"

    team.goto(f"{live_server.url}/staff/plans/{council.own_action.plan_id}/")
    row = team.locator("tr", has_text="Reduce homelessness")
    expect(row.locator(".govuk-tag")).to_have_text("Green")
    checked(team, "plan-overview")
    row.get_by_role("link", name="Reduce homelessness").click()
    expect(
        team.get_by_role("cell", name="Returned v1: Say when the hub will open.")
    ).to_be_visible()
    checked(team, "action")
    team.goto(f"{live_server.url}/staff/measures/{council.own_measure.pk}/")
    expect(team.get_by_role("img", name="Homeless approaches")).to_be_visible()
    checked(team, "measure")
    team.goto(f"{live_server.url}/staff/plans/")
    checked(team)


def test_two_people_editing_the_same_update_get_a_conflict_not_an_overwrite(
    live_server, browser: Browser, council
) -> None:
    officer, lead = browser.new_page(), browser.new_page()
    sign_in(officer, live_server, "officer")
    sign_in(lead, live_server, "lead")
    form = f"{live_server.url}/staff/actions/{council.own_action.pk}/update/2021-22-Q1/"
    officer.goto(form)
    lead.goto(form)
    for page, words in ((lead, "The lead's account."), (officer, "The officer's account.")):
        page.get_by_label("On track").check()
        page.get_by_label("Commentary").fill(words)
        page.get_by_role("button", name="Save as draft").click()
    expect(officer.locator(".govuk-error-summary")).to_contain_text(
        "was changed by Lead after you opened it"
    )
    checked(officer)
    assert ActionUpdate.objects.get().commentary == "The lead's account."
