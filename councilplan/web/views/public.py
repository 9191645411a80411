"""Pages anyone may read, signed in or not: the published plans, their actions and measures
with their latest approved status, downloads of what is shown, and the accessibility statement.

Every page starts from ``Plan.objects.published()`` and shows only approved updates and values.
"""

import csv

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from councilplan.core import clock
from councilplan.domain.periods import latest_started
from councilplan.measures.models import Measure
from councilplan.monitoring.selectors import action_results
from councilplan.plans.models import Action, Plan
from councilplan.plans.selectors import published_plans
from councilplan.web.charts import measure_charts
from councilplan.web.published_cache import cached_page
from councilplan.web.selectors.progress import (
    approved_updates,
    latest_reported_period,
    measure_history,
    measure_plans,
    plan_measures,
    plan_progress,
    public_measures,
    published_plan_actions,
)
from councilplan.web.selectors.records import progress_records


def home(request: HttpRequest) -> HttpResponse:
    """The front page: the published plans of every organisation on this installation."""
    return render(request, "web/home.html", {"plans": published_plans()})


def _published_plan(organisation: str, plan: str) -> Plan:
    return get_object_or_404(published_plans(), organisation__slug=organisation, slug=plan)


def plan(request: HttpRequest, organisation: str, plan: str) -> HttpResponse:
    """A published plan: themes, actions with their latest approved status, and measures."""
    shown = _published_plan(organisation, plan)

    def build() -> HttpResponse:
        progress = plan_progress(shown, today=clock.today())
        context = {"progress": progress, "plan": progress.plan}
        return render(request, "web/public/plan.html", context)

    return cached_page(
        request, organisation_id=shown.organisation_id, parts=("plan", shown.pk), build=build
    )


def plan_download(request: HttpRequest, organisation: str, plan: str, fmt: str) -> HttpResponse:
    """What the public plan page shows, as CSV or JSON."""
    shown = _published_plan(organisation, plan)
    return cached_page(
        request,
        organisation_id=shown.organisation_id,
        parts=("plan", shown.pk, fmt, request.get_host()),
        build=lambda: _download(request, shown, fmt),
    )


def _download(request: HttpRequest, shown: Plan, fmt: str) -> HttpResponse:
    progress = plan_progress(shown, today=clock.today())
    records = progress_records(progress, request.build_absolute_uri("/").rstrip("/"))
    filename = f"{progress.plan.organisation.slug}-{progress.plan.slug}.{fmt}"
    disposition = f'attachment; filename="{filename}"'
    if fmt == "json":
        response: HttpResponse = JsonResponse(records, json_dumps_params={"indent": 2})
        response["Content-Disposition"] = disposition
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = disposition
    rows = records["actions"] + records["measures"]
    writer = csv.DictWriter(response, fieldnames=list(dict.fromkeys(k for r in rows for k in r)))
    writer.writeheader()
    writer.writerows(rows)
    return response


def action(request: HttpRequest, organisation: str, plan: str, action_id: int) -> HttpResponse:
    """A published action: what, who, when, milestones, and every approved update."""
    shown_plan = _published_plan(organisation, plan)
    return cached_page(
        request,
        organisation_id=shown_plan.organisation_id,
        parts=("action", shown_plan.pk, action_id),
        build=lambda: _action(request, shown_plan, action_id),
    )


def _action(request: HttpRequest, shown_plan: Plan, action_id: int) -> HttpResponse:
    actions = published_plan_actions(shown_plan).filter(pk=action_id)
    found: Action = get_object_or_404(actions.prefetch_related("milestones"))
    period = latest_reported_period(actions)
    today = clock.today()
    shown = period or latest_started(shown_plan.years, today)
    result = action_results(actions, shown, today=today)[0]
    return render(
        request,
        "web/public/action.html",
        {
            "plan": shown_plan,
            "action": found,
            "result": result,
            "period": period,
            "updates": approved_updates(found),
            "measures": plan_measures(shown_plan).filter(actions=found),
        },
    )


def measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    """A measure of a published plan: its approved values against targets and comparators."""
    found: Measure = get_object_or_404(
        public_measures().select_related("organisation"), pk=measure_id
    )
    return cached_page(
        request,
        organisation_id=found.organisation_id,
        parts=("measure", found.pk),
        build=lambda: _measure(request, found),
    )


def _measure(request: HttpRequest, found: Measure) -> HttpResponse:
    history = measure_history(found)
    return render(
        request,
        "web/public/measure.html",
        {
            "measure": found,
            "history": history,
            "plans": measure_plans(found),
            "charts": measure_charts(found, history.results, history.comparators),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the Public Sector Bodies Accessibility Regulations require."""
    return render(request, "web/public/accessibility.html")
