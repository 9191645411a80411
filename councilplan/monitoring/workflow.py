"""The review workflow shared by action updates and measure values.

draft -> submitted -> approved, or returned with a reason and submitted again; an edit after
approval starts a new version; an edit from a stale page is refused with who saved since; a
locked period changes only through a correction with a reason. Services call these helpers
inside their transaction; the errors carry messages a person can act on.
"""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from councilplan.accounts.models import User
from councilplan.accounts.permissions import is_performance_team
from councilplan.core.models import Reviewed, ReviewState
from councilplan.domain.periods import Period

from .models import ReportingPeriod

NOTHING_YET = "0:0"


class WorkflowError(Exception):
    """A change the workflow does not allow now; the message says why and what to do."""


class ConflictError(WorkflowError):
    """Someone else saved the same update after this person opened it."""


class PeriodLockedError(WorkflowError):
    """The period has been reported and locked; only a correction with a reason may change it."""


def token(item: Reviewed | None) -> str:
    """What an edit form carries to detect a conflict: the version and revision it was opened at."""
    return f"{item.version}:{item.revision}" if item else NOTHING_YET


def editable_version(latest: Reviewed | None, seen: str, new: Reviewed) -> Reviewed:
    """The row an edit goes into: the latest version, or a new one after approval.

    ``seen`` is the token the editor's page was opened with; if the latest version has moved on
    since, the edit is refused rather than overwriting someone else's work.
    """
    if token(latest) != seen:
        who = latest.changed_by if latest else None
        by = f" by {who.get_full_name() or who.username}" if who else ""
        raise ConflictError(
            f"This update was changed{by} after you opened it. Your changes were not saved: "
            "reload the page to see the latest version, then make your changes again."
        )
    if latest is None:
        new.version = 1
        return new
    if latest.state == ReviewState.APPROVED:
        new.version = latest.version + 1
        return new
    return latest


def mark_saved(item: Reviewed, *, user: User, submit: bool) -> None:
    """Move an edited item to its next state and count the save."""
    if submit:
        item.state = ReviewState.SUBMITTED
        item.submitted_by, item.submitted_at = user, timezone.now()
    elif item.state not in (ReviewState.RETURNED, ReviewState.SUBMITTED):
        item.state = ReviewState.DRAFT
    item.changed_by = user
    item.revision += 1


def approve(item: Reviewed, *, user: User) -> None:
    """Approve a submitted item."""
    if item.state != ReviewState.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted update can be approved; this one is {item.get_state_display()}."
        )
    item.state, item.approved_by, item.approved_at = ReviewState.APPROVED, user, timezone.now()
    item.returned_reason = ""
    item.revision += 1


def return_for_changes(item: Reviewed, *, reason: str) -> None:
    """Send a submitted item back to its author with the reason."""
    if item.state != ReviewState.SUBMITTED:
        raise WorkflowError(
            f"Only a submitted update can be returned; this one is {item.get_state_display()}."
        )
    if not reason.strip():
        raise WorkflowError("Say why the update is returned, so the officer knows what to change.")
    item.state, item.returned_reason = ReviewState.RETURNED, reason.strip()
    item.revision += 1


def is_locked(periods: Iterable[ReportingPeriod], period: Period) -> bool:
    """Whether a locked reporting period of ``periods`` locks ``period`` (a locked quarter
    locks its months, a locked fourth quarter its year): what Cabinet saw stays as it was."""
    return any(rp.is_locked and rp.period.locks(period) for rp in periods)


def check_open(
    periods: list[ReportingPeriod],
    period: Period,
    *,
    user: User,
    organisation_id: int,
    correction_reason: str,
) -> bool:
    """Refuse changes to a locked period unless the performance team corrects it with a reason.

    Returns whether the change is a correction. ``periods`` are the organisation's reporting
    periods; one that covers ``period`` and is locked makes it locked.
    """
    if not is_locked(periods, period):
        return False
    if not is_performance_team(user, organisation_id):
        raise PeriodLockedError(
            f"{period.label} has been reported and locked. "
            "Ask the performance team to make a correction."
        )
    if not correction_reason.strip():
        raise PeriodLockedError(f"{period.label} is locked: give a reason for the correction.")
    return True


def require(allowed: bool) -> None:
    """Refuse with 403 when the user may not do this to this object."""
    if not allowed:
        raise PermissionDenied
