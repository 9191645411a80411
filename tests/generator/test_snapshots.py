"""`generate-data` stores the status snapshots of the most recent locked quarters, the same as
locking each quarter through the system would, and the dashboard reads them."""

import datetime as dt
from typing import Any

import pytest
from django.db import transaction

from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.generator.generate import council_slug
from councilplan.monitoring.models import ReportingPeriod, SnapshotCause, StatusSnapshot
from councilplan.monitoring.snapshots import take_snapshots
from councilplan.plans.models import Action, Organisation, Plan
from councilplan.web.selectors.dashboard import dashboard
from tests.generator.test_generate import FIRST_YEAR, YEARS, make

pytestmark = pytest.mark.django_db

LOCKED = [  # every quarter generated but the last, which stays open
    Period.quarter(FIRST_YEAR + n // 4, n % 4 + 1) for n in range(4 * YEARS - 1)
]


def stored(organisation: Organisation) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """The council's snapshots by subject and period: status, explanation and what they keep."""
    return {
        (s.action_id, s.measure_id, s.theme_id, s.period): (
            s.status,
            s.explanation,
            s.overdue,
            s.as_at,
            s.action_update_id,
            s.observation_id,
            s.detail,
            s.rules_version,
            s.cause,
        )
        for s in StatusSnapshot.objects.filter(organisation=organisation)
    }


def stored_quarters(organisation: Organisation) -> list[Period]:
    """The quarters the council has snapshots of (a monthly measure's rows are in them)."""
    return sorted(
        {s.period for s in StatusSnapshot.objects.filter(organisation=organisation)} & set(LOCKED)
    )


def test_the_most_recent_locked_quarters_are_stored_the_open_one_not():
    counts = make(snapshot_quarters=3)

    org = Organisation.objects.get(slug=council_slug(1))
    assert stored_quarters(org) == LOCKED[-3:]
    assert counts.rows["status snapshots"] == StatusSnapshot.objects.count()
    open_quarter = ReportingPeriod.objects.get(organisation=org, is_locked=False).period
    assert not [s for s in StatusSnapshot.objects.all() if open_quarter.covers(s.period)]
    last = LOCKED[-1]
    assert {s.as_at for s in StatusSnapshot.objects.all() if last.covers(s.period)} == {last.end}
    assert {s.cause for s in StatusSnapshot.objects.all()} == {SnapshotCause.LOCKED}


def test_the_snapshots_are_what_locking_each_quarter_stores():
    make()
    org = Organisation.objects.get(slug=council_slug(1))
    generated = stored(org)
    assert stored_quarters(org) == LOCKED

    with transaction.atomic():
        StatusSnapshot.objects.all().delete()
        for quarter in LOCKED:
            take_snapshots(
                organisation=org,
                period=quarter,
                today=dt.date(2030, 1, 1),
                cause=SnapshotCause.LOCKED,
            )
        taken = stored(org)
        transaction.set_rollback(True)

    assert generated == taken
    statuses = {value[0] for value in generated.values()}
    assert len(statuses) > 2  # a mix of colours, not one default


def test_councils_made_without_snapshots_get_them_on_the_next_run_and_only_once():
    make(councils=2, snapshot_quarters=0)
    assert not StatusSnapshot.objects.exists()

    counts = make(councils=2, snapshot_quarters=2)
    again = make(councils=2, snapshot_quarters=2)

    for number in (1, 2):
        org = Organisation.objects.get(slug=council_slug(number))
        assert stored_quarters(org) == LOCKED[-2:]
    assert counts.rows["status snapshots"] == StatusSnapshot.objects.count()
    assert "actions" not in counts.rows
    assert "status snapshots" not in again.rows


def test_the_same_seed_stores_the_same_statuses():
    with transaction.atomic():
        make(councils=1)
        alone = sorted(v[:2] for v in stored(Organisation.objects.get()).values())
        transaction.set_rollback(True)

    make(councils=2)

    org = Organisation.objects.get(slug=council_slug(1))
    assert sorted(v[:2] for v in stored(org).values()) == alone


def test_the_dashboard_of_a_generated_council_reads_the_stored_colours():
    make()
    plan = Plan.objects.get(organisation__slug=council_slug(1))
    actions = Action.objects.filter(plan=plan)
    open_quarter = LOCKED[-1].next()
    # What Cabinet was shown of the last locked quarter, changed in the store only: the
    # dashboard shows the stored colour, not one worked out again from the updates.
    StatusSnapshot.objects.filter(action__isnull=False, **_lookup(LOCKED[-1])).update(
        status="blue", explanation="Blue: as stored when the quarter was locked"
    )

    board = dashboard(actions, plan, open_quarter, today=dt.date(2030, 1, 1))

    trend = {period: breakdown for period, breakdown, _ in board.trend}
    assert trend[LOCKED[-1]].count(RagStatus.BLUE) == actions.count()
    assert trend[LOCKED[-2]].count(RagStatus.BLUE) < actions.count()
    locked_board = dashboard(actions, plan, LOCKED[-1], today=dt.date(2030, 1, 1))
    assert {r.status.explanation for r in locked_board.results} == {
        "Blue: as stored when the quarter was locked"
    }


def _lookup(period: Period) -> dict[str, Any]:
    return {
        "period_kind": period.kind,
        "period_year": period.year,
        "period_number": period.number,
    }
