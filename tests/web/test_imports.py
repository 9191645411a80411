"""The import pages: who may use them, the upload and its limit, the mapping form, the preview.

The worker's steps are run here in the test's own process (``run_step``), so these tests stay
quick and need no committed data; ``tests/imports/test_import_jobs.py`` runs them in the real
worker.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from councilplan.accounts.models import Membership, Role
from councilplan.imports.jobs.steps import CHECK, READ, run_step
from councilplan.imports.models import ImportJob, JobState, SavedMapping
from councilplan.imports.structure import MeasureIn, OrganisationIn, PlanDocument
from councilplan.measures.models import Measure
from tests.factories import OrganisationFactory
from tests.imports.kpi_return import Q1_VALUES, Q2_VALUES, kpi_return

pytestmark = pytest.mark.django_db

UPLOAD = reverse("staff:imports")
NOT_THE_TEAM = ["lead", "officer", "cabinet", "viewer", "outsider"]


def members(council) -> dict[str, object]:
    return {
        "performance": council.performance,
        "lead": council.lead,
        "officer": council.officer,
        "cabinet": council.cabinet,
        "viewer": council.viewer,
        "outsider": council.outsider,
    }


def upload(client: Client, content: bytes, name: str = "kpi.csv", **fields: object):
    organisation = Membership.objects.get(role=Role.PERFORMANCE_TEAM).organisation_id
    data = {"organisation": organisation, **fields, "file": SimpleUploadedFile(name, content)}
    return client.post(UPLOAD, data)


def read_job(client: Client) -> ImportJob:
    """Upload the Q1 return and read it, as the worker would."""
    response = upload(client, kpi_return(1, Q1_VALUES))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("staff:import", args=[job.pk])
    run_step(job.pk, READ)
    job.refresh_from_db()
    return job


def mapping_data(page: str) -> dict[str, str]:
    """Every field of the mapping form as the page fills it in, as a browser would send it."""
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", page):
        attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
        if attrs.get("type") == "checkbox":
            if " checked" in tag:
                data[attrs["name"]] = "on"
        elif "name" in attrs and attrs["name"] != "csrfmiddlewaretoken":
            data[attrs["name"]] = attrs.get("value", "")
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', body)
        data[name] = selected[1] if selected else ""
    return data


@pytest.mark.parametrize("role", NOT_THE_TEAM)
def test_only_the_performance_team_may_open_the_upload_page(client: Client, council, role) -> None:
    client.force_login(members(council)[role])
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, b"Ref,Title\n1,A\n").status_code == 403
    assert not ImportJob.objects.exists()


def test_the_performance_team_uploads_and_sees_the_progress_page(client: Client, council) -> None:
    client.force_login(council.performance)
    page = client.get(UPLOAD).content.decode()
    assert "Import a file" in page
    assert 'name="saved_mapping"' in page
    response = upload(client, kpi_return(1, Q1_VALUES), name="housing-kpi.csv")
    job = ImportJob.objects.get()
    assert (job.state, job.file_name, job.created_by) == (
        "queued",
        "housing-kpi.csv",
        council.performance,
    )
    assert bytes(job.content) == kpi_return(1, Q1_VALUES)
    progress = client.get(response["Location"]).content.decode()
    assert "Waiting for the worker" in progress
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in progress
    assert 'hx-get="' + reverse("staff:import-progress", args=[job.pk]) in progress
    assert "<progress" in progress


@pytest.mark.parametrize("role", NOT_THE_TEAM)
def test_an_import_is_not_found_by_anyone_outside_its_councils_team(
    client: Client, council, role
) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    client.force_login(members(council)[role])
    for name in ("staff:import", "staff:import-progress", "staff:import-mapping"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("staff:import-apply", args=[job.pk])).status_code == 404


def test_another_councils_performance_team_cannot_see_or_change_an_import(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    other = OrganisationFactory()
    council.outsider.memberships.create(organisation=other, role=Role.PERFORMANCE_TEAM)
    client.force_login(council.outsider)
    assert client.get(reverse("staff:import", args=[job.pk])).status_code == 404
    assert client.post(reverse("staff:import-mapping", args=[job.pk]), {}).status_code == 404
    assert job.pk not in [j.pk for j in client.get(UPLOAD).context["jobs"]]


def test_a_file_over_the_limit_is_refused_before_it_is_kept(
    client: Client, council, settings
) -> None:
    settings.COUNCILPLAN_IMPORT_MAX_BYTES = 1000
    client.force_login(council.performance)
    response = upload(client, b"Ref,Title\n" + b"1,A long title\n" * 200)
    assert response.status_code == 400
    assert "The selected file must be smaller than 1 KB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_far_over_the_limit_is_refused_from_its_length_alone(
    client: Client, council, settings
) -> None:
    settings.COUNCILPLAN_IMPORT_MAX_BYTES = 1024 * 1024
    client.force_login(council.performance)
    response = upload(client, b"x" * (3 * 1024 * 1024))
    assert response.status_code == 400
    assert "The selected file must be smaller than 1 MB" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_an_empty_file_or_none_is_refused(client: Client, council) -> None:
    client.force_login(council.performance)
    assert "The selected file is empty" in upload(client, b"").content.decode()
    assert "Select a file to import" in client.post(UPLOAD, {}).content.decode()
    assert not ImportJob.objects.exists()


def test_a_corrupt_file_fails_with_a_clear_message_and_writes_nothing(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    upload(client, b"PK\x03\x04 not really a workbook" * 10, name="kpi.xlsx")
    job = ImportJob.objects.get()
    run_step(job.pk, READ)
    page = client.get(reverse("staff:import", args=[job.pk])).content.decode()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error
    assert "could not be read" in page
    assert job.error in page.replace("&quot;", '"').replace("&#x27;", "'")
    assert Measure.objects.count() == 2  # the council's own, nothing more


def test_the_mapping_form_shows_each_column_with_its_proposal(client: Client, council) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    assert job.state == JobState.READ
    page = client.get(reverse("staff:import", args=[job.pk])).content.decode()
    assert "Check how kpi.csv maps" in page
    assert "Table 1: Housing KPI return 2024/25 Q1" in page
    assert "kpi.csv, line 2" in page
    assert "Proposed: Owner / lead officer, 100%" in page
    assert "Households in temporary accommodation" in page  # the sample of rows
    assert 'name="t0-c2-role"' in page
    assert 'name="save_as"' in page


def test_confirming_the_mapping_saves_it_and_queues_the_check(client: Client, council) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    url = reverse("staff:import-mapping", args=[job.pk])
    data = mapping_data(client.get(reverse("staff:import", args=[job.pk])).content.decode())
    data |= {"t0-c5-role": "ignore", "save_as": "Housing KPI return"}
    response = client.post(url, data)
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    assert job.mapping["tables"][0]["columns"][5]["role"] == "ignore"
    assert job.proposed_mapping["tables"][0]["columns"][5]["role"] == "status"
    saved = SavedMapping.objects.get()
    assert (saved.name, saved.organisation, saved.created_by) == (
        "Housing KPI return",
        job.organisation,
        council.performance,
    )
    assert saved.mapping["name"] == "Housing KPI return"
    # A second click finds the job moved on, and changes nothing.
    again = client.post(url, data | {"t0-c5-role": "status"}, follow=True)
    assert "This import has moved on" in again.content.decode()


def test_a_wrong_mapping_field_is_shown_on_the_form(client: Client, council) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    data = mapping_data(client.get(reverse("staff:import", args=[job.pk])).content.decode())
    data |= {"t0-c1-role": "nonsense", "first_year": "2025", "last_year": "2024"}
    response = client.post(reverse("staff:import-mapping", args=[job.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The last year must be the first year or later" in page
    job.refresh_from_db()
    assert job.state == JobState.READ


def test_the_preview_counts_what_would_change_and_lists_what_is_not_used(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    data = mapping_data(client.get(reverse("staff:import", args=[job.pk])).content.decode())
    client.post(reverse("staff:import-mapping", args=[job.pk]), data)
    run_step(job.pk, CHECK)
    page = client.get(reverse("staff:import", args=[job.pk])).content.decode()
    assert "What importing kpi.csv would change" in page
    assert re.search(r"Measure</th>\s*<td[^>]*>3</td>", page)
    assert "Not used (3)" in page
    assert "kpi.csv, line 3" in page
    assert "Apply the import" in page
    assert Measure.objects.count() == 2  # a preview writes nothing


def test_each_uncertain_match_must_be_answered_before_applying(client: Client, council) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    note = {
        "kind": "action",
        "line": 4,
        "given": "Reduce homelesness",
        "matched": "Reduce homelessness",
        "score": 86.0,
    }
    job.state = JobState.CHECKED
    job.preview = {
        "source": "kpi.csv",
        "counts": {"update": {"created": 1}},
        "uncertain_matches": [note],
        "unmatched": [],
        "locked_changes": [{"text": '2024/25 Q1 measure "Homes delivered": value 90 -> 96'}],
        "skipped": [],
        "unused": [],
        "unused_count": 0,
    }
    job.save()
    url = reverse("staff:import-apply", args=[job.pk])
    page = client.get(reverse("staff:import", args=[job.pk])).content.decode()
    assert "Is \u201cReduce homelesness\u201d the same as \u201cReduce homelessness\u201d?" in page
    assert "line 4 of kpi.csv: 86% alike" in page
    response = client.post(url, {})
    assert response.status_code == 400
    refused = response.content.decode()
    assert "Say whether \u201cReduce homelesness\u201d is the same" in refused
    assert "Tick the box to record the changes to locked periods as corrections" in refused
    client.post(url, {"match-0": "no", "record_corrections": "on"})
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    assert job.answers == [
        {key: note[key] for key in ("kind", "line", "given", "matched")} | {"same": False}
    ]
    assert (job.record_corrections, job.applied_by) == (True, council.performance)


def test_the_progress_fragment_sends_the_browser_on_once_the_step_is_done(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    upload(client, kpi_return(1, Q1_VALUES))
    job = ImportJob.objects.get()
    url = reverse("staff:import-progress", args=[job.pk])
    assert "HX-Redirect" not in client.get(url)
    run_step(job.pk, READ)
    assert client.get(url)["HX-Redirect"] == reverse("staff:import", args=[job.pk])


def test_a_saved_mapping_of_another_council_cannot_be_chosen(client: Client, council) -> None:
    other = SavedMapping.objects.create(
        organisation=OrganisationFactory(), name="Theirs", mapping={"tables": []}
    )
    client.force_login(council.performance)
    response = upload(client, kpi_return(1, Q1_VALUES), saved_mapping=other.pk)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ImportJob.objects.exists()


def own_layout(slug: str) -> bytes:
    """A file in councilplan's own normalised JSON layout, for the council ``slug``."""
    document = PlanDocument(
        organisation=OrganisationIn(name="Derby City Council", slug=slug),
        measures=[MeasureIn(code="HSG02", title="Homes delivered")],
    )
    return document.model_dump_json().encode()


