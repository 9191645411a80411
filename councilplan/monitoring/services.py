"""Every change to reported data goes through here: permission, workflow, audit, one transaction.

Views, the API and bulk uploads call these with keyword arguments and the acting user.
"""

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from councilplan.accounts import permissions
from councilplan.accounts.models import User
from councilplan.core.models import Reviewed, period_lookup
from councilplan.domain.periods import Period
from councilplan.history.models import Verb
from councilplan.history.services import diff, record, snapshot
from councilplan.measures.models import Measure, Observation
from councilplan.plans.models import Action

from . import workflow
from .models import ActionUpdate, ReportingPeriod, SnapshotCause
from .snapshots import take_snapshots

UPDATE_FIELDS = [
    "progress_rating",
    "status",
    "is_dca",
    "percent_complete",
    "commentary",
    "mitigation",
    "next_steps",
]
VALUE_FIELDS = [
    "value",
    "no_value_reason",
    "numerator",
    "denominator",
    "data_note",
    "is_provisional",
]


@dataclass(frozen=True)
class UpdateInput:
    """What an officer reports on an action for a period."""

    progress_rating: str = ""
    status: str = ""
    is_dca: bool = False
    percent_complete: int | None = None
    commentary: str = ""
    mitigation: str = ""
    next_steps: str = ""
    milestones_completed: dict[int, date | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ValueInput:
    """A measure's value for a period, or the reason there is none."""

    value: Decimal | None = None
    no_value_reason: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    data_note: str = ""
    is_provisional: bool = False


def _check_open(user: User, organisation_id: int, period: Period, correction_reason: str) -> bool:
    periods = list(ReportingPeriod.objects.filter(organisation_id=organisation_id))
    return workflow.check_open(
        periods,
        period,
        user=user,
        organisation_id=organisation_id,
        correction_reason=correction_reason,
    )


def _save(
    item: Reviewed, before: dict[str, object], fields: list[str], *, user: User, submit: bool
) -> dict[str, list[str]]:
    """Validate, move state, save; return what changed."""
    workflow.mark_saved(item, user=user, submit=submit)
    item.full_clean(validate_unique=False, validate_constraints=False)
    item.save()
    return diff(before, snapshot(item, fields))


@transaction.atomic
def save_action_update(
    *,
    user: User,
    action: Action,
    reporting_period: ReportingPeriod,
    data: UpdateInput,
    seen: str,
    submit: bool,
    correction_reason: str = "",
) -> ActionUpdate:
    """Save (and with ``submit``, submit) an officer's update on an action for a period."""
    workflow.require(permissions.actions_changeable(user).filter(pk=action.pk).exists())
    org_id = action.plan.organisation_id
    correcting = _check_open(user, org_id, reporting_period.period, correction_reason)
    latest = (
        ActionUpdate.objects.select_for_update()
        .filter(action=action, reporting_period=reporting_period)
        .order_by("-version")
        .first()
    )
    update = workflow.editable_version(
        latest, seen, ActionUpdate(action=action, reporting_period=reporting_period)
    )
    assert isinstance(update, ActionUpdate)  # editable_version returns one of the two
    # A new version's changes are those from the version it follows (what Cabinet saw, say).
    before = snapshot(latest, UPDATE_FIELDS) if latest else {}
    for name in UPDATE_FIELDS:
        setattr(update, name, getattr(data, name))
    changes = _save(update, before, UPDATE_FIELDS, user=user, submit=submit)
    for milestone in action.milestones.filter(pk__in=data.milestones_completed):
        done = data.milestones_completed[milestone.pk]
        if milestone.completed_on != done:
            changes[f"milestone: {milestone.title[:60]}"] = [
                str(milestone.completed_on or ""),
                str(done or ""),
            ]
            milestone.completed_on = done
            milestone.save(update_fields=["completed_on"])
    verb = Verb.CORRECTED if correcting else (Verb.SUBMITTED if submit else Verb.CHANGED)
    record(
        user=user,
        organisation=action.plan.organisation,
        verb=verb,
        action=action,
        period=reporting_period.period.label,
        changes=changes,
        reason=correction_reason,
        summary=f"{verb.label} update v{update.version} for {reporting_period.period.label}",
    )
    return update


@transaction.atomic
def save_observation(
    *,
    user: User,
    measure: Measure,
    period: Period,
    data: ValueInput,
    seen: str,
    submit: bool,
    correction_reason: str = "",
) -> Observation:
    """Save (and with ``submit``, submit) a measure's value for a period."""
    workflow.require(permissions.measures_changeable(user).filter(pk=measure.pk).exists())
    correcting = _check_open(user, measure.organisation_id, period, correction_reason)
    latest = (
        Observation.objects.select_for_update()
        .filter(measure=measure, **period_lookup(period))
        .order_by("-version")
        .first()
    )
    observation = workflow.editable_version(
        latest, seen, Observation(measure=measure, **period_lookup(period))
    )
    assert isinstance(observation, Observation)
    before = snapshot(latest, VALUE_FIELDS) if latest else {}
    for name, value in asdict(data).items():
        setattr(observation, name, value)
    if observation.figure is None and not observation.no_value_reason:
        raise ValidationError({"value": "Enter a value, or say why there is none."})
    if observation.value is not None and observation.no_value_reason:
        raise ValidationError({"no_value_reason": "Give a value or a reason for none, not both."})
    changes = _save(observation, before, VALUE_FIELDS, user=user, submit=submit)
    verb = Verb.CORRECTED if correcting else (Verb.SUBMITTED if submit else Verb.CHANGED)
    record(
        user=user,
        organisation=measure.organisation,
        verb=verb,
        measure=measure,
        period=period.label,
        changes=changes,
        reason=correction_reason,
        summary=f"{verb.label} value v{observation.version} for {period.label}",
    )
    return observation


def _record(item: ActionUpdate | Observation, *, user: User, verb: Verb, reason: str = "") -> None:
    """An audit row about an update's action or a value's measure."""
    summary = f"{verb.label} v{item.version}"
    if isinstance(item, ActionUpdate):
        record(
            user=user,
            organisation=item.action.plan.organisation,
            verb=verb,
            action=item.action,
            period=item.reporting_period.period.label,
            summary=summary,
            reason=reason,
        )
    else:
        record(
            user=user,
            organisation=item.measure.organisation,
            verb=verb,
            measure=item.measure,
            period=item.period.label,
            summary=summary,
            reason=reason,
        )


def _may_approve(user: User, item: ActionUpdate | Observation) -> bool:
    if isinstance(item, ActionUpdate):
        return permissions.actions_approvable(user).filter(pk=item.action_id).exists()
    return permissions.measures_approvable(user).filter(pk=item.measure_id).exists()


@transaction.atomic
def approve(*, user: User, item: ActionUpdate | Observation) -> None:
    """Approve a submitted update or value: it becomes what reports and the public site show."""
    workflow.require(_may_approve(user, item))
    workflow.approve(item, user=user)
    item.save()
    _record(item, user=user, verb=Verb.APPROVED)
    _snapshot_approved(item)


def _snapshot_approved(item: ActionUpdate | Observation) -> None:
    """Store the status the approval gives, as at the period's end or the day of approval if
    sooner, unless the period is locked: a correction leaves what Cabinet saw as it was."""
    actions, measures = Action.objects.none(), Measure.objects.none()
    if isinstance(item, ActionUpdate):
        organisation, period = item.action.plan.organisation, item.reporting_period.period
        actions = Action.objects.filter(pk=item.action_id)
    else:
        organisation, period = item.measure.organisation, item.period
        measures = Measure.objects.filter(pk=item.measure_id)
    if workflow.is_locked(organisation.reporting_periods.all(), period):
        return
    assert item.approved_at is not None  # just approved
    take_snapshots(
        organisation=organisation,
        period=period,
        today=timezone.localdate(item.approved_at),
        cause=SnapshotCause.APPROVED,
        actions=actions,
        measures=measures,
    )


@transaction.atomic
def return_for_changes(*, user: User, item: ActionUpdate | Observation, reason: str) -> None:
    """Return a submitted update or value to its author with the reason."""
    workflow.require(_may_approve(user, item))
    workflow.return_for_changes(item, reason=reason)
    item.save()
    _record(item, user=user, verb=Verb.RETURNED, reason=reason)


@transaction.atomic
def set_period_lock(*, user: User, reporting_period: ReportingPeriod, locked: bool) -> None:
    """Lock a reported period (or unlock it); only the performance team may."""
    workflow.require(permissions.is_performance_team(user, reporting_period.organisation_id))
    if reporting_period.is_locked == locked:
        return
    reporting_period.is_locked = locked
    reporting_period.save(update_fields=["is_locked"])
    verb = Verb.LOCKED if locked else Verb.UNLOCKED
    entry = record(
        user=user,
        organisation=reporting_period.organisation,
        verb=verb,
        period=reporting_period.period.label,
        summary=f"{verb.label}: {reporting_period.period.label}",
    )
    if locked:  # what Cabinet is shown of the period, kept as it is now
        take_snapshots(
            organisation=reporting_period.organisation,
            period=reporting_period.period,
            today=timezone.localdate(entry.at),
            cause=SnapshotCause.LOCKED,
        )


@transaction.atomic
def add_comment(*, user: User, action: Action, text: str) -> None:
    """A comment on an action (a cabinet member's, say), kept in its history."""
    workflow.require(permissions.actions_commentable(user).filter(pk=action.pk).exists())
    if not text.strip():
        raise ValidationError({"comment": "Write your comment."})
    record(
        user=user,
        organisation=action.plan.organisation,
        verb=Verb.COMMENTED,
        action=action,
        summary="Commented",
        reason=text.strip(),
    )
