"""A report as an Excel workbook: a sheet per section, each table under its caption and header."""

import io
import re

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.worksheet.worksheet import Worksheet  # type: ignore[import-untyped]

from councilplan.reports.shape import Report, Section

SHEET_NAME_LENGTH = 31  # Excel's limit
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
WIDEST_COLUMN = 60


def render(report: Report) -> bytes:
    """The report as .xlsx: the title on its own sheet, then a sheet for each section."""
    book = Workbook()
    cover = book.active
    assert cover is not None  # a new workbook has one sheet
    cover.title = "Report"
    for line in (report.title, report.subtitle, *report.introduction):
        cover.append([line])
    cover["A1"].font = Font(bold=True, size=14)
    names = {"Report"}
    for section in report.sections:
        sheet = book.create_sheet(sheet_name(section.heading, names))
        write_section(sheet, section)
    book.properties.title = report.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheet_name(heading: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\), unique in the workbook."""
    base = _NOT_IN_SHEET_NAMES.sub(" ", heading)[:SHEET_NAME_LENGTH].strip() or "Section"
    name, number = base, 2
    while name.casefold() in {t.casefold() for t in taken}:
        suffix = f" ({number})"
        name, number = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name


def write_section(sheet: Worksheet, section: Section) -> None:
    """The section's heading, paragraphs and tables, one under the other."""
    sheet.append([section.heading])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
    for paragraph in section.paragraphs:
        sheet.append([paragraph])
    widths: dict[int, int] = {}
    for table in section.tables:
        sheet.append([])
        sheet.append([table.caption])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        sheet.append(list(table.header))
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
            for column, text in enumerate(row, start=1):
                widths[column] = max(widths.get(column, 8), min(len(text), WIDEST_COLUMN))
    for column, width in widths.items():
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width + 2
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
