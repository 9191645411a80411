"""Published pages are kept for residents, and dropped the moment their council's data
changes: an approval, an edit, a new link, a deletion. Never for signed-in people."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councilplan.core.models import ReviewState
from councilplan.monitoring.models import ActionUpdate
from councilplan.plans.models import Action, Plan
from councilplan.web.published_cache import data_version, organisation_of
from tests.council import Q1, Council
from tests.factories import (
    ActionFactory,
    MeasureFactory,
    ObservationFactory,
    PlanFactory,
    ReportingPeriodFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> Plan:
    plan = PlanFactory(status="approved", is_published=True)
    ActionFactory(plan=plan, title="Open the new library")
    return plan


def url(plan: Plan) -> str:
    return reverse("public-plan", args=[plan.organisation.slug, plan.slug])


def fetch(client: Client, address: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_second_visit_is_served_whole_with_few_queries(client: Client, plan: Plan) -> None:
    first, worked_out = fetch(client, url(plan))
    again, kept = fetch(client, url(plan))
    assert again == first
    assert kept < worked_out
    assert kept <= 6  # published plan, three versions, the page


def rename(action: Action) -> None:
    action.title = "Open the new central library"
    action.save()


def approve_update(action: Action) -> None:
    period = ReportingPeriodFactory(organisation=action.plan.organisation, period=Q1)
    ActionUpdate.objects.create(
        action=action,
        reporting_period=period,
        status="red",
        commentary="Builder went bust",
        state=ReviewState.APPROVED,
        approved_at=timezone.now(),
    )


def link_theme(action: Action) -> None:
    action.themes.set([ThemeFactory(plan=action.plan, title="Culture for everyone")])


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (rename, "Open the new central library"),
        (approve_update, "Builder went bust"),
        (link_theme, "Culture for everyone"),
        (lambda action: action.delete(), "No actions"),
    ],
)
def test_a_change_to_the_council_shows_at_once(
    client: Client,
    plan: Plan,
    change: Callable[[Action], None],
    shown: str,
    django_capture_on_commit_callbacks: Callable[..., object],
) -> None:
    fetch(client, url(plan))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[attr-defined]
        change(plan.actions.get())
    page, _ = fetch(client, url(plan))
    assert shown in page or (shown == "No actions" and "Open the new library" not in page)


def test_a_value_saved_for_a_measure_changes_its_councils_version(
    client: Client, plan: Plan
) -> None:
    measure = MeasureFactory(organisation=plan.organisation)
    fetch(client, url(plan))
    before = data_version(plan.organisation_id)
    ObservationFactory(measure=measure, value=3)
    assert data_version(plan.organisation_id) != before


def test_another_councils_change_keeps_the_page(client: Client, plan: Plan) -> None:
    fetch(client, url(plan))
    before = data_version(plan.organisation_id)
    ActionFactory(plan=PlanFactory(status="approved", is_published=True))
    assert data_version(plan.organisation_id) == before
    _, kept = fetch(client, url(plan))
    assert kept <= 6


def test_signed_in_people_get_the_page_worked_out(client: Client, plan: Plan, admin_user) -> None:
    fetch(client, url(plan))
    client.force_login(admin_user)
    page, queries = fetch(client, url(plan))
    assert "Sign out" in page
    assert queries > 6


def test_organisation_of_every_kind_of_row(plan: Plan) -> None:
    action = plan.actions.get()
    measure = MeasureFactory(organisation=plan.organisation)
    rows = [plan, action, ThemeFactory(plan=plan), ObservationFactory(measure=measure, value=1)]
    assert {organisation_of(row) for row in rows} == {plan.organisation_id}


def test_cached_page_carries_no_csrf_token(client: Client, plan: Plan) -> None:
    page, _ = fetch(client, url(plan))
    assert "csrfmiddlewaretoken" not in page


# Staff pages keep their body only, under the set of actions the reader may see.


STAFF_PAGES: dict[str, Callable[[int], str]] = {
    "plan overview": lambda plan_id: reverse("staff:plan", args=[plan_id]),
    "dashboard timeline": lambda plan_id: reverse("staff:dashboard-timeline", args=[plan_id, Q1]),
}


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_body_is_kept_per_scope_and_never_crosses_scopes(
    client: Client, council: Council, page: str
) -> None:
    address = STAFF_PAGES[page](council.own_action.plan_id)
    client.force_login(council.performance)
    everything, worked_out = fetch(client, address)
    again, kept = fetch(client, address)
    assert kept < worked_out
    assert "Plant more trees" in everything
    assert "Plant more trees" in again
    client.force_login(council.cabinet)  # the Adults portfolio's member: not the Parks action
    narrower, _ = fetch(client, address)
    assert "Reduce homelessness" in narrower
    assert "Plant more trees" not in narrower


def test_dashboard_body_is_kept_per_scope(client: Client, council: Council) -> None:
    address = reverse("staff:dashboard-period", args=[council.own_action.plan_id, Q1])
    client.force_login(council.performance)
    everything, worked_out = fetch(client, address)
    again, kept = fetch(client, address)
    assert kept < worked_out
    assert "2 actions, status as at" in everything
    assert "2 actions, status as at" in again
    client.force_login(council.cabinet)
    assert "1 action, status as at" in fetch(client, address)[0]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_body_shows_a_change_at_once(client: Client, council: Council, page: str) -> None:
    address = STAFF_PAGES[page](council.own_action.plan_id)
    client.force_login(council.performance)
    fetch(client, address)
    rename(council.own_action)
    page_now, _ = fetch(client, address)
    assert "Open the new central library" in page_now
