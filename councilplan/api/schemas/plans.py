"""Organisations, plans and themes."""

from datetime import date

from councilplan.api.schemas.common import Out
from councilplan.plans.models import Organisation, Plan, Theme


class OrganisationOut(Out):
    """A council."""

    id: int
    name: str
    slug: str
    gss_code: str


class PlanOut(Out):
    """A council plan, delivery plan or refresh, covering whole financial years."""

    id: int
    organisation_id: int
    title: str
    slug: str
    kind: str
    first_year: int
    last_year: int
    period_label: str
    status: str
    approved_by: str
    approved_on: date | None
    is_published: bool
    parent_id: int | None
    predecessor_id: int | None
    vision: str


class ThemeOut(Out):
    """A node of a plan's theme tree (theme, priority, outcome, focus area)."""

    id: int
    plan_id: int
    parent_id: int | None
    kind: str
    reference: str
    title: str
    description: str
    order: int


def organisation_out(organisation: Organisation) -> OrganisationOut:
    """An organisation for output."""
    return OrganisationOut.model_validate(organisation, from_attributes=True)


def plan_out(plan: Plan) -> PlanOut:
    """A plan for output."""
    return PlanOut.model_validate(plan, from_attributes=True)


def theme_out(theme: Theme) -> ThemeOut:
    """A theme for output."""
    return ThemeOut.model_validate(theme, from_attributes=True)
