"""Roll-ups for dashboards and reports: how many actions or measures are at each status in a
group, a parent action's progress from its sub-actions, and the exceptions list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

from councilplan.domain.status import RagStatus, StatusResult
from councilplan.domain.trends import Direction

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class StatusBreakdown:
    """Counts of each status in a group, in status order, with shares of the total."""

    counts: tuple[tuple[RagStatus, int], ...]

    @property
    def total(self) -> int:
        """How many items the group holds."""
        return sum(count for _, count in self.counts)

    @property
    def rated_total(self) -> int:
        """How many items have a colour judgement (the five-point scale or Blue)."""
        return sum(count for status, count in self.counts if status.is_rated)

    def count(self, status: RagStatus) -> int:
        """How many items have ``status``."""
        return dict(self.counts).get(status, 0)

    def share(self, status: RagStatus, *, of_rated: bool = False) -> Decimal:
        """The fraction (0-1) of items with ``status``, of all items or of the rated ones only."""
        whole = self.rated_total if of_rated else self.total
        return Decimal(self.count(status)) / whole if whole else Decimal(0)

    def percent(self, status: RagStatus, *, of_rated: bool = False, decimals: int = 0) -> Decimal:
        """The share as a percentage rounded to ``decimals`` places, for a dashboard."""
        return (self.share(status, of_rated=of_rated) * _HUNDRED).quantize(
            Decimal(1).scaleb(-decimals)
        )


def status_breakdown(statuses: Iterable[RagStatus]) -> StatusBreakdown:
    """Count each status (only those present), ordered as the status vocabulary orders them."""
    counted = Counter(RagStatus(status) for status in statuses)
    return StatusBreakdown(tuple(sorted(counted.items(), key=lambda pair: pair[0].order)))


K = TypeVar("K", bound=Hashable)


def breakdown_by(pairs: Iterable[tuple[K, RagStatus]]) -> dict[K, StatusBreakdown]:
    """Status counts per group from (group, status) pairs: theme, portfolio, department, officer.

    An action in several groups (departments "ETE/ CCP") is given once per group. Groups keep
    the order in which they first appear.
    """
    grouped: dict[K, list[RagStatus]] = {}
    for key, status in pairs:
        grouped.setdefault(key, []).append(status)
    return {key: status_breakdown(statuses) for key, statuses in grouped.items()}


@dataclass(frozen=True)
class SubActionProgress:
    """One sub-action's contribution to its parent: % complete (None if not reported) and weight."""

    percent_complete: Decimal | None
    weight: Decimal = Decimal(1)


def parent_progress(
    children: Sequence[SubActionProgress], *, weighted: bool = False
) -> Decimal | None:
    """A parent action's % complete as the plain or weighted average of its sub-actions'.

    Sub-actions that have not reported a figure are left out rather than counted as zero;
    the result is None when no sub-action has a figure (or all weights are zero).
    """
    if any(child.weight < 0 for child in children):
        raise ValueError("Sub-action weights cannot be negative.")
    reported = [
        (child.weight if weighted else Decimal(1), child.percent_complete)
        for child in children
        if child.percent_complete is not None
    ]
    total_weight = sum((weight for weight, _ in reported), Decimal(0))
    if total_weight == 0:
        return None
    weighted_sum = sum((weight * percent for weight, percent in reported), Decimal(0))
    return weighted_sum / total_weight


class Assessed(Protocol):
    """Anything in a performance report with a status, an overdue flag and a direction."""

    @property
    def status(self) -> RagStatus:
        """The item's status colour for the period."""
        ...

    @property
    def overdue(self) -> bool:
        """Whether the item is past its expected completion and not completed."""
        ...

    @property
    def direction(self) -> Direction | None:
        """The direction of travel, for a measure; None for an action."""
        ...


@dataclass(frozen=True)
class Assessment:
    """A ready-made ``Assessed`` item: an action or measure as an exceptions report lists it."""

    reference: str
    title: str
    status: RagStatus
    overdue: bool = False
    direction: Direction | None = None


A = TypeVar("A", bound=Assessed)
_RED = frozenset({RagStatus.RED, RagStatus.AMBER_RED})


def is_exception(item: Assessed, *, include_amber: bool = True) -> bool:
    """Whether an item belongs in the exceptions list: red, overdue, worsening (or amber)."""
    worst_allowed = RagStatus.AMBER_GREEN if include_amber else RagStatus.AMBER
    return (
        item.status.severity > worst_allowed.severity
        or item.overdue
        or item.direction == Direction.WORSENING
    )


def exception_rank(item: Assessed) -> tuple[bool, bool, bool, int]:
    """Sort key putting red first, then overdue, then worsening, then the most severe status."""
    return (
        item.status not in _RED,
        not item.overdue,
        item.direction != Direction.WORSENING,
        -item.status.severity,
    )


def exceptions_first(items: Iterable[A]) -> list[A]:
    """All items with exceptions first (red, overdue, worsening), otherwise in their given order."""
    return sorted(items, key=exception_rank)


def exceptions(items: Iterable[A], *, include_amber: bool = True) -> list[A]:
    """Only the exceptions, most pressing first: what a quarterly report leads with."""
    return exceptions_first(
        item for item in items if is_exception(item, include_amber=include_amber)
    )


def group_status(breakdown: StatusBreakdown, *, noun: str = "action") -> StatusResult:
    """A theme's (or any group's) status from its items': the colour most of its rated items
    have, the more severe one on a tie, with the counts in words. A group with no rated item
    cannot be assessed."""
    rated = [(status, count) for status, count in breakdown.counts if status.is_rated]
    counts = ", ".join(f"{count} {status.label}" for status, count in breakdown.counts)
    items = f"{breakdown.total} {noun}{'' if breakdown.total == 1 else 's'}"
    if not rated:
        return StatusResult(
            RagStatus.NOT_ASSESSED,
            f"Cannot be assessed: none of its {items} has a colour"
            + (f" ({counts})" if counts else ""),
        )
    colour, _ = max(rated, key=lambda pair: (pair[1], pair[0].severity))
    return StatusResult(colour, f"{colour.label}: the most common colour of its {items} ({counts})")
