"""Importing a council's KPI return in a real browser, with the real background worker: upload,
watch it read, change a column's role and save the mapping, preview, apply; then next quarter's
return with the saved mapping, straight to the preview. axe-core checks every page on the way."""

import pytest
from playwright.sync_api import Page, expect

from councilplan.accounts.models import Membership, Role
from councilplan.imports.models import ImportJob, JobState, SavedMapping
from councilplan.measures.models import Observation
from tests.browser.conftest import accessibility_violations, screenshot
from tests.browser.test_quarter_journey import PASSWORD
from tests.council import user
from tests.factories import OfficerFactory, OrganisationFactory
from tests.imports.kpi_return import Q1_VALUES, Q2_VALUES, kpi_return

pytestmark = pytest.mark.django_db(transaction=True)
WAIT_MS = 60_000  # the longest the worker may take to read a small file: never a measure


def checked(page: Page, name: str = "") -> None:
    assert accessibility_violations(page) == []
    if name:
        screenshot(page, name)


def upload(page: Page, live_server, name: str, content: bytes, saved: str = "") -> None:
    page.goto(f"{live_server.url}/staff/imports/")
    if saved:
        page.get_by_label("Read it with a saved mapping (optional)").select_option(label=saved)
    page.get_by_label("Upload a file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.get_by_role("button", name="Upload and read the file").click()


def test_import_a_kpi_return_then_the_next_quarters_with_its_saved_mapping(
    live_server, page: Page, worker
) -> None:
    organisation = OrganisationFactory(name="Derby City Council", slug="derby")
    for name in ("Clare Mehrbani", "Ian Fullagar"):
        OfficerFactory(organisation=organisation, name=name)
    Membership.objects.create(
        user=user("performance"), organisation=organisation, role=Role.PERFORMANCE_TEAM
    )
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Username").fill("performance")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # A file halfway through reading (made here, not queued: the worker leaves it as it is).
    reading = ImportJob.objects.create(
        organisation=organisation,
        file_name="council-plan-2024.pdf",
        content=b"%PDF-",
        size=5,
        state=JobState.READING,
        format="pdf",
        progress_done=12,
        progress_total=40,
    )
    page.goto(f"{live_server.url}/staff/imports/{reading.pk}/")
    expect(page.get_by_text("Reading the file: 12 of 40 pages")).to_be_visible()
    checked(page, "import-progress")
    reading.delete()

    page.get_by_role("link", name="Import", exact=True).click()
    expect(page.get_by_role("heading", name="Import a file")).to_be_visible()
    checked(page, "import-upload")
    upload(page, live_server, "housing-kpi-q1.csv", kpi_return(1, Q1_VALUES))
    # The progress page polls until the worker has read the file, then shows the mapping form.
    heading = page.get_by_role("heading", name="Check how housing-kpi-q1.csv maps")
    expect(heading).to_be_visible(timeout=WAIT_MS)
    expect(page.get_by_text("Proposed: Status (RAG), 100%")).to_be_visible()
    checked(page, "import-mapping")
    page.get_by_label("Table 1, column 6 (RAG): what it holds").select_option(label="Not used")
    page.get_by_label("Save this mapping as (optional)").fill("Housing KPI return")
    page.get_by_role("button", name="Check what importing would change").click()

    expect(page.get_by_text('Mapping saved as "Housing KPI return".')).to_be_visible()
    expect(
        page.get_by_role("heading", name="What importing housing-kpi-q1.csv would change")
    ).to_be_visible(timeout=WAIT_MS)
    measures = page.get_by_role("row", name="Measure")
    expect(measures.get_by_role("cell").first).to_have_text("3")
    expect(page.get_by_text("Not used (3)")).to_be_visible()
    checked(page, "import-preview")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_role("heading", name="housing-kpi-q1.csv imported")).to_be_visible(
        timeout=WAIT_MS
    )
    checked(page)
    assert Observation.objects.filter(period_number=1).count() == 3

    upload(page, live_server, "housing-kpi-q2.csv", kpi_return(2, Q2_VALUES), "Housing KPI return")
    preview = page.get_by_role("heading", name="What importing housing-kpi-q2.csv would change")
    expect(preview).to_be_visible(timeout=WAIT_MS)
    checked(page)
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_role("heading", name="housing-kpi-q2.csv imported")).to_be_visible(
        timeout=WAIT_MS
    )
    assert Observation.objects.filter(period_number=2).count() == 3
    assert SavedMapping.objects.get().name == "Housing KPI return"
