"""Reading the plans in the staff area: plan overview, action page, measure page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodError, latest_started
from councilplan.history.models import AuditEntry
from councilplan.measures.selectors import results_by_period
from councilplan.monitoring import services
from councilplan.monitoring.reporting import reporting_period_for
from councilplan.monitoring.selectors import action_results, judged_as_at
from councilplan.plans.models import Plan
from councilplan.web.charts import measure_charts
from councilplan.web.published_cache import cached_fragment, scope_of
from councilplan.web.selectors.progress import by_theme
from councilplan.web.views.common import not_started, staff_user


def readable_plans(request: HttpRequest) -> list[Plan]:
    readable = permissions.actions_readable(staff_user(request)).values("plan")
    return list(Plan.objects.filter(pk__in=readable).select_related("organisation"))


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    """The plans the user may read."""
    return render(request, "web/staff/plans.html", {"plans": readable_plans(request)})


@login_required
def plan_overview(request: HttpRequest, plan_id: int, period: Period | None = None) -> HttpResponse:
    """A plan's themes with their actions and each action's status for the period."""
    user = staff_user(request)
    plan = get_object_or_404(
        Plan.objects.select_related("organisation"),
        pk=plan_id,
        pk__in=permissions.actions_readable(user).values("plan"),
    )
    today = clock.today()
    if period is None and request.GET.get("period"):
        try:
            period = Period.parse(request.GET["period"])
        except PeriodError:
            period = None
    if period is None:
        current = reporting_period_for(plan.organisation, today)
        period = current.period if current else latest_started(plan.years, today)
    actions = (
        permissions.actions_readable(user).filter(plan=plan, parent=None).order_by("order", "pk")
    )

    def body() -> str:
        periods = sorted(
            {rp.period for rp in plan.organisation.reporting_periods.all()}, reverse=True
        )
        context: dict[str, object] = {"plan": plan, "period": period, "periods": periods}
        if waiting := not_started(period, today):
            context["not_started"] = waiting
            return render_to_string("web/staff/includes/plan_overview_body.html", context, request)
        results = action_results(actions, period, today=today)
        sections, unthemed = by_theme(plan, results)
        context |= {
            "sections": sections,
            "unthemed": unthemed,
            "count": len(results),
            "as_at": judged_as_at(results, period, today),
        }
        return render_to_string("web/staff/includes/plan_overview_body.html", context, request)

    scope = scope_of(actions.values_list("pk", flat=True))
    return render(
        request,
        "web/staff/plan_overview.html",
        {
            "plan": plan,
            "period": period,
            "body": cached_fragment(
                organisation_id=plan.organisation_id,
                parts=("plan overview", plan.pk, period.code, scope),
                build=body,
            ),
        },
    )


@login_required
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    """An action: what, who, when; milestones; every update; the history of changes."""
    user = staff_user(request)
    action = get_object_or_404(
        permissions.actions_readable(user).select_related("plan__organisation"), pk=action_id
    )
    updates = action.updates.select_related(
        "reporting_period", "submitted_by", "approved_by"
    ).order_by("-reporting_period__period_year", "-reporting_period__period_number", "-version")
    return render(
        request,
        "web/staff/action.html",
        {
            "action": action,
            "updates": updates,
            "history": AuditEntry.objects.filter(action=action).select_related("user")[:50],
            "may_report": permissions.actions_changeable(user).filter(pk=action.pk).exists(),
            "current": reporting_period_for(action.plan.organisation, clock.today()),
        },
    )


@login_required
@require_POST
def comment(request: HttpRequest, action_id: int) -> HttpResponse:
    """Add a comment to an action's history."""
    user = staff_user(request)
    action = get_object_or_404(permissions.actions_readable(user), pk=action_id)
    try:
        services.add_comment(user=user, action=action, text=request.POST.get("comment", ""))
    except ValidationError:
        messages.error(request, "Write your comment before adding it.")
    else:
        messages.success(request, "Your comment was added.")
    return redirect("staff:action", action_id=action.pk)


@login_required
def measure_detail(request: HttpRequest, measure_id: int) -> HttpResponse:
    """A measure: definition, values and targets by period, a chart, and its history."""
    user = staff_user(request)
    measure = get_object_or_404(
        permissions.measures_readable(user).select_related("organisation", "owner"), pk=measure_id
    )
    observations = list(
        measure.observations.order_by("period_year", "period_kind", "period_number", "version")
    )
    periods = {o.period for o in observations} | {t.period for t in measure.targets.all()}
    results = results_by_period(measure, periods)
    series = [
        (one, chart, [(r, [o for o in observations if o.period == r.period]) for r in one.results])
        for one, chart in measure_charts(measure, list(results.values()))
    ]
    return render(
        request,
        "web/staff/measure.html",
        {
            "measure": measure,
            "series": series,
            "history": AuditEntry.objects.filter(measure=measure).select_related("user")[:50],
            "may_report": permissions.measures_changeable(user).filter(pk=measure.pk).exists(),
            "current": reporting_period_for(measure.organisation, clock.today()),
        },
    )
