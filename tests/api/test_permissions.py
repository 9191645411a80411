"""Tokens see and change what their user may on the web: every role, reads and writes."""

import pytest

from councilplan.measures.models import Observation
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.workflow import token
from tests.api.conftest import ROLES, Api, ApiCouncil

pytestmark = pytest.mark.django_db
OK, FORBIDDEN, HIDDEN = 200, 403, 404

# role -> (sees the draft plan's action, sees the submitted update on the other action)
READS = {
    "performance": (True, True),
    "lead": (True, True),
    "officer": (True, True),
    "other_officer": (True, True),
    "cabinet": (False, False),
    "viewer": (True, True),
    "outsider": (False, False),
}
# role -> (status writing on own action/measure, on the other officer's)
WRITES = {
    "performance": (OK, OK),
    "lead": (OK, FORBIDDEN),
    "officer": (OK, FORBIDDEN),
    "other_officer": (FORBIDDEN, OK),
    "cabinet": (FORBIDDEN, HIDDEN),
    "viewer": (FORBIDDEN, FORBIDDEN),
    "outsider": (HIDDEN, HIDDEN),
}
# role -> status approving the submitted update on the other officer's action
APPROVALS = {
    "performance": OK,
    "lead": FORBIDDEN,
    "officer": FORBIDDEN,
    "other_officer": FORBIDDEN,
    "cabinet": HIDDEN,
    "viewer": FORBIDDEN,
    "outsider": HIDDEN,
}


@pytest.mark.parametrize("role", ROLES)
def test_token_reads_follow_web_permissions(api: Api, api_council: ApiCouncil, role: str) -> None:
    sees_draft, sees_submitted = READS[role]
    draft = api.get(f"actions/{api_council.draft_action.pk}", role)
    assert draft.status_code == (OK if sees_draft else HIDDEN)
    submitted = api.get(f"updates/{api_council.submitted_update.pk}", role)
    assert submitted.status_code == (OK if sees_submitted else HIDDEN)
    # Everyone, token or none, still reads the published plan.
    assert api.get(f"actions/{api_council.council.own_action.pk}", role).status_code == OK


def _seen(model, **lookup) -> str:
    return token(model.objects.filter(**lookup).order_by("-version").first())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_update_writes_follow_web_permissions(
    api: Api, api_council: ApiCouncil, role: str, whose: str
) -> None:
    council = api_council.council
    action = council.own_action if whose == "own" else council.other_action
    body = {
        "progress_rating": "some_slippage",
        "commentary": "Slipping a little.",
        "seen": _seen(ActionUpdate, action=action),
    }
    response = api.post(f"actions/{action.pk}/updates/2021-22-Q1", body, role)
    assert response.status_code == WRITES[role][whose == "other"], response.content


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("whose", ["own", "other"])
def test_value_writes_follow_web_permissions(
    api: Api, api_council: ApiCouncil, role: str, whose: str
) -> None:
    council = api_council.council
    measure = council.own_measure if whose == "own" else council.other_measure
    body = {"value": "420", "seen": _seen(Observation, measure=measure)}
    response = api.post(f"measures/{measure.pk}/observations/2021-22-Q1", body, role)
    assert response.status_code == WRITES[role][whose == "other"], response.content


@pytest.mark.parametrize("role", ROLES)
def test_approvals_follow_web_permissions(api: Api, api_council: ApiCouncil, role: str) -> None:
    response = api.post(f"updates/{api_council.submitted_update.pk}/approve", {}, role)
    assert response.status_code == APPROVALS[role], response.content


def test_writes_need_a_token(api: Api, api_council: ApiCouncil) -> None:
    action = api_council.council.own_action
    body = {"progress_rating": "on_track", "commentary": "Fine."}
    assert api.post(f"actions/{action.pk}/updates/2021-22-Q1", body).status_code == 401
