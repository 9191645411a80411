"""Measures with targets, values, status and direction of travel; values on their own."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from councilplan.accounts.models import User
from councilplan.api import access
from councilplan.api.auth import READ, reader
from councilplan.api.filters import Id, PeriodCode, Text, period_from
from councilplan.api.paging import Page, Paging, as_response, each, page_of
from councilplan.api.routers.actions import status_period
from councilplan.api.schemas.common import READ_ERRORS
from councilplan.api.schemas.measures import (
    MeasureDetailOut,
    MeasureOut,
    ObservationOut,
    measure_detail_out,
    measure_out,
    observation_out,
)
from councilplan.core.models import ReviewState, period_lookup
from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.measures.models import Measure, Observation
from councilplan.measures.selectors import MeasureResult, linked_to_plan, measure_results

router = Router(tags=["measures"], auth=READ)


class MeasureFilters(Schema):
    """Which measures to list; ``period`` is the one statuses are worked out for."""

    organisation: Id | None = None
    plan: Id | None = None
    theme: Id | None = None
    action: Id | None = None
    code: Text | None = None
    national_id: Text | None = None
    status: RagStatus | None = None
    period: PeriodCode | None = None


def _filtered(measures: QuerySet[Measure], filters: MeasureFilters) -> QuerySet[Measure]:
    if filters.organisation is not None:
        measures = measures.filter(organisation=filters.organisation)
    if filters.plan is not None:
        measures = measures.filter(linked_to_plan(filters.plan))
    # Links as subqueries, not joins: no duplicates, so no DISTINCT over the whole list.
    if filters.theme is not None:
        themed = Measure.themes.through.objects.filter(theme=filters.theme)
        measures = measures.filter(pk__in=themed.values("measure_id"))
    if filters.action is not None:
        evidenced = Measure.actions.through.objects.filter(action=filters.action)
        measures = measures.filter(pk__in=evidenced.values("measure_id"))
    if filters.code is not None:
        measures = measures.filter(code=filters.code)
    if filters.national_id is not None:
        measures = measures.filter(national_id=filters.national_id)
    return measures


def _detail(user: User | None, result: MeasureResult) -> MeasureDetailOut:
    """One measure's result with the values the reader may see of it."""
    values = _observations(user).filter(measure=result.measure.pk).select_related("measure")
    return measure_detail_out(result, list(values))


def _outputs(results: list[MeasureResult]) -> list[MeasureOut]:
    return [measure_out(result) for result in results]


def _results(measures: QuerySet[Measure] | list[Measure], period: Period) -> list[MeasureResult]:
    ids = [measure.pk for measure in measures]
    chosen = Measure.objects.filter(pk__in=ids).order_by("id")
    return measure_results(chosen.prefetch_related("actions", "themes", "targets"), period)


def _observations(user: User | None) -> QuerySet[Observation]:
    return access.observations(user).order_by(
        "measure", "period_year", "period_kind", "period_number", "version", "id"
    )


@router.get("/measures", response={200: Page[MeasureOut], **READ_ERRORS})
def list_measures(
    request: HttpRequest, paging: Query[Paging], filters: Query[MeasureFilters]
) -> HttpResponse:
    """Measures you may see, by id, with targets, values, status and direction of travel for
    ``period``; filter by organisation, plan, theme, action, code, national id, status."""
    user = reader(request)
    period = status_period(user, filters.period)
    measures = _filtered(access.measures(user), filters)
    if filters.status is None:
        return as_response(
            request, page_of(measures, paging, lambda page: _outputs(_results(page, period)))
        )
    results = [r for r in _results(measures, period) if r.status.status == filters.status]
    return as_response(request, page_of(results, paging, _outputs, id_of=lambda r: r.measure.pk))


@router.get("/measures/{measure_id}", response={200: MeasureDetailOut, **READ_ERRORS})
def get_measure(
    request: HttpRequest, measure_id: Id, period: PeriodCode | None = None
) -> MeasureDetailOut:
    """One measure with its targets, values, status and direction of travel for ``period``."""
    user = reader(request)
    measure = get_object_or_404(access.measures(user), pk=measure_id)
    return _detail(user, _results([measure], status_period(user, period))[0])


class ObservationFilters(Schema):
    """Which values to list."""

    measure: Id | None = None
    period: PeriodCode | None = None
    state: ReviewState | None = None


@router.get("/observations", response={200: Page[ObservationOut], **READ_ERRORS})
def list_observations(
    request: HttpRequest, paging: Query[Paging], filters: Query[ObservationFilters]
) -> HttpResponse:
    """Values you may see (anyone: approved values of published plans' measures), by id."""
    observations = access.observations(reader(request)).select_related("measure")
    if filters.measure is not None:
        observations = observations.filter(measure=filters.measure)
    if filters.period is not None:
        observations = observations.filter(**period_lookup(period_from(filters.period)))
    if filters.state is not None:
        observations = observations.filter(state=filters.state)
    return as_response(request, page_of(observations, paging, each(observation_out)))
