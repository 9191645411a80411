"""Workbooks: Excel (.xlsx with openpyxl; .xls with python-calamine) and OpenDocument (.ods).

Every visible sheet is read (hidden and very hidden sheets are skipped, like hidden rows and
columns: see ``sheet_tables``). Values stay typed: numbers as ``int`` or ``Decimal`` (the
decimal as typed, not its binary approximation), dates as ``date`` (``datetime`` when they
carry a time), booleans as ``bool``; formulas give the value Excel last calculated. The text of
a cell is what Excel shows, through its number format ("29.4%", "£16,000", "30/09/2023").
A cell's solid fill and coloured font become hints ("fill #FFC000", "fill amber"), since
statuses are often only colours.

.xls and .ods are read with python-calamine, which gives values (and an .xls file's merged
cells) but no number formats, fonts, fills or hidden rows and columns: an .xls file's numbers
show as General and its hidden rows and columns are read like the others. An .ods file's merges,
shown texts and hidden places are read from its XML (``ods_layout``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from openpyxl import load_workbook  # type: ignore[import-untyped]
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetVisibleEnum

from councilplan.imports.problems import ImportProblem

from .layout import CellCounter, colour_hints
from .limits import Limits, Progress
from .number_formats import display_text, exact
from .ods_layout import SheetLayout, read_layout
from .shape import Block, CellValue, ExtractedDocument
from .sheet_tables import SheetCell, SheetGrid, sheet_blocks

_PLAIN_FONT = {None, "FF000000", "00000000"}


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """All visible sheets of the workbook as headings and tables."""
    kind = _kind(path)
    grids = _openpyxl_grids if kind == "xlsx" else _calamine_grids
    blocks: list[Block] = []
    sheets = 0
    for grid in grids(path, limits, progress):
        blocks.extend(sheet_blocks(grid, path.name))
        sheets += 1
    return ExtractedDocument(name=path.name, format=kind, blocks=tuple(blocks), pages=sheets)


def _kind(path: Path) -> str:
    """xlsx or ods (both zips, an .ods with a "mimetype" member), else xls."""
    if not zipfile.is_zipfile(path):
        return "xls"
    with zipfile.ZipFile(path) as archive:
        return "ods" if "mimetype" in archive.namelist() else "xlsx"


def _check_sheet_count(count: int, limits: Limits, name: str) -> None:
    if count > limits.max_pages:
        raise ImportProblem(
            f"The workbook has {count} sheets, over the limit of {limits.max_pages}.", file=name
        )


def _openpyxl_grids(path: Path, limits: Limits, progress: Progress) -> Any:
    """Each visible sheet of an .xlsx workbook, with formats, fills, merges and hidden places."""
    try:
        # Not read-only: merged cells and hidden rows are only there in the full model. The
        # zip was measured against the limits before this, so the full model stays bounded.
        workbook = load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ImportProblem(
            f"The Excel workbook is damaged and cannot be read ({type(exc).__name__}: {exc}).",
            file=path.name,
        ) from exc
    sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    _check_sheet_count(len(sheets), limits, path.name)
    counter = CellCounter(limits, path.name)
    for done, sheet in enumerate(sheets, start=1):
        counter.add(len(sheet._cells), sheet=sheet.title)  # the cells the file holds
        cells: dict[tuple[int, int], SheetCell] = {}
        for (row, column), cell in sheet._cells.items():
            read = _openpyxl_cell(cell)
            if read is not None:
                cells[(row - 1, column - 1)] = read
        hidden_columns: set[int] = set()
        for dimension in sheet.column_dimensions.values():
            if dimension.hidden and dimension.min and dimension.max:
                hidden_columns.update(range(dimension.min - 1, min(dimension.max, 16384)))
        yield SheetGrid(
            name=sheet.title,
            cells=cells,
            merges=[
                (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                for m in sheet.merged_cells.ranges
            ],
            hidden_rows={r - 1 for r, d in sheet.row_dimensions.items() if d.hidden},
            hidden_columns=hidden_columns,
        )
        progress(done, len(sheets))


def _openpyxl_cell(cell: Any) -> SheetCell | None:
    """One cell's text, typed value and styling hints; None for an empty unstyled cell."""
    value = cell.value
    hints: tuple[str, ...] = ()
    if cell.fill is not None and cell.fill.fill_type == "solid":
        rgb = cell.fill.fgColor.rgb
        hints += colour_hints("fill", rgb if isinstance(rgb, str) else None)
    font_rgb = (
        cell.font.color.rgb if cell.font is not None and cell.font.color is not None else None
    )
    if isinstance(font_rgb, str) and font_rgb.upper() not in _PLAIN_FONT:
        hints += colour_hints("text", font_rgb)
    if value is None or value == "":
        return SheetCell("", hints=hints) if hints else None
    if cell.data_type == "e":  # an error such as #DIV/0!
        return SheetCell(str(value), hints=hints)
    return SheetCell(
        text=display_text(value, cell.number_format).strip(),
        value=_typed(value),
        hints=hints,
        bold=bool(cell.font is not None and cell.font.b),
    )


def _calamine_grids(path: Path, limits: Limits, progress: Progress) -> Any:
    """Each visible sheet of an .xls or .ods workbook, with its merged cells."""
    with _calamine_problems(path.name):
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [m.name for m in workbook.sheets_metadata if m.visible == SheetVisibleEnum.Visible]
    layouts = _ods_layouts(path) if _kind(path) == "ods" else {}
    _check_sheet_count(len(sheets), limits, path.name)
    counter = CellCounter(limits, path.name)
    for done, name in enumerate(sheets, start=1):
        with _calamine_problems(path.name, name):
            sheet = workbook.get_sheet_by_name(name)
            counter.add(sheet.height * sheet.width, sheet=name)
            rows = sheet.to_python(skip_empty_area=False)
            merges = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []]
        layout = layouts.get(name, SheetLayout())
        cells = {
            (r, c): SheetCell(layout.texts.get((r, c), display_text(value)).strip(), _typed(value))
            for r, row in enumerate(rows)
            for c, value in enumerate(row)
            if value not in ("", None)
        }
        yield SheetGrid(
            name=name,
            cells=cells,
            merges=merges or layout.merges,
            hidden_rows=layout.hidden_rows,
            hidden_columns=layout.hidden_columns,
        )
        progress(done, len(sheets))


@contextmanager
def _calamine_problems(name: str, sheet: str = "") -> Iterator[None]:
    """calamine's errors, and the panics of its Rust code on a damaged file, as problems."""
    try:
        yield
    except PasswordError as exc:
        raise ImportProblem(
            "The workbook is password-protected: save it without a password and try again.",
            file=name,
        ) from exc
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportProblem(
            f"The workbook is damaged and cannot be read ({exc}).", file=name, sheet=sheet
        ) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3's, raised past Exception
            raise
        raise ImportProblem(
            "The workbook is damaged and cannot be read.", file=name, sheet=sheet
        ) from exc


def _ods_layouts(path: Path) -> dict[str, SheetLayout]:
    try:
        return read_layout(path)
    except (KeyError, ParseError, DefusedXmlException, zipfile.BadZipFile) as exc:
        raise ImportProblem(
            f"The spreadsheet is damaged and cannot be read ({exc}).", file=path.name
        ) from exc


def _typed(value: Any) -> CellValue:
    """A workbook value as the shape keeps it: exact numbers, dates without a midnight time."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return exact(value)
    if isinstance(value, datetime) and value.time() == time():
        return value.date()
    if isinstance(value, int | str | date | datetime):
        return value
    return str(value)
