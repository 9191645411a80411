"""The upload values page: a file, its preview or every bad row, then one click applies it."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from councilplan.measures.models import Observation
from councilplan.web.views.uploads import MAX_UPLOAD_BYTES
from tests.monitoring.test_bulk import GOOD, csv_file, truncated_xlsx, xlsx_file

pytestmark = pytest.mark.django_db

URL = reverse("staff:upload-values")


def upload(client: Client, content: bytes, name: str = "values.csv", **fields):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **fields})


def digest(page: str) -> str:
    found = re.search(r'name="digest" value="([0-9a-f]+)"', page)
    assert found, "the page has no apply button"
    return found[1]


def test_preview_then_apply_lands_on_approvals_with_the_count(client: Client, council) -> None:
    client.force_login(council.performance)
    assert "govuk-file-upload" in client.get(URL).content.decode()
    page = upload(client, csv_file(*GOOD)).content.decode()
    assert "Check the values in values.csv" in page
    assert "Homeless approaches" in page
    assert "New value" in page
    assert not Observation.objects.exists()
    response = client.post(URL, {"apply": "1", "digest": digest(page)})
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:approvals")
    assert set(Observation.objects.values_list("state", flat=True)) == {"approved"}
    approvals = client.get(response["Location"]).content.decode()
    assert "2 values from values.csv applied and approved." in approvals


def test_xlsx_upload_previews_and_applies(client: Client, council) -> None:
    client.force_login(council.performance)
    page = upload(client, xlsx_file(*GOOD), name="q1.xlsx").content.decode()
    client.post(URL, {"apply": "1", "digest": digest(page)})
    assert Observation.objects.filter(state="approved").count() == 2


def test_bad_rows_are_listed_in_the_error_summary_and_nothing_is_kept(
    client: Client, council
) -> None:
    client.force_login(council.performance)
    content = csv_file(
        *GOOD, ["Homeless approaches", "2021/22 Q2", "lots"], ["Nope", "2021/22", "1"]
    )
    response = upload(client, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Upload values" in page
    assert "govuk-error-summary" in page
    assert "values.csv has 2 problems: nothing was saved" in page
    assert "Row 4, Value: &quot;lots&quot; is not a number." in page
    assert "Row 5, Measure: No measure has the code or title &quot;Nope&quot;." in page
    assert "Apply these values" not in page
    assert "councilplan_values_upload" not in client.session
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("junk.csv", bytes(range(256)) * 8, "This is not a CSV file in UTF-8"),
        (
            "values.xlsx",
            truncated_xlsx(),
            "This is not an Excel workbook (.xlsx), or it is damaged",
        ),
    ],
    ids=["binary-junk", "truncated-xlsx"],
)
def test_unreadable_file_gets_a_clear_message(client: Client, council, name, content, message):
    client.force_login(council.performance)
    page = upload(client, content, name=name).content.decode()
    assert message in page
    assert not Observation.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_reading(client: Client, council) -> None:
    client.force_login(council.performance)
    page = upload(client, b"x" * (MAX_UPLOAD_BYTES + 1)).content.decode()
    assert "The selected file is larger than 2 MB" in page
    assert "councilplan_values_upload" not in client.session


def test_no_file_chosen_is_a_form_error(client: Client, council) -> None:
    client.force_login(council.performance)
    page = client.post(URL, {}).content.decode()
    assert "Select a CSV or Excel file of values." in page


def test_apply_without_a_kept_preview_asks_for_the_file_again(client: Client, council) -> None:
    client.force_login(council.performance)
    upload(client, csv_file(*GOOD))
    response = client.post(URL, {"apply": "1", "digest": "0" * 64}, follow=True)
    assert "The previewed file is no longer kept: upload it again." in response.content.decode()
    assert not Observation.objects.exists()


def test_a_locked_period_needs_the_reason_given_with_the_upload(client: Client, council) -> None:
    council.q1.is_locked = True
    council.q1.save()
    client.force_login(council.performance)
    page = upload(client, csv_file(*GOOD)).content.decode()
    assert "Row 2, Period: 2021/22 Q1 is locked: give a reason for the correction." in page
    page = upload(client, csv_file(*GOOD), correction_reason="Resent by the supplier").content
    client.post(URL, {"apply": "1", "digest": digest(page.decode())})
    assert Observation.objects.filter(state="approved").count() == 2


@pytest.mark.parametrize("role", ["lead", "officer", "cabinet", "viewer", "outsider"])
def test_only_the_performance_team_may_open_or_post_the_page(client, council, role) -> None:
    client.force_login(getattr(council, role))
    assert client.get(URL).status_code == 403
    assert upload(client, csv_file(*GOOD)).status_code == 403
    assert not Observation.objects.exists()


def test_forged_posts_without_csrf_token_are_refused(council) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.performance)
    client.get(URL)
    token = client.cookies["csrftoken"].value
    page = client.post(
        URL, {"file": SimpleUploadedFile("v.csv", csv_file(*GOOD)), "csrfmiddlewaretoken": token}
    ).content.decode()
    assert upload(client, csv_file(*GOOD)).status_code == 403
    assert client.post(URL, {"apply": "1", "digest": digest(page)}).status_code == 403
    assert not Observation.objects.exists()


def test_approvals_page_links_to_the_upload_for_the_performance_team(client, council) -> None:
    client.force_login(council.performance)
    assert URL in client.get(reverse("staff:approvals")).content.decode()
    client.force_login(council.officer)
    assert URL not in client.get(reverse("staff:approvals")).content.decode()


def test_the_values_upload_still_needs_its_csrf_token(council) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.performance)
    assert upload(client, csv_file(*GOOD)).status_code == 403
