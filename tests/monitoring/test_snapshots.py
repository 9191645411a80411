"""Stored statuses: taken on approval and on locking, read for locked periods, rebuilt only by
`councilplan statuses recompute`, which says what changed."""

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.domain.periods import Period
from councilplan.domain.status import RULES_VERSION, RagStatus
from councilplan.measures.selectors import measure_results
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate, SnapshotCause, StatusSnapshot
from councilplan.monitoring.selectors import action_results
from councilplan.monitoring.workflow import PeriodLockedError
from councilplan.plans.models import Action
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.renderers import FORMATS
from councilplan.web.selectors.dashboard import dashboard
from tests.council import Q1
from tests.factories import (
    ActionFactory,
    MeasureFactory,
    ObservationFactory,
    TargetFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
# Long after the quarter: statuses are as at its end, 30 June 2021, whatever this date.
TODAY = dt.date(2023, 1, 10)
Q2 = Q1.next()


def approved_update(council, action=None, period=None, version=1, **fields) -> ActionUpdate:
    """An approved update, written directly (as an import writes one)."""
    rp = period or council.q1
    return ActionUpdate.objects.create(
        action=action or council.own_action,
        reporting_period=rp,
        version=version,
        state="approved",
        approved_at=timezone.now(),
        **fields,
    )


def status_of(action: Action, period: Period = Q1):
    [result] = action_results(Action.objects.filter(pk=action.pk), period, today=TODAY)
    return result


def lock(council) -> None:
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)


def test_locking_stores_every_action_measure_and_theme_of_the_council(council) -> None:
    theme = ThemeFactory(plan=council.own_action.plan, title="Homes")
    council.own_action.themes.set([theme])
    approved_update(council, status="green", progress_rating="on_track")
    lock(council)
    stored = StatusSnapshot.objects.filter(period_year=Q1.year, period_number=Q1.number)
    assert {(s.action_id, s.status) for s in stored if s.action_id} == {
        (council.own_action.pk, "green"),
        (council.other_action.pk, "missing_update"),
    }
    assert {s.measure_id for s in stored if s.measure_id} == {
        council.own_measure.pk,
        council.other_measure.pk,
    }
    [homes] = [s for s in stored if s.theme_id]
    assert (homes.theme_id, homes.status) == (theme.pk, "green")
    assert homes.explanation == "Green: the most common colour of its 1 action (1 Green)"
    assert {s.cause for s in stored} == {SnapshotCause.LOCKED}
    assert {s.rules_version for s in stored} == {RULES_VERSION}
    assert {s.as_at for s in stored} == {Q1.end}


def test_a_locked_period_shows_what_was_stored_whatever_changes_later(council) -> None:
    approved_update(council, status="green", progress_rating="on_track", commentary="Open.")
    lock(council)
    # A correction, new dates that would make it overdue, and a later quarter's update.
    approved_update(council, version=2, status="red", commentary="Corrected.")
    Action.objects.filter(pk=council.own_action.pk).update(
        expected_completion=parse_fuzzy_date("May 2021").to_dict()
    )
    result = status_of(council.own_action)
    assert result.status.status == RagStatus.GREEN
    assert result.update is not None
    assert result.update.commentary == "Open."
    assert not result.overdue


