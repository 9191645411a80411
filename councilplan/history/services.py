"""Writing the audit trail: every service that changes state calls ``record``."""

from decimal import Decimal
from typing import Any

from django.db import models

from councilplan.accounts.models import User
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Organisation

from .models import AuditEntry, Verb


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        # As people write it: 95, not 95.000000 as the database gives it back.
        return format(value.normalize(), "f")
    return "" if value is None or value is False else str(value)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """The fields whose values differ, as {field: [old, new]} in text (nothing counts as empty)."""
    return {
        name: [_text(before.get(name)), _text(value)]
        for name, value in after.items()
        if _text(before.get(name)) != _text(value)
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of a row, for diffing before and after a change."""
    return {name: getattr(obj, name) for name in fields}


def record(
    *,
    user: User | None,
    organisation: Organisation,
    verb: Verb,
    summary: str,
    action: Action | None = None,
    measure: Measure | None = None,
    period: str = "",
    changes: dict[str, list[str]] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Add one row to the audit trail."""
    return AuditEntry.objects.create(
        user=user,
        organisation=organisation,
        verb=verb,
        summary=summary[:300],
        action=action,
        measure=measure,
        period=period,
        changes=changes or {},
        reason=reason,
    )
