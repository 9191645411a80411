"""Which target a measure's value in a period is judged against, across frequencies.

Targets are set for a period (a year, quarter or month) but measures are reported more often:

- latest value, average, rolling 12 months: a year's target serves each of its quarters and
  months (and a quarter's its months) unless the period has its own target;
- sum of the periods: the year to date is judged against the year's target *profiled to date*,
  pro rata by default (Q2 = 2/4) or by a profile the council sets (20/25/25/30% by quarter);
- a target for a later year ("50 by March 2025") applies at its date; before it a period has
  no target of its own, unless the council asks for the target to be interpolated linearly
  from a baseline;
- a target suspended for a period ("not set due to COVID-19") suspends its quarters and months.

Pure rules of values: no Django, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from councilplan.domain.periods import Aggregation, Period, PeriodKind, period_containing
from councilplan.domain.units import Unit, format_number, format_value
from councilplan.domain.vocabulary import Vocabulary

_HUNDRED = Decimal(100)
_STORED = Decimal("0.000001")  # computed targets kept to the six places a target is stored to


class TargetError(ValueError):
    """A target setting that cannot be used (a profile of the wrong shape), saying why."""


class TargetBasis(Vocabulary):
    """Where the target a period is judged against comes from: stored with a result."""

    OWN = "own", "The period's own target"
    YEAR = "year", "The year's target"
    PROFILED = "profiled", "The year's target profiled to date"
    INTERPOLATED = "interpolated", "Interpolated towards a later target"
    AHEAD = "ahead", "No target until a later one"
    SUSPENDED = "suspended", "Target suspended"
    NONE = "none", "No target set"


@dataclass(frozen=True)
class TargetSetting:
    """A target as the council set it: ``value`` None when suspended (with its reason);
    ``baseline`` and ``baseline_period`` the start of the line ``interpolate`` asks for."""

    period: Period
    value: Decimal | None
    suspended_reason: str = ""
    baseline: Decimal | None = None
    baseline_period: Period | None = None
    interpolate: bool = False

    @property
    def suspended(self) -> bool:
        """True when the target was suspended for its period rather than set."""
        return self.value is None or bool(self.suspended_reason)

    @property
    def due(self) -> str:
        """When the target is due, as councils write it: "March 2025"."""
        return f"{self.period.end:%B %Y}"


@dataclass(frozen=True)
class AppliedTarget:
    """The target a period is judged against: its ``value`` (None when there is none or it is
    suspended), where it comes from, and the words an explanation uses for it."""

    basis: TargetBasis
    value: Decimal | None = None
    setting: TargetSetting | None = None
    words: str = ""

    @property
    def suspended(self) -> bool:
        """True when the period's target is suspended."""
        return self.basis == TargetBasis.SUSPENDED


def validate_profile(parts: Sequence[object]) -> tuple[Decimal, ...]:
    """Check a target profile: 4 shares by quarter or 12 by month, each a number of percent
    from 0 to 100, adding up to 100. Returns the shares as decimals."""
    if isinstance(parts, str | bytes) or not isinstance(parts, Sequence):
        raise TargetError("A target profile is a list of percentages, e.g. 20, 25, 25, 30.")
    if len(parts) not in (4, 12):
        raise TargetError(
            f"A target profile has 4 parts (one per quarter) or 12 (one per month), "
            f"not {len(parts)}."
        )
    shares = []
    for part in parts:
        try:
            if isinstance(part, bool):
                raise TypeError
            share = Decimal(str(part))
        except (InvalidOperation, TypeError, ValueError) as error:
            raise TargetError(f"{part!r} in a target profile is not a percentage.") from error
        if not share.is_finite() or not 0 <= share <= _HUNDRED:
            raise TargetError(f"{part} in a target profile is not a percentage from 0 to 100.")
        shares.append(share)
    total = sum(shares, Decimal(0))
    if total != _HUNDRED:
        raise TargetError(f"A target profile must add up to 100%, not {format_number(total)}%.")
    return tuple(shares)


def profile_text(profile: Sequence[Decimal]) -> str:
    """A profile as it is written in a cell: "20/25/25/30"."""
    return "/".join(format_number(part.normalize()) for part in profile)


def parse_profile(text: str) -> tuple[Decimal, ...]:
    """Read a profile written as "20/25/25/30" (or with commas or spaces) and check it."""
    cleaned = text.replace("%", " ").replace(",", " ").replace("/", " ").split()
    return validate_profile(cleaned)


