"""A measure's status colour from its value, target, polarity and the council's rule.

Councils judge measures differently, so the rule is a *scheme*, chosen per organisation and
overridable per measure, stored as a small JSON-able dict (``scheme.to_dict()`` and
``scheme_from_dict``):

- ``ToleranceScheme``: Green at or better than target, Amber when worse by no more than a
  tolerance (in the measure's units, or a percentage of the target), Red beyond.
- ``ComparisonScheme``: Green on target or within ``threshold_percent`` of it; further off,
  Amber when the value improved on or held against the same period last year, Red when not.

Every result explains itself: "Red: 620.5 against a target of 590, lower is better, 5% tolerance".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import ClassVar

from councilplan.domain.status import Polarity, RagStatus, StatusResult
from councilplan.domain.targets import AppliedTarget, TargetBasis
from councilplan.domain.units import Unit, format_number, format_value

_HUNDRED = Decimal(100)


class SchemeError(ValueError):
    """A stored status scheme that cannot be used, with what is wrong in it."""


def _decimal(data: Mapping[str, object], key: str, default: Decimal) -> Decimal:
    raw = data.get(key, default)
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise SchemeError(f'"{key}" must be a number, not {raw!r}.')
    try:
        number = Decimal(str(raw))
    except InvalidOperation as error:
        raise SchemeError(f'"{key}" must be a number, not {raw!r}.') from error
    if not number.is_finite() or number < 0:
        raise SchemeError(f'"{key}" must be zero or more, not {raw!r}.')
    return number


@dataclass(frozen=True)
class ToleranceScheme:
    """Green at or better than target; Amber within ``tolerance``; Red beyond it.

    ``relative`` makes the tolerance a percentage of the target (5 means 5% of the target).
    """

    tolerance: Decimal = Decimal(0)
    relative: bool = False
    rule: ClassVar[str] = "tolerance"

    def to_dict(self) -> dict[str, object]:
        """The scheme as stored in an organisation's or a measure's JSON field."""
        return {"rule": self.rule, "tolerance": str(self.tolerance), "relative": self.relative}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ToleranceScheme:
        """Load the scheme from its stored dict, checking each value."""
        relative = data.get("relative", False)
        if not isinstance(relative, bool):
            raise SchemeError(f'"relative" must be true or false, not {relative!r}.')
        return cls(_decimal(data, "tolerance", Decimal(0)), relative)

    def describe(self) -> str:
        """The tolerance as it reads in an explanation ("5% tolerance")."""
        if self.tolerance == 0:
            return "no tolerance"
        if self.relative:
            return f"{format_number(self.tolerance)}% tolerance"
        return f"tolerance of {format_number(self.tolerance)}"


@dataclass(frozen=True)
class ComparisonScheme:
    """Green within ``threshold_percent`` of target; beyond it Amber if improved or held on the
    same period last year, otherwise Red."""

    threshold_percent: Decimal = Decimal(10)
    rule: ClassVar[str] = "comparison"

    def to_dict(self) -> dict[str, object]:
        """The scheme as stored in an organisation's or a measure's JSON field."""
        return {"rule": self.rule, "threshold_percent": str(self.threshold_percent)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ComparisonScheme:
        """Load the scheme from its stored dict, checking each value."""
        return cls(_decimal(data, "threshold_percent", Decimal(10)))

    def describe(self) -> str:
        """The threshold as it reads in an explanation."""
        return f"Green within {format_number(self.threshold_percent)}% of target"


MeasureScheme = ToleranceScheme | ComparisonScheme
DEFAULT_SCHEME: MeasureScheme = ToleranceScheme()
_SCHEMES: dict[str, type[ToleranceScheme] | type[ComparisonScheme]] = {
    ToleranceScheme.rule: ToleranceScheme,
    ComparisonScheme.rule: ComparisonScheme,
}
_FIELDS = {
    ToleranceScheme.rule: {"rule", "tolerance", "relative"},
    ComparisonScheme.rule: {"rule", "threshold_percent"},
}


def scheme_from_dict(data: Mapping[str, object]) -> MeasureScheme:
    """Load a status scheme from the dict stored for an organisation or a measure."""
    rule = data.get("rule")
    if not isinstance(rule, str) or rule not in _SCHEMES:
        known = ", ".join(f'"{name}"' for name in _SCHEMES)
        raise SchemeError(f'"rule" must be one of {known}, not {rule!r}.')
    unexpected = sorted(set(data) - _FIELDS[rule])
    if unexpected:
        raise SchemeError(f'A "{rule}" scheme has no setting {", ".join(unexpected)}.')
    return _SCHEMES[rule].from_dict(data)


def effective_scheme(
    organisation: Mapping[str, object] | None, measure: Mapping[str, object] | None = None
) -> MeasureScheme:
    """The scheme that applies to a measure: its own if set, else its organisation's, else
    the default (Green at or better than target, Red otherwise)."""
    for stored in (measure, organisation):
        if stored:
            return scheme_from_dict(stored)
    return DEFAULT_SCHEME


def measure_status(
    *,
    value: Decimal | None,
    target: Decimal | None,
    polarity: Polarity,
    scheme: MeasureScheme = DEFAULT_SCHEME,
    no_value_reason: str | None = None,
    same_period_last_year: Decimal | None = None,
    unit: Unit = Unit.NUMBER,
    decimals: int | None = None,
    applied: AppliedTarget | None = None,
    value_words: str = "",
    period_label: str = "",
) -> StatusResult:
    """Work out a measure's status for a period, with the reason in words.

    No value gives "No data" (with the reason given, e.g. "No survey in 2020-21"); a measure
    with no better direction is "Monitored only"; a suspended target "Target suspended" with
    its reason; no target gives "No target set" (naming a later target when there is one).
    ``applied`` (``domain.targets``) says where ``target`` comes from, for the words;
    ``value_words`` replaces the bare value ("200 in the year to 2020/21 Q2").
    """
    polarity = Polarity(polarity)
    if value is None:
        reason = no_value_reason or "no value reported for this period"
        return StatusResult(RagStatus.NO_DATA, f"No data: {reason}")
    shown = format_value(value, unit, decimals)
    if polarity == Polarity.NONE:
        return StatusResult(
            RagStatus.GREY, f"Monitored only: {shown}, a contextual measure with no target"
        )
    if applied is not None and applied.suspended:
        return StatusResult(
            RagStatus.TARGET_SUSPENDED, f"Target suspended: {applied.words} (value {shown})"
        )
    if target is None:
        if applied is not None and applied.basis == TargetBasis.AHEAD:
            when = f" for {period_label}" if period_label else ""
            return StatusResult(
                RagStatus.NO_TARGET, f"No target set{when}; {applied.words} (value {shown})"
            )
        return StatusResult(RagStatus.NO_TARGET, f"No target set: {shown}")
    against = (
        applied.words
        if applied is not None and applied.words
        else f"a target of {format_value(target, unit, decimals)}"
    )
    facts = f"{value_words or shown} against {against}, {polarity.phrase}"
    shortfall = polarity.better_by(target, value)
    if isinstance(scheme, ComparisonScheme):
        last_year = None
        if same_period_last_year is not None:
            last_year = _LastYear(
                shown=format_value(same_period_last_year, unit, decimals),
                improvement=polarity.better_by(value, same_period_last_year),
            )
        return _comparison_status(
            scheme, target=target, shortfall=shortfall, last_year=last_year, facts=facts
        )
    return _tolerance_status(scheme, target=target, shortfall=shortfall, facts=facts)


@dataclass(frozen=True)
class _LastYear:
    """The same period last year as the comparison rule needs it."""

    shown: str
    improvement: Decimal


def _tolerance_status(
    scheme: ToleranceScheme, *, target: Decimal, shortfall: Decimal, facts: str
) -> StatusResult:
    allowed = scheme.tolerance * abs(target) / _HUNDRED if scheme.relative else scheme.tolerance
    if shortfall <= 0:
        status = RagStatus.GREEN
    elif shortfall <= allowed:
        status = RagStatus.AMBER
    else:
        status = RagStatus.RED
    return StatusResult(status, f"{status.label}: {facts}, {scheme.describe()}")


def _comparison_status(
    scheme: ComparisonScheme,
    *,
    target: Decimal,
    shortfall: Decimal,
    last_year: _LastYear | None,
    facts: str,
) -> StatusResult:
    threshold = format_number(scheme.threshold_percent)
    if shortfall <= 0:
        return StatusResult(RagStatus.GREEN, f"Green: {facts}, on or better than target")
    if shortfall * _HUNDRED <= scheme.threshold_percent * abs(target):
        return StatusResult(RagStatus.GREEN, f"Green: {facts}, within {threshold}% of target")
    off = f"more than {threshold}% off target"
    if last_year is None:
        return StatusResult(
            RagStatus.RED, f"Red: {facts}, {off} and no figure for the same period last year"
        )
    if last_year.improvement > 0:
        return StatusResult(
            RagStatus.AMBER,
            f"Amber: {facts}, {off} but improved on {last_year.shown} a year earlier",
        )
    if last_year.improvement == 0:
        return StatusResult(
            RagStatus.AMBER, f"Amber: {facts}, {off} but held at {last_year.shown} a year earlier"
        )
    return StatusResult(
        RagStatus.RED, f"Red: {facts}, {off} and worse than {last_year.shown} a year earlier"
    )
