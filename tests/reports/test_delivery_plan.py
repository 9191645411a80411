"""The delivery plan document from Derby's imported Council Delivery Plan 2019/20 (seed 000)."""

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from councilplan.domain.periods import Period
from councilplan.imports.readers import read_file
from councilplan.imports.structure import ActionIn
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Plan
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.renderers import render
from councilplan.reports.shape import Report

SEED = "000_a81e811cd8c78bb5.txt"


def every_action(actions: list[ActionIn]) -> list[ActionIn]:
    return [x for a in actions for x in (a, *every_action(a.sub_actions))]


@pytest.fixture
def imported(seeds: Path, db) -> tuple[list[ActionIn], Report]:
    document = read_file(seeds / SEED)
    apply_document(document)
    (plan_in,) = document.plans
    plan = Plan.objects.get(slug=plan_in.slug)
    report = build_report(
        "delivery-plan", report_scope(plan), Period.parse("2019/20-Q4"), today=date(2019, 6, 1)
    )
    return every_action(plan_in.actions), report


def portfolio_rows(report: Report) -> dict[str, tuple[str, ...]]:
    rows = [row for s in report.sections[1:] for t in s.tables for row in t.rows]
    return {row[0]: row for row in rows}


def test_every_action_appears_with_its_officers_departments_and_timescale(
    imported: tuple[list[ActionIn], Report],
) -> None:
    actions, report = imported
    rows = portfolio_rows(report)

    assert len(actions) == 70
    for action in actions:
        _, success, timescale, departments, officers, _, _ = rows[action.title]
        assert timescale == (action.expected_completion or "-"), action.title
        assert departments.split("; ") == (action.departments or ["-"]), action.title
        assert officers.split("; ") == (action.lead_officers or ["-"]), action.title
        for milestone in action.milestones:
            assert f"{milestone.title} ({milestone.due})" in success.split("\n")


def test_the_theme_index_comes_first_then_each_portfolio_with_its_cabinet_member(
    imported: tuple[list[ActionIn], Report],
) -> None:
    actions, report = imported

    index = report.sections[0]
    assert index.heading == "Delivery plan by theme"
    assert [row[0] for row in index.tables[0].rows] == [
        "A city with big ambitions",
        "A city of health and happiness",
        "A council focussed on the things that matter",
    ]
    assert "Culture; Economy; Regeneration; Skills; Transport" in index.tables[0].rows[0][1]
    assert report.sections[1].heading == (
        "Strategy and Policy \u2013 Cllr Chris Poulter (Leader of the Council)"
    )
    in_portfolios = sum(len(t.rows) for s in report.sections[1:] for t in s.tables)
    assert in_portfolios >= len(actions)  # an action of two portfolios is in both


def test_the_word_document_holds_every_action_row(
    imported: tuple[list[ActionIn], Report],
) -> None:
    actions, report = imported
    document = Document(io.BytesIO(render(report, "docx")))

    titles = {row.cells[0].text for table in document.tables for row in table.rows}
    assert {a.title for a in actions} <= titles
