"""The annual results report, from Derby's imported 2020/21 results, against the 004 document.

The expected rows are what the 004 reader makes legible (its document's updates and measures);
the report is built from the database after the demo import, so each row has gone through the
writer, the selectors and the builder.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.domain.units import Unit, format_value
from councilplan.imports.matching import best_match
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.performance_results import READER
from councilplan.imports.structure import ActionUpdateIn, MeasureIn, ObservationIn, PlanDocument
from councilplan.imports.text.source import SourceText
from councilplan.measures.models import Observation
from councilplan.plans.models import Action, Plan
from councilplan.reports.shape import Report
from tests.reports.conftest import RESULTS

SEED = "004_c94268a988d2687a.txt"
LAST_Q4, THIS_Q4, LAST_YEAR, THIS_YEAR = "2019/20-Q4", "2020/21-Q4", "2019/20", "2020/21"


def read_seed(seeds: Path) -> PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), ReadContext())


def rows_by_title(report: Report, first_column: str) -> dict[str, tuple[str, ...]]:
    rows = [row for t in report.tables if t.header[0] == first_column for row in t.rows]
    found = {row[0]: row for row in rows}
    assert len(found) == len(rows), "a title is listed twice"
    return found


def action_rows(report: Report) -> dict[str, tuple[str, ...]]:
    return {
        row[0]: row
        for table in report.tables
        if table.caption.startswith("Actions")
        for row in table.rows
    }


def measure_rows(report: Report) -> dict[str, tuple[str, ...]]:
    return {
        row[0]: row
        for table in report.tables
        if table.caption.startswith("Measures")
        for row in table.rows
    }


def rating(update: ActionUpdateIn | None) -> str:
    """What the document's cell says, from what the reader read of it."""
    if update is None:
        return "-"
    if update.progress_rating:
        return ProgressRating(update.progress_rating).label
    assert update.status
    return RagStatus(update.status).label + (" (Q4 DCA)" if update.is_dca else "")


def status(update: ActionUpdateIn | None) -> str:
    if update is None or not (update.progress_rating and update.status) or update.is_dca:
        return "-"
    return RagStatus(update.status).label


def value(observation: ObservationIn | None, measure: MeasureIn) -> str:
    if observation is None:
        return "-"
    if observation.value is None:
        return observation.no_value_reason
    text = format_value(Decimal(observation.value).normalize(), Unit(measure.unit))
    return f"{text} ({observation.data_note})" if observation.data_note else text


def expected_action_rows(doc: PlanDocument, plan: Plan) -> dict[str, tuple[str, ...]]:
    """Each action's expected cells, under the title of the plan action the writer matched."""
    actions = [(a.title, a) for a in Action.objects.filter(plan=plan)]
    by_action: dict[Action, dict[str, ActionUpdateIn]] = {}
    for update in doc.updates:
        match = best_match(update.action.title, actions)  # as the writer matched it
        assert match is not None
        by_action.setdefault(match.candidate, {})[update.period] = update
    return {
        action.title: (
            action.title,
            rating(updates.get(LAST_Q4)),
            rating(updates.get(THIS_Q4)),
            status(updates.get(THIS_Q4)),
        )
        for action, updates in by_action.items()
    }


def expected_measure_rows(doc: PlanDocument) -> dict[str, tuple[str, ...]]:
    """Each measure's expected cells, under the title of the measure its values went to (a row
    whose values could not be read reports nothing, and is not listed)."""
    expected = {}
    for measure in [m for m in doc.measures if m.observations]:
        values = {o.period: o for o in measure.observations}
        first = measure.observations[0]
        stored = Observation.objects.get(
            source=f"{RESULTS.name}:{first.line}", period_year=int(first.period[:4])
        )
        theme = measure.themes[0].path[0] if measure.themes else "-"
        expected[stored.measure.title] = (
            stored.measure.title,
            value(values.get(LAST_YEAR), measure),
            value(values.get(THIS_YEAR), measure),
            "No target set",
            theme,
        )
    return expected


@pytest.mark.django_db
def test_every_legible_row_of_004_appears_with_its_values_and_status(
    seeds: Path, derby_plan: Plan, annual_results: Report
) -> None:
    doc = read_seed(seeds)
    actions, measures = action_rows(annual_results), measure_rows(annual_results)

    expected_actions = expected_action_rows(doc, derby_plan)
    assert len(expected_actions) == 52  # each row of the document went to its own action
    assert {title: row[:4] for title, row in actions.items()} == expected_actions
    expected_measures = expected_measure_rows(doc)
    assert len(expected_measures) == 53  # of 54 measure rows, one has no legible value
    assert set(measures) == set(expected_measures)
    for title, want in expected_measures.items():
        got = measures[title]
        if want[4] == "-":  # the document's theme cell was not legible: the plan's is shown
            got = (*got[:4], "-")
        assert got == want, title


@pytest.mark.django_db
def test_rows_read_as_the_document_text_writes_them(seeds: Path, annual_results: Report) -> None:
    text = (seeds / SEED).read_text()
    rows = {**action_rows(annual_results), **measure_rows(annual_results)}

    def cells(title_start: str) -> str:
        (row,) = [row for title, row in rows.items() if title.startswith(title_start)]
        return "\t".join(row[1:])

    for title_start in (
        "Total number of first attendances in Sexual Health clinics",
        "Percentage of sickness incidents where a return to work",
        "Number of homeless approaches",
        "Implement air quality measures",
        "Progress the transformation of the Market Hall",
        "Upgrade the current committee information system",
        "Explore ways in which climate change can be mitigated",
        "Number of Disabled Facilities Grant adaptations completed",
        "Successful completions as a proportion of all those in drug treatment",
        "Smoking quit rate",
    ):
        assert f"\t{cells(title_start)}\n" in text, title_start


@pytest.mark.django_db
def test_each_portfolio_lists_its_actions_then_its_measures(annual_results: Report) -> None:
    headings = [s.heading for s in annual_results.sections]
    assert headings[0] == "Strategy and Policy"
    # Every measure row of 004 sits under its portfolio's heading, as in the document.
    assert "Not in a portfolio" not in headings
    regeneration = annual_results.sections[1]
    assert regeneration.heading == "Regeneration, Planning and Transportation"
    assert [t.caption for t in regeneration.tables] == [
        "Actions identified in the Council Delivery Plan 2019/20",
        "Measures of the Council Delivery Plan 2019/20",
    ]
    assert regeneration.tables[0].header == (
        "Action or measure",
        "2019/20 actual",
        "Q4 actual",
        "Q4 status",
        "Council plan theme",
    )
