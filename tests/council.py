"""A small council with a user in each role, for workflow, permission and page tests."""

from dataclasses import dataclass

import pytest

from councilplan.accounts.models import Membership, Role, User
from councilplan.domain.periods import Period
from councilplan.measures.models import Measure
from councilplan.monitoring.models import ReportingPeriod
from councilplan.plans.models import Action
from tests.factories import (
    ActionFactory,
    DepartmentFactory,
    MeasureFactory,
    OfficerFactory,
    OrganisationFactory,
    PlanFactory,
    PortfolioFactory,
    ReportingPeriodFactory,
)

Q1 = Period.parse("2021/22-Q1")


@dataclass
class Council:
    performance: User
    lead: User
    officer: User
    other_officer: User
    cabinet: User
    viewer: User
    outsider: User
    own_action: Action
    other_action: Action
    own_measure: Measure
    other_measure: Measure
    q1: ReportingPeriod


def user(username: str) -> User:
    return User.objects.create_user(
        username=username, password="a-long-test-password", first_name=username.title()
    )


@pytest.fixture
def council(db) -> Council:
    org = OrganisationFactory(name="Derby City Council", slug="derby")
    plan = PlanFactory(organisation=org, first_year=2021, last_year=2021)
    housing, parks = (
        DepartmentFactory(organisation=org, name="Housing"),
        DepartmentFactory(organisation=org, name="Parks"),
    )
    adults = PortfolioFactory(organisation=org, name="Adults, Health and Housing")
    users = {
        name: user(name)
        for name in ("performance", "lead", "officer", "other", "cabinet", "viewer", "outsider")
    }
    me = OfficerFactory(organisation=org, name="Clare Mehrbani", user=users["officer"])
    them = OfficerFactory(organisation=org, name="Ian Fullagar", user=users["other"])
    own = ActionFactory(plan=plan, title="Reduce homelessness", expected_completion="March 2022")
    own.lead_officers.set([me])
    own.departments.set([housing])
    own.portfolios.set([adults])
    other = ActionFactory(plan=plan, title="Plant more trees", expected_completion="March 2022")
    other.lead_officers.set([them])
    other.departments.set([parks])
    own_measure = MeasureFactory(
        organisation=org, title="Homeless approaches", owner=me, polarity="lower"
    )
    own_measure.actions.set([own])
    other_measure = MeasureFactory(organisation=org, title="Trees planted", owner=them)
    other_measure.actions.set([other])
    roles = [
        ("performance", Role.PERFORMANCE_TEAM, {}),
        ("lead", Role.DEPARTMENT_LEAD, {"department": housing}),
        ("officer", Role.ACCOUNTABLE_OFFICER, {}),
        ("other", Role.ACCOUNTABLE_OFFICER, {}),
        ("cabinet", Role.CABINET_MEMBER, {"portfolio": adults}),
        ("viewer", Role.VIEWER, {}),
    ]
    for name, role, scope in roles:
        Membership.objects.create(user=users[name], organisation=org, role=role, **scope)
    return Council(
        performance=users["performance"],
        lead=users["lead"],
        officer=users["officer"],
        other_officer=users["other"],
        cabinet=users["cabinet"],
        viewer=users["viewer"],
        outsider=users["outsider"],
        own_action=own,
        other_action=other,
        own_measure=own_measure,
        other_measure=other_measure,
        q1=ReportingPeriodFactory(organisation=org, period=Q1),
    )
