"""Reporting periods and action updates: the monitoring records the documents show."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from tests.factories import ActionFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def test_update_with_combined_dca_status_reads_back() -> None:
    action = ActionFactory(title="Progress the transformation of the Market Hall")
    q4 = ReportingPeriodFactory(organisation=action.plan.organisation, period_number=4)
    ActionUpdate.objects.create(
        action=action,
        reporting_period=q4,
        progress_rating="major_slippage",
        status="amber_red",
        is_dca=True,
        commentary="Contractor delays.",
        state="approved",
        approved_at=timezone.now(),
    )
    update = action.updates.get()
    assert (update.get_status_display(), update.is_dca, str(update.reporting_period)) == (
        "Amber / Red",
        True,
        "2020/21 Q4",
    )


def test_reporting_period_once_per_organisation() -> None:
    period = ReportingPeriodFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.create(organisation=period.organisation, period=period.period)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        pytest.param(
            {"percent_complete": 101}, "update_percent_complete_at_most_100", id="over 100%"
        ),
        pytest.param(
            {"state": "approved"},
            "monitoring_actionupdate_approved_has_time",
            id="approved without time",
        ),
        pytest.param({"version": 0}, "monitoring_actionupdate_version_from_1", id="version 0"),
    ],
)
def test_update_checks(fields, constraint) -> None:
    action = ActionFactory()
    period = ReportingPeriodFactory(organisation=action.plan.organisation)
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ActionUpdate.objects.create(action=action, reporting_period=period, **fields)


def test_second_version_of_an_update_is_allowed_but_not_a_second_version_1() -> None:
    action = ActionFactory()
    period = ReportingPeriodFactory(organisation=action.plan.organisation)
    ActionUpdate.objects.create(action=action, reporting_period=period)
    ActionUpdate.objects.create(action=action, reporting_period=period, version=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionUpdate.objects.create(action=action, reporting_period=period, version=2)
