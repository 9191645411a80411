"""Organisations, plans and themes: published ones for anyone, the rest by token."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from councilplan.api import access
from councilplan.api.auth import READ, reader
from councilplan.api.filters import Id
from councilplan.api.paging import Page, Paging, as_response, each, page_of
from councilplan.api.schemas.common import READ_ERRORS
from councilplan.api.schemas.plans import (
    OrganisationOut,
    PlanOut,
    ThemeOut,
    organisation_out,
    plan_out,
    theme_out,
)

router = Router(tags=["plans"], auth=READ)


@router.get("/organisations", response={200: Page[OrganisationOut], **READ_ERRORS})
def list_organisations(request: HttpRequest, paging: Query[Paging]) -> HttpResponse:
    """Councils with a plan you may see, by id."""
    return as_response(
        request, page_of(access.organisations(reader(request)), paging, each(organisation_out))
    )


@router.get("/organisations/{organisation_id}", response={200: OrganisationOut, **READ_ERRORS})
def get_organisation(request: HttpRequest, organisation_id: Id) -> OrganisationOut:
    """One council."""
    return organisation_out(
        get_object_or_404(access.organisations(reader(request)), pk=organisation_id)
    )


@router.get("/plans", response={200: Page[PlanOut], **READ_ERRORS})
def list_plans(
    request: HttpRequest, paging: Query[Paging], organisation: Id | None = None
) -> HttpResponse:
    """Plans you may see (anyone: published plans), by id; filter by organisation."""
    plans = access.plans(reader(request))
    if organisation is not None:
        plans = plans.filter(organisation=organisation)
    return as_response(request, page_of(plans, paging, each(plan_out)))


@router.get("/plans/{plan_id}", response={200: PlanOut, **READ_ERRORS})
def get_plan(request: HttpRequest, plan_id: Id) -> PlanOut:
    """One plan."""
    return plan_out(get_object_or_404(access.plans(reader(request)), pk=plan_id))


@router.get("/themes", response={200: Page[ThemeOut], **READ_ERRORS})
def list_themes(
    request: HttpRequest, paging: Query[Paging], plan: Id | None = None
) -> HttpResponse:
    """Themes of the plans you may see, by id; filter by plan."""
    themes = access.themes(reader(request))
    if plan is not None:
        themes = themes.filter(plan=plan)
    return as_response(request, page_of(themes, paging, each(theme_out)))


@router.get("/themes/{theme_id}", response={200: ThemeOut, **READ_ERRORS})
def get_theme(request: HttpRequest, theme_id: Id) -> ThemeOut:
    """One theme."""
    return theme_out(get_object_or_404(access.themes(reader(request)), pk=theme_id))
