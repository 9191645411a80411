"""The template as an Excel workbook (.xlsx): a "Read me" sheet, then one sheet per table."""

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument

from .cells import CellValue
from .columns import TABLES, Table
from .docs import readme_rows
from .tables import document_grids, read_document

README = "Read me"
_WIDEST = 60


def write_xlsx(document: PlanDocument, path: Path) -> None:
    """Write ``document`` to a workbook at ``path``, with a "Read me" sheet first."""
    workbook = Workbook()
    readme = workbook.active
    readme.title = README
    _fill(readme, readme_rows())
    readme.column_dimensions["D"].width = 100
    for table, grid in document_grids(document):
        sheet = workbook.create_sheet(table.name)
        _fill(sheet, grid)
        for index, column in enumerate(table.columns, start=1):
            width = min(_WIDEST, max(12, len(column.header) + 4))
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    workbook.save(path)


def _fill(sheet: Any, grid: Iterable[Sequence[CellValue]]) -> None:
    """Put the rows in the sheet, the first in bold and frozen above the others."""
    for row_number, row in enumerate(grid, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column_number, _excel(value))
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula stays text
            if row_number == 1:
                cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="top")
    sheet.freeze_panes = "A2"


def _excel(value: CellValue) -> str | int | float | date | None:
    """A cell value Excel keeps exactly: a decimal as a number only where a float holds it."""
    if isinstance(value, Decimal):
        number = float(value)
        return number if Decimal(repr(number)) == value else str(value)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def is_template_workbook(path: Path) -> bool:
    """Whether a workbook is in the template's layout: it has the template's first sheet."""
    try:
        workbook = load_workbook(path, read_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        return False
    try:
        return TABLES[0].name.casefold() in {name.casefold() for name in workbook.sheetnames}
    finally:
        workbook.close()


def read_xlsx(path: Path) -> PlanDocument:
    """Read a workbook in the template's layout; every problem names sheet, row and column."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError) as exc:
        raise ImportProblem("Not an Excel workbook (.xlsx).", file=path.name) from exc
    try:
        return read_document(path.name, lambda table: (path.name, _rows(workbook, table, path)))
    finally:
        workbook.close()


def _rows(workbook: Workbook, table: Table, path: Path) -> Iterator[Sequence[object]]:
    names = {name.casefold(): name for name in workbook.sheetnames}
    name = names.get(table.name.casefold())
    if name is None:
        message = f'No "{table.name}" sheet.'
        raise ImportProblem(message, file=path.name, field=table.name)
    sheet = workbook[name]
    sheet.reset_dimensions()  # some programs write a wrong size; read every row there is
    return sheet.iter_rows(values_only=True)
