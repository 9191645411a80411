"""Reads of actions with their computed status for a period, and roll-ups of those statuses.

An action's status is worked out, not typed: from its approved updates up to the period (the
period's own, or the latest earlier one carried forward), its stage and its expected completion,
judged *as at* the period's end (today while the period is open), by
``councilplan.domain.action_status``. A period that is locked reads the statuses stored when it
was locked (``StatusSnapshot``), so it shows what Cabinet saw. Queries do not grow with the
number of actions or periods: one for the actions, one per link (themes, owners), one for the
reporting periods, one for the snapshots, one for the updates' statuses and one for the texts.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import chain
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import OrderBy
from django.db.models.sql.compiler import SQLCompiler

from councilplan.core.models import ReviewState, in_periods
from councilplan.domain.action_status import Reported, action_status, is_overdue, stage_as_at
from councilplan.domain.periods import Period, as_at
from councilplan.domain.rollups import StatusBreakdown, breakdown_by
from councilplan.domain.status import ProgressRating, RagStatus, Stage, StatusResult
from councilplan.plans.models import Action, Plan

from .models import ActionUpdate, ReportingPeriod, StatusSnapshot


@dataclass(frozen=True)
class ActionResult:
    """An action in one period, as at a date: the update shown and the status it comes to.

    ``update`` is the period's own approved update, or the latest earlier one carried forward
    (``carried``), or None; either way without one of its own the period is a missing update.
    """

    action: Action
    update: ActionUpdate | None
    status: StatusResult
    overdue: bool
    period: Period
    as_at: date

    @property
    def is_dca(self) -> bool:
        """Whether the status is a Delivery Confidence Assessment."""
        return bool(self.update and self.update.is_dca and not self.carried)

    @property
    def update_period(self) -> Period | None:
        """The period of the update shown."""
        return self.update.reporting_period.period if self.update else None

    @property
    def carried(self) -> bool:
        """Whether the update shown is an earlier period's, carried forward."""
        shown = self.update_period
        return shown is not None and not closes(shown, self.period)

    @property
    def own_update(self) -> ActionUpdate | None:
        """The period's own approved update, if it has one."""
        return None if self.carried else self.update

    @property
    def missing_update(self) -> bool:
        """Whether the period has no approved update of its own."""
        return self.update is None or self.carried


def judged_as_at(results: Iterable[ActionResult], period: Period, today: date) -> date:
    """The date a page's statuses of ``period`` are judged at: the one most of ``results``
    were (a locked period's, as stored: the day it was locked if that was before its end),
    else the period's end, or today while it is open."""
    judged = Counter(result.as_at for result in results).most_common(1)
    return judged[0][0] if judged else as_at(period, today)


def closes(update_period: Period, period: Period) -> bool:
    """Whether an update for ``update_period`` is ``period``'s own: for that period, or for the
    last round within it (a year's fourth quarter). An earlier round's is carried forward."""
    return period.covers(update_period) and update_period.end == period.end


LINKS = ("themes", "portfolios", "departments", "lead_officers")


def action_results(
    actions: QuerySet[Action],
    period: Period,
    *,
    today: date,
    links: Iterable[str] = LINKS,
    texts: bool = True,
) -> list[ActionResult]:
    """Each action's approved status for ``period``, as at its end (``today`` while open),
    with the ``links`` (of ``LINKS``) the caller reads prefetched, and the updates' texts
    (commentary) unless ``texts`` is False (a page that shows none)."""
    return action_results_over(
        actions, [period], today=today, links=links, texts=None if texts else ()
    )[period]


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
    today: date,
    texts: Iterable[Period] | None = None,
    stored: bool = True,
    links: Iterable[str] = LINKS,
) -> dict[Period, list[ActionResult]]:
    """Each action's approved status in each of ``periods``, each as at its own end (``today``
    while open): one read of the actions and one of their updates, however many periods (a
    trend). The updates of the ``texts`` periods carry their text (commentary); of every
    period when it is None. Locked periods read their stored snapshots, unless ``stored`` is
    False (taking the snapshots). Only the ``links`` asked for are prefetched."""
    periods = list(periods)
    loaded = _Loaded.of(actions, links)
    detailed = set(periods) if texts is None else set(texts)
    found: dict[tuple[int, Period], ActionResult] = {}
    if stored:
        found = _snapshotted(loaded, periods, detailed)
    live = [(a, p) for p in periods for a in loaded.actions if (a.pk, p) not in found]
    found.update(_worked_out(live, loaded.reporting, today, detailed))
    return {period: [found[(a.pk, period)] for a in loaded.actions] for period in periods}


