"""Measures with their targets, values, computed status and direction of travel."""

from councilplan.measures.models import Observation, Target
from councilplan.measures.selectors import MeasureResult

from .common import (
    DirectionOut,
    Out,
    PeriodOut,
    StatusOut,
    direction_out,
    number,
    period_out,
    status_out,
)


class TargetOut(Out):
    """What a measure should reach in a period, with its amber tolerance; or why it was
    suspended (``value`` null); a later target may be interpolated from its baseline."""

    period: PeriodOut
    value: float | None
    suspended_reason: str
    tolerance: float | None
    tolerance_is_percent: bool
    baseline: float | None
    baseline_period: PeriodOut | None
    interpolate: bool


class ObservationOut(Out):
    """A measure's value for a period, or the reason there is none; versioned and reviewed."""

    id: int
    measure_id: int
    period: PeriodOut
    value: float | None
    no_value_reason: str
    numerator: float | None
    denominator: float | None
    data_note: str
    is_provisional: bool
    version: int
    state: str


class MeasureResultOut(Out):
    """A measure in one period: value, target, status and directions of travel.

    ``value`` is the period's own value; for a sum of periods ``year_to_date`` is the sum of
    the year's values to this period, which is what is judged. ``target`` is the target judged
    against and ``target_basis`` where it comes from (own, year, profiled, interpolated,
    ahead, suspended, none)."""

    period: PeriodOut
    value: float | None
    year_to_date: float | None
    target: float | None
    target_basis: str
    status: StatusOut
    since_previous: DirectionOut
    since_last_year: DirectionOut


class MeasureOut(Out):
    """A performance measure; ``national_id`` matches it with other councils' data."""

    id: int
    organisation_id: int
    code: str
    national_id: str
    title: str
    definition: str
    unit: str
    rate_per: int | None
    decimals: int
    polarity: str
    frequency: str
    aggregation: str
    data_source: str
    action_ids: list[int]
    theme_ids: list[int]
    targets: list[TargetOut]
    result: MeasureResultOut


class MeasureDetailOut(MeasureOut):
    """A measure with every value the reader may see (lists leave them out: a page of
    measures costs the same whatever their history; ``/observations?measure=`` pages them)."""

    observations: list[ObservationOut]


def target_out(target: Target) -> TargetOut:
    """A target for output."""
    return TargetOut(
        period=period_out(target.period),
        value=number(target.value),
        suspended_reason=target.suspended_reason,
        tolerance=number(target.tolerance),
        tolerance_is_percent=target.tolerance_is_percent,
        baseline=number(target.baseline),
        baseline_period=(
            period_out(target.setting.baseline_period) if target.setting.baseline_period else None
        ),
        interpolate=target.interpolate,
    )


def observation_out(observation: Observation) -> ObservationOut:
    """A value for output: the figure (a rate worked out from numerator and denominator)."""
    return ObservationOut(
        id=observation.pk,
        measure_id=observation.measure_id,
        period=period_out(observation.period),
        value=number(observation.figure),
        no_value_reason=observation.no_value_reason,
        numerator=number(observation.numerator),
        denominator=number(observation.denominator),
        data_note=observation.data_note,
        is_provisional=observation.is_provisional,
        version=observation.version,
        state=observation.state,
    )


def measure_out(result: MeasureResult) -> MeasureOut:
    """A measure and its result (the selector's), as lists show it."""
    measure = result.measure
    return MeasureOut(
        id=measure.pk,
        organisation_id=measure.organisation_id,
        code=measure.code,
        national_id=measure.national_id,
        title=measure.title,
        definition=measure.definition,
        unit=measure.unit,
        rate_per=measure.rate_per,
        decimals=measure.decimals,
        polarity=measure.polarity,
        frequency=measure.frequency,
        aggregation=measure.aggregation,
        data_source=measure.data_source,
        action_ids=[action.pk for action in measure.actions.all()],
        theme_ids=[theme.pk for theme in measure.themes.all()],
        targets=[target_out(target) for target in measure.targets.all()],
        result=MeasureResultOut(
            period=period_out(result.period),
            value=number(result.period_value),
            year_to_date=number(result.year_to_date),
            target=number(result.target_value),
            target_basis=result.target_basis.value,
            status=status_out(result.status),
            since_previous=direction_out(result.since_previous),
            since_last_year=direction_out(result.since_last_year),
        ),
    )


def measure_detail_out(result: MeasureResult, observations: list[Observation]) -> MeasureDetailOut:
    """One measure with the values the reader may see."""
    return MeasureDetailOut(
        **measure_out(result).model_dump(),
        observations=[observation_out(o) for o in observations],
    )