def test_recompute_rebuilds_a_locked_period_and_prints_what_changed(council) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    lock(council)
    approved_update(council, version=2, status="red")
    out = io.StringIO()
    call_command("statuses", "recompute", "--period", "2021/22 Q1", stdout=out)
    printed = out.getvalue()
    assert "2021/22 Q1 action Reduce homelessness: Green -> Red" in printed
    assert "1 stored status changed." in printed
    assert status_of(council.own_action).status.status == RagStatus.RED
    again = io.StringIO()
    call_command("statuses", "recompute", "--period", "2021/22 Q1", stdout=again)
    assert "0 stored statuses changed." in again.getvalue()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "sometime"], "is not a reporting period"),
        (["--period", "2021/22 Q1", "--organisation", "nowhere"], 'No council "nowhere"'),
    ],
)
def test_recompute_refuses_what_it_cannot_find(council, args, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("statuses", "recompute", *args, stdout=io.StringIO())


def test_approval_stores_the_status_unless_the_period_is_locked(council) -> None:
    update = services.save_action_update(
        user=council.officer,
        action=council.own_action,
        reporting_period=council.q1,
        data=services.UpdateInput(progress_rating="on_track", status="green"),
        seen="0:0",
        submit=True,
    )
    services.approve(user=council.performance, item=update)
    stored = StatusSnapshot.objects.get(action=council.own_action)
    assert (stored.status, stored.cause, stored.action_update_id) == (
        "green",
        SnapshotCause.APPROVED,
        update.pk,
    )
    lock(council)
    correction = services.save_action_update(
        user=council.performance,
        action=council.own_action,
        reporting_period=council.q1,
        data=services.UpdateInput(progress_rating="major_slippage", status="red"),
        seen=f"{update.version}:{update.revision}",
        submit=True,
        correction_reason="Wrong colour reported",
    )
    services.approve(user=council.lead, item=correction)
    stored = StatusSnapshot.objects.get(action=council.own_action)
    assert (stored.status, stored.cause) == ("green", SnapshotCause.LOCKED)


def test_a_measure_of_a_locked_period_keeps_its_value_target_and_status(council) -> None:
    measure = council.own_measure  # lower is better
    TargetFactory(measure=measure, period=Q1, value=Decimal(100))
    first = ObservationFactory(
        measure=measure, period=Q1, value=Decimal(95), state="approved", approved_at=timezone.now()
    )
    lock(council)
    ObservationFactory(
        measure=measure,
        period=Q1,
        value=Decimal(120),
        version=2,
        state="approved",
        approved_at=timezone.now(),
    )
    measure.targets.update(value=Decimal(90))
    [result] = measure_results([measure], Q1)
    assert result.status.status == RagStatus.GREEN
    assert result.observation is not None
    assert result.observation.pk == first.pk
    assert result.target is not None
    assert result.target.value == Decimal(100)


def test_locking_a_quarter_stores_each_month_of_a_monthly_measure(council) -> None:
    measure = council.own_measure
    measure.frequency = "monthly"
    measure.save()
    for month, value in zip(Q1.months(), (90, 95, 110), strict=True):
        TargetFactory(measure=measure, period=month, value=Decimal(100))
        ObservationFactory(
            measure=measure,
            period=month,
            value=Decimal(value),
            state="approved",
            approved_at=timezone.now(),
        )
    lock(council)
    stored = StatusSnapshot.objects.filter(measure=measure).order_by("period_number")
    expected = zip(Q1.months(), ("green", "green", "red"), strict=True)
    assert [(s.period, s.status) for s in stored] == list(expected)
    assert {s.as_at for s in stored} == {Q1.end}
    later = [r.status.status for r in measure_results([measure], Q1.months()[2])]
    assert later == [RagStatus.RED]


def quarterly_report(council) -> bytes:
    plan = council.own_action.plan
    return FORMATS["html"].render(build_report("quarterly", report_scope(plan), Q1, today=TODAY))


def test_a_report_of_a_locked_period_is_byte_for_byte_the_same_after_later_changes(
    council,
) -> None:
    measure = council.own_measure
    TargetFactory(measure=measure, period=Q1, value=Decimal(100))
    ObservationFactory(
        measure=measure, period=Q1, value=Decimal(95), state="approved", approved_at=timezone.now()
    )
    approved_update(council, status="green", progress_rating="on_track", commentary="Open.")
    lock(council)
    before = quarterly_report(council)
    # Later updates: a correction of the locked quarter and the next quarter's reports.
    approved_update(council, version=2, status="red", commentary="Corrected.")
    q2 = council.own_action.plan.organisation.reporting_periods.create(
        period_kind=Q2.kind, period_year=Q2.year, period_number=Q2.number
    )
    approved_update(council, action=council.other_action, period=q2, status="amber")
    ObservationFactory(
        measure=measure,
        period=Q1,
        value=Decimal(130),
        version=2,
        state="approved",
        approved_at=timezone.now(),
    )
    # Rule changes without recompute: the council's measure rule, the target, the dates.
    organisation = council.own_action.plan.organisation
    organisation.measure_status_scheme = {"rule": "tolerance", "tolerance": "50"}
    organisation.save()
    measure.targets.update(value=Decimal(50), tolerance=Decimal(1))
    assert quarterly_report(council) == before
    call_command("statuses", "recompute", "--period", "2021/22 Q1", stdout=io.StringIO())
    assert quarterly_report(council) != before


def test_the_dashboard_trend_reads_the_colours_stored_for_a_locked_quarter(council) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    approved_update(council, action=council.other_action, status="green")
    lock(council)
    approved_update(council, version=2, status="red")  # a correction after the lock
    plan = council.own_action.plan
    q2 = plan.organisation.reporting_periods.create(
        period_kind=Q2.kind, period_year=Q2.year, period_number=Q2.number
    )
    approved_update(council, period=q2, status="amber")
    board = dashboard(Action.objects.filter(plan=plan), plan, Q2, today=TODAY)
    trend = {period: breakdown for period, breakdown, _ in board.trend}
    assert trend[Q1].count(RagStatus.GREEN) == 2
    assert trend[Q1].count(RagStatus.RED) == 0
    assert trend[Q2].count(RagStatus.AMBER) == 1


def test_locking_stores_a_monthly_measure_for_each_month_and_an_annual_one_with_its_year(
    council,
) -> None:
    monthly, annual = council.own_measure, council.other_measure
    type(monthly).objects.filter(pk=monthly.pk).update(frequency="monthly")
    type(annual).objects.filter(pk=annual.pk).update(frequency="annual")
    for month in Q1.months():
        ObservationFactory(measure=monthly, period=month, value=Decimal(90))
    lock(council)
    stored = StatusSnapshot.objects.filter(measure=monthly)
    assert sorted(s.period for s in stored) == Q1.months()
    q4 = council.own_action.plan.organisation.reporting_periods.create(
        period_kind="quarter", period_year=Q1.year, period_number=4
    )
    ObservationFactory(measure=annual, period=Period.financial_year(Q1.year), value=Decimal(7))
    services.set_period_lock(user=council.performance, reporting_period=q4, locked=True)
    [year] = StatusSnapshot.objects.filter(measure=annual)
    assert year.period == Period.financial_year(Q1.year)


def test_a_locked_fourth_quarter_locks_its_year_for_changes(council) -> None:
    q4 = council.own_action.plan.organisation.reporting_periods.create(
        period_kind="quarter", period_year=Q1.year, period_number=4
    )
    services.set_period_lock(user=council.performance, reporting_period=q4, locked=True)
    with pytest.raises(PeriodLockedError, match="locked"):
        services.save_observation(
            user=council.officer,
            measure=council.own_measure,
            period=Period.financial_year(Q1.year),
            data=services.ValueInput(value=Decimal(3)),
            seen="0:0",
            submit=True,
        )


def test_a_year_has_an_update_of_its_own_only_from_its_last_quarter(council) -> None:
    approved_update(council, status="green")  # Q1 only
    year = Period.financial_year(Q1.year)
    result = status_of(council.own_action, year)
    assert result.carried
    assert result.status.status == RagStatus.MISSING_UPDATE
    assert "last updated 2021/22 Q1" in result.status.explanation


def test_a_period_locked_before_it_ended_is_reported_as_at_the_day_it_was_locked(
    council, client
) -> None:
    """Review finding: the report said "as at" the period's end, not the stored date."""
    approved_update(council, status="green", progress_rating="on_track")
    with time_machine.travel(dt.date(2021, 6, 20), tick=False):
        lock(council)
    report = quarterly_report(council).decode()
    assert "Statuses as at 20 June 2021, as stored when 2021/22 Q1 was locked." in report
    assert "30 June 2021" not in report
    client.force_login(council.performance)
    with time_machine.travel(TODAY, tick=False):
        dashboard = client.get(f"/staff/plans/{council.own_action.plan_id}/dashboard/2021-22-Q1/")
    assert "2 actions, status as at 20 June 2021." in dashboard.content.decode()


def test_an_action_added_after_the_lock_is_reported_as_at_the_periods_end(council) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    with time_machine.travel(dt.date(2021, 6, 20), tick=False):
        lock(council)
    ActionFactory(plan=council.own_action.plan, title="Added later")
    report = quarterly_report(council).decode()
    assert (
        "Statuses as at 20 June 2021, as stored when 2021/22 Q1 was locked; 1 action with no "
        "stored status as at 30 June 2021."
    ) in report


def recompute(*args: str) -> str:
    out = io.StringIO()
    call_command("statuses", "recompute", *args, stdout=out)
    return out.getvalue()


def test_recompute_with_no_period_stores_every_locked_period_locked_before_statuses_were(
    council,
) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    lock(council)
    StatusSnapshot.objects.all().delete()  # as locked before this version stored statuses
    assert status_of(council.own_action).as_at == Q1.end  # worked out live meanwhile
    printed = recompute()
    assert "Storing the statuses missing from every locked period" in printed
    assert "2021/22 Q1: stored 4 missing statuses (2 actions, 2 measures)" in printed
    assert "Stored 4 missing statuses in 1 locked period; no stored status changed." in printed
    stored = StatusSnapshot.objects.get(action=council.own_action)
    assert (stored.period, stored.status, stored.as_at) == (Q1, "green", Q1.end)
    assert stored.cause == SnapshotCause.RECOMPUTED
    assert "No locked period lacks a stored status." in recompute()


def test_recompute_missing_stores_an_action_added_after_the_lock_and_changes_nothing_stored(
    council,
) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    lock(council)
    before = {s.pk: (s.status, s.taken_at) for s in StatusSnapshot.objects.all()}
    approved_update(council, version=2, status="red")  # a correction: left for a recompute
    added = ActionFactory(plan=council.own_action.plan, title="Added later", stage="not_started")
    printed = recompute("--missing", "--period", "2021/22-Q1")
    assert "2021/22 Q1: stored 1 missing status (1 action)" in printed
    after = {s.pk: (s.status, s.taken_at) for s in StatusSnapshot.objects.all()}
    assert {pk: after[pk] for pk in before} == before
    assert status_of(council.own_action).status.status == RagStatus.GREEN
    assert StatusSnapshot.objects.get(action=added).status == "grey"


def test_recompute_missing_leaves_a_period_that_is_not_locked(council) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    printed = recompute("--missing", "--period", "2021/22-Q1")
    assert "No locked period lacks a stored status." in printed
    assert not StatusSnapshot.objects.exists()


def test_recompute_missing_stores_a_theme_from_the_stored_statuses_and_a_new_measure(
    council,
) -> None:
    approved_update(council, status="green", progress_rating="on_track")
    lock(council)
    approved_update(council, version=2, status="red")  # not stored: the theme counts Green
    theme = ThemeFactory(plan=council.own_action.plan, title="Homes")
    council.own_action.themes.set([theme])
    measure = MeasureFactory(organisation=council.own_action.plan.organisation)
    printed = recompute("--missing")
    assert "2021/22 Q1: stored 2 missing statuses (1 measure, 1 theme)" in printed
    homes = StatusSnapshot.objects.get(theme=theme)
    assert (homes.status, homes.as_at) == ("green", Q1.end)
    assert StatusSnapshot.objects.filter(measure=measure, period_year=Q1.year).exists()
