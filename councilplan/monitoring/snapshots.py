"""Storing each action's, measure's and theme's status for a period, and reading what changed.

Snapshots are taken when an update or value is approved (for its action or measure and the
themes of its plan), when a period is locked (everything of the council for that period), and
by ``councilplan statuses recompute`` after a rule change, which says what changed. Pages and
reports of a locked period read them (``monitoring.selectors``, ``measures.selectors``), so
they stay as Cabinet saw them. Recomputing a locked period is the one deliberate way to change
what it shows.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from councilplan.core.models import in_periods
from councilplan.domain.periods import Period, PeriodKind, as_at, period_containing
from councilplan.domain.rollups import group_status, status_breakdown
from councilplan.domain.status import RULES_VERSION, RagStatus, StatusResult
from councilplan.measures.models import Measure
from councilplan.measures.selectors import MeasureResult, measure_results_over
from councilplan.measures.stored import detail_of
from councilplan.plans.models import Action, Organisation, Plan, Theme
from councilplan.plans.selectors import theme_tree

from .models import ReportingPeriod, SnapshotCause, StatusSnapshot
from .reporting import measure_periods
from .selectors import ActionResult, action_results_over


@dataclass(frozen=True)
class SnapshotChange:
    """A subject whose stored status a new snapshot changed (``before`` None: none stored)."""

    subject: str
    period: Period
    before: StatusResult | None
    after: StatusResult

    def __str__(self) -> str:
        was = "nothing stored" if self.before is None else self.before.status.label
        return f"{self.period.label} {self.subject}: {was} -> {self.after.status.label}"


def take_snapshots(
    *,
    organisation: Organisation,
    period: Period,
    today: date,
    cause: SnapshotCause,
    actions: QuerySet[Action] | None = None,
    measures: QuerySet[Measure] | None = None,
) -> list[SnapshotChange]:
    """Work out and store the statuses of ``period`` as at its end (``today`` while it is
    open): of ``actions`` and ``measures`` (every one of the council's when not given), and
    when both are the council's all, of every theme of its plans (an approval stores only what
    it approved: two approvals at once never rewrite the same rows). A measure's rows are for
    the periods it reports in this one (a quarter's months, the year its last quarter closes).
    Returns the stored statuses that changed. A month's statuses are stored with its quarter's."""
    if period.kind == PeriodKind.MONTH:
        period = period_containing(period.end, PeriodKind.QUARTER)
    plans = Plan.objects.filter(organisation=organisation)
    chosen = Action.objects.filter(plan__in=plans) if actions is None else actions
    if measures is None:
        measures = Measure.objects.filter(organisation=organisation)
    rows = _period_rows(plans, chosen, measures, period, today, themes=actions is None)
    _stamp(rows, organisation=organisation, periods=[period], today=today, cause=cause)
    return _replace(rows)


def _period_rows(
    plans: QuerySet[Plan],
    actions: QuerySet[Action],
    measures: QuerySet[Measure],
    period: Period,
    today: date,
    *,
    themes: bool,
    stored: bool = False,
) -> list[StatusSnapshot]:
    """The unsaved rows of ``period`` for ``actions``, ``measures`` and (``themes``) every
    theme of ``plans``, from the actions' statuses worked out afresh (or, ``stored``, read as
    stored where they are, for a theme's count)."""
    results = action_results_over(actions, [period], today=today, stored=stored)[period]
    rows = [_action_row(r) for r in results]
    if themes:
        rows += _theme_rows(plans, results)
    for row in rows:
        row.period = period
    return rows + [_measure_row(r) for r in _measure_results(measures, [period])]


def council_snapshots(
    *, organisation: Organisation, periods: list[Period], today: date, cause: SnapshotCause
) -> list[StatusSnapshot]:
    """The snapshots ``take_snapshots`` would store for each of ``periods`` (every action,
    measure and theme of the council), unsaved, worked out by the same selectors from one read
    of the actions' updates and one of the measures' values per month of a quarter, however
    many periods: for storing many periods at once (``generate-data``)."""
    plans = Plan.objects.filter(organisation=organisation)
    actions = Action.objects.filter(plan__in=plans)
    by_period = action_results_over(actions, periods, today=today, stored=False)
    rows = []
    for period in periods:
        of_period = [_action_row(r) for r in by_period[period]]
        of_period += _theme_rows(plans, by_period[period])
        for row in of_period:
            row.period = period
        rows += of_period
    measures = Measure.objects.filter(organisation=organisation)
    rows += [_measure_row(r) for r in _measure_results(measures, periods)]
    _stamp(rows, organisation=organisation, periods=periods, today=today, cause=cause)
    return rows


def _stamp(
    rows: list[StatusSnapshot],
    *,
    organisation: Organisation,
    periods: list[Period],
    today: date,
    cause: SnapshotCause,
) -> None:
    """Mark ``rows`` as the council's, judged as at the end of the period of ``periods`` each
    falls in (``today`` while it is open); a monthly measure's rows keep their months, an
    annual one's its year."""
    judged: dict[Period, date] = {}
    for row in rows:
        if row.period not in judged:
            period = next(p for p in periods if p.locks(row.period))
            judged[row.period] = as_at(period, today)
        row.organisation = organisation
        row.as_at = judged[row.period]
        row.rules_version = RULES_VERSION
        row.cause = cause


def _action_row(result: ActionResult) -> StatusSnapshot:
    return StatusSnapshot(
        action=result.action,
        status=result.status.status,
        explanation=result.status.explanation,
        overdue=result.overdue,
        action_update=result.update,
    )


def _measure_results(measures: QuerySet[Measure], periods: list[Period]) -> list[MeasureResult]:
    """Each measure's results for the periods it reports within each of ``periods`` (a
    quarter's months for a monthly measure), worked out afresh."""
    loaded = list(measures.select_related("organisation"))
    within = {m.pk: [q for p in periods for q in _reported_in(m, p) if p.locks(q)] for m in loaded}
    return measure_results_over(loaded, within)  # one read of values, not one per measure


def _reported_in(measure: Measure, period: Period) -> list[Period]:
    if period.kind == PeriodKind.QUARTER:
        return measure_periods(measure.frequency, period)
    return [period]


def _measure_row(result: MeasureResult) -> StatusSnapshot:
    row = StatusSnapshot(
        measure=result.measure,
        status=result.status.status,
        explanation=result.status.explanation,
        observation=result.observation,
        detail=detail_of(result),
    )
    row.period = result.period
    return row


def _theme_rows(plans: QuerySet[Plan], results: list[ActionResult]) -> list[StatusSnapshot]:
    """Each theme's status from its top-level actions' and those of the themes below it."""
    by_theme: dict[int, list[RagStatus]] = {}
    for result in results:
        if result.action.parent_id is None:
            for theme in result.action.themes.all():
                by_theme.setdefault(theme.pk, []).append(result.status.status)
    rows = []
    for plan in plans:
        tree = theme_tree(plan)
        for i, (theme, depth) in enumerate(tree):
            below = [theme]
            for other, other_depth in tree[i + 1 :]:
                if other_depth <= depth:
                    break
                below.append(other)
            statuses = [s for t in below for s in by_theme.get(t.pk, [])]
            status = group_status(status_breakdown(statuses))
            rows.append(
                StatusSnapshot(
                    theme=theme,
                    status=status.status,
                    explanation=status.explanation,
                    detail={"counts": {s.value: n for s, n in status_breakdown(statuses).counts}},
                )
            )
    return rows


def _subject(row: StatusSnapshot) -> str:
    if row.action_id is not None:
        return f"action {row.action}"
    if row.measure_id is not None:
        return f"measure {row.measure}"
    return f"theme {row.theme}"


def _key(row: StatusSnapshot) -> tuple[str, int | None, Period]:
    if row.action_id is not None:
        return ("action", row.action_id, row.period)
    if row.measure_id is not None:
        return ("measure", row.measure_id, row.period)
    return ("theme", row.theme_id, row.period)


@transaction.atomic
def _replace(rows: list[StatusSnapshot]) -> list[SnapshotChange]:
    """Store ``rows`` in place of the snapshots of the same subjects and periods; say which
    statuses (or explanations) changed."""
    if not rows:
        return []
    taken_at = timezone.now()
    subjects = Q(pk__in=[])
    for name in ("action", "measure", "theme"):
        ids = [getattr(r, f"{name}_id") for r in rows if getattr(r, f"{name}_id") is not None]
        if ids:
            subjects |= Q(**{f"{name}__in": ids})
    periods = {r.period for r in rows}
    old = StatusSnapshot.objects.filter(subjects).filter(in_periods(periods))
    before = {_key(s): s for s in old}
    old.delete()
    for row in rows:
        row.taken_at = taken_at
    StatusSnapshot.objects.bulk_create(rows, batch_size=500)
    changes = []
    for row in rows:
        was = before.get(_key(row))
        after = StatusResult(RagStatus(row.status), row.explanation)
        if was is None or (was.status, was.explanation) != (row.status, row.explanation):
            previous = None if was is None else StatusResult(RagStatus(was.status), was.explanation)
            changes.append(SnapshotChange(_subject(row), row.period, previous, after))
    return changes


@dataclass(frozen=True)
class Filled:
    """The statuses stored for a locked period that had none for them."""

    period: Period
    actions: int
    measures: int
    themes: int

    @property
    def total(self) -> int:
        """How many statuses were stored."""
        return self.actions + self.measures + self.themes

    def __str__(self) -> str:
        parts = [
            f"{count} {name if count == 1 else name + 's'}"
            for count, name in (
                (self.actions, "action"),
                (self.measures, "measure"),
                (self.themes, "theme"),
            )
            if count
        ]
        plural = "status" if self.total == 1 else "statuses"
        return f"{self.period.label}: stored {self.total} missing {plural} ({', '.join(parts)})"


def store_missing(
    *, organisation: Organisation, today: date, periods: Iterable[Period] | None = None
) -> list[Filled]:
    """Store the statuses missing from the council's locked periods (those of ``periods``, or
    every one): a period locked before statuses were stored, or an action, measure or theme
    added since. The statuses already stored are left as they are, being what Cabinet saw;
    the missing ones are judged as at the period's end, as pages work them out until then.
    Periods with nothing stored are worked out together (one read of the updates and values)."""
    locked = _locked_quarters(organisation)
    chosen = sorted(locked if periods is None else locked & set(periods))
    plans = Plan.objects.filter(organisation=organisation)
    present = _stored_keys(organisation)
    subjects = _Subjects.of(organisation)
    empty, partial = [], []
    for period in chosen:
        wanted = subjects.keys(period)
        missing = wanted - present
        if missing == wanted and missing:
            empty.append(period)
        elif missing:
            partial.append((period, missing))
    rows = []
    if empty:
        rows += council_snapshots(
            organisation=organisation, periods=empty, today=today, cause=SnapshotCause.RECOMPUTED
        )
    for period, missing in partial:
        action_ids = {key[1] for key in missing if key[0] == "action"}
        measure_ids = {key[1] for key in missing if key[0] == "measure"}
        themes = any(key[0] == "theme" for key in missing)
        actions = Action.objects.filter(plan__in=plans)
        of_period = _period_rows(
            plans,
            actions if themes else actions.filter(pk__in=action_ids),
            Measure.objects.filter(pk__in=measure_ids),
            period,
            today,
            themes=themes,
            stored=True,
        )
        of_period = [row for row in of_period if _key(row) in missing]
        _stamp(
            of_period,
            organisation=organisation,
            periods=[period],
            today=today,
            cause=SnapshotCause.RECOMPUTED,
        )
        rows += of_period
    return _insert(rows, chosen)


def _locked_quarters(organisation: Organisation) -> set[Period]:
    """The periods whose statuses the council's locks store: its locked quarters and years (a
    locked month's are stored with its quarter's)."""
    locked = set()
    for rp in ReportingPeriod.objects.filter(organisation=organisation, is_locked=True):
        period = rp.period
        if period.kind == PeriodKind.MONTH:
            period = period_containing(period.end, PeriodKind.QUARTER)
        locked.add(period)
    return locked


def _stored_keys(organisation: Organisation) -> set[tuple[str, int | None, Period]]:
    """The subject and period of every status stored for the council, read as values."""
    keys: set[tuple[str, int | None, Period]] = set()
    stored = StatusSnapshot.objects.filter(organisation=organisation).order_by()
    for action_id, measure_id, theme_id, kind, year, number in stored.values_list(
        "action_id", "measure_id", "theme_id", "period_kind", "period_year", "period_number"
    ):
        period = Period(PeriodKind(kind), year, number)
        if action_id is not None:
            keys.add(("action", action_id, period))
        elif measure_id is not None:
            keys.add(("measure", measure_id, period))
        else:
            keys.add(("theme", theme_id, period))
    return keys


@dataclass(frozen=True)
class _Subjects:
    """The council's actions, themes and measures (with their frequencies), by id."""

    actions: list[int]
    themes: list[int]
    measures: list[Measure]

    @classmethod
    def of(cls, organisation: Organisation) -> "_Subjects":
        plans = Plan.objects.filter(organisation=organisation)
        return cls(
            actions=list(Action.objects.filter(plan__in=plans).values_list("pk", flat=True)),
            themes=list(Theme.objects.filter(plan__in=plans).values_list("pk", flat=True)),
            measures=list(Measure.objects.filter(organisation=organisation).only("frequency")),
        )

    def keys(self, period: Period) -> set[tuple[str, int | None, Period]]:
        """What locking ``period`` stores: each action's and theme's status for it, and each
        measure's for the periods it reports in it."""
        keys: set[tuple[str, int | None, Period]] = {("action", a, period) for a in self.actions}
        keys |= {("theme", t, period) for t in self.themes}
        for measure in self.measures:
            keys |= {
                ("measure", measure.pk, reported)
                for reported in _reported_in(measure, period)
                if period.locks(reported)
            }
        return keys


@transaction.atomic
def _insert(rows: list[StatusSnapshot], periods: list[Period]) -> list[Filled]:
    """Store ``rows`` (none of them stored before) and count them per period of ``periods``."""
    taken_at = timezone.now()
    for row in rows:
        row.taken_at = taken_at
    StatusSnapshot.objects.bulk_create(rows, batch_size=500)
    counts: dict[Period, dict[str, int]] = {}
    for row in rows:
        period = next(p for p in periods if p.locks(row.period))
        kind = _key(row)[0]
        counts.setdefault(period, {}).setdefault(kind, 0)
        counts[period][kind] += 1
    return [
        Filled(p, c.get("action", 0), c.get("measure", 0), c.get("theme", 0))
        for p, c in sorted(counts.items())
    ]
