"""The staff dashboard: a plan's status counts, exceptions, trend and timeline for a period,
narrowed by GET filters that work without JavaScript. The timeline is a page of its own, read
only when it is opened (into the dashboard with HTMX, or followed as a link)."""

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeString

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.domain.periods import (
    Period,
    PeriodError,
    latest_started,
)
from councilplan.monitoring.reporting import reporting_period_for
from councilplan.monitoring.selectors import judged_as_at
from councilplan.plans.models import Action, Plan
from councilplan.web.charts import breakdown_chart, timeline_chart, trend_chart
from councilplan.web.forms import DashboardFilterForm
from councilplan.web.published_cache import cached_fragment, scope_of
from councilplan.web.selectors.dashboard import (
    Dashboard,
    count_table,
    dashboard,
    filtered_actions,
    timeline,
)
from councilplan.web.selectors.progress import latest_reported_period
from councilplan.web.views.common import not_started, staff_user


def _period(request: HttpRequest, plan: Plan, period: Period | None, today: date) -> Period:
    """The period asked for (URL or ?period=), else the latest reported, else the current."""
    if period is None and request.GET.get("period"):
        try:
            period = Period.parse(request.GET["period"])
        except PeriodError:
            period = None
    if period is None:
        period = latest_reported_period(plan.actions.all())
    if period is None:
        current = reporting_period_for(plan.organisation, today)
        period = current.period if current else latest_started(plan.years, today)
    return period


def _readable_plan(request: HttpRequest, plan_id: int) -> tuple[Plan, QuerySet[Action]]:
    """The plan (404 unless the user may read some of its actions) and the actions they may."""
    readable = permissions.actions_readable(staff_user(request))
    plan = get_object_or_404(
        Plan.objects.select_related("organisation"), pk=plan_id, pk__in=readable.values("plan")
    )
    return plan, readable


def _kept(
    request: HttpRequest, plan: Plan, readable: QuerySet[Action], part: str, period: Period
) -> Callable[[Callable[[], str]], SafeString]:
    """Keep a part of the dashboard under what it depends on: the plan, period, filters and the
    actions the reader may see (never the reader)."""
    filters = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    parts = (
        part,
        plan.pk,
        period.code,
        filters,
        scope_of(readable.filter(plan=plan).values_list("pk", flat=True)),
    )
    return lambda build: cached_fragment(
        organisation_id=plan.organisation_id, parts=parts, build=build
    )


@login_required
def plan_dashboard(
    request: HttpRequest, plan_id: int, period: Period | None = None
) -> HttpResponse:
    """Status counts by theme and portfolio, exceptions first, trend, and the way to the
    timeline (read when it is opened)."""
    plan, readable = _readable_plan(request, plan_id)
    today = clock.today()
    period = _period(request, plan, period, today)

    def body() -> str:
        form = DashboardFilterForm(plan, request.GET or None)
        context = {"plan": plan, "period": period, "periods": _periods(plan, period), "form": form}
        if waiting := not_started(period, today):
            context["not_started"] = waiting
        else:
            board = dashboard(
                filtered_actions(readable, plan, form.filters()), plan, period, today=today
            )
            context |= _board(board, judged_as_at(board.results, period, today))
            context["timeline_url"] = _timeline_url(request, plan, period)
        return render_to_string("web/staff/includes/dashboard_body.html", context, request)

    kept = _kept(request, plan, readable, "dashboard", period)
    return render(
        request, "web/staff/dashboard.html", {"plan": plan, "period": period, "body": kept(body)}
    )


def _timeline_url(request: HttpRequest, plan: Plan, period: Period) -> str:
    """The timeline's own address, with the dashboard's filters."""
    url = reverse("staff:dashboard-timeline", args=[plan.pk, period])
    return f"{url}?{request.GET.urlencode()}" if request.GET else url


@login_required
def plan_timeline(request: HttpRequest, plan_id: int, period: Period) -> HttpResponse:
    """The dashboard's timeline of actions and milestones as at the period: the part of the
    dashboard (``<details>``) HTMX asks for when it is opened, or a page of its own for a link
    followed without JavaScript."""
    plan, readable = _readable_plan(request, plan_id)
    today = clock.today()

    def body() -> str:
        if waiting := not_started(period, today):
            return render_to_string("web/staff/includes/not_started.html", {"why": waiting})
        form = DashboardFilterForm(plan, request.GET or None)
        shown = timeline(
            filtered_actions(readable, plan, form.filters()), plan, period, today=today
        )
        context = {
            "rows": shown.rows,
            "as_at": shown.as_at,
            "timeline_chart": timeline_chart(
                [row.bar for row in shown.rows], as_at=shown.as_at, ident="timeline"
            ),
        }
        return render_to_string("web/staff/includes/timeline.html", context, request)

    fragment = _kept(request, plan, readable, "dashboard-timeline", period)(body)
    dashboard_url = reverse("staff:dashboard-period", args=[plan.pk, period])
    if request.GET:
        dashboard_url += f"?{request.GET.urlencode()}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(fragment)
    else:
        response = render(
            request,
            "web/staff/dashboard_timeline.html",
            {"plan": plan, "period": period, "body": fragment, "dashboard_url": dashboard_url},
        )
    patch_vary_headers(response, ["HX-Request"])
    return response


def _periods(plan: Plan, period: Period) -> list[Period]:
    """The periods to choose from: the council's reporting periods, latest first."""
    return sorted(
        {rp.period for rp in plan.organisation.reporting_periods.all()} | {period},
        key=lambda p: (p.end, p.start),
        reverse=True,
    )


def _board(board: Dashboard, when: date) -> dict[str, Any]:
    """What the dashboard's body shows of the board: its tables and its charts."""
    return {
        "board": board,
        "as_at": when,
        "theme_table": count_table(board.by_theme),
        "portfolio_table": count_table(board.by_portfolio),
        "theme_chart": breakdown_chart(
            board.by_theme, ident="by-theme", title="Actions by status and theme"
        ),
        "portfolio_chart": breakdown_chart(
            board.by_portfolio, ident="by-portfolio", title="Actions by status and portfolio"
        ),
        "trend_chart": trend_chart(
            [(p.label, share) for p, _, share in board.trend], ident="trend"
        ),
    }


@login_required
def choose_plan(request: HttpRequest) -> HttpResponse:
    """The plans the user may read, each linking to its dashboard; straight there if only one."""
    readable = permissions.actions_readable(staff_user(request)).values("plan")
    plans = list(Plan.objects.filter(pk__in=readable).select_related("organisation"))
    if len(plans) == 1:
        return redirect("staff:dashboard", plan_id=plans[0].pk)
    return render(request, "web/staff/dashboards.html", {"plans": plans})
