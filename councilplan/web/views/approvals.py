"""The performance team's pages: approval queue, period locks, the chase list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.core.models import ReviewState
from councilplan.measures.models import Observation
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.monitoring.reminders import chase_list
from councilplan.monitoring.workflow import WorkflowError
from councilplan.plans.models import Organisation
from councilplan.web.forms import ReturnForm
from councilplan.web.views.common import staff_user


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Everything submitted that this user may approve, oldest first."""
    user = staff_user(request)
    updates = (
        ActionUpdate.objects.filter(
            state=ReviewState.SUBMITTED, action__in=permissions.actions_approvable(user)
        )
        .select_related("action", "reporting_period", "submitted_by")
        .order_by("submitted_at")
    )
    values = (
        Observation.objects.filter(
            state=ReviewState.SUBMITTED, measure__in=permissions.measures_approvable(user)
        )
        .select_related("measure", "submitted_by")
        .order_by("submitted_at")
    )
    periods = [
        rp
        for rp in ReportingPeriod.objects.select_related("organisation").order_by(
            "-period_year", "-period_number"
        )
        if permissions.is_performance_team(user, rp.organisation_id)
    ]
    return render(
        request,
        "web/staff/approvals.html",
        {
            "updates": updates,
            "values": values,
            "periods": periods,
            "return_form": ReturnForm(),
        },
    )


def _item(kind: str, pk: int) -> ActionUpdate | Observation:
    if kind == "update":
        return get_object_or_404(ActionUpdate, pk=pk)
    if kind == "value":
        return get_object_or_404(Observation, pk=pk)
    raise Http404


@login_required
@require_POST
def decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Approve, or return with a reason, one submitted item; HTMX gets the row back."""
    user, item = staff_user(request), _item(kind, pk)
    try:
        if "approve" in request.POST:
            services.approve(user=user, item=item)
            messages.success(request, "Approved.")
        else:
            form = ReturnForm(request.POST)
            reason = form.data.get("reason", "")
            services.return_for_changes(user=user, item=item, reason=str(reason))
            messages.success(request, "Returned to the officer with your reason.")
    except WorkflowError as error:
        messages.error(request, str(error))
    if request.headers.get("HX-Request"):
        item.refresh_from_db()
        return render(request, "web/staff/includes/decided_row.html", {"item": item, "kind": kind})
    return redirect("staff:approvals")


@login_required
@require_POST
def lock(request: HttpRequest, period_id: int) -> HttpResponse:
    """Lock or unlock a reporting period (performance team only)."""
    reporting_period = get_object_or_404(ReportingPeriod, pk=period_id)
    locked = request.POST.get("locked") == "1"
    services.set_period_lock(
        user=staff_user(request), reporting_period=reporting_period, locked=locked
    )
    messages.success(
        request, f"{reporting_period.period.label} {'locked' if locked else 'unlocked'}."
    )
    return redirect("staff:approvals")


@login_required
def chase(request: HttpRequest) -> HttpResponse:
    """Who still owes updates this period, for the performance team to chase."""
    user, today = staff_user(request), clock.today()
    organisations = [
        o
        for o in Organisation.objects.filter(memberships__user=user).distinct()
        if permissions.is_performance_team(user, o.pk)
    ]
    lists = [(o, chase_list(o, today=today)) for o in organisations]
    return render(request, "web/staff/chase.html", {"lists": lists})
