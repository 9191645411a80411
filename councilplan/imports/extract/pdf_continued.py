"""Tables carried over to the next page become one table, their header kept once.

A table that ends one page and one that starts the next, with the same columns, are one
table. The next page's copy of the header rows is dropped; a first row whose first cell is
empty carries on the last row of the page before (a row broken by the page), so its texts are
added to that row's cells.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from .pdf_cells import DraftCell, DraftTable, glue
from .pdf_page import PageItem

MAX_HEADER_ROWS = 3


def joined_tables(items: list[PageItem], furniture: set[int]) -> list[PageItem]:
    """Items with each table that ends a page joined to one with its columns starting the next
    (running footers and headers between them aside)."""
    joined: list[PageItem] = []
    for item in items:
        at = len(joined) - 1
        while at >= 0 and id(joined[at]) in furniture:
            at -= 1
        previous = joined[at] if at >= 0 else None
        if (
            isinstance(item, DraftTable)
            and isinstance(previous, DraftTable)
            and item.page == previous.end_page + 1
            and same_columns(previous, item)
        ):
            joined[at] = join(previous, item)
        else:
            joined.append(item)
    return joined


def same_columns(first: DraftTable, second: DraftTable) -> bool:
    """Whether the second table's column edges are the first's (or some of them)."""
    if second.column_count < 2:
        return False
    tolerance = max(6.0, 0.03 * (first.bbox[2] - first.bbox[0]))
    if second.bbox[0] < first.bbox[0] - tolerance or second.bbox[2] > first.bbox[2] + tolerance:
        return False
    return all(
        any(abs(edge - mine) <= tolerance for mine in first.column_edges)
        for edge in second.column_edges[1:-1]
    )


def join(first: DraftTable, second: DraftTable) -> DraftTable:
    """The first table with the second's rows after its own (header not repeated)."""
    cells = [_on_columns(cell, first) for cell in second.cells]
    rows = max((c.row + c.row_span for c in cells), default=0)
    header = _repeated_header(first, cells, rows)
    kept = [c for c in cells if c.row >= header]
    last = first.row_count - 1
    top = [c for c in kept if c.row == header]
    joined = list(first.cells)
    carried = _carried_on(joined, top, last)
    shift = last - header + (0 if carried else 1)
    moved = []
    first_row = last if carried else last + 1
    for part in kept:
        cell = replace(part, row=part.row + shift)
        merged = _merged_above(joined, cell, last) if cell.row == first_row else None
        if merged is not None and (carried or not (cell.text or cell.hints)):
            joined[merged] = _extended(joined[merged], cell)
        else:
            moved.append(cell)
    return replace(first, cells=joined + moved, last_page=second.end_page)


def _carried_on(cells: list[DraftCell], top: list[DraftCell], last: int) -> bool:
    """Whether the next page's first row is the rest of the row the page broke.

    It is when it leaves empty the cells that start that row: up to the first column where the
    broken row has text of its own (not a cell merged down from a row above, like a theme
    printed once beside its actions).
    """
    starts = [c.column for c in cells if c.row == last and (c.text or c.hints) and c.row_span == 1]
    if not top or not starts:
        return False
    key = min(starts)
    return not any((c.text or c.hints) and c.column <= key for c in top)


def _merged_above(cells: list[DraftCell], cell: DraftCell, last: int) -> int | None:
    """The cell of the last row in this cell's column, where it is that row's own (the row
    carried on) or merged down from above (a merged cell carried over the page)."""
    for index, mine in enumerate(cells):
        covers = mine.row <= last < mine.row + mine.row_span and mine.column == cell.column
        if covers and (cell.row == last or mine.row_span > 1):
            return index
    return None


def _extended(mine: DraftCell, more: DraftCell) -> DraftCell:
    """A cell with the text and rows of its part on the next page added."""
    hints = list(dict.fromkeys([*mine.hints, *more.hints]))
    rows = max(mine.row + mine.row_span, more.row + more.row_span) - mine.row
    if mine.text or not more.text:
        return replace(mine, text=glue(mine.text, more.text), hints=hints, row_span=rows)
    # the text is all on the next page: point there
    return replace(more, row=mine.row, row_span=rows, column_span=mine.column_span, hints=hints)


def _on_columns(cell: DraftCell, table: DraftTable) -> DraftCell:
    """A cell placed on another table's columns by where it is printed."""
    edges = table.column_edges
    inner = edges[1:-1]
    first = bisect_right(inner, cell.bbox[0] + 2)
    last = max(first, bisect_right(inner, cell.bbox[2] - 2))
    return replace(cell, column=first, column_span=last - first + 1, hints=list(cell.hints))


def _repeated_header(first: DraftTable, cells: list[DraftCell], rows: int) -> int:
    """How many of the second part's first rows repeat the first part's first rows."""
    texts = _texts(cells, first.column_count)
    count = 0
    for row in range(min(MAX_HEADER_ROWS, rows, first.row_count - 1)):
        mine = first.row_texts(row)
        if not any(mine) or texts.get(row) != mine:
            break
        count += 1
    return count


def _texts(cells: list[DraftCell], columns: int) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in cells:
        row = rows.setdefault(cell.row, [""] * columns)
        if cell.column < columns:
            row[cell.column] = cell.text
    return rows
