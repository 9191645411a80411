"""The staff dashboard: a plan's status counts, exceptions, trend and timeline for a period,
narrowed by GET filters that work without JavaScript."""

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodError, as_at
from councilplan.monitoring.reporting import reporting_period_for
from councilplan.plans.models import Department, Officer, Plan, Portfolio, Theme
from councilplan.web.charts import breakdown_chart, timeline_chart, trend_chart
from councilplan.web.published_cache import cached_fragment, scope_of
from councilplan.web.selectors.dashboard import (
    Dashboard,
    DashboardFilters,
    count_table,
    dashboard,
    filtered_actions,
)
from councilplan.web.selectors.progress import latest_reported_period
from councilplan.web.views.common import staff_user


class DashboardFilterForm(forms.Form):
    """The filters: each limited to what the plan's actions use."""

    theme = forms.ModelChoiceField(Theme.objects.none(), required=False, empty_label="All")
    portfolio = forms.ModelChoiceField(Portfolio.objects.none(), required=False, empty_label="All")
    department = forms.ModelChoiceField(
        Department.objects.none(), required=False, empty_label="All"
    )
    officer = forms.ModelChoiceField(
        Officer.objects.none(), required=False, empty_label="All", label="Accountable officer"
    )

    def __init__(self, plan: Plan, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        used = {"actions__plan": plan}
        self.fields["theme"].queryset = Theme.objects.filter(plan=plan)  # type: ignore[attr-defined]
        for name, model in (
            ("portfolio", Portfolio),
            ("department", Department),
            ("officer", Officer),
        ):
            self.fields[name].queryset = model.objects.filter(**used).distinct()  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select govuk-!-width-full"

    def filters(self) -> DashboardFilters:
        """The chosen filters; none when the form does not validate."""
        if not self.is_valid():
            return DashboardFilters()
        return DashboardFilters(**self.cleaned_data)


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
        period = current.period if current else plan.years[-1]
    return period


@login_required
def plan_dashboard(
    request: HttpRequest, plan_id: int, period: Period | None = None
) -> HttpResponse:
    """Status counts by theme and portfolio, exceptions first, trend, and the timeline."""
    readable = permissions.actions_readable(staff_user(request))
    plan = get_object_or_404(
        Plan.objects.select_related("organisation"), pk=plan_id, pk__in=readable.values("plan")
    )
    today = clock.today()
    period = _period(request, plan, period, today)
    actions_read = readable.filter(plan=plan)

    def body() -> str:
        form = DashboardFilterForm(plan, request.GET or None)
        board = dashboard(
            filtered_actions(readable, plan, form.filters()), plan, period, today=today
        )
        context = _context(plan, period, form, board, as_at(period, today))
        return render_to_string("web/staff/includes/dashboard_body.html", context, request)

    filters = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
    return render(
        request,
        "web/staff/dashboard.html",
        {
            "plan": plan,
            "period": period,
            "body": cached_fragment(
                organisation_id=plan.organisation_id,
                parts=(
                    "dashboard",
                    plan.pk,
                    period.code,
                    filters,
                    scope_of(actions_read.values_list("pk", flat=True)),
                ),
                build=body,
            ),
        },
    )


def _context(
    plan: Plan, period: Period, form: DashboardFilterForm, board: Dashboard, when: date
) -> dict[str, Any]:
    """What the dashboard's body shows: the board, its tables and its charts."""
    periods = sorted(
        {rp.period for rp in plan.organisation.reporting_periods.all()} | {period},
        key=lambda p: (p.end, p.start),
        reverse=True,
    )
    return {
        "plan": plan,
        "period": period,
        "periods": periods,
        "form": form,
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
        "timeline_chart": timeline_chart(
            [row.bar for row in board.timeline], as_at=when, ident="timeline"
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
