"""What is due from whom in a reporting period: the data behind "My updates" and the chase list."""

from dataclasses import dataclass
from datetime import date

from councilplan.accounts.models import User
from councilplan.core.models import Reviewed, ReviewState, in_periods
from councilplan.domain.periods import Frequency, Period, PeriodKind
from councilplan.measures.models import Measure, Observation
from councilplan.plans.models import Action, Organisation

from .models import ActionUpdate, ReportingPeriod

NOT_STARTED = "Not started"


@dataclass(frozen=True)
class DueItem:
    """One thing to report for a period: an action's update or a measure's value."""

    action: Action | None
    measure: Measure | None
    period: Period
    current: Reviewed | None
    late: bool  # the period's deadline has passed

    @property
    def title(self) -> str:
        return (self.action or self.measure).title  # type: ignore[union-attr]

    @property
    def state(self) -> str:
        return self.current.get_state_display() if self.current else NOT_STARTED

    @property
    def overdue(self) -> bool:
        return self.late and not self.done

    @property
    def done(self) -> bool:
        return self.current is not None and self.current.state in (
            ReviewState.SUBMITTED,
            ReviewState.APPROVED,
        )


def reporting_period_for(organisation: Organisation, today: date) -> ReportingPeriod | None:
    """The organisation's quarter being reported now: the latest one that has started."""
    periods = [
        rp for rp in organisation.reporting_periods.all() if rp.period_kind == PeriodKind.QUARTER
    ]
    started = [rp for rp in periods if rp.period.start <= today]
    chosen = started or periods
    return max(chosen, key=lambda rp: rp.period) if chosen else None


def measure_periods(frequency: str, quarter: Period) -> list[Period]:
    """The periods a measure reports for in a quarterly round: the quarter, its months, or the
    year (in the year's last quarter)."""
    kind = Frequency(frequency).period_kind
    if kind == PeriodKind.QUARTER:
        return [quarter]
    if kind == PeriodKind.MONTH:
        return quarter.months()
    return [Period(PeriodKind.YEAR, quarter.year, 0)] if quarter.number == 4 else []


def due_items(user: User, reporting_period: ReportingPeriod, *, today: date) -> list[DueItem]:
    """The user's own actions and measures to report on for the period, with where each stands."""
    quarter, org = reporting_period.period, reporting_period.organisation_id
    actions = list(
        Action.objects.filter(
            plan__organisation=org, lead_officers__user=user, parent=None
        ).distinct()
    )
    measures = list(Measure.objects.filter(organisation=org, owner__user=user))
    late = reporting_period.deadline is not None and reporting_period.deadline < today
    updates = {
        u.action_id: u
        for u in ActionUpdate.objects.filter(
            action__in=actions, reporting_period=reporting_period
        ).order_by("version")
    }
    wanted = {(m.pk, p) for m in measures for p in measure_periods(m.frequency, quarter)}
    chosen = in_periods({p for _, p in wanted})
    values = {
        (o.measure_id, o.period): o
        for o in Observation.objects.filter(chosen, measure__in=measures).order_by("version")
    }
    items = [DueItem(a, None, quarter, updates.get(a.pk), late) for a in actions]
    for m in measures:
        for p in measure_periods(m.frequency, quarter):
            current = values.get((m.pk, p))
            items.append(DueItem(None, m, p, current, late))
    return [i for i in items if not i.done] + [i for i in items if i.done]
