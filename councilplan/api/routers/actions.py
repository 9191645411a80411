"""Actions with milestones and their status for a period, filtered as the web's plan pages are."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from councilplan.accounts.models import User
from councilplan.api import access
from councilplan.api.auth import READ, reader
from councilplan.api.filters import Id, PeriodCode, period_from
from councilplan.api.paging import Page, Paging, as_response, page_of
from councilplan.api.schemas.actions import ActionOut, action_out
from councilplan.api.schemas.common import READ_ERRORS
from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodNotStartedError, check_started
from councilplan.domain.status import RagStatus
from councilplan.monitoring.selectors import ActionResult, action_results
from councilplan.plans.models import Action

router = Router(tags=["actions"], auth=READ)


class ActionFilters(Schema):
    """Which actions to list; ``period`` is the one statuses are worked out for."""

    plan: Id | None = None
    theme: Id | None = None
    portfolio: Id | None = None
    department: Id | None = None
    status: RagStatus | None = None
    period: PeriodCode | None = None


def status_period(user: User | None, code: str | None) -> Period:
    """The period asked for, or else the latest reporting period started by today; 422 for
    a period that has not started (it has no statuses yet)."""
    today = clock.today()
    period = period_from(code) if code else access.default_period(user, today)
    try:
        check_started(period, today)
    except PeriodNotStartedError as exc:
        raise HttpError(422, str(exc)) from exc
    return period


def _results(actions: QuerySet[Action], period: Period) -> list[ActionResult]:
    """The selector's results for these actions, with their milestones, in id order."""
    return action_results(
        actions.prefetch_related("milestones").order_by("id"), period, today=clock.today()
    )


@router.get("/actions", response={200: Page[ActionOut], **READ_ERRORS})
def list_actions(
    request: HttpRequest, paging: Query[Paging], filters: Query[ActionFilters]
) -> HttpResponse:
    """Actions you may see, by id, with milestones and status; filter by plan, theme,
    portfolio, department, status (for ``period``)."""
    user = reader(request)
    period = status_period(user, filters.period)
    actions = access.actions(user)
    if filters.plan is not None:
        actions = actions.filter(plan=filters.plan)
    # Links as subqueries, not joins: no duplicates, so no DISTINCT over the whole list.
    for name in ("theme", "portfolio", "department"):
        wanted = getattr(filters, name)
        if wanted is not None:
            links = getattr(Action, f"{name}s").through.objects.filter(**{name: wanted})
            actions = actions.filter(pk__in=links.values("action_id"))

    def build(results: list[ActionResult]) -> list[ActionOut]:
        return [action_out(result, period) for result in results]

    if filters.status is None:
        return as_response(
            request, page_of(actions, paging, lambda page: build(_results(_ids(page), period)))
        )
    results = [r for r in _results(actions, period) if r.status.status == filters.status]
    return as_response(request, page_of(results, paging, build, id_of=lambda r: r.action.pk))


@router.get("/actions/{action_id}", response={200: ActionOut, **READ_ERRORS})
def get_action(request: HttpRequest, action_id: Id, period: PeriodCode | None = None) -> ActionOut:
    """One action with its milestones and its status for ``period``."""
    user = reader(request)
    action = get_object_or_404(access.actions(user), pk=action_id)
    chosen = status_period(user, period)
    (result,) = _results(Action.objects.filter(pk=action.pk), chosen)
    return action_out(result, chosen)


def _ids(actions: list[Action]) -> QuerySet[Action]:
    return Action.objects.filter(pk__in=[action.pk for action in actions])
