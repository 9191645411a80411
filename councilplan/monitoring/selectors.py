"""Reads of actions with their computed status for a period, and roll-ups of those statuses.

An action's status is worked out, not typed: from its latest approved update for the period
(reported colour or DCA, progress rating, % complete), its stage and its expected completion
against ``today``, by ``councilplan.domain.action_status``. Queries do not grow with the number
of actions or periods: one for the actions, one per link (themes, owners), one for the updates.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain

from django.db.models import Q, QuerySet

from councilplan.core.models import ReviewState, in_periods
from councilplan.domain.action_status import action_status, is_overdue
from councilplan.domain.periods import Period
from councilplan.domain.rollups import StatusBreakdown, breakdown_by
from councilplan.domain.status import ProgressRating, RagStatus, Stage, StatusResult
from councilplan.plans.models import Action

from .models import ActionUpdate, ReportingPeriod


@dataclass(frozen=True)
class ActionResult:
    """An action in one period: the update that counts and the status it comes to."""

    action: Action
    update: ActionUpdate | None
    status: StatusResult
    overdue: bool

    @property
    def is_dca(self) -> bool:
        """Whether the status is a Delivery Confidence Assessment."""
        return bool(self.update and self.update.is_dca)


def action_results(actions: QuerySet[Action], period: Period, *, today: date) -> list[ActionResult]:
    """Each action's approved status for ``period`` as it stands on ``today``."""
    return action_results_over(actions, [period], today_for=lambda _: today)[period]


STATUS_FIELDS = (
    "id",
    "action_id",
    "reporting_period",
    "version",
    "state",
    "status",
    "progress_rating",
    "percent_complete",
    "is_dca",
)


def action_results_over(
    actions: QuerySet[Action],
    periods: Iterable[Period],
    *,
    today_for: Callable[[Period], date],
    detailed: Period | None = None,
) -> dict[Period, list[ActionResult]]:
    """Each action's approved status in each of ``periods``, judged on ``today_for(period)``:
    one read of the actions and one of their updates, however many periods (a trend). Only
    the ``detailed`` period's updates carry their text (commentary); the others, statuses."""
    periods = list(periods)
    loaded = list(actions.prefetch_related("themes", "portfolios", "departments", "lead_officers"))
    # The reporting periods first, of these actions' councils only: filtering updates on the
    # period's columns made PostgreSQL read that quarter's updates of every council.
    period_of = {
        rp.pk: rp.period
        for rp in ReportingPeriod.objects.filter(
            in_periods(periods), organisation__plans__in={action.plan_id for action in loaded}
        )
    }
    approved = (
        ActionUpdate.objects.filter(
            action__in=[action.pk for action in loaded],
            reporting_period__in=list(period_of),
            state=ReviewState.APPROVED,
        )
        .select_related("reporting_period")
        .order_by("action_id", "version")
    )
    reads = [approved]
    if detailed is not None and periods != [detailed]:
        in_detail = Q(reporting_period__in=[pk for pk, p in period_of.items() if p == detailed])
        reads = [approved.exclude(in_detail).only(*STATUS_FIELDS), approved.filter(in_detail)]
    latest: dict[tuple[int, Period], ActionUpdate] = {}
    for update in chain.from_iterable(reads):
        latest[(update.action_id, update.reporting_period.period)] = update  # highest version
    return {
        period: [
            _result(action, latest.get((action.pk, period)), today_for(period)) for action in loaded
        ]
        for period in periods
    }


def _result(action: Action, update: ActionUpdate | None, today: date) -> ActionResult:
    stage = Stage(action.stage) if action.stage else None
    completion = action.expected_completion
    status = action_status(
        today=today,
        stage=stage,
        expected_completion=None if completion.open_ended else completion.end,
        reported_status=RagStatus(update.status) if update and update.status else None,
        progress_rating=ProgressRating(update.progress_rating)
        if update and update.progress_rating
        else None,
        percent_complete=Decimal(update.percent_complete)
        if update and update.percent_complete is not None
        else None,
        start=action.start.start,
    )
    overdue = (
        completion.end is not None
        and not completion.open_ended
        and status.status != RagStatus.BLUE
        and is_overdue(expected_completion=completion.end, stage=stage, today=today)
    )
    return ActionResult(action=action, update=update, status=status, overdue=overdue)


def rollup(
    results: Iterable[ActionResult], groups: Callable[[Action], Iterable[object]]
) -> dict[object, StatusBreakdown]:
    """Status counts per group (theme, portfolio, department, officer) of the given results."""
    return breakdown_by((group, r.status.status) for r in results for group in groups(r.action))
