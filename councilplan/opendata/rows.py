"""The rows of each open data table for a published plan, as typed values.

Statuses come from the selectors (``action_results``, ``measure_results``), for the plan's
council's current reporting period; only approved updates and values are published.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Q, QuerySet

from councilplan.core.models import ReviewState
from councilplan.domain.periods import Period, PeriodKind, period_containing
from councilplan.domain.status import StatusResult
from councilplan.measures.models import Measure, Observation, Target
from councilplan.measures.selectors import measure_results
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.reporting import reporting_period_for
from councilplan.monitoring.selectors import action_results
from councilplan.plans.models import Milestone, Plan
from councilplan.plans.selectors import plan_actions

Row = dict[str, object]


def status_period(plan: Plan, today: date) -> Period:
    """The period statuses are published for: the council's latest started reporting quarter."""
    current = reporting_period_for(plan.organisation, today)
    return current.period if current else period_containing(today, PeriodKind.QUARTER)


def _joined(names: Iterable[object]) -> str:
    return ";".join(str(name) for name in names)


def _period(period: Period) -> Row:
    return {"period": period.code, "period_start": period.start, "period_end": period.end}


def _status(period: Period, result: StatusResult) -> Row:
    return {
        "status_period": period.code,
        "status": result.status.value,
        "status_label": result.status.label,
        "status_explanation": result.explanation,
    }


def plan_measures(plan: Plan) -> QuerySet[Measure]:
    """The measures evidencing the plan's actions or themes, by id."""
    linked = Measure.objects.filter(Q(actions__plan=plan) | Q(themes__plan=plan)).values("pk")
    return Measure.objects.filter(pk__in=linked).order_by("id")


def theme_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The plan's themes."""
    return [
        {
            "id": t.pk,
            "parent_id": t.parent_id,
            "kind": t.kind,
            "reference": t.reference,
            "title": t.title,
            "order": t.order,
        }
        for t in plan.themes.order_by("id")
    ]


def action_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The plan's actions with their status for ``period``."""
    results = action_results(plan_actions(plan).order_by("id"), period, today=today)
    return [
        {
            "id": a.pk,
            "reference": a.reference,
            "title": a.title,
            "parent_id": a.parent_id,
            "theme_ids": _joined(t.pk for t in a.themes.all()),
            "portfolios": _joined(a.portfolios.all()),
            "departments": _joined(a.departments.all()),
            "lead_officers": _joined(a.lead_officers.all()),
            "expected_completion_text": a.expected_completion.text,
            "expected_completion": a.expected_completion.end,
            "stage": a.stage,
            "overdue": r.overdue,
            **_status(period, r.status),
        }
        for r in results
        for a in [r.action]
    ]


def milestone_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The milestones of the plan's actions."""
    return [
        {
            "id": m.pk,
            "action_id": m.action_id,
            "title": m.title,
            "due_text": m.due.text,
            "due": m.due.end,
            "completed_on": m.completed_on,
        }
        for m in Milestone.objects.filter(action__plan=plan).order_by("id")
    ]


def update_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The approved updates on the plan's actions."""
    updates = ActionUpdate.objects.filter(action__plan=plan, state=ReviewState.APPROVED)
    return [
        {
            "id": u.pk,
            "action_id": u.action_id,
            **_period(u.reporting_period.period),
            "progress_rating": u.progress_rating,
            "status": u.status,
            "percent_complete": u.percent_complete,
            "commentary": u.commentary,
            "version": u.version,
        }
        for u in updates.select_related("reporting_period").order_by("id")
    ]


def measure_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The plan's measures with their status and direction of travel for ``period``."""
    measures = plan_measures(plan).prefetch_related("actions")
    return [
        {
            "id": m.pk,
            "code": m.code,
            "national_id": m.national_id,
            "title": m.title,
            "unit": m.unit,
            "rate_per": m.rate_per,
            "decimals": m.decimals,
            "polarity": m.polarity,
            "frequency": m.frequency,
            "data_source": m.data_source,
            "action_ids": _joined(sorted(a.pk for a in m.actions.all() if a.plan_id == plan.pk)),
            **_status(period, r.status),
            "since_previous": r.since_previous.direction.value,
            "since_last_year": r.since_last_year.direction.value,
        }
        for r in measure_results(measures, period)
        for m in [r.measure]
    ]


def target_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The targets of the plan's measures."""
    targets = Target.objects.filter(measure__in=plan_measures(plan).values("pk"))
    return [
        {
            "measure_id": t.measure_id,
            **_period(t.period),
            "value": t.value,
            "suspended_reason": t.suspended_reason,
            "tolerance": t.tolerance,
            "tolerance_is_percent": t.tolerance_is_percent,
            "baseline": t.baseline,
            "baseline_year": t.baseline_year,
            "interpolate": t.interpolate,
        }
        for t in targets.order_by("measure_id", "period_year", "period_kind", "period_number")
    ]


def observation_rows(plan: Plan, period: Period, today: date) -> list[Row]:
    """The approved values of the plan's measures, every version."""
    observations = Observation.objects.filter(
        measure__in=plan_measures(plan).values("pk"), state=ReviewState.APPROVED
    ).select_related("measure")
    return [
        {
            "id": o.pk,
            "measure_id": o.measure_id,
            "measure_code": o.measure.code,
            "national_id": o.measure.national_id,
            **_period(o.period),
            "value": o.figure,
            "no_value_reason": o.no_value_reason,
            "data_note": o.data_note,
            "is_provisional": o.is_provisional,
            "version": o.version,
        }
        for o in observations.order_by("id")
    ]


BUILDERS = {
    "themes": theme_rows,
    "actions": action_rows,
    "milestones": milestone_rows,
    "action_updates": update_rows,
    "measures": measure_rows,
    "targets": target_rows,
    "observations": observation_rows,
}
