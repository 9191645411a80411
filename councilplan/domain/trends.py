"""How a measure moves: direction of travel, rates per head of population, stretch targets."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from councilplan.domain.status import Polarity
from councilplan.domain.units import Unit, format_number, format_value
from councilplan.domain.vocabulary import StatusVocabulary


class Direction(StatusVocabulary):
    """Whether a measure got better or worse than a comparator, honouring its polarity."""

    IMPROVING = "improving", "Improving", 10, "green"
    NO_CHANGE = "no_change", "No change", 20, "grey"
    WORSENING = "worsening", "Worsening", 30, "red"
    NOT_COMPARABLE = "not_comparable", "Not comparable", 40, "grey"

    @property
    def opposite(self) -> Direction:
        """The direction seen the other way round (comparing the earlier value to the later)."""
        return {
            Direction.IMPROVING: Direction.WORSENING,
            Direction.WORSENING: Direction.IMPROVING,
        }.get(self, self)


@dataclass(frozen=True)
class DirectionResult:
    """A direction of travel and the sentence that explains it."""

    direction: Direction
    explanation: str


def direction_of_travel(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity,
    *,
    no_change_within: Decimal = Decimal(0),
) -> Direction:
    """Say whether ``current`` is better, worse or no different from ``previous``.

    Changes no bigger than ``no_change_within`` count as no change. Without both values, or
    for a measure where neither direction is better, a change is not comparable.
    """
    if current is None or previous is None:
        return Direction.NOT_COMPARABLE
    change = current - previous
    if abs(change) <= no_change_within:
        return Direction.NO_CHANGE
    better = Polarity(polarity).better_by(current, previous)
    if better == 0:
        return Direction.NOT_COMPARABLE
    return Direction.IMPROVING if better > 0 else Direction.WORSENING


def explain_direction(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity,
    *,
    compared_with: str = "the previous period",
    no_change_within: Decimal = Decimal(0),
    unit: Unit = Unit.NUMBER,
    decimals: int | None = None,
) -> DirectionResult:
    """Work out the direction of travel and say why: "Worsening: 620.5 against 594.6 in the
    same period last year, lower is better"."""
    direction = direction_of_travel(current, previous, polarity, no_change_within=no_change_within)
    if current is None or previous is None:
        missing = "this period" if current is None else compared_with
        return DirectionResult(direction, f"{direction.label}: no value for {missing}")
    facts = (
        f"{format_value(current, unit, decimals)} against "
        f"{format_value(previous, unit, decimals)} in {compared_with}"
    )
    if direction == Direction.NOT_COMPARABLE:
        return DirectionResult(direction, f"{direction.label}: {facts}, neither way is better")
    return DirectionResult(direction, f"{direction.label}: {facts}, {Polarity(polarity).phrase}")


def rate(numerator: Decimal, denominator: Decimal, per: int | Decimal = 1) -> Decimal | None:
    """Return ``numerator / denominator * per`` (e.g. admissions per 100,000 people aged 65+);
    None when the denominator is zero, since the rate does not exist."""
    if denominator == 0:
        return None
    return numerator * Decimal(per) / denominator


@dataclass(frozen=True)
class StretchResult:
    """The share of a stretch target's agreed improvement achieved, and whether it earns reward."""

    share: Decimal | None
    met: bool
    explanation: str


def stretch_achievement(
    baseline: Decimal,
    target: Decimal,
    actual: Decimal,
    reward_threshold: Decimal = Decimal("0.6"),
) -> StretchResult:
    """Share of the agreed improvement (baseline to stretch target) achieved by ``actual``.

    LPSA2 paid Performance Reward Grant only for targets where at least 60% of the agreed
    improvement was achieved; the share is negative when performance went the wrong way and
    above 1 when the target was beaten. Works for lower-is-better targets too.
    """
    needed = f"{format_number((reward_threshold * 100).normalize())}%"
    if target == baseline:
        return StretchResult(
            None,
            False,
            "No improvement was agreed: the target equals the baseline "
            f"({format_number(baseline)})",
        )
    share = (actual - baseline) / (target - baseline)
    met = share >= reward_threshold
    achieved = format_number((share * 100).quantize(Decimal("0.1")))
    verdict = "reward threshold met" if met else "reward threshold not met"
    return StretchResult(
        share,
        met,
        f"{achieved}% of the agreed improvement from {format_number(baseline)} to "
        f"{format_number(target)} achieved ({format_number(actual)}); {needed} needed: {verdict}",
    )
