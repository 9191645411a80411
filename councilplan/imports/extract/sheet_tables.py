"""A worksheet's cells as headings and tables, however many tables the sheet holds.

A council's sheet is rarely one clean table: a title in A1 ("Council Plan KPIs 2023/24"), a
blank row, a table with a two-row header of merged cells ("2023/24" over Q1 Q2 Q3 Q4), a blank
row, another titled table; sometimes a second header band straight after the first table's
rows. Blank rows split a sheet into bands; a band of one-cell rows is headings, whose last is
the heading of the table below; title rows on top of a band are its table's heading; a row
that repeats the table's header, or a bold header row after rows that are not bold, starts a
new table. Hidden rows and columns are left out (they hold workings and superseded figures,
and reading them would put values nobody sees into the plan); the other places keep their
sheet coordinates ("B7").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from .layout import MAX_TITLE_ROWS, title_rows
from .shape import Block, Cell, CellValue, SourceRef, Table, TextBlock


@dataclass(frozen=True)
class SheetCell:
    """What a workbook gives for one cell: its shown text, typed value and styling hints."""

    text: str
    value: CellValue = None
    hints: tuple[str, ...] = ()
    bold: bool = False


@dataclass
class SheetGrid:
    """A sheet as read, 0-based: its non-blank cells, merged ranges and hidden places."""

    name: str
    cells: dict[tuple[int, int], SheetCell]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class _Placed:
    """A visible cell at its sheet place, with its spans over visible rows and columns."""

    row: int
    column: int
    cell: SheetCell
    row_span: int = 1
    column_span: int = 1
    last_row: int = -1  # the last sheet row a merged cell covers


def sheet_blocks(grid: SheetGrid, file: str) -> list[Block]:
    """The sheet's name as a heading, then its headings and tables in reading order."""
    placed = _place(grid)
    rows: dict[int, list[_Placed]] = {}
    for item in placed:
        rows.setdefault(item.row, []).append(item)
    sheet_ref = SourceRef(file, sheet=grid.name)
    blocks: list[Block] = [TextBlock("heading", grid.name, sheet_ref, level=1)]
    heading = grid.name
    for band in _bands(rows, grid.hidden_rows):
        filled = [[p for p in rows[r] if p.cell.text.strip()] for r in band]
        if len(band) <= MAX_TITLE_ROWS and all(len(cells) == 1 for cells in filled):
            titles = len(band)
        else:
            first = min(p.column for r in band for p in rows[r])
            titles = title_rows([_dense(rows[r], first) for r in band])
        for cells in filled[:titles]:
            heading = cells[0].cell.text
            blocks.append(TextBlock("heading", heading, _ref(file, grid.name, cells[0]), level=2))
        for table_rows in _split_at_headers(band[titles:], rows):
            blocks.append(_table(table_rows, rows, grid, file, heading))
    return blocks


def _place(grid: SheetGrid) -> list[_Placed]:
    """Visible cells with merged cells once, at their first visible place, spans counted."""
    covered: set[tuple[int, int]] = set()
    anchors: dict[tuple[int, int], _Placed] = {}
    for r1, c1, r2, c2 in grid.merges:
        rows = [r for r in range(r1, r2 + 1) if r not in grid.hidden_rows]
        columns = [c for c in range(c1, c2 + 1) if c not in grid.hidden_columns]
        covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        cell = grid.cells.get((r1, c1))
        if rows and columns and cell is not None:
            anchors[(rows[0], columns[0])] = _Placed(
                rows[0], columns[0], cell, len(rows), len(columns), last_row=rows[-1]
            )
    placed = list(anchors.values())
    for (row, column), cell in grid.cells.items():
        if (row, column) in covered or row in grid.hidden_rows or column in grid.hidden_columns:
            continue
        placed.append(_Placed(row, column, cell, last_row=row))
    return sorted(placed, key=lambda p: (p.row, p.column))


def _dense(cells: list[_Placed], first: int) -> list[str]:
    """A row's texts from the band's first column, blanks where there is no cell."""
    texts = [""] * (max(p.column for p in cells) - first + 1)
    for p in cells:
        texts[p.column - first] = p.cell.text
    return texts


def _bands(rows: dict[int, list[_Placed]], hidden: set[int]) -> list[list[int]]:
    """Runs of sheet rows with something in them (or under a merged cell), split at blank rows.

    Hidden rows are not blank rows: a table with a hidden row in it stays one table.
    """
    bands: list[list[int]] = []
    reach = -1  # the last row a merged cell above reaches
    for row in sorted(rows):
        if not bands or any(r not in hidden for r in range(max(bands[-1][-1], reach) + 1, row)):
            bands.append([])
        bands[-1].append(row)
        reach = max(reach, *(p.last_row for p in rows[row]))
    return bands


def _split_at_headers(band: list[int], rows: dict[int, list[_Placed]]) -> list[list[int]]:
    """A band cut where a new header starts: the first header repeated, or bold after plain."""
    if not band:
        return []
    tables = [[band[0]]]
    header = [p.cell.text for p in rows[band[0]] if p.cell.text.strip()]
    for previous, row in pairwise(band):
        cells = [p for p in rows[row] if p.cell.text.strip()]
        texts = [p.cell.text for p in cells]
        repeated = texts == header and len(texts) >= 2
        bold_band = (
            len(cells) >= 2
            and all(p.cell.bold and isinstance(p.cell.value, str) for p in cells)
            and not all(p.cell.bold for p in rows[previous] if p.cell.text.strip())
            and len(tables[-1]) > 1
        )
        if repeated or bold_band:
            tables.append([])
            header = texts
        tables[-1].append(row)
    return tables


def _table(
    band: list[int], rows: dict[int, list[_Placed]], grid: SheetGrid, file: str, heading: str
) -> Table:
    items = [p for r in band for p in rows[r]]
    first_column = min(p.column for p in items)
    last_column = max(p.column for p in items)
    columns = [c for c in range(first_column, last_column + 1) if c not in grid.hidden_columns]
    column_index = {c: i for i, c in enumerate(columns)}
    row_index = {r: i for i, r in enumerate(band)}
    cells = tuple(
        Cell(
            text=p.cell.text,
            row=row_index[p.row],
            column=column_index[p.column],
            source=_ref(file, grid.name, p),
            row_span=min(p.row_span, len(band) - row_index[p.row]),
            column_span=p.column_span,
            value=p.cell.value,
            hints=p.cell.hints,
        )
        for p in items
    )
    place = f"{_address(band[0], first_column)}:{_address(band[-1], last_column)}"
    return Table(cells=cells, source=SourceRef(file, sheet=grid.name, cell=place), heading=heading)


def _ref(file: str, sheet: str, placed: _Placed) -> SourceRef:
    return SourceRef(file, sheet=sheet, cell=_address(placed.row, placed.column))


def _address(row: int, column: int) -> str:
    return f"{get_column_letter(column + 1)}{row + 1}"
