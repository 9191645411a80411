"""No status depends on the day it is read: with the clock frozen at any day after a quarter
has ended, the API, the quarterly report and the selectors give what they give as at the
quarter's end. Only a period still open moves with the day (to that day, and no further).
"""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplan.core import clock
from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.selectors import action_results
from councilplan.plans.models import Action
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.renderers import FORMATS
from tests.council import Q1

pytestmark = pytest.mark.django_db
FROZEN = settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def reported(council):
    """A council whose quarter has an action due within it and one due after it."""
    Action.objects.filter(pk=council.own_action.pk).update(
        expected_completion=parse_fuzzy_date("May 2021").to_dict()
    )
    ActionUpdate.objects.create(
        action=council.other_action,
        reporting_period=council.q1,
        state="approved",
        approved_at=timezone.now(),
        progress_rating="on_track",
    )
    return council


def read_everything(council, client: Client) -> tuple[object, ...]:
    """What a reader sees of the quarter: the API's statuses, the report, the selector's."""
    plan = council.own_action.plan
    api = client.get(f"/api/v1/actions?plan={plan.pk}&period=2021-22-Q1").json()
    report = FORMATS["html"].render(
        build_report("quarterly", report_scope(plan), Q1, today=clock.today())
    )
    statuses = [
        (r.status, r.overdue, r.as_at)
        for r in action_results(Action.objects.filter(plan=plan), Q1, today=clock.today())
    ]
    return api, report, statuses


@FROZEN
@given(day=st.dates(min_value=Q1.end, max_value=dt.date(2060, 12, 31)))
def test_a_past_quarter_reads_the_same_whatever_the_day(reported, client, day) -> None:
    with time_machine.travel(Q1.end + dt.timedelta(days=1), tick=False):
        expected = read_everything(reported, client)
    with time_machine.travel(day, tick=False):
        assert read_everything(reported, client) == expected


@FROZEN
@given(day=st.dates(min_value=Q1.start, max_value=Q1.end))
def test_an_open_quarter_is_judged_as_at_the_day_it_is_read(reported, day) -> None:
    with time_machine.travel(day, tick=False):
        results = action_results(
            Action.objects.filter(plan=reported.own_action.plan), Q1, today=clock.today()
        )
    assert {r.as_at for r in results} == {day}
    own = next(r for r in results if r.action.pk == reported.own_action.pk)
    assert own.overdue is (day > dt.date(2021, 5, 31))
