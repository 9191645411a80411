"""Importing councils' own files of every format through the general reader, end to end.

The files are built here, imitating layouts councils publish (each test says which): a KPI
return as a Latin-1, semicolon-separated CSV (as Excel saves it on a UK machine), an action
plan workbook with a merged two-row header, a Word plan written as an outline, and a web page
showing statuses only as CSS classes. Each is read, applied in one transaction and checked in
the database.
"""

import json
import re
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from councilplan.imports.models import SavedMapping
from councilplan.measures.models import Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate
from councilplan.plans.models import Action, Organisation

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def kpi_csv(path: Path) -> Path:
    """A housing KPI return saved by Excel on a UK machine: Windows-1252, semicolons."""
    text = (
        "Code;Indicator;Q1 2024/25;Q2 2024/25;Target 2024/25;Polarity\r\n"
        "HS01;Households in temporary accommodation;95;101;90;Lower\r\n"
        'HS02;"Homes let within 28 days; all tenures";62%;71%;75%;Higher\r\n'
        "HS03;Average rent arrears (\u00a3);\u00a3410;\u00a3395;\u00a3400;Lower\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    return path


def test_a_csv_kpi_return_in_another_encoding_imports_its_values(tmp_path):
    path = kpi_csv(tmp_path / "housing-kpis.csv")
    run(str(path), "--organisation", "anytown", "--apply")
    council = Organisation.objects.get(slug="anytown")
    arrears = Measure.objects.get(organisation=council, code="HS03")
    assert (arrears.title, arrears.unit, arrears.polarity) == (
        "Average rent arrears (\u00a3)",
        "pounds",
        "lower",
    )
    values = Observation.objects.filter(measure__organisation=council)
    assert sorted((o.measure.code, o.period.label, o.value) for o in values) == [
        ("HS01", "2024/25 Q1", 95),
        ("HS01", "2024/25 Q2", 101),
        ("HS02", "2024/25 Q1", 62),
        ("HS02", "2024/25 Q2", 71),
        ("HS03", "2024/25 Q1", 410),
        ("HS03", "2024/25 Q2", 395),
    ]
    assert Target.objects.get(measure__code="HS02").value == 75


def action_workbook(path: Path) -> Path:
    """A directorate's action plan workbook: a title row, theme rows, a merged two-row header
    ("Quarter 2 2024/25" over "RAG" and "Update"), an officer per action."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append(["Place directorate action plan 2024/25"])
    sheet.append(["Ref", "Action", "Lead officer", "Due", "Quarter 2 2024/25", None])
    sheet.append([None, None, None, None, "RAG", "Update"])
    sheet.merge_cells("E2:F2")
    for column in "ABCD":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append(["Clean streets", None, None, None, None, None])
    sheet.append(["P1", "Replace 200 litter bins", "Sam Patel", "Dec-24", "Green", "120 done"])
    sheet.append(
        ["P2", "Launch a fly-tipping taskforce", "Ana Lopez", "Q4 2024/25", "Amber", "Recruiting"]
    )
    book.save(path)
    return path


def test_a_workbook_action_plan_imports_actions_themes_and_statuses(tmp_path):
    path = action_workbook(tmp_path / "place-actions.xlsx")
    run(str(path), "--organisation", "anytown", "--apply")
    bins = Action.objects.get(reference="P1")
    assert bins.title == "Replace 200 litter bins"
    assert [t.title for t in bins.themes.all()] == ["Clean streets"]
    assert [o.name for o in bins.lead_officers.all()] == ["Sam Patel"]
    assert bins.plan.first_year == 2024
    updates = ActionUpdate.objects.order_by("action__reference")
    assert [(u.action.reference, u.status, u.commentary) for u in updates] == [
        ("P1", "green", "120 done"),
        ("P2", "amber", "Recruiting"),
    ]


def outline_docx(path: Path) -> Path:
    """A corporate strategy written as prose: headings, goals, dated commitments."""
    document = docx.Document()
    document.add_heading("Anytown Corporate Strategy 2024-2028", level=1)
    document.add_heading("A greener borough", level=2)
    document.add_paragraph("Goal 1: Net zero council operations by 2030")
    document.add_paragraph(
        "Fit solar panels to ten council buildings by March 2026.", style="List Bullet"
    )
    document.add_paragraph("Replace the fleet with electric vans: Ongoing.", style="List Bullet")
    document.save(path)
    return path


def test_a_word_outline_imports_dated_actions_under_their_themes(tmp_path):
    path = outline_docx(tmp_path / "strategy.docx")
    run(str(path), "--organisation", "anytown", "--apply")
    actions = Action.objects.order_by("title")
    assert [(a.title, a.expected_completion.text) for a in actions] == [
        ("Fit solar panels to ten council buildings", "March 2026"),
        ("Replace the fleet with electric vans", "Ongoing"),
    ]
    assert [t.title for t in actions[0].themes.all()] == ["Net zero council operations by 2030"]


def status_page(path: Path) -> Path:
    """A council's progress web page: the RAG only as a class on an empty cell."""
    path.write_text(
        "<html><body><h1>Anytown Council Plan 2024-2027: Quarter 1 2024/25</h1>"
        "<h2>Thriving economy</h2><table><tr><th>Ref</th><th>Action</th><th>Status</th></tr>"
        '<tr><td>E1</td><td>Open the market hall</td><td class="rag rag-green"></td></tr>'
        '<tr><td>E2</td><td>Adopt the local plan</td><td class="rag rag-red"></td></tr>'
        "</table></body></html>",
        encoding="utf-8",
    )
    return path


def test_a_web_page_s_statuses_shown_only_by_class_are_read(tmp_path):
    path = status_page(tmp_path / "progress.html")
    run(str(path), "--organisation", "anytown", "--apply")
    updates = ActionUpdate.objects.order_by("action__reference")
    assert [(u.action.reference, u.reporting_period.period.label, u.status) for u in updates] == [
        ("E1", "2024/25 Q1", "green"),
        ("E2", "2024/25 Q1", "red"),
    ]


def test_a_corrected_mapping_is_used_and_the_preview_lists_what_was_left(tmp_path):
    path = kpi_csv(tmp_path / "housing-kpis.csv")
    mapping = json.loads(run(str(path), "--organisation", "anytown", "--dump", "mapping"))
    roles = [c["role"] for c in mapping["tables"][0]["columns"]]
    assert roles == ["reference", "title", "actual", "actual", "target", "polarity"]
    mapping["tables"][0]["columns"][4]["role"] = "ignore"
    mapping_file = tmp_path / "housing.json"
    mapping_file.write_text(json.dumps(mapping), encoding="utf-8")
    preview = json.loads(
        run(
            str(path),
            "--organisation",
            "anytown",
            "--mapping",
            str(mapping_file),
            "--dump",
            "preview",
        )
    )
    assert {line["reason"] for line in preview["skipped"]} == {'column "Target 2024/25" not used'}
    assert [line["where"] for line in preview["skipped"]] == [
        "housing-kpis.csv, line 2, cell row 2, column 5",
        "housing-kpis.csv, line 3, cell row 3, column 5",
        "housing-kpis.csv, line 4, cell row 4, column 5",
    ] or all(line["where"].startswith("housing-kpis.csv, line ") for line in preview["skipped"])
    assert not Organisation.objects.exists()


def test_a_mapping_file_with_a_wrong_value_names_the_field(tmp_path):
    path = kpi_csv(tmp_path / "housing-kpis.csv")
    bad = tmp_path / "bad.json"
    bad.write_text('{"tables": [{"signature": "x", "columns": [{"index": 0, "role": "boss"}]}]}')
    with pytest.raises(CommandError, match=r"bad\.json, tables\.0\.columns\.0\.role: "):
        run(str(path), "--organisation", "anytown", "--mapping", str(bad))
    assert not Organisation.objects.exists()


def test_a_mapping_the_council_saved_is_used_by_name(tmp_path):
    path = kpi_csv(tmp_path / "housing-kpis.csv")
    council = Organisation.objects.create(slug="anytown", name="Anytown Borough Council")
    mapping = json.loads(run(str(path), "--organisation", "anytown", "--dump", "mapping"))
    mapping["tables"][0]["columns"][4]["role"] = "ignore"  # the person leaves targets out
    SavedMapping.objects.create(organisation=council, name="Housing KPI return", mapping=mapping)
    run(str(path), "--organisation", "anytown", "--mapping", "Housing KPI return", "--apply")
    assert Observation.objects.count() == 6
    assert not Target.objects.exists()
    with pytest.raises(
        CommandError,
        match=re.escape('No saved mapping "Housing" of anytown. Saved: "Housing KPI return".'),
    ):
        run(str(path), "--organisation", "anytown", "--mapping", "Housing")