@dataclass(frozen=True)
class Trend:
    """A period's results and, for the periods of a trend, each action's colour (by id)."""

    results: list[ActionResult]
    colours: dict[Period, dict[int, RagStatus]]


def action_trend(
    actions: QuerySet[Action],
    period: Period,
    trend: Iterable[Period],
    *,
    today: date,
    links: Iterable[str] = LINKS,
) -> Trend:
    """The actions' results in ``period`` (without the updates' texts) and their colours in
    each of ``trend``, for a dashboard: the colours of locked periods are read as stored, as
    plain values (a dashboard's trend is hundreds of them), the others worked out, with the
    same queries as ``action_results_over``."""
    others = [p for p in trend if p != period]
    loaded = _Loaded.of(actions, links)
    found = _snapshotted(loaded, [period], texts=set())
    colours = _stored_colours(loaded, others)
    live = [
        (a, p)
        for p in [period, *others]
        for a in loaded.actions
        if (a.pk, p) not in found and a.pk not in colours.get(p, {})
    ]
    found.update(_worked_out(live, loaded.reporting, today, texts=set()))
    for (action_id, p), result in found.items():
        if p != period:
            colours.setdefault(p, {})[action_id] = result.status.status
    results = [found[(a.pk, period)] for a in loaded.actions]
    colours[period] = {r.action.pk: r.status.status for r in results}
    return Trend(results=results, colours={p: colours.get(p, {}) for p in trend})


@dataclass(frozen=True)
class _Loaded:
    """The actions read for a page, their councils' reporting periods and which council each
    action's plan belongs to (by plan id)."""

    actions: list[Action]
    reporting: list[ReportingPeriod]
    org_of: dict[int, int]

    @classmethod
    def of(cls, actions: QuerySet[Action], links: Iterable[str]) -> "_Loaded":
        loaded = list(actions.prefetch_related(*links))
        plans = Plan.objects.filter(pk__in={action.plan_id for action in loaded})
        reporting = list(
            ReportingPeriod.objects.filter(organisation__in=plans.values("organisation_id"))
        )
        org_of = {plan.pk: plan.organisation_id for plan in plans} if loaded else {}
        return cls(loaded, reporting, org_of)

    def locked(self, periods: Iterable[Period]) -> dict[int, set[Period]]:
        """Of ``periods``, those each council has locked, by organisation id."""
        return locked_periods(self.reporting, periods)


def locked_periods(
    reporting: Iterable[ReportingPeriod], periods: Iterable[Period]
) -> dict[int, set[Period]]:
    """Of ``periods``, those each organisation has locked, by organisation id (as
    ``workflow.is_locked`` judges one period, with each locked period read once)."""
    periods = list(periods)
    by_org: dict[int, list[Period]] = {}
    for rp in reporting:
        locking = by_org.setdefault(rp.organisation_id, [])
        if rp.is_locked:
            locking.append(rp.period)
    return {
        org: {p for p in periods if any(lock.locks(p) for lock in locking)}
        for org, locking in by_org.items()
    }


def _snapshotted(
    loaded: _Loaded, periods: list[Period], texts: set[Period]
) -> dict[tuple[int, Period], ActionResult]:
    """The results stored for the periods the actions' councils have locked."""
    locked = loaded.locked(periods)
    by_id = {a.pk: a for a in loaded.actions}
    by_period_id = {rp.pk: rp for rp in loaded.reporting}
    # Read whether or not a period is locked, so a page costs the same queries either way;
    # the update's text only for the periods shown in detail.
    stored = StatusSnapshot.objects.filter(action__in=list(by_id)).select_related("action_update")
    reads = [stored.filter(in_periods(texts))] if texts else []
    if set(periods) - texts:
        reads.append(
            stored.filter(in_periods(set(periods) - texts)).only(
                *_SNAPSHOT_FIELDS, *(f"action_update__{f}" for f in STATUS_FIELDS)
            )
        )
    found = {}
    for snap in chain.from_iterable(reads):
        action = by_id[snap.action_id]  # type: ignore[index]
        if snap.period not in locked.get(loaded.org_of[action.plan_id], set()):
            continue
        found[(action.pk, snap.period)] = ActionResult(
            action=action,
            update=_with_period(snap.action_update, by_period_id),
            status=StatusResult(RagStatus(snap.status), snap.explanation),
            overdue=snap.overdue,
            period=snap.period,
            as_at=snap.as_at,
        )
    return found


