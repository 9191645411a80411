"""The CSV and Excel template: round trips, the Read me and docs, and located problems."""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from councilplan.imports.export import document_from_database
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import read_file
from councilplan.imports.structure import PlanDocument
from councilplan.imports.template import (
    read_csv,
    read_xlsx,
    template_markdown,
    write_csv,
    write_xlsx,
)
from councilplan.imports.template.columns import TABLES
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Organisation
from tests.conftest import REPO
from tests.imports.template_documents import (
    comparable,
    demo,
    empty_the_database,
    fuller,
    row_counts,
)
from tests.imports.template_edits import Grid, add_column, drop_column, edit, remove, set_cell

pytestmark = pytest.mark.django_db
FORMATS = ["xlsx", "csv", "zip"]


def write(document: PlanDocument, folder: Path, fmt: str) -> Path:
    """The document in the template, as a workbook, a folder of CSV files or a .zip of them."""
    path = folder / {"xlsx": "derby.xlsx", "csv": "derby", "zip": "derby.zip"}[fmt]
    (write_xlsx if fmt == "xlsx" else write_csv)(document, path)
    return path


def export(slug: str = "derby") -> PlanDocument:
    return document_from_database(Organisation.objects.get(slug=slug))


def import_command(path: Path) -> str:
    out = StringIO()
    call_command("import", str(path), "--apply", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("make", [demo, fuller], ids=["demo", "fuller"])
def test_round_trip_through_an_empty_database_gives_the_same_data(
    tmp_path: Path, fmt: str, make: Callable[[], PlanDocument]
) -> None:
    apply_document(make())
    first, counts = export(), row_counts()
    path = write(first, tmp_path, fmt)
    empty_the_database()
    import_command(path)
    assert comparable(export()) == comparable(first)
    assert row_counts() == counts


@pytest.mark.parametrize("fmt", FORMATS)
def test_reading_what_was_written_gives_the_document_back(tmp_path: Path, fmt: str) -> None:
    apply_document(fuller())
    document = export()
    read = read_file(write(document, tmp_path, fmt))
    assert comparable(read) == comparable(document)
    assert read.source == {"xlsx": "derby.xlsx", "csv": "derby", "zip": "derby.zip"}[fmt]


def test_items_remember_their_spreadsheet_row(tmp_path: Path) -> None:
    apply_document(demo())
    read = read_xlsx(write(export(), tmp_path, "xlsx"))
    assert [action.line for action in read.plans[0].actions] == [2, 3, 4, 5, 6, 7]
    assert read.measures[0].observations[0].line == 2


def test_every_table_is_a_sheet_and_a_csv_file_with_human_headers(tmp_path: Path) -> None:
    apply_document(demo())
    workbook = load_workbook(write(export(), tmp_path, "xlsx"))
    assert workbook.sheetnames == ["Read me", *(table.name for table in TABLES)]
    actions = [cell.value for cell in workbook["Actions"][1]]
    assert "Expected completion" in actions
    assert "No-value reason" in [cell.value for cell in workbook["Observations"][1]]
    folder = write(export(), tmp_path, "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted(table.file for table in TABLES)
    header = (folder / "actions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",")[:3] == ["Plan", "Reference", "Title"]


def test_values_are_written_as_people_read_them(tmp_path: Path) -> None:
    apply_document(fuller())
    folder = write(export(), tmp_path, "csv")
    measures = {
        row["Code"]: row for row in csv.DictReader((folder / "measures.csv").open(encoding="utf-8"))
    }
    assert measures["ASCOF 2A(2)"]["Polarity"] == "Lower is better"
    assert measures["ASCOF 2A(2)"]["Actions"] == "delivery-plan-2019-20: AHH2"
    assert measures["AHH-RS"]["Actions"] == (
        "delivery-plan-2019-20: AHH4; "
        "delivery-plan-2020-21: An action with no reference; delivery-plan-2020-21: R1.2.1"
    )
    actions = list(csv.DictReader((folder / "actions.csv").open(encoding="utf-8")))
    assert actions[1]["Expected completion"] == "On-going to the end of March 2020"
    r1 = next(row for row in actions if row["Reference"] == "R1")
    assert r1["Other links"] == 'Housing Strategy; "Derby Plan; 2030"; """Quoted"" plan"'
    assert r1["Themes"] == '"""Recovery > renewal"" > Housing; homes"'
    targets = list(csv.DictReader((folder / "targets.csv").open(encoding="utf-8")))
    target = next(row for row in targets if row["Measure"] == "ASCOF 2A(2)")
    assert (target["Period"], target["Value"], target["Tolerance"]) == ("2020/21", "590", "5")
    plans = list(csv.DictReader((folder / "plans.csv").open(encoding="utf-8")))
    assert (plans[0]["First year"], plans[0]["Published"]) == ("2019/20", "Yes")


def test_text_that_looks_like_a_formula_stays_text_in_excel(tmp_path: Path) -> None:
    apply_document(fuller())
    sheet = load_workbook(write(export(), tmp_path, "xlsx"))["Actions"]
    header = [cell.value for cell in sheet[1]]
    cells = [row[header.index("Success criteria")] for row in sheet.iter_rows(min_row=2)]
    formula = next(cell for cell in cells if cell.value and str(cell.value).startswith("="))
    assert formula.data_type == "s"


def test_read_me_sheet_explains_every_column(tmp_path: Path) -> None:
    workbook = load_workbook(write(demo(), tmp_path, "xlsx"))
    rows = [[cell.value for cell in row] for row in workbook["Read me"].iter_rows()]
    explained = {(row[0], row[1]) for row in rows if len(row) > 1 and row[1]}
    for table in TABLES:
        for column in table.columns:
            assert (table.name, column.header) in explained


def test_docs_template_md_is_generated_from_the_columns() -> None:
    assert (REPO / "docs" / "template.md").read_text() == template_markdown(), (
        "regenerate docs/template.md as councilplan/imports/template/docs.py says"
    )
    assert "| Expected completion |" in template_markdown()


# Bad input: each case edits one table of a good export and names the place it expects.


@dataclass(frozen=True)
class Bad:
    """An edit of one table of a good export, and the problem it must give."""

    name: str
    table: str
    change: Callable[[Grid], Grid | None]
    line: int | None
    column: str
    message: str

    @property
    def field(self) -> str:
        return f"{self.table}.{self.column}" if self.column else self.table


A_PLAN = "delivery-plan-2019-20"
NEW_MILESTONE = ["nowhere-plan", "AHH1", "Step", "", ""]
BAD = [
    Bad("missing table", "Targets", remove, None, "", 'No "'),
    Bad(
        "missing column",
        "Actions",
        drop_column("Expected completion"),
        1,
        "Expected completion",
        'Missing column "Expected completion"',
    ),
    Bad("unknown column", "Measures", add_column("Colour"), 1, "Colour", 'Unknown column "Colour"'),
    Bad(
        "non-number value",
        "Observations",
        set_cell(3, "Value", "about 20"),
        3,
        "Value",
        '"about 20" is not a number',
    ),
    Bad(
        "unknown polarity",
        "Measures",
        set_cell(2, "Polarity", "Sideways"),
        2,
        "Polarity",
        'Unknown polarity "Sideways". Use one of: Higher is better',
    ),
    Bad(
        "action not in the file",
        "Updates",
        set_cell(4, "Action", "ZZ9"),
        4,
        "Action",
        f'No action "ZZ9" in plan "{A_PLAN}"',
    ),
    Bad(
        "measure not in the file",
        "Observations",
        set_cell(2, "Measure", "NOPE 1"),
        2,
        "Measure",
        'No measure in Measures has the code or title "NOPE 1"',
    ),
    Bad(
        "bad date",
        "Reporting periods",
        set_cell(2, "Deadline", "soon"),
        2,
        "Deadline",
        '"soon" is not a date',
    ),
    Bad(
        "bad period",
        "Targets",
        set_cell(2, "Period", "2020/99"),
        2,
        "Period",
        "is not a financial year",
    ),
    Bad(
        "target with neither value nor suspension reason",
        "Targets",
        set_cell(2, "Value", ""),
        2,
        "Suspended reason",
        "Give the target's value, or the reason it is suspended",
    ),
    Bad(
        "suspended target with a value",
        "Targets",
        set_cell(2, "Suspended reason", "not set due to COVID-19"),
        2,
        "Suspended reason",
        "A suspended target has no value",
    ),
    Bad(
        "interpolation with no baseline",
        "Targets",
        set_cell(2, "Interpolate", "Yes"),
        2,
        "Interpolate",
        "needs its Baseline and Baseline year",
    ),
    Bad(
        "profile not adding up",
        "Measures",
        set_cell(2, "Target profile", "20/25/25/25"),
        2,
        "Target profile",
        "must add up to 100%, not 95%",
    ),
    Bad(
        "theme not in the file",
        "Actions",
        set_cell(2, "Themes", "A city of nowhere"),
        2,
        "Themes",
        'No theme "A city of nowhere"',
    ),
    Bad(
        "theme parent not above",
        "Themes",
        set_cell(3, "Path", "Missing > Culture"),
        3,
        "Path",
        'Its parent theme "Missing" is not above it',
    ),
    Bad(
        "action its own parent",
        "Actions",
        set_cell(2, "Parent", "AHH1"),
        2,
        "Parent",
        "make a loop",
    ),
    Bad(
        "duplicate reference",
        "Actions",
        set_cell(3, "Reference", "AHH1"),
        3,
        "Reference",
        'Reference "AHH1" is already used',
    ),
    Bad(
        "invalid slug",
        "Plans",
        set_cell(2, "Slug", "Not A Slug"),
        2,
        "Slug",
        "should match pattern",
    ),
    Bad(
        "plan not in the file",
        "Milestones",
        lambda grid: [grid[0], NEW_MILESTONE],
        2,
        "Plan",
        'Plan "nowhere-plan" is not in the Plans table',
    ),
    Bad(
        "no organisation row",
        "Organisation",
        lambda grid: [grid[0]],
        None,
        "",
        "Needs exactly one row",
    ),
]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad", BAD, ids=[bad.name for bad in BAD])
def test_bad_input_names_file_row_and_column_and_changes_nothing(
    tmp_path: Path, fmt: str, bad: Bad
) -> None:
    apply_document(demo())
    path = write(export(), tmp_path, fmt)
    edit(path, fmt, bad.table, bad.change)
    Organisation.objects.filter(slug="derby").update(name="Derby before the import")
    counts = row_counts()
    with pytest.raises(CommandError) as caught:
        import_command(path)
    problem = caught.value.__cause__
    assert isinstance(problem, ImportProblem)
    assert bad.message in problem.message
    assert (problem.line, problem.field) == (bad.line, bad.field)
    whole_file = fmt == "xlsx" or bad.change is remove
    expected_file = path.name if whole_file else f"{path.name}/{_file(bad.table)}"
    assert problem.file == expected_file
    assert str(problem).startswith(expected_file)
    assert row_counts() == counts
    assert Organisation.objects.get(slug="derby").name == "Derby before the import"


def _file(table: str) -> str:
    return next(t.file for t in TABLES if t.name == table)


def test_a_problem_found_while_applying_leaves_the_database_unchanged(tmp_path: Path) -> None:
    apply_document(demo())
    path = write(export(), tmp_path, "xlsx")
    edit(path, "xlsx", "Actions", set_cell(3, "Lead officers", "Nobody At All"))
    counts = row_counts()
    with pytest.raises(
        CommandError, match=r'derby.xlsx, line 3, lead_officers: Unknown officer "Nobody'
    ):
        import_command(path)
    assert row_counts() == counts


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("broken.xlsx", b"not a workbook", "Not an Excel workbook", id="xlsx"),
        pytest.param("broken.zip", b"not a zip", "Not a folder or .zip of CSV files", id="zip"),
    ],
)
def test_a_file_that_is_not_a_template_is_a_clear_problem(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    reader = read_xlsx if name.endswith(".xlsx") else read_csv
    with pytest.raises(ImportProblem, match=message) as caught:
        reader(path)
    assert caught.value.file == name


def test_csv_saved_by_excel_with_a_byte_order_mark_reads(tmp_path: Path) -> None:
    folder = write(demo(), tmp_path, "csv")
    text = (folder / "measures.csv").read_text(encoding="utf-8")
    (folder / "measures.csv").write_text(text, encoding="utf-8-sig")
    assert len(read_csv(folder).measures) == len(demo().measures)


def test_a_person_may_type_values_their_own_way(tmp_path: Path) -> None:
    path = write(demo(), tmp_path, "xlsx")
    edit(path, "xlsx", "Measures", set_cell(2, "Polarity", "lower"))
    edit(path, "xlsx", "Observations", set_cell(2, "Value", 594.6))
    edit(path, "xlsx", "Plans", set_cell(2, "First year", 2019))
    edit(path, "xlsx", "Reporting periods", set_cell(2, "Deadline", "24/07/2020"))
    edit(path, "xlsx", "Targets", set_cell(2, "Tolerance is percent", "y"))
    read = read_xlsx(path)
    assert comparable(read) == comparable(demo())
