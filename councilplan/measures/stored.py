"""Measure results as stored in status snapshots: what a locked period showed, read back.

A snapshot keeps the status and its explanation, the value shown (the observation's version
that was approved then), the target and the directions of travel, so a page or report of a
locked period reads the same after corrections, target changes or a rule change.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from councilplan.core.models import in_periods
from councilplan.domain.periods import Period
from councilplan.domain.trends import Direction, DirectionResult
from councilplan.monitoring.models import StatusSnapshot

from .models import Measure, Target

if TYPE_CHECKING:
    from .selectors import MeasureResult


def detail_of(result: "MeasureResult") -> dict[str, object]:
    """What a snapshot keeps of a measure's result besides its status."""
    target = result.target
    return {
        "target": None if target is None else str(target.value),
        "tolerance": None if target is None or target.tolerance is None else str(target.tolerance),
        "since_previous": _direction(result.since_previous),
        "since_last_year": _direction(result.since_last_year),
    }


def _direction(result: DirectionResult) -> dict[str, str]:
    return {"direction": result.direction.value, "explanation": result.explanation}


def stored_snapshots(
    wanted: Iterable[tuple[Measure, Period]], locked: Mapping[int, set[Period]]
) -> dict[tuple[int, Period], StatusSnapshot]:
    """The snapshots of the (measure, period) pairs whose period the measure's council has
    locked (``locked``: periods by organisation id), each holding its measure; the others are
    left out. One query, however many pairs."""
    chosen = {(m.pk, p): m for m, p in wanted if p in locked.get(m.organisation_id, set())}
    if not chosen:
        return {}
    found: dict[tuple[int, Period], StatusSnapshot] = {}
    for snap in StatusSnapshot.objects.filter(
        in_periods({p for _, p in chosen}), measure__in={pk for pk, _ in chosen}
    ).select_related("observation"):
        measure = chosen.get((snap.measure_id, snap.period))  # type: ignore[arg-type]
        if measure is not None:
            snap.measure = measure
            if snap.observation is not None:
                snap.observation.measure = measure
            found[(measure.pk, snap.period)] = snap
    return found


def target_as_stored(measure: Measure, snap: StatusSnapshot) -> Target | None:
    """The target as it was, unsaved: a later change to the target row does not show."""
    value = snap.detail.get("target")
    if value is None:
        return None
    tolerance = snap.detail.get("tolerance")
    target = Target(measure=measure, value=Decimal(str(value)))
    target.tolerance = None if tolerance is None else Decimal(str(tolerance))
    target.period = snap.period
    return target


def direction_as_stored(stored: object) -> DirectionResult:
    """A direction of travel as a snapshot keeps it."""
    if not isinstance(stored, dict):
        return DirectionResult(Direction.NOT_COMPARABLE, "Not comparable: not stored")
    return DirectionResult(Direction(stored["direction"]), str(stored["explanation"]))