def _stored_colours(loaded: _Loaded, periods: list[Period]) -> dict[Period, dict[int, RagStatus]]:
    """The colours stored for the periods the actions' councils have locked, by action id:
    read as values (made whether or not a period is locked, for a constant count)."""
    locked = loaded.locked(periods)
    org_of_action = {a.pk: loaded.org_of[a.plan_id] for a in loaded.actions}
    rows = (
        StatusSnapshot.objects.filter(action__in=_ids(org_of_action))
        .filter(in_periods(periods))
        .order_by()
        .values_list("action_id", "period_kind", "period_year", "period_number", "status")
    )
    named = {(str(p.kind), p.year, p.number): p for p in periods}  # not a Period per row
    colour = {str(status): status for status in RagStatus}
    colours: dict[Period, dict[int, RagStatus]] = {}
    for action_id, kind, year, number, status in rows:
        period = named[(kind, year, number)]
        if period in locked.get(org_of_action[action_id], set()):
            colours.setdefault(period, {})[action_id] = colour[status]
    return colours


def _worked_out(
    live: list[tuple[Action, Period]],
    reporting: list[ReportingPeriod],
    today: date,
    texts: set[Period],
) -> dict[tuple[int, Period], ActionResult]:
    """Results worked out from the approved updates up to each period: those of the periods
    ending after the earliest of them, and of the periods before, only each action's latest,
    the one carried forward (chosen by the database: a council's whole history of updates
    would cost more to load than the page). The reads are made even when nothing is worked
    out, so a page costs the same queries whether the periods it shows are locked or not."""
    ends = [p.end for _, p in live]
    by_id = {rp.pk: rp for rp in reporting}
    latest_end, earliest_end = max(ends, default=date.min), min(ends, default=date.min)
    each = ((rp.pk, rp.period) for rp in reporting)
    period_of = {pk: period for pk, period in each if period.end <= latest_end}
    action_ids = _ids(action.pk for action, _ in live)
    reviewed = ActionUpdate.objects.filter(state=ReviewState.APPROVED)
    before = {pk: p.rank for pk, p in period_of.items() if p.end <= earliest_end}
    latest_before = (
        reviewed.filter(action=OuterRef("pk"), reporting_period__in=_ids(before))
        .order_by(*_latest_first(before))
        .values("pk")[:1]
    )
    carried = Action.objects.filter(pk__in=action_ids).annotate(update_id=Subquery(latest_before))
    after = _ids(pk for pk, p in period_of.items() if p.end > earliest_end)
    approved = (
        reviewed.filter(action__in=action_ids)
        .filter(Q(reporting_period__in=after) | Q(pk__in=carried.values("update_id")))
        .only(*STATUS_FIELDS)
        .order_by("version")
    )
    history: dict[int, dict[int, ActionUpdate]] = {}
    for update in approved:  # the highest version of each period wins
        _with_period(update, by_id)
        history.setdefault(update.action_id, {})[update.reporting_period_id] = update
    ranked = {pk: (period.end, period.rank) for pk, period in period_of.items()}
    chosen = {
        (action.pk, period): _latest_up_to(history.get(action.pk, {}), period.end, ranked)
        for action, period in live
    }
    wanted = _ids(u.pk for (_, p), u in chosen.items() if u is not None and p in texts)
    full = {u.pk: _with_period(u, by_id) for u in ActionUpdate.objects.filter(pk__in=wanted)}
    chosen = {
        key: full[u.pk] if u is not None and key[1] in texts else u for key, u in chosen.items()
    }
    return {
        (action.pk, period): _result(
            action, chosen[(action.pk, period)], period, as_at(period, today)
        )
        for action, period in live
    }


