"""Values and updates of locked periods: each change is listed, refused, or made a correction.

A locked period has been reported to Cabinet, and what Cabinet saw changes only through a
correction with a reason (``monitoring.workflow``). The writer compares each value and update
a document gives for a period locked before the import with its latest approved version: one
that is the same is left alone; one that differs (or is new) is a ``LockedChange``. With no
corrector the change is only listed (the preview), and applying refuses the whole document;
with one, it goes through the monitoring services as that person's correction, with the file
and line as its reason, approved, and kept in the history as one made on the web is.
"""

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from councilplan.accounts.models import User
from councilplan.core.models import Reviewed, ReviewState
from councilplan.domain.periods import Period
from councilplan.imports import structure as s
from councilplan.imports.problems import ImportProblem
from councilplan.measures.models import Observation
from councilplan.monitoring import services, workflow
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod

from .base import WriterBase
from .result import LockedChange

SHORT_TEXT = 40  # longer text is said to have changed, not quoted


class LockedPeriodChanges(ImportProblem):
    """A document that changes approved data of locked periods, refused: nothing was written."""

    def __init__(self, source: str, changes: Sequence[LockedChange]) -> None:
        noun = "change" if len(changes) == 1 else "changes"
        listed = "".join(f"\n  {change}" for change in changes)
        message = f"{len(changes)} {noun} to approved data of locked periods; nothing was written:"
        super().__init__(message + listed, file=source)
        self.changes = tuple(changes)


@dataclass(frozen=True)
class Correction:
    """A change to a locked period, to be saved through the monitoring services."""

    user: User
    key: dict[str, Any]
    period: Period
    data: dict[str, Any]
    seen: str
    reason: str


Reported = ActionUpdate | Observation


def _save_value(correction: Correction) -> Reported:
    return services.save_observation(
        user=correction.user,
        measure=correction.key["measure"],
        period=correction.period,
        data=services.ValueInput(**correction.data),
        seen=correction.seen,
        submit=True,
        correction_reason=correction.reason,
    )


def _save_update(correction: Correction) -> Reported:
    return services.save_action_update(
        user=correction.user,
        action=correction.key["action"],
        reporting_period=correction.key["reporting_period"],
        data=services.UpdateInput(**correction.data),
        seen=correction.seen,
        submit=True,
        correction_reason=correction.reason,
    )


# For each kind of reviewed row: the fields an import gives, and the service that saves them.
REPORTED: dict[type[Reviewed], tuple[list[str], Callable[[Correction], Reported]]] = {
    Observation: (services.VALUE_FIELDS, _save_value),
    ActionUpdate: (services.UPDATE_FIELDS, _save_update),
}


class LockedResults(WriterBase):
    """The writer's part for values and updates of periods that were locked before it began."""

    locked_periods: list[ReportingPeriod]

    def note_locked_periods(self) -> None:
        """The organisation's locked periods now, before the document changes any of them."""
        self.locked_periods = list(
            ReportingPeriod.objects.filter(organisation=self.org, is_locked=True)
        )

    def is_locked(self, period: Period) -> bool:
        return workflow.is_locked(self.locked_periods, period)

    def write_locked(
        self,
        model: type[Reviewed],
        item: s.Item,
        key: dict[str, Any],
        values: dict[str, Any],
        period: Period,
    ) -> None:
        """A value or update for a locked period: left alone when it is what was approved; else
        a listed ``LockedChange``, recorded as a correction when there is a corrector."""
        self.check_not_repeated(model, item, key)
        rows = model._default_manager.filter(**key).order_by("-version")
        approved = rows.filter(state=ReviewState.APPROVED).first()
        fields, save = REPORTED[model]
        kind, thing = str(model._meta.verbose_name), _thing(key)
        changes = describe_changes(model, approved, values, fields)
        if not changes:
            self.result.record(kind, "unchanged", item.line, f"{thing} {period.label}")
            return
        change = LockedChange(
            period.label, thing, changes, item.place or self.doc.source, item.line
        )
        self.result.locked_changes.append(change)
        outcome = "updated" if approved else "created"
        self.result.record(kind, outcome, item.line, f"{thing} {period.label}")
        if self.corrector is None:
            return
        data = {name: values[name] for name in fields}
        seen = workflow.token(rows.first())
        reason = f"Imported from {change.place}"
        try:
            saved = save(Correction(self.corrector, key, period, data, seen, reason))
            services.approve(user=self.corrector, item=saved)
        except (PermissionDenied, ValidationError, workflow.WorkflowError) as exc:
            message = _refusal(exc, self.corrector, kind)
            raise ImportProblem(message, file=change.file, line=change.line) from exc
        if values.get("source"):
            model._default_manager.filter(pk=saved.pk).update(source=values["source"])


def _refusal(exc: Exception, user: User, kind: str) -> str:
    """Why the monitoring services refused a correction, as the import says it."""
    if isinstance(exc, PermissionDenied):
        return f'"{user}" may not correct this {kind}: ask the performance team.'
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _thing(key: dict[str, Any]) -> str:
    """The measure or action a value or update is of, as the list of changes names it."""
    if "measure" in key:
        return f'measure "{_short(key["measure"].title)}"'
    action = key["action"]
    reference = f"{action.reference} " if action.reference else ""
    return f'action {reference}"{_short(action.title)}" update'


def _short(text: str) -> str:
    return textwrap.shorten(text, 70, placeholder="...")


def describe_changes(
    model: type[models.Model],
    before: models.Model | None,
    after: dict[str, Any],
    fields: list[str],
) -> tuple[str, ...]:
    """What differs between the approved row (None: there is none) and the values given, as
    people read it: "value 95 -> 96", "status Green -> Amber", "commentary changed"."""
    said = []
    for name in fields:
        old = getattr(before, name) if before is not None else None
        new = after.get(name)
        if old == new or (_empty(old) and _empty(new)):
            continue
        said.append(_describe(model._meta.get_field(name), old, new))
    return tuple(said)


def _empty(value: object) -> bool:
    return value is None or value == "" or value is False


def _describe(field: Any, old: object, new: object) -> str:
    label = str(field.verbose_name)
    if isinstance(field, models.BooleanField):
        return f"{label} {'yes' if old else 'no'} -> {'yes' if new else 'no'}"
    if field.choices:
        names = dict(field.flatchoices)
        return f"{label} {_shown(names.get(old, old))} -> {_shown(names.get(new, new))}"
    long = any(len(str(value or "")) > SHORT_TEXT for value in (old, new))
    if isinstance(field, models.TextField) or (isinstance(field, models.CharField) and long):
        verb = "added" if _empty(old) else "removed" if _empty(new) else "changed"
        return f"{label} {verb}"
    if isinstance(field, models.CharField):
        return f"{label} {_quoted(old)} -> {_quoted(new)}"
    return f"{label} {_shown(old)} -> {_shown(new)}"


def _shown(value: object) -> str:
    if _empty(value):
        return "none"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _quoted(value: object) -> str:
    return "none" if _empty(value) else f'"{value}"'