def test_a_file_in_councilplans_own_layout_goes_straight_to_the_preview(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    upload(client, own_layout("derby"), name="plan.json")
    job = ImportJob.objects.get()
    run_step(job.pk, READ)
    job.refresh_from_db()
    assert (job.state, job.mapping, job.format) == (JobState.CHECKED, None, "json")
    page = client.get(reverse("staff:import", args=[job.pk])).content.decode()
    assert "Apply the import" in page
    assert "change the mapping" not in page
    response = client.get(reverse("staff:import-mapping", args=[job.pk]), follow=True)
    assert "read without a mapping" in response.content.decode()


def test_a_file_for_another_council_is_refused_and_writes_nothing(client: Client, council) -> None:
    client.force_login(council.performance)
    upload(client, own_layout("leeds"), name="plan.json")
    job = ImportJob.objects.get()
    run_step(job.pk, READ)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "not Derby City Council: nothing was written" in job.error
    assert not Measure.objects.filter(code="HSG02").exists()


def test_the_upload_still_needs_its_csrf_token(council) -> None:
    # The view sets its upload handler before CSRF is checked, then checks it itself.
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.performance)
    assert upload(client, kpi_return(1, Q1_VALUES)).status_code == 403
    assert not ImportJob.objects.exists()


def test_a_saved_mapping_whose_check_fails_opens_the_mapping_form_with_the_problem(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    job = read_job(client)
    data = mapping_data(client.get(reverse("staff:import", args=[job.pk])).content.decode())
    client.post(reverse("staff:import-mapping", args=[job.pk]), data | {"save_as": "KPIs"})
    saved = SavedMapping.objects.get()  # saved with its table left out: nothing will be read
    saved.mapping["tables"][0]["kind"] = "skip"
    saved.save()
    upload(client, kpi_return(2, Q2_VALUES), saved_mapping=saved.pk)
    second = ImportJob.objects.latest("pk")
    run_step(second.pk, READ)
    second.refresh_from_db()
    assert second.state == JobState.READ
    assert "Found no actions, measures or results" in second.error
    page = client.get(reverse("staff:import", args=[second.pk])).content.decode()
    assert "Reading the file with this mapping found a problem" in page
    assert 'name="t0-c2-role"' in page
