"""Actions with their milestones and their computed status for a period."""

from datetime import date

from pydantic import Field

from councilplan.domain.periods import Period
from councilplan.monitoring.selectors import ActionResult

from .common import (
    FuzzyDateOut,
    Out,
    PeriodOut,
    Ref,
    StatusOut,
    fuzzy_date_out,
    period_out,
    status_out,
)


class MilestoneOut(Out):
    """A dated step of an action."""

    id: int
    title: str
    due: FuzzyDateOut
    completed_on: date | None


class ActionStatusOut(StatusOut):
    """An action's status for a period, judged as at ``as_at`` (the period's end, or today
    while it is open), from its approved updates up to the period."""

    period: PeriodOut
    as_at: date
    overdue: bool
    is_dca: bool
    missing_update: bool
    update_id: int | None
    update_period: PeriodOut | None


class ActionOut(Out):
    """An action (must do, deliverable): what the council will do, who owns it, by when."""

    id: int
    plan_id: int
    parent_id: int | None
    reference: str
    title: str
    description: str
    success_criteria: str
    theme_ids: list[int]
    portfolios: list[Ref]
    departments: list[Ref]
    lead_officers: list[Ref]
    start: FuzzyDateOut
    expected_completion: FuzzyDateOut
    funding_category: str
    stage: str
    stage_since: date | None = Field(
        description="The date the stage holds from; statuses as at an earlier date ignore it."
    )
    milestones: list[MilestoneOut]
    latest_status: ActionStatusOut


def action_out(result: ActionResult, period: Period) -> ActionOut:
    """An action with its milestones and status (the selector's, never recomputed here)."""
    action = result.action
    return ActionOut(
        id=action.pk,
        plan_id=action.plan_id,
        parent_id=action.parent_id,
        reference=action.reference,
        title=action.title,
        description=action.description,
        success_criteria=action.success_criteria,
        theme_ids=[theme.pk for theme in action.themes.all()],
        portfolios=[Ref(id=p.pk, name=p.name) for p in action.portfolios.all()],
        departments=[Ref(id=d.pk, name=d.name) for d in action.departments.all()],
        lead_officers=[Ref(id=o.pk, name=o.name) for o in action.lead_officers.all()],
        start=fuzzy_date_out(action.start),
        expected_completion=fuzzy_date_out(action.expected_completion),
        funding_category=action.funding_category,
        stage=action.stage,
        stage_since=action.stage_since,
        milestones=[
            MilestoneOut(
                id=m.pk, title=m.title, due=fuzzy_date_out(m.due), completed_on=m.completed_on
            )
            for m in action.milestones.all()
        ],
        latest_status=ActionStatusOut(
            **status_out(result.status).model_dump(),
            period=period_out(period),
            as_at=result.as_at,
            overdue=result.overdue,
            is_dca=result.is_dca,
            missing_update=result.missing_update,
            update_id=result.update.pk if result.update else None,
            update_period=period_out(result.update_period) if result.update_period else None,
        ),
    )
