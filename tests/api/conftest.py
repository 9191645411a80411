"""The council of ``tests.council`` with its plan published, a draft plan beside it, values,
updates, and an API token for each role's user."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client

from councilplan.accounts.tokens import create_token
from councilplan.measures.models import Observation
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.workflow import NOTHING_YET
from councilplan.plans.models import Action, Milestone, Plan, Theme
from tests.council import Q1, Council
from tests.factories import (
    ActionFactory,
    MeasureFactory,
    MilestoneFactory,
    PlanFactory,
    TargetFactory,
    ThemeFactory,
)

ROLES = ("performance", "lead", "officer", "other_officer", "cabinet", "viewer", "outsider")


@dataclass
class ApiCouncil:
    council: Council
    plan: Plan
    draft_plan: Plan
    theme: Theme
    milestone: Milestone
    draft_action: Action
    approved_update: ActionUpdate
    submitted_update: ActionUpdate
    approved_value: Observation
    draft_value: Observation
    keys: dict[str, str]


def _update(council: Council, action: Action, *, approve: bool) -> ActionUpdate:
    update = services.save_action_update(
        user=council.performance,
        action=action,
        reporting_period=council.q1,
        data=services.UpdateInput(progress_rating="on_track", commentary="Going well."),
        seen=NOTHING_YET,
        submit=True,
    )
    if approve:
        services.approve(user=council.performance, item=update)
    return update


def _value(council: Council, measure, value: str, *, approve: bool) -> Observation:
    observation = services.save_observation(
        user=council.performance,
        measure=measure,
        period=Q1,
        data=services.ValueInput(value=Decimal(value)),
        seen=NOTHING_YET,
        submit=approve,
    )
    if approve:
        services.approve(user=council.performance, item=observation)
    return observation


@pytest.fixture
def api_council(council: Council) -> ApiCouncil:
    plan = council.own_action.plan
    plan.status, plan.is_published = "approved", True
    plan.save()
    theme = ThemeFactory(plan=plan, title="A city with big ambitions")
    council.own_action.themes.set([theme])
    council.own_measure.code, council.own_measure.national_id = "HOM1", "LGI-1234"
    council.own_measure.save()
    TargetFactory(
        measure=council.own_measure,
        period_kind="quarter",
        period_year=2021,
        period_number=1,
        value=500,
    )
    milestone = MilestoneFactory(
        action=council.own_action, title="Open the hub", due="September 2021"
    )
    draft_plan = PlanFactory(organisation=plan.organisation, title="Draft plan", slug="draft")
    draft_action = ActionFactory(plan=draft_plan, title="Secret draft action")
    secret = MeasureFactory(organisation=plan.organisation, title="Secret measure")
    secret.actions.set([draft_action])
    keys = {
        role: create_token(user=getattr(council, role), name=f"{role} script")[1] for role in ROLES
    }
    return ApiCouncil(
        council=council,
        plan=plan,
        draft_plan=draft_plan,
        theme=theme,
        milestone=milestone,
        draft_action=draft_action,
        approved_update=_update(council, council.own_action, approve=True),
        submitted_update=_update(council, council.other_action, approve=False),
        approved_value=_value(council, council.own_measure, "412", approve=True),
        draft_value=_value(council, council.other_measure, "99", approve=False),
        keys=keys,
    )


class Api:
    """A test client for /api/v1/, as nobody or with a role's token."""

    def __init__(self, client: Client, keys: dict[str, str]) -> None:
        self.client, self.keys = client, keys

    def _headers(self, role: str | None, headers: dict[str, str]) -> dict[str, str]:
        return {**({"Authorization": f"Bearer {self.keys[role]}"} if role else {}), **headers}

    def get(self, path: str, role: str | None = None, headers: dict[str, str] | None = None):
        return self.client.get(f"/api/v1/{path}", headers=self._headers(role, headers or {}))

    def post(self, path: str, body: object, role: str | None = None):
        return self.client.post(
            f"/api/v1/{path}",
            body,
            content_type="application/json",
            headers=self._headers(role, {}),
        )


@pytest.fixture
def api(client: Client, api_council: ApiCouncil) -> Api:
    return Api(client, api_council.keys)
