"""Writes go through the web's forms and the monitoring services: same checks, same workflow."""

import pytest

from councilplan.history.models import AuditEntry
from councilplan.measures.models import Observation
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.workflow import NOTHING_YET, token
from tests.api.conftest import Api, ApiCouncil

pytestmark = pytest.mark.django_db


def update_body(**changes: object) -> dict[str, object]:
    return {"progress_rating": "some_slippage", "commentary": "Slipping.", **changes}


def test_submitted_update_awaits_approval_and_is_audited(api: Api, api_council: ApiCouncil) -> None:
    action = api_council.council.other_action
    seen = token(api_council.submitted_update)
    body = update_body(seen=seen, milestones_completed={})
    response = api.post(f"actions/{action.pk}/updates/2021-22-Q1", body, "other_officer")
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["progress_rating"]) == (
        "submitted",
        "some_slippage",
    )
    assert AuditEntry.objects.filter(action=action, summary__startswith="Submitted").exists()


def test_update_marks_milestones_completed(api: Api, api_council: ApiCouncil) -> None:
    council, milestone = api_council.council, api_council.milestone
    body = update_body(
        seen=token(api_council.approved_update),
        milestones_completed={str(milestone.pk): "2021-06-14"},
    )
    response = api.post(f"actions/{council.own_action.pk}/updates/2021-22-Q1", body, "officer")
    assert response.status_code == 200, response.content
    milestone.refresh_from_db()
    assert str(milestone.completed_on) == "2021-06-14"
    assert response.json()["version"] == 2  # the approved version 1 is kept


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"commentary": ""}, "commentary"),
        ({"progress_rating": "brilliant"}, "progress_rating"),
        ({"percent_complete": 150}, "percent_complete"),
    ],
)
def test_update_refused_by_the_form_names_the_field(
    api: Api, api_council: ApiCouncil, changes: dict[str, object], field: str
) -> None:
    action = api_council.council.own_action
    body = update_body(seen=token(api_council.approved_update), **changes)
    response = api.post(f"actions/{action.pk}/updates/2021-22-Q1", body, "officer")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert ActionUpdate.objects.filter(action=action).count() == 1


def test_stale_update_is_a_conflict(api: Api, api_council: ApiCouncil) -> None:
    action = api_council.council.own_action
    body = update_body(seen=NOTHING_YET)
    response = api.post(f"actions/{action.pk}/updates/2021-22-Q1", body, "officer")
    assert response.status_code == 409
    assert "changed" in response.json()["detail"]


def test_locked_period_refuses_an_officer(api: Api, api_council: ApiCouncil) -> None:
    council = api_council.council
    council.q1.is_locked = True
    council.q1.save()
    body = update_body(seen=token(api_council.approved_update))
    response = api.post(f"actions/{council.own_action.pk}/updates/2021-22-Q1", body, "officer")
    assert response.status_code == 422
    assert "locked" in response.json()["detail"]


def test_update_for_a_period_without_reporting_round_is_404(
    api: Api, api_council: ApiCouncil
) -> None:
    action = api_council.council.own_action
    response = api.post(f"actions/{action.pk}/updates/2030-31-Q1", update_body(), "officer")
    assert response.status_code == 404


def test_value_and_reason_together_are_refused(api: Api, api_council: ApiCouncil) -> None:
    measure = api_council.council.own_measure
    body = {"value": "1", "no_value_reason": "No survey", "seen": token(api_council.approved_value)}
    response = api.post(f"measures/{measure.pk}/observations/2021-22-Q1", body, "officer")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["no_value_reason"]


def test_approving_a_value_changes_the_published_status(api: Api, api_council: ApiCouncil) -> None:
    measure = api_council.council.own_measure
    body = {"value": "600", "seen": token(api_council.approved_value)}
    saved = api.post(f"measures/{measure.pk}/observations/2021-22-Q1", body, "officer").json()
    before = api.get(f"measures/{measure.pk}?period=2021-22-Q1").json()["result"]
    assert (before["value"], before["status"]["status"]) == (412, "green")
    approved = api.post(f"observations/{saved['id']}/approve", {}, "performance")
    assert approved.json()["state"] == "approved"
    after = api.get(f"measures/{measure.pk}?period=2021-22-Q1").json()["result"]
    assert (after["value"], after["status"]["status"]) == (600, "red")  # lower is better


def test_approving_twice_is_refused(api: Api, api_council: ApiCouncil) -> None:
    response = api.post(f"updates/{api_council.approved_update.pk}/approve", {}, "performance")
    assert response.status_code == 422
    assert "submitted" in response.json()["detail"]


def bulk_rows(council) -> list[dict[str, object]]:
    return [
        {"measure": "HOM1", "period": "2021/22 Q2", "value": "401", "data_note": "Q2 data"},
        {"measure": council.other_measure.title, "period": "2021/22 Q2", "value": "1250"},
    ]


def test_bulk_values_are_written_and_approved(api: Api, api_council: ApiCouncil) -> None:
    rows = bulk_rows(api_council.council)
    response = api.post("observations/bulk", {"rows": rows}, "performance")
    assert response.status_code == 200, response.content
    result = response.json()
    assert (result["applied"], result["written"]) == (True, 2)
    assert [row["outcome"] for row in result["rows"]] == ["new", "new"]
    q2 = Observation.objects.filter(period_year=2021, period_number=2)
    assert sorted(q2.values_list("state", flat=True)) == ["approved", "approved"]


def test_bulk_dry_run_writes_nothing(api: Api, api_council: ApiCouncil) -> None:
    body = {"rows": bulk_rows(api_council.council), "dry_run": True}
    response = api.post("observations/bulk", body, "performance")
    assert (response.json()["applied"], response.json()["written"]) == (False, 0)
    assert not Observation.objects.filter(period_number=2).exists()


def test_bulk_with_one_bad_row_is_rejected_whole_naming_the_row(
    api: Api, api_council: ApiCouncil
) -> None:
    rows = [*bulk_rows(api_council.council), {"measure": "NOPE", "period": "2021/22 Q2"}]
    rows.insert(1, {"measure": "HOM1", "period": "2021/22 Q3", "value": "12abc"})
    response = api.post("observations/bulk", {"rows": rows}, "performance")
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert [(p["row"], p["field"]) for p in problems] == [
        (2, "value"),
        (4, "measure"),
        (4, "value"),
    ]
    assert 'No measure has the code or title "NOPE"' in problems[1]["message"]
    assert not Observation.objects.filter(period_number__in=[2, 3]).exists()


def test_bulk_is_for_the_performance_team(api: Api, api_council: ApiCouncil) -> None:
    body = {"rows": bulk_rows(api_council.council)}
    assert api.post("observations/bulk", body, "officer").status_code == 403
