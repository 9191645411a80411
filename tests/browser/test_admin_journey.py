"""A performance officer signs in to the admin and finds the actions of a portfolio."""

import pytest
from playwright.sync_api import Page, expect

from councilplan.accounts.services import ensure_admin
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_signs_in_and_filters_actions_by_portfolio(live_server, page: Page) -> None:
    apply_document(read_file(FIXTURES / "derby-demo.json"))
    ensure_admin(username="perf", password="a-long-test-password")

    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("perf")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Plan register")).to_be_visible()

    page.get_by_role("link", name="Actions").click()
    page.get_by_role("link", name="Adults, Health and Housing").first.click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(6)
    expect(
        page.get_by_text("Reduce homelessness and enable access to affordable housing")
    ).to_be_visible()
    page.get_by_role("button", name="Toggle navigation").click()
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "admin-actions.png", full_page=False)
