"""Reporting a quarter: "My updates", the action update form and the measure value form."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from councilplan.accounts import permissions
from councilplan.core import clock
from councilplan.core.models import period_lookup
from councilplan.domain.periods import Period
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.monitoring.reporting import due_items, reporting_period_for
from councilplan.monitoring.workflow import WorkflowError, is_locked, token
from councilplan.plans.models import Organisation
from councilplan.web.forms import ReportingForm, UpdateForm, ValueForm
from councilplan.web.views.common import staff_user


@login_required
def my_updates(request: HttpRequest) -> HttpResponse:
    """What the signed-in officer must report this quarter, overdue first, done last."""
    user, today = staff_user(request), clock.today()
    organisations = Organisation.objects.filter(memberships__user=user).distinct()
    rounds = []
    for organisation in organisations:
        current = reporting_period_for(organisation, today)
        if current is not None:
            rounds.append((organisation, current, due_items(user, current, today=today)))
    return render(request, "web/staff/my_updates.html", {"rounds": rounds, "today": today})


def _save(
    request: HttpRequest, form: ReportingForm, what: str, save: Callable[[bool], object]
) -> HttpResponse | None:
    """Run a valid form's save (submitting if the Submit button was pressed); on success say so
    and go back to My updates, otherwise put the service's message on the form."""
    if request.method != "POST" or not form.is_valid():
        return None
    submit = "submit" in request.POST
    try:
        save(submit)
    except ValidationError as error:
        form.add_error(None, error)
    except WorkflowError as error:
        form.add_error(None, str(error))
    else:
        outcome = "submitted for approval" if submit else "saved as a draft"
        messages.success(request, f"{what} {outcome}.")
        return redirect("staff:my-updates")
    return None


@login_required
def action_update(request: HttpRequest, action_id: int, period: Period) -> HttpResponse:
    """The quarterly update form for one action; GET shows it, POST saves or submits it."""
    user = staff_user(request)
    action = get_object_or_404(
        permissions.actions_readable(user).select_related("plan__organisation"), pk=action_id
    )
    if not permissions.actions_changeable(user).filter(pk=action.pk).exists():
        raise PermissionDenied
    reporting_period = get_object_or_404(
        ReportingPeriod, organisation=action.plan.organisation, **period_lookup(period)
    )
    latest = (
        ActionUpdate.objects.filter(action=action, reporting_period=reporting_period)
        .order_by("-version")
        .first()
    )
    milestones = list(action.milestones.all())
    initial = {"seen": token(latest), **{f"milestone_{m.pk}": m.completed_on for m in milestones}}
    if latest is not None:
        initial |= {name: getattr(latest, name) for name in services.UPDATE_FIELDS}
    form = UpdateForm(request.POST or None, initial=initial, milestones=milestones)
    saved = _save(
        request,
        form,
        "Your update",
        lambda submit: services.save_action_update(
            user=user,
            action=action,
            reporting_period=reporting_period,
            data=form.to_input(),
            seen=form.cleaned_data["seen"],
            submit=submit,
            correction_reason=form.cleaned_data["correction_reason"],
        ),
    )
    if saved is not None:
        return saved
    return render(
        request,
        "web/staff/update_form.html",
        {
            "form": form,
            "action": action,
            "period": period,
            "latest": latest,
            "reporting_period": reporting_period,
        },
    )


@login_required
def measure_value(request: HttpRequest, measure_id: int, period: Period) -> HttpResponse:
    """The value form for one measure and period; GET shows it, POST saves or submits it."""
    user = staff_user(request)
    measure = get_object_or_404(
        permissions.measures_readable(user).select_related("organisation"), pk=measure_id
    )
    if not permissions.measures_changeable(user).filter(pk=measure.pk).exists():
        raise PermissionDenied
    latest = measure.observations.filter(**period_lookup(period)).order_by("-version").first()
    initial: dict[str, object] = {"seen": token(latest)}
    if latest is not None:
        initial |= {
            name: getattr(latest, name)
            for name in ("value", "no_value_reason", "data_note", "is_provisional")
        }
    form = ValueForm(request.POST or None, initial=initial)
    saved = _save(
        request,
        form,
        "The value",
        lambda submit: services.save_observation(
            user=user,
            measure=measure,
            period=period,
            data=form.to_input(),
            seen=form.cleaned_data["seen"],
            submit=submit,
            correction_reason=form.cleaned_data["correction_reason"],
        ),
    )
    if saved is not None:
        return saved
    return render(
        request,
        "web/staff/value_form.html",
        {
            "form": form,
            "measure": measure,
            "period": period,
            "latest": latest,
            "locked": is_locked(measure.organisation.reporting_periods.all(), period),
        },
    )
