"""Downloading a plan's reports from the staff area, in any format, as the user may read it."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodNotStartedError
from councilplan.plans.models import Plan
from councilplan.reports.builders import BUILDERS, build_report, report_scope
from councilplan.reports.renderers import FORMATS, filename
from councilplan.web.views.common import staff_user


@login_required
def download(request: HttpRequest, plan_id: int, kind: str, period: Period) -> HttpResponse:
    """The report (``?format=pdf``) of a plan the user may read, with only what they may read."""
    user = staff_user(request)
    plan = get_object_or_404(
        Plan.objects.select_related("organisation"),
        pk=plan_id,
        pk__in=permissions.actions_readable(user).values("plan"),
    )
    format_name = request.GET.get("format", "pdf")
    if kind not in BUILDERS or format_name not in FORMATS:
        raise Http404("No such report or format.")
    try:
        report = build_report(kind, report_scope(plan, user), period, today=clock.today())
    except PeriodNotStartedError as exc:
        raise Http404(str(exc)) from exc
    chosen = FORMATS[format_name]
    response = HttpResponse(chosen.render(report), content_type=chosen.content_type)
    name = filename(plan.slug, kind, period, format_name)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


app_name = "reports"
urlpatterns = [
    path("<int:plan_id>/<str:kind>/<period:period>/", download, name="download"),
]