def _with_period(
    update: ActionUpdate | None, reporting: dict[int, ReportingPeriod]
) -> ActionUpdate | None:
    """``update`` holding its reporting period from those already read, by id (not read
    again with each update)."""
    if update is not None and update.reporting_period_id in reporting:
        update.reporting_period = reporting[update.reporting_period_id]
    return update


def _latest_first(ranks: dict[int, int]) -> list[OrderBy | str]:
    """Updates ordered latest period first (by ``Period.rank``, known already for each
    reporting period id, so the reporting periods are not joined), highest version first."""
    if not ranks:  # an empty CASE would be a constant, which PostgreSQL reads as a column
        return ["-version"]
    return [_RankOf(ranks).desc(), "-version"]


class _RankOf(Func):
    """``CASE reporting_period_id WHEN id THEN rank ... ELSE 0 END``, written as one string:
    Django compiles a ``Case`` of forty ``When`` expressions slower than the database runs
    the query."""

    output_field = IntegerField()

    def __init__(self, ranks: dict[int, int]) -> None:
        super().__init__(F("reporting_period_id"))
        self.ranks = ranks

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, list[str | int]]:
        column, params = compiler.compile(self.source_expressions[0])
        whens = " ".join("WHEN %s THEN %s" for _ in self.ranks)
        pairs = [value for pk, rank in self.ranks.items() for value in (pk, rank)]
        return f"CASE {column} {whens} ELSE 0 END", [*params, *pairs]


_NO_ROW = 0  # no row has this id: a read of no ids is still made, as a query of nothing


def _ids(ids: Iterable[int]) -> list[int]:
    """``ids`` to filter on, or an id no row has when there are none: Django skips a query
    filtered on an empty list, and the pages' query counts would depend on the data."""
    return list(ids) or [_NO_ROW]


_SNAPSHOT_FIELDS = (
    "action_id",
    "period_kind",
    "period_year",
    "period_number",
    "status",
    "explanation",
    "overdue",
    "as_at",
    "action_update",
)


def _latest_up_to(
    updates: dict[int, ActionUpdate], end: date, ranked: dict[int, tuple[date, int]]
) -> ActionUpdate | None:
    """The update (by reporting period id) of the latest reporting period ending by ``end``;
    ``ranked`` holds each reporting period's end and rank, worked out once, not per update."""
    latest, latest_rank = None, 0
    for reporting_period_id, update in updates.items():
        period_end, rank = ranked[reporting_period_id]
        if period_end <= end and (latest is None or rank > latest_rank):
            latest, latest_rank = update, rank
    return latest


def _result(
    action: Action, update: ActionUpdate | None, period: Period, when: date
) -> ActionResult:
    stage = stage_as_at(
        Stage(action.stage) if action.stage else None, since=action.stage_since, as_at=when
    )
    completion = action.expected_completion
    expected = None if completion.open_ended else completion.end
    reported = None
    if update is not None:
        update_period = update.reporting_period.period
        reported = Reported(
            status=RagStatus(update.status) if update.status else None,
            progress_rating=ProgressRating(update.progress_rating)
            if update.progress_rating
            else None,
            percent_complete=Decimal(update.percent_complete)
            if update.percent_complete is not None
            else None,
            carried_from=None if closes(update_period, period) else update_period.label,
        )
    status = action_status(
        as_at=when,
        stage=stage,
        expected_completion=expected,
        start=action.start.start,
        reported=reported,
    )
    overdue = (
        expected is not None
        and status.status != RagStatus.BLUE
        and is_overdue(expected_completion=expected, stage=stage, as_at=when)
    )
    return ActionResult(
        action=action, update=update, status=status, overdue=overdue, period=period, as_at=when
    )


def rollup(
    results: Iterable[ActionResult], groups: Callable[[Action], Iterable[object]]
) -> dict[object, StatusBreakdown]:
    """Status counts per group (theme, portfolio, department, officer) of the given results."""
    return breakdown_by((group, r.status.status) for r in results for group in groups(r.action))
