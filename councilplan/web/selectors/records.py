"""The public plan page's content as plain records, for its CSV and JSON downloads."""

from typing import TypedDict

from django.urls import reverse

from councilplan.domain.units import Unit, format_value
from councilplan.measures.selectors import MeasureResult
from councilplan.monitoring.selectors import ActionResult

from .progress import PlanProgress

Record = dict[str, str | int | None]


class ProgressRecords(TypedDict):
    """A plan's public page as data: the plan, then one record per action and per measure."""

    organisation: str
    plan: str
    plan_period: str
    status_period: str | None
    url: str
    actions: list[Record]
    measures: list[Record]


def progress_records(progress: PlanProgress, site: str) -> ProgressRecords:
    """The plan, its actions and its measures as the public page shows them; ``site`` is the
    address the links start with."""
    plan = progress.plan
    return {
        "organisation": plan.organisation.name,
        "plan": plan.title,
        "plan_period": plan.period_label,
        "status_period": progress.period.label if progress.period else None,
        "url": site + reverse("public-plan", args=[plan.organisation.slug, plan.slug]),
        "actions": [_action(r, progress, site) for r in progress.results],
        "measures": [_measure(r, site) for r in progress.measures],
    }


def _action(result: ActionResult, progress: PlanProgress, site: str) -> Record:
    action, update = result.action, result.update
    plan = progress.plan
    return {
        "type": "action",
        "id": action.pk,
        "reference": action.reference,
        "title": action.title,
        "themes": "; ".join(t.title for t in action.themes.all()),
        "accountable_officers": "; ".join(o.name for o in action.lead_officers.all()),
        "timescale": action.expected_completion.text,
        "period": progress.period.label if progress.period else None,
        "status": result.status.status.label,
        "status_explanation": result.status.explanation,
        "progress_rating": update.get_progress_rating_display() if update else "",
        "commentary": update.commentary if update else "",
        "value": None,
        "year_to_date": None,
        "target": None,
        "url": site + reverse("public-action", args=[plan.organisation.slug, plan.slug, action.pk]),
    }


def _measure(result: MeasureResult, site: str) -> Record:
    measure = result.measure
    unit = Unit(measure.unit)
    figure, to_date = result.period_value, result.year_to_date
    target = result.target_value
    return {
        "type": "measure",
        "id": measure.pk,
        "reference": measure.code,
        "title": measure.title,
        "period": result.period.label,
        "status": result.status.status.label,
        "status_explanation": result.status.explanation,
        "value": format_value(figure, unit, measure.decimals) if figure is not None else None,
        "year_to_date": None if to_date is None else format_value(to_date, unit, measure.decimals),
        "target": format_value(target, unit, measure.decimals) if target is not None else None,
        "url": site + reverse("public-measure", args=[measure.pk]),
    }
