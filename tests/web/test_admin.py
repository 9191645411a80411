"""The site answers, and every admin page a performance officer uses opens with real data."""

import datetime as dt

import pytest
import time_machine
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from councilplan.domain.fuzzy_dates import Precision
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Action
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    apply_document(read_file(FIXTURES / "derby-demo.json"))


def test_admin_login_page_answers(client: Client) -> None:
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200


def test_home_page_lists_published_plans(client: Client, loaded: None) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert "Council Delivery Plan 2019/20" in response.content.decode()


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_list_and_change_page_opens(admin_client: Client, loaded: None, model) -> None:
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    obj = model._default_manager.first()
    if obj is not None:
        change = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert change.status_code == 200


def test_action_list_filters_by_portfolio_and_searches(admin_client: Client, loaded: None) -> None:
    url = reverse("admin:plans_action_changelist")
    response = admin_client.get(url, {"q": "homelessness"})
    assert "Reduce homelessness" in response.content.decode()
    assert "Accelerate the delivery" not in response.content.decode()


def test_admin_shows_the_timescale_as_written_and_parses_what_is_typed(
    admin_client: Client, loaded: None
) -> None:
    action = Action.objects.get(reference="AHH2")
    page = admin_client.get(reverse("admin:plans_action_change", args=[action.pk]))
    field = page.context["adminform"].form["expected_completion"]
    assert 'value="On-going to the end of March 2020"' in str(field)
    typed = field.field.clean("Summer 2019")
    assert (typed.text, typed.precision, typed.start, typed.end) == (
        "Summer 2019",
        Precision.SEASON,
        dt.date(2019, 6, 1),
        dt.date(2019, 8, 31),
    )


def test_a_stage_changed_in_the_admin_holds_from_today_unless_a_date_is_given(
    admin_client: Client, loaded: None
) -> None:
    action = Action.objects.get(reference="AHH2")
    url = reverse("admin:plans_action_change", args=[action.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {**_posted(form), "stage": "completed"}
    with time_machine.travel(dt.date(2023, 5, 2), tick=False):
        assert admin_client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert (action.stage, action.stage_since) == ("completed", dt.date(2023, 5, 2))
    given = {**_posted(form), "stage": "in_progress", "stage_since": "2021-03-31"}
    assert admin_client.post(url, given).status_code == 302
    action.refresh_from_db()
    assert (action.stage, action.stage_since) == ("in_progress", dt.date(2021, 3, 31))


def _posted(form) -> dict[str, object]:
    """What the admin change form posts as it was opened: its fields and its inlines' counts."""
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(form[name].field.prepare_value(value))
    for prefix in ("milestones", "budgets"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data
