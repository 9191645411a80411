"""A report as one HTML page: GOV.UK classes, captioned tables with header cells, no scripts."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from councilplan.domain.status import RagStatus
from councilplan.reports.shape import Report, Table

# A status cell shows as a GOV.UK tag in its colour; the cell holds the status's label.
TAG_COLOURS = {status.label: status.colour for status in RagStatus}


@dataclass(frozen=True)
class Cell:
    """A cell as the template shows it: its text, and a tag colour for a status."""

    text: str
    tag: str = ""


def cells(table: Table) -> list[list[Cell]]:
    """The table's rows with their status cells marked for tags."""
    return [
        [
            Cell(text, TAG_COLOURS.get(text, "") if column == table.status_column else "")
            for column, text in enumerate(row)
        ]
        for row in table.rows
    ]


def render_text(report: Report) -> str:
    """The report as an HTML document (the PDF renderer lays out the same page)."""
    sections = [
        (section, [(table, cells(table)) for table in section.tables])
        for section in report.sections
    ]
    return render_to_string("reports/report.html", {"report": report, "sections": sections})


def render(report: Report) -> bytes:
    """The report as an HTML file, UTF-8."""
    return render_text(report).encode("utf-8")
