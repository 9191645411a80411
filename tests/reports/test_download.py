"""Downloading a report from the staff plan overview: permissions, content type, file name."""

import datetime as dt
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.council import Q1, Council


def url(council: Council, kind: str = "quarterly", fmt: str = "xlsx") -> str:
    path = reverse("reports:download", args=[council.own_action.plan_id, kind, Q1])
    return f"{path}?format={fmt}"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_plan_overview_offers_each_report_to_download(council: Council) -> None:
    page = signed_in(council.performance).get(
        reverse("staff:plan", args=[council.own_action.plan_id])
    )

    html = page.content.decode()
    assert 'id="download"' in html
    for kind in ("annual-results", "quarterly", "delivery-plan"):
        assert f'action="{url(council, kind).split("?")[0]}"' in html


@pytest.mark.django_db
def test_a_download_is_the_file_with_its_type_and_name(council: Council) -> None:
    response = signed_in(council.performance).get(url(council))

    assert response.status_code == 200
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    plan = council.own_action.plan
    assert response["Content-Disposition"] == (
        f'attachment; filename="{plan.slug}-quarterly-2021-22-Q1.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert "Summary" in book.sheetnames


@pytest.mark.django_db
def test_a_cabinet_member_downloads_only_their_portfolio(council: Council) -> None:
    response = signed_in(council.cabinet).get(url(council, fmt="csv"))

    text = response.content.decode("utf-8-sig")
    assert "Reduce homelessness" in text
    assert "Plant more trees" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "fmt"), [("minutes", "pdf"), ("quarterly", "odt")])
def test_an_unknown_report_or_format_is_not_found(council: Council, kind: str, fmt: str) -> None:
    assert signed_in(council.performance).get(url(council, kind, fmt)).status_code == 404


@pytest.mark.django_db
def test_someone_who_may_not_read_the_plan_gets_nothing(council: Council) -> None:
    assert signed_in(council.outsider).get(url(council)).status_code == 404
    response = Client().get(url(council))
    assert response.status_code == 302  # to sign in


@pytest.mark.django_db
def test_a_status_report_of_a_quarter_not_started_is_refused_but_the_plan_document_is_not(
    council: Council,
) -> None:
    later = Q1.next().next()  # 2021/22 Q3, from 1 October 2021
    client = signed_in(council.performance)
    plan_id = council.own_action.plan_id
    with time_machine.travel(dt.date(2021, 8, 15), tick=False):
        refused = client.get(reverse("reports:download", args=[plan_id, "quarterly", later]))
        document = client.get(reverse("reports:download", args=[plan_id, "delivery-plan", later]))
    assert refused.status_code == 404
    assert document.status_code == 200