def profiled_share(period: Period, profile: Sequence[Decimal] | None = None) -> Decimal:
    """The share (0-1) of a year's target due by the end of ``period``: pro rata by default
    (Q2 = 2/4, month 5 = 5/12), else by the council's profile of 4 quarters or 12 months (a
    month of a quarterly profile takes its quarter's share pro rata)."""
    kind = PeriodKind(period.kind)
    if kind == PeriodKind.YEAR:
        return Decimal(1)
    months = period.number * 3 if kind == PeriodKind.QUARTER else period.number
    if not profile:
        return Decimal(months) / 12
    if len(profile) == 12:
        return sum(profile[:months], Decimal(0)) / _HUNDRED
    quarters, extra = divmod(months, 3)
    done = sum(profile[:quarters], Decimal(0))
    partial = profile[quarters] * extra / 3 if extra else Decimal(0)
    return (done + partial) / _HUNDRED


def year_to_date_periods(period: Period) -> list[Period]:
    """The periods of ``period``'s kind from the start of its financial year up to it."""
    if PeriodKind(period.kind) == PeriodKind.YEAR:
        return [period]
    return [Period(period.kind, period.year, n) for n in range(1, period.number + 1)]


def year_to_date(period: Period, values: Mapping[Period, Decimal | None]) -> Decimal | None:
    """The sum of the values of the year's periods up to and including ``period``: None when
    ``period`` itself has no value (earlier gaps count as nothing delivered)."""
    if values.get(period) is None:
        return None
    return sum(
        (v for p in year_to_date_periods(period) if (v := values.get(p)) is not None), Decimal(0)
    )


def interpolated(setting: TargetSetting, at: Period) -> Decimal | None:
    """The target on the straight line from the baseline (at the end of its period) to the
    target (at the end of its period), at the end of ``at``; None outside the line or when
    the target has no baseline or value."""
    base, base_period, value = setting.baseline, setting.baseline_period, setting.value
    if base is None or base_period is None or value is None:
        return None
    start, end, now = _month_index(base_period), _month_index(setting.period), _month_index(at)
    if not start <= now <= end or end == start:
        return None
    return (base + (value - base) * Decimal(now - start) / Decimal(end - start)).quantize(_STORED)


def _month_index(period: Period) -> int:
    """The months since year 0 at the end of ``period``: positions on an interpolation line."""
    last = period_containing(period.end, PeriodKind.MONTH)
    return last.year * 12 + last.number


@dataclass(frozen=True)
class TargetRule:
    """What a measure's targets need to be applied: how its periods combine, its profile,
    and the unit its numbers are written in."""

    aggregation: Aggregation
    profile: tuple[Decimal, ...] | None = None
    unit: Unit = Unit.NUMBER
    decimals: int | None = None

    @property
    def cumulative(self) -> bool:
        """True when the year is the sum of its periods, so the year to date is judged."""
        return self.aggregation == Aggregation.SUM

    def shown(self, value: Decimal) -> str:
        """A number in the measure's unit (a computed one to at most 2 places by default)."""
        if self.decimals is None:
            value = value.quantize(Decimal("0.01")).normalize()
        return format_value(value, self.unit, self.decimals)


def applied_target(
    period: Period, settings: Iterable[TargetSetting], rule: TargetRule
) -> AppliedTarget:
    """The target ``period`` is judged against, from a measure's ``settings``: its own; else
    (for a quarter or month) its quarter's or year's, profiled to date for a sum of periods;
    else the nearest later target, interpolated when asked; suspended ones suspend."""
    by_period = {s.period: s for s in settings}
    own = by_period.get(period)
    if own is not None and rule.cumulative and PeriodKind(period.kind) != PeriodKind.YEAR:
        return _own_to_date(period, by_period, rule)
    if own is not None:
        return _serving(own, period, rule, TargetBasis.OWN)
    year = Period.financial_year(period.year)
    containing = [year] if rule.cumulative else _containing(period)
    for longer in containing:
        if longer in by_period:
            return _serving(by_period[longer], period, rule, TargetBasis.YEAR)
    later = sorted(
        (s for s in by_period.values() if s.period.start > period.end and not s.suspended),
        key=lambda s: (s.period.end, s.period.rank),
    )
    if not later:
        return AppliedTarget(TargetBasis.NONE)
    return _ahead(later[0], period, rule)


