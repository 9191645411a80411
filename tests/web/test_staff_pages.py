"""Every staff page and form, for every role, on own and other objects: allowed, 403 or 404."""

import pytest
from django.test import Client
from django.urls import reverse

from councilplan.history.models import AuditEntry
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.workflow import NOTHING_YET
from tests.council import Q1

pytestmark = pytest.mark.django_db

ROLES = ["performance", "lead", "officer", "other_officer", "cabinet", "viewer", "outsider"]
OK, FORBIDDEN, HIDDEN = 200, 403, 404

# page -> {role: (status for own object, status for the other officer's object)}
EXPECTED = {
    "action": {
        "performance": (OK, OK),
        "lead": (OK, OK),
        "officer": (OK, OK),
        "other_officer": (OK, OK),
        "cabinet": (OK, HIDDEN),
        "viewer": (OK, OK),
        "outsider": (HIDDEN, HIDDEN),
    },
    "measure": {
        "performance": (OK, OK),
        "lead": (OK, OK),
        "officer": (OK, OK),
        "other_officer": (OK, OK),
        "cabinet": (OK, HIDDEN),
        "viewer": (OK, OK),
        "outsider": (HIDDEN, HIDDEN),
    },
    "action-update": {
        "performance": (OK, OK),
        "lead": (OK, FORBIDDEN),
        "officer": (OK, FORBIDDEN),
        "other_officer": (FORBIDDEN, OK),
        "cabinet": (FORBIDDEN, HIDDEN),
        "viewer": (FORBIDDEN, FORBIDDEN),
        "outsider": (HIDDEN, HIDDEN),
    },
    "measure-value": {
        "performance": (OK, OK),
        "lead": (OK, FORBIDDEN),
        "officer": (OK, FORBIDDEN),
        "other_officer": (FORBIDDEN, OK),
        "cabinet": (FORBIDDEN, HIDDEN),
        "viewer": (FORBIDDEN, FORBIDDEN),
        "outsider": (HIDDEN, HIDDEN),
    },
}


def url(page: str, obj, council) -> str:
    if page in ("action", "measure"):
        return reverse(f"staff:{page}", args=[obj.pk])
    return reverse(f"staff:{page}", args=[obj.pk, Q1])


def objects(page: str, council):
    if page.startswith("action"):
        return council.own_action, council.other_action
    return council.own_measure, council.other_measure


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_permission_matrix(client: Client, council, page: str, role: str) -> None:
    client.force_login(getattr(council, role))
    own, other = objects(page, council)
    got = (
        client.get(url(page, own, council)).status_code,
        client.get(url(page, other, council)).status_code,
    )
    assert got == EXPECTED[page][role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["staff:my-updates", "staff:plans", "staff:approvals"])
def test_lists_open_for_everyone_signed_in_and_show_only_what_they_may_see(
    client, council, role, name
) -> None:
    client.force_login(getattr(council, role))
    response = client.get(reverse(name))
    assert response.status_code == OK
    if name == "staff:plans" and role == "outsider":
        assert council.own_action.plan.title not in response.content.decode()


@pytest.mark.parametrize("name", ["staff:my-updates", "staff:plans", "staff:approvals"])
def test_anonymous_people_are_sent_to_sign_in(client: Client, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_plan_overview_shows_each_action_with_its_status(client: Client, council) -> None:
    update = services.save_action_update(
        user=council.officer,
        action=council.own_action,
        reporting_period=council.q1,
        data=services.UpdateInput(
            progress_rating="some_slippage", status="amber", commentary="Slower."
        ),
        seen=NOTHING_YET,
        submit=True,
    )
    services.approve(user=council.performance, item=update)
    client.force_login(council.viewer)
    page = client.get(reverse("staff:plan", args=[council.own_action.plan_id])).content.decode()
    assert "Reduce homelessness" in page
    assert "Plant more trees" in page
    assert "govuk-tag--yellow" in page
    assert "Amber: as reported in the update" in page


@pytest.mark.parametrize("role", ["officer", "viewer", "cabinet", "other_officer"])
def test_only_approvers_may_decide(client: Client, council, role: str) -> None:
    update = services.save_action_update(
        user=council.officer,
        action=council.own_action,
        reporting_period=council.q1,
        data=services.UpdateInput(progress_rating="on_track", commentary="Fine."),
        seen=NOTHING_YET,
        submit=True,
    )
    client.force_login(getattr(council, role))
    response = client.post(reverse("staff:decide", args=["update", update.pk]), {"approve": "1"})
    assert response.status_code == FORBIDDEN
    assert ActionUpdate.objects.get().state == "submitted"


def test_forged_request_without_csrf_token_is_refused(council) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.officer)
    response = client.post(
        reverse("staff:action-update", args=[council.own_action.pk, Q1]), {"submit": "1"}
    )
    assert response.status_code == FORBIDDEN
    assert not ActionUpdate.objects.exists()


def test_update_form_shows_errors_in_the_govuk_summary_and_saves_nothing(
    client: Client, council
) -> None:
    client.force_login(council.officer)
    page = client.post(
        reverse("staff:action-update", args=[council.own_action.pk, Q1]),
        {"seen": NOTHING_YET, "submit": "1"},
    )
    body = page.content.decode()
    assert page.status_code == OK
    assert "govuk-error-summary" in body
    assert "This field is required" in body
    assert not ActionUpdate.objects.exists()


def test_officer_submits_through_the_form_and_lands_on_my_updates(client: Client, council) -> None:
    client.force_login(council.officer)
    response = client.post(
        reverse("staff:action-update", args=[council.own_action.pk, Q1]),
        {
            "seen": NOTHING_YET,
            "progress_rating": "on_track",
            "status": "green",
            "commentary": "Hub open.",
            "submit": "1",
        },
    )
    assert response.status_code == 302
    assert ActionUpdate.objects.get().state == "submitted"
    page = client.get(response["Location"]).content.decode()
    assert "Your update submitted for approval." in page


def test_login_is_rate_limited(client: Client, council) -> None:
    for _ in range(5):
        client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "officer", "password": "a-long-test-password"}
    )
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_cabinet_member_comments_on_an_action_of_their_portfolio(client: Client, council) -> None:
    client.force_login(council.cabinet)
    response = client.post(
        reverse("staff:comment", args=[council.own_action.pk]),
        {"comment": "Please report B&B use."},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Commented: Please report B&amp;B use." in page
    other = client.post(reverse("staff:comment", args=[council.other_action.pk]), {"comment": "Hi"})
    assert other.status_code == HIDDEN
    assert AuditEntry.objects.filter(verb="commented").count() == 1
