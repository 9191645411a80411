"""Measure results as stored in status snapshots: what a locked period showed, read back.

A snapshot keeps the status and its explanation, the value shown (the observation's version
that was approved then), the target and the directions of travel, so a page or report of a
locked period reads the same after corrections, target changes or a rule change.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from councilplan.core.models import in_periods
from councilplan.domain.periods import Period
from councilplan.domain.targets import TargetBasis
from councilplan.domain.trends import Direction, DirectionResult
from councilplan.monitoring.models import StatusSnapshot

from .models import Measure, Target

if TYPE_CHECKING:
    from .selectors import MeasureResult


def detail_of(result: "MeasureResult") -> dict[str, object]:
    """What a snapshot keeps of a measure's result besides its status: the stored target as it
    was, the figure judged and the target judged against, and the directions of travel."""
    target = result.target
    return {
        "target": None if target is None or target.value is None else str(target.value),
        "tolerance": None if target is None or target.tolerance is None else str(target.tolerance),
        "suspended_reason": "" if target is None else target.suspended_reason,
        "value": _text(result.value),
        "target_value": _text(result.target_value),
        "target_basis": result.target_basis.value,
        "target_words": result.target_words,
        "year_to_date": _text(result.year_to_date),
        "since_previous": _direction(result.since_previous),
        "since_last_year": _direction(result.since_last_year),
    }


def _text(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _number(stored: object) -> Decimal | None:
    return None if stored is None else Decimal(str(stored))


def figures_as_stored(snap: StatusSnapshot) -> dict[str, Any]:
    """The figure judged, the target judged against, its basis and words, as stored: keyword
    arguments of a ``MeasureResult``."""
    detail = snap.detail
    return {
        "value": _number(detail.get("value")),
        "target_value": _number(detail.get("target_value")),
        "target_basis": TargetBasis(detail.get("target_basis", TargetBasis.NONE.value)),
        "target_words": str(detail.get("target_words", "")),
        "year_to_date": _number(detail.get("year_to_date")),
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
    reason = str(snap.detail.get("suspended_reason") or "")
    if value is None and not reason:
        return None
    tolerance = snap.detail.get("tolerance")
    target = Target(measure=measure, value=_number(value), suspended_reason=reason)
    target.tolerance = None if tolerance is None else Decimal(str(tolerance))
    target.period = snap.period
    return target


def direction_as_stored(stored: object) -> DirectionResult:
    """A direction of travel as a snapshot keeps it."""
    if not isinstance(stored, dict):
        return DirectionResult(Direction.NOT_COMPARABLE, "Not comparable: not stored")
    return DirectionResult(Direction(stored["direction"]), str(stored["explanation"]))