def _own_to_date(
    period: Period, by_period: Mapping[Period, TargetSetting], rule: TargetRule
) -> AppliedTarget:
    """For a sum of periods, a quarter's (or month's) own target is that period's amount: the
    year to date is judged against the sum of the own targets to date, when every period to
    date has one; else against the period's own alone, and the words say so."""
    own = by_period[period]
    if own.suspended or own.value is None:
        return _serving(own, period, rule, TargetBasis.OWN)
    to_date = [by_period.get(p) for p in year_to_date_periods(period)]
    values = [s.value for s in to_date if s is not None and not s.suspended]
    if len(values) != len(to_date) or any(v is None for v in values):
        return _serving(own, period, rule, TargetBasis.OWN)
    total = sum((v for v in values if v is not None), Decimal(0))
    if len(values) == 1:
        return _serving(own, period, rule, TargetBasis.OWN)
    kind = "quarters'" if PeriodKind(period.kind) == PeriodKind.QUARTER else "months'"
    return AppliedTarget(
        TargetBasis.OWN,
        total,
        own,
        f"{rule.shown(total)} to date (the sum of the {kind} targets)",
    )


def _containing(period: Period) -> list[Period]:
    """The longer periods a quarter's or month's target can come from, shortest first."""
    if PeriodKind(period.kind) == PeriodKind.MONTH:
        return [
            period_containing(period.end, PeriodKind.QUARTER),
            Period.financial_year(period.year),
        ]
    if PeriodKind(period.kind) == PeriodKind.QUARTER:
        return [Period.financial_year(period.year)]
    return []


def _serving(
    setting: TargetSetting, period: Period, rule: TargetRule, basis: TargetBasis
) -> AppliedTarget:
    """A target of ``period`` itself or of a period containing it."""
    if setting.suspended or setting.value is None:
        reason = setting.suspended_reason or "no reason given"
        return AppliedTarget(TargetBasis.SUSPENDED, None, setting, reason)
    label = setting.period.label
    if basis == TargetBasis.OWN:
        return AppliedTarget(
            basis, setting.value, setting, f"a target of {rule.shown(setting.value)}"
        )
    if rule.cumulative and PeriodKind(period.kind) != PeriodKind.YEAR:
        return _profiled(
            setting.value, period, rule, setting, f"{rule.shown(setting.value)} for {label}"
        )
    return AppliedTarget(
        basis, setting.value, setting, f"the {label} target of {rule.shown(setting.value)}"
    )


def _profiled(
    year_value: Decimal, period: Period, rule: TargetRule, setting: TargetSetting, year_words: str
) -> AppliedTarget:
    """A year's target profiled to the end of ``period`` for a sum of periods."""
    value = (year_value * profiled_share(period, rule.profile)).quantize(_STORED)
    how = f"profiled {profile_text(rule.profile)}" if rule.profile else "profiled"
    basis = (
        TargetBasis.INTERPOLATED
        if setting.period != Period.financial_year(period.year)
        else TargetBasis.PROFILED
    )
    return AppliedTarget(basis, value, setting, f"{rule.shown(value)} {how} ({year_words})")


def _ahead(setting: TargetSetting, period: Period, rule: TargetRule) -> AppliedTarget:
    """A period before a later target: interpolated when asked, else no target but the words
    of the target ahead ("50 by March 2025")."""
    target_words = (
        f"{rule.shown(setting.value)} by {setting.due}" if setting.value is not None else ""
    )
    year = Period.financial_year(period.year)
    on_line = (
        interpolated(setting, year if rule.cumulative else period) if setting.interpolate else None
    )
    if on_line is None or setting.baseline is None or setting.baseline_period is None:
        return AppliedTarget(TargetBasis.AHEAD, None, setting, target_words)
    line = (
        f"on the way from {rule.shown(setting.baseline)} in {setting.baseline_period.label} "
        f"to {target_words}"
    )
    if rule.cumulative and PeriodKind(period.kind) != PeriodKind.YEAR:
        return _profiled(
            on_line, period, rule, setting, f"{rule.shown(on_line)} for {year.label}, {line}"
        )
    return AppliedTarget(
        TargetBasis.INTERPOLATED, on_line, setting, f"{rule.shown(on_line)}, {line}"
    )
