"""The quarterly workflow: officers report, the performance team approves or returns them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councilplan.history.models import AuditEntry
from councilplan.measures.selectors import measure_results
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate
from councilplan.monitoring.workflow import (
    NOTHING_YET,
    ConflictError,
    PeriodLockedError,
    WorkflowError,
    token,
)
from tests.council import Q1

ON_TRACK = services.UpdateInput(progress_rating="on_track", status="green", commentary="Hub open.")


def submit(council, user=None, data=ON_TRACK, seen=NOTHING_YET, **kw) -> ActionUpdate:
    return services.save_action_update(
        user=user or council.officer,
        action=council.own_action,
        reporting_period=council.q1,
        data=data,
        seen=seen,
        submit=True,
        **kw,
    )


def test_officer_submits_own_update_and_history_records_it(council) -> None:
    update = submit(council)
    assert (update.state, update.version, update.submitted_by) == ("submitted", 1, council.officer)
    entry = AuditEntry.objects.get(action=council.own_action)
    assert (entry.user, entry.verb, entry.period) == (council.officer, "submitted", "2021/22 Q1")
    assert entry.changes["commentary"] == ["", "Hub open."]


@pytest.mark.parametrize("who", ["other_officer", "cabinet", "viewer", "outsider"])
def test_others_may_not_report_on_an_officers_action(council, who) -> None:
    with pytest.raises(PermissionDenied):
        submit(council, user=getattr(council, who))
    assert not ActionUpdate.objects.exists()


def test_department_lead_and_performance_team_may_report(council) -> None:
    first = submit(council, user=council.lead)
    submit(council, user=council.performance, seen=token(first))
    assert ActionUpdate.objects.get().revision == 2


def test_stale_page_gets_a_conflict_not_a_silent_overwrite(council) -> None:
    first = submit(council)
    submit(
        council,
        user=council.lead,
        seen=token(first),
        data=services.UpdateInput(commentary="Lead's words"),
    )
    with pytest.raises(ConflictError, match="changed by Lead after you opened it"):
        submit(council, seen=token(first), data=services.UpdateInput(commentary="Officer's words"))
    assert ActionUpdate.objects.get().commentary == "Lead's words"


def test_two_first_updates_at_once_conflict(council) -> None:
    submit(council)
    with pytest.raises(ConflictError):
        submit(council, user=council.lead, seen=NOTHING_YET)


def test_return_then_resubmit_then_approve(council) -> None:
    update = submit(council)
    with pytest.raises(WorkflowError, match="Say why"):
        services.return_for_changes(user=council.performance, item=update, reason=" ")
    services.return_for_changes(user=council.performance, item=update, reason="Add the figures.")
    update.refresh_from_db()
    assert (update.state, update.returned_reason) == ("returned", "Add the figures.")
    update = submit(
        council, seen=token(update), data=services.UpdateInput(commentary="Approaches down 11%.")
    )
    services.approve(user=council.performance, item=update)
    update.refresh_from_db()
    assert (update.state, update.approved_by, update.returned_reason) == (
        "approved",
        council.performance,
        "",
    )
    verbs = list(
        AuditEntry.objects.filter(action=council.own_action)
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["submitted", "returned", "submitted", "approved"]


@pytest.mark.parametrize("who", ["officer", "other_officer", "cabinet", "viewer"])
def test_only_performance_team_and_department_lead_approve(council, who) -> None:
    update = submit(council)
    with pytest.raises(PermissionDenied):
        services.approve(user=getattr(council, who), item=update)


def test_department_lead_approves_within_their_department(council) -> None:
    services.approve(user=council.lead, item=submit(council))
    other = services.save_action_update(
        user=council.other_officer,
        action=council.other_action,
        reporting_period=council.q1,
        data=ON_TRACK,
        seen=NOTHING_YET,
        submit=True,
    )
    with pytest.raises(PermissionDenied):
        services.approve(user=council.lead, item=other)


def test_edit_after_approval_makes_a_new_version_and_the_approved_one_stays(council) -> None:
    first = submit(council)
    services.approve(user=council.performance, item=first)
    first.refresh_from_db()
    second = submit(
        council, seen=token(first), data=services.UpdateInput(status="amber", commentary="Slipped.")
    )
    assert second.version == 2
    assert second.pk != first.pk
    first.refresh_from_db()
    assert (first.state, first.commentary) == ("approved", "Hub open.")


def test_locked_period_changes_only_by_a_correction_with_a_reason(council) -> None:
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)
    with pytest.raises(PeriodLockedError, match="Ask the performance team"):
        submit(council)
    with pytest.raises(PeriodLockedError, match="give a reason"):
        submit(council, user=council.performance)
    submit(council, user=council.performance, correction_reason="Figure mistyped in the report.")
    entry = AuditEntry.objects.filter(action=council.own_action).get()
    assert (entry.verb, entry.reason) == ("corrected", "Figure mistyped in the report.")


def test_a_correction_records_its_changes_from_the_approved_version(council) -> None:
    approved = submit(council)
    services.approve(user=council.performance, item=approved)
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)
    amber = services.UpdateInput(progress_rating="on_track", status="amber", commentary="Hub open.")
    submit(
        council,
        user=council.performance,
        data=amber,
        seen=token(approved),
        correction_reason="Reported as green by mistake.",
    )
    entry = AuditEntry.objects.get(action=council.own_action, verb="corrected")
    assert entry.changes == {"status": ["green", "amber"]}


def test_only_performance_team_locks_periods(council) -> None:
    with pytest.raises(PermissionDenied):
        services.set_period_lock(user=council.lead, reporting_period=council.q1, locked=True)


def test_milestone_completion_is_saved_with_the_update(council) -> None:
    milestone = council.own_action.milestones.create(title="Open the hub", due="June 2021")
    data = services.UpdateInput(
        progress_rating="on_track", milestones_completed={milestone.pk: dt.date(2021, 6, 14)}
    )
    submit(council, data=data)
    milestone.refresh_from_db()
    assert milestone.completed_on == dt.date(2021, 6, 14)


def value(council, v=None, reason=""):
    return services.save_observation(
        user=council.officer,
        measure=council.own_measure,
        period=Q1,
        data=services.ValueInput(value=v, no_value_reason=reason),
        seen=NOTHING_YET,
        submit=True,
    )


def test_measure_value_needs_a_value_or_a_reason_not_both(council) -> None:
    with pytest.raises(ValidationError, match="Enter a value"):
        value(council)
    with pytest.raises(ValidationError, match="not both"):
        value(council, Decimal("5"), "No survey")


def test_approved_value_is_what_the_status_uses(council) -> None:
    observation = value(council, Decimal("620"))
    assert measure_results([council.own_measure], Q1)[0].observation is None
    services.approve(user=council.performance, item=observation)
    assert measure_results([council.own_measure], Q1)[0].observation.value == Decimal("620")


def test_officer_may_not_enter_another_officers_measure(council) -> None:
    with pytest.raises(PermissionDenied):
        services.save_observation(
            user=council.officer,
            measure=council.other_measure,
            period=Q1,
            data=services.ValueInput(value=Decimal(1)),
            seen=NOTHING_YET,
            submit=True,
        )


def test_a_new_version_of_a_value_records_the_figures_as_people_write_them(council) -> None:
    first = value(council, Decimal("620"))
    services.approve(user=council.performance, item=first)
    first.refresh_from_db()
    services.save_observation(
        user=council.officer,
        measure=council.own_measure,
        period=Q1,
        data=services.ValueInput(value=Decimal("612.5")),
        seen=token(first),
        submit=True,
    )
    entry = AuditEntry.objects.filter(measure=council.own_measure, verb="submitted").first()
    assert entry.changes == {"value": ["620", "612.5"]}
