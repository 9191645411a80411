"""Imported timescales are read against their plan, and a revised one leaves its original date
in the action's history."""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from councilplan.domain.fuzzy_dates import Precision
from councilplan.history.models import AuditEntry, Verb
from councilplan.imports.structure import PlanDocument
from councilplan.imports.template import read_csv, write_csv
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Action, Milestone
from tests.imports.template_documents import demo_data

pytestmark = pytest.mark.django_db

# The demo's plan is the Delivery Plan 2019/20: it starts on 1 April 2019.
FIRST_ACTION = "AHH1"


def with_timescales(
    expected_completion: str, milestone_due: str = "", start: str = ""
) -> PlanDocument:
    """The Derby demo with its first action's timescales (and one milestone) replaced."""
    data: dict[str, Any] = demo_data()
    action = data["plans"][0]["actions"][0]
    assert action["reference"] == FIRST_ACTION
    action["expected_completion"] = expected_completion
    action["start"] = start
    action["milestones"] = (
        [{"title": "Review reported to Cabinet", "due": milestone_due}] if milestone_due else []
    )
    return PlanDocument.model_validate(data)


def revisions() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action__reference=FIRST_ACTION).order_by("id"))


def test_plan_relative_timescales_get_dates_from_the_plan_start() -> None:
    apply_document(with_timescales("Year 1", "Within 6 months", start="Q1 2019/20"))

    action = Action.objects.get(reference=FIRST_ACTION)
    completion, due = action.expected_completion, action.milestones.get().due
    assert (completion.start, completion.end, completion.precision) == (
        date(2019, 4, 1),
        date(2020, 3, 31),
        Precision.FINANCIAL_YEAR,
    )
    assert (due.start, due.end, due.precision) == (date(2019, 4, 1), date(2019, 9, 30), "month")
    assert action.start.precision == Precision.QUARTER


def test_plan_read_through_the_csv_template_gets_dates_for_year_1(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    write_csv(with_timescales("By the end of year 1", "Q3 2019/20 (was Q2 2019/20)"), folder)

    apply_document(read_csv(folder))

    action = Action.objects.get(reference=FIRST_ACTION)
    assert (action.expected_completion.start, action.expected_completion.end) == (
        date(2020, 3, 1),
        date(2020, 3, 31),
    )
    due = Milestone.objects.get(action=action).due
    assert (due.start, due.end) == (date(2019, 10, 1), date(2019, 12, 31))
    assert due.revised_from is not None
    assert due.revised_from.text == "Q2 2019/20"


def test_revised_timescale_puts_its_original_date_in_the_action_history() -> None:
    apply_document(with_timescales("June 2020 (was March 2020)"))

    action = Action.objects.get(reference=FIRST_ACTION)
    assert action.expected_completion.end == date(2020, 6, 30)
    [entry] = revisions()
    assert (entry.verb, entry.user, entry.action) == (Verb.CHANGED, None, action)
    assert entry.changes == {"expected_completion": ["March 2020", "June 2020 (was March 2020)"]}
    assert "revised from March 2020" in entry.summary


def test_revised_milestone_puts_its_original_date_in_its_action_history() -> None:
    apply_document(with_timescales("March 2020", "Revised to May 2020 (originally April 2020)"))

    [entry] = revisions()
    assert entry.changes == {"due": ["April 2020", "Revised to May 2020 (originally April 2020)"]}
    assert entry.summary.startswith('Milestone "Review reported to Cabinet"')


def test_importing_the_same_revision_again_records_it_once() -> None:
    apply_document(with_timescales("June 2020 (was March 2020)"))
    apply_document(with_timescales("June 2020 (was March 2020)"))

    assert len(revisions()) == 1


def test_a_later_revision_of_an_imported_action_is_recorded_too() -> None:
    apply_document(with_timescales("March 2020"))
    apply_document(with_timescales("September 2020 - revised from March 2020"))

    [entry] = revisions()
    assert entry.changes["expected_completion"][0] == "March 2020"
    action = Action.objects.get(reference=FIRST_ACTION)
    assert action.expected_completion.end == date(2020, 9, 30)


def test_timescale_without_a_revision_leaves_no_history() -> None:
    apply_document(with_timescales("Q3 2019/20", "Nov-19"))

    assert revisions() == []


def test_dry_run_of_a_revision_records_nothing() -> None:
    apply_document(with_timescales("June 2020 (was March 2020)"), dry_run=True)

    assert AuditEntry.objects.count() == 0
