"""Status snapshots of a generated council's locked quarters, as if it had locked each one
through the system, about four weeks after the quarter's end.

The statuses come from the same rules as locking a period (``monitoring.snapshots``, the
selectors with ``stored=False``), worked out for many quarters from one read of the actions'
updates, and are copied in by ``bulk.insert_rows``: taking them quarter by quarter would cost
hours at 317 councils. Only the most recent quarters are stored (by default the dashboard's
trend); older locked quarters have none and are worked out when read, which gives the same
statuses.
"""

import json
from datetime import UTC, datetime, time, timedelta
from typing import Any

from councilplan.domain.periods import Period, PeriodKind
from councilplan.domain.status import RagStatus
from councilplan.monitoring.models import ReportingPeriod, SnapshotCause, StatusSnapshot
from councilplan.monitoring.snapshots import council_snapshots
from councilplan.plans.models import Organisation
from councilplan.web.selectors.dashboard import TREND_LENGTH

from .bulk import datetime_value, insert_rows

SNAPSHOT_QUARTERS = TREND_LENGTH
LOCKED_AFTER = timedelta(days=28)  # the quarter reported to Cabinet and locked
FIELDS = (
    "organisation",
    "action",
    "measure",
    "theme",
    "period_kind",
    "period_year",
    "period_number",
    "status",
    "explanation",
    "overdue",
    "as_at",
    "rules_version",
    "action_update",
    "observation",
    "detail",
    "cause",
    "taken_at",
)


def quarters_to_store(organisation: Organisation, quarters: int) -> list[Period]:
    """The council's ``quarters`` most recent locked quarters that have no snapshots yet."""
    locked = sorted(
        rp.period
        for rp in ReportingPeriod.objects.filter(
            organisation=organisation, period_kind=PeriodKind.QUARTER, is_locked=True
        )
    )
    chosen = locked[-quarters:] if quarters > 0 else []
    stored = {
        Period(PeriodKind(kind), year, number)
        for kind, year, number in StatusSnapshot.objects.filter(
            organisation=organisation, period_kind=PeriodKind.QUARTER
        )
        .values_list("period_kind", "period_year", "period_number")
        .distinct()
    }
    return [q for q in chosen if q not in stored]


def store_snapshots(organisation: Organisation, quarters: int = SNAPSHOT_QUARTERS) -> int:
    """Store the snapshots of the council's ``quarters`` most recent locked quarters that have
    none, each as locked four weeks after its end; the number of rows written."""
    chosen = quarters_to_store(organisation, quarters)
    if not chosen:
        return 0
    rows = council_snapshots(
        organisation=organisation,
        periods=chosen,
        today=chosen[-1].end + LOCKED_AFTER,
        cause=SnapshotCause.LOCKED,
    )
    return insert_rows(StatusSnapshot, FIELDS, (_values(row) for row in rows))


def _values(row: StatusSnapshot) -> tuple[Any, ...]:
    """A snapshot's columns in the order of ``FIELDS``, as the database driver takes them."""
    locked_at = datetime.combine(row.as_at + LOCKED_AFTER, time(9), UTC)
    return (
        row.organisation_id,
        row.action_id,
        row.measure_id,
        row.theme_id,
        PeriodKind(row.period_kind).value,
        row.period_year,
        row.period_number,
        RagStatus(row.status).value,
        row.explanation,
        row.overdue,
        row.as_at,
        row.rules_version,
        row.action_update_id,
        row.observation_id,
        json.dumps(row.detail),
        SnapshotCause(row.cause).value,
        datetime_value(locked_at),
    )
