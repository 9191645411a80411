"""The renderers on a small report: any builder's result reads the same in every format."""

import csv
import io

import pytest
from openpyxl import load_workbook

from councilplan.reports.renderers import render
from councilplan.reports.renderers.xlsx import sheet_name
from councilplan.reports.shape import Report, Section, Table

TABLE = Table(
    "Measures", ("Measure", "Value", "Status"), (("Fly-tips: removed", "1,200", "Red"),), 2
)
REPORT = Report(
    title="Small report",
    subtitle="A council",
    sections=(
        Section("Communities: streets [and parks]", tables=(TABLE,)),
        Section("Communities: streets [and parks] too", paragraphs=("Nothing to report.",)),
    ),
)


def test_a_row_of_the_wrong_width_is_refused() -> None:
    with pytest.raises(ValueError, match="has 1 cells, not 2"):
        Table("T", ("A", "B"), (("only one",),))


def test_sheet_names_are_cut_cleaned_and_unique() -> None:
    taken: set[str] = set()

    first = sheet_name("Communities: streets [and parks] and more", taken)
    second = sheet_name("Communities: streets [and parks] and more", taken)

    assert first == "Communities  streets  and parks"
    assert len(second) <= 31
    assert second.endswith(" (2)")


def test_every_format_holds_the_rows() -> None:
    rows = list(csv.reader(io.StringIO(render(REPORT, "csv").decode("utf-8-sig"))))
    assert rows[1:] == [
        ["Section", "Table", "Measure", "Value", "Status"],
        ["Communities: streets [and parks]", "Measures", "Fly-tips: removed", "1,200", "Red"],
    ]
    book = load_workbook(io.BytesIO(render(REPORT, "xlsx")))
    assert len(book.sheetnames) == 3
    assert ("Fly-tips: removed", "1,200", "Red") in set(
        book.worksheets[1].iter_rows(values_only=True)
    )
    html = render(REPORT, "html").decode()
    assert '<th scope="row" class="govuk-table__header">Fly-tips: removed</th>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in html
    assert '<p class="govuk-body">Nothing to report.</p>' in html


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match='No format "odt"'):
        render(REPORT, "odt")
