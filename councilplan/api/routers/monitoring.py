"""Reporting periods and action updates: reads, and writes through the web's forms and services.

Writes take the same fields as the update and value forms, are cleaned by those forms (so the
API accepts exactly what the web accepts, with the same messages) and saved by
``monitoring.services``: permissions, workflow, conflicts, locked periods and audit as on the web.
"""

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from councilplan.accounts import permissions
from councilplan.api import access
from councilplan.api.auth import READ, WRITE, reader, writer
from councilplan.api.filters import Id, PathPeriod, PeriodCode, period_from
from councilplan.api.forms import cleaned
from councilplan.api.paging import Page, Paging, as_response, each, page_of
from councilplan.api.schemas.common import READ_ERRORS, WRITE_ERRORS
from councilplan.api.schemas.measures import ObservationOut, observation_out
from councilplan.api.schemas.monitoring import (
    ReportingPeriodOut,
    UpdateIn,
    UpdateOut,
    ValueIn,
    reporting_period_out,
    update_out,
)
from councilplan.core.models import ReviewState, period_lookup
from councilplan.measures.models import Measure, Observation
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action
from councilplan.web.forms import UpdateForm, ValueForm

router = Router(tags=["monitoring"], auth=READ)
M = TypeVar("M", Action, Measure)


@router.get("/reporting-periods", response={200: Page[ReportingPeriodOut], **READ_ERRORS})
def list_reporting_periods(
    request: HttpRequest, paging: Query[Paging], organisation: Id | None = None
) -> HttpResponse:
    """Reporting periods of the councils you may see, by id."""
    periods = access.reporting_periods(reader(request))
    if organisation is not None:
        periods = periods.filter(organisation=organisation)
    return as_response(request, page_of(periods, paging, each(reporting_period_out)))


class UpdateFilters(Schema):
    """Which updates to list."""

    action: Id | None = None
    plan: Id | None = None
    period: PeriodCode | None = None
    state: ReviewState | None = None


@router.get("/updates", response={200: Page[UpdateOut], **READ_ERRORS})
def list_updates(
    request: HttpRequest, paging: Query[Paging], filters: Query[UpdateFilters]
) -> HttpResponse:
    """Action updates you may see (anyone: approved updates on published plans), by id."""
    updates = access.updates(reader(request)).select_related("reporting_period")
    if filters.action is not None:
        updates = updates.filter(action=filters.action)
    if filters.plan is not None:
        updates = updates.filter(action__plan=filters.plan)
    if filters.period is not None:
        updates = updates.filter(**period_lookup(period_from(filters.period), "reporting_period__"))
    if filters.state is not None:
        updates = updates.filter(state=filters.state)
    return as_response(request, page_of(updates, paging, each(update_out)))


@router.get("/updates/{update_id}", response={200: UpdateOut, **READ_ERRORS})
def get_update(request: HttpRequest, update_id: Id) -> UpdateOut:
    """One action update."""
    updates = access.updates(reader(request)).select_related("reporting_period")
    return update_out(get_object_or_404(updates, pk=update_id))


def _to_change(readable: QuerySet[M], changeable: QuerySet[M], pk: int) -> M:
    """The object to report on: 404 if the user may not see it, 403 if they may not change it."""
    item = get_object_or_404(readable, pk=pk)
    if not changeable.filter(pk=pk).exists():
        raise PermissionDenied
    return item


@router.post(
    "/actions/{action_id}/updates/{period}",
    auth=WRITE,
    response={200: UpdateOut, **WRITE_ERRORS},
)
def save_update(
    request: HttpRequest, action_id: Id, period: PathPeriod, body: UpdateIn
) -> UpdateOut:
    """Save (``submit``: submit for approval) your update on an action for a reporting period."""
    user = writer(request)
    action = _to_change(
        permissions.actions_readable(user).select_related("plan__organisation"),
        permissions.actions_changeable(user),
        action_id,
    )
    reporting_period = get_object_or_404(
        ReportingPeriod, organisation=action.plan.organisation, **period_lookup(period_from(period))
    )
    milestones = list(action.milestones.all())
    fields = body.model_dump(exclude={"milestones_completed"})
    fields |= {f"milestone_{pk}": done for pk, done in body.milestones_completed.items()}
    form = cleaned(UpdateForm(fields, milestones=milestones))
    update = services.save_action_update(
        user=user,
        action=action,
        reporting_period=reporting_period,
        data=form.to_input(),
        seen=body.seen,
        submit=body.submit,
        correction_reason=body.correction_reason,
    )
    return update_out(update)


@router.post(
    "/measures/{measure_id}/observations/{period}",
    auth=WRITE,
    response={200: ObservationOut, **WRITE_ERRORS},
)
def save_value(
    request: HttpRequest, measure_id: Id, period: PathPeriod, body: ValueIn
) -> ObservationOut:
    """Save (``submit``: submit for approval) a measure's value for a period."""
    user = writer(request)
    measure = _to_change(
        permissions.measures_readable(user).select_related("organisation"),
        permissions.measures_changeable(user),
        measure_id,
    )
    form = cleaned(ValueForm(body.model_dump()))
    observation = services.save_observation(
        user=user,
        measure=measure,
        period=period_from(period),
        data=form.to_input(),
        seen=body.seen,
        submit=body.submit,
        correction_reason=body.correction_reason,
    )
    return observation_out(observation)


@router.post("/updates/{update_id}/approve", auth=WRITE, response={200: UpdateOut, **WRITE_ERRORS})
def approve_update(request: HttpRequest, update_id: Id) -> UpdateOut:
    """Approve a submitted update: it becomes what reports and the public site show."""
    user = writer(request)
    readable = permissions.actions_readable(user).values("pk")
    update = get_object_or_404(
        ActionUpdate.objects.select_related("action__plan__organisation", "reporting_period"),
        pk=update_id,
        action__in=readable,
    )
    services.approve(user=user, item=update)
    return update_out(update)


@router.post(
    "/observations/{observation_id}/approve",
    auth=WRITE,
    response={200: ObservationOut, **WRITE_ERRORS},
)
def approve_value(request: HttpRequest, observation_id: Id) -> ObservationOut:
    """Approve a submitted value: it becomes what statuses and reports use."""
    user = writer(request)
    readable = permissions.measures_readable(user).values("pk")
    observation = get_object_or_404(
        Observation.objects.select_related("measure__organisation"),
        pk=observation_id,
        measure__in=readable,
    )
    services.approve(user=user, item=observation)
    return observation_out(observation)
