"""A table's layout: title rows above it, the band of header rows, and each column's header.

Councils' tables start with a title row spanning the table ("Theme 1: A thriving economy"),
then one to three header rows, often merged across ("2023/24" over "Q1 Q2 Q3 Q4"). The header
of a column is the words of the header rows above it, top first; the table's ``signature`` is
those headers without their periods, so next quarter's return has the same signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplan.imports.extract.shape import Cell, Table

from .cells import is_number, text_of
from .headers import fold, period_in, read_header

MAX_HEADER_ROWS = 3
MAX_HEADER_LENGTH = 90


@dataclass(frozen=True)
class Layout:
    """Where a table's header band is, and what it says over each column."""

    title_rows: int  # rows above the header naming the table ("Theme 1: ...")
    header_rows: int  # rows of the header band, after the title rows
    headers: tuple[str, ...]  # each column's header, the band's words top first
    title: str  # the title rows' text

    @property
    def first_body_row(self) -> int:
        return self.title_rows + self.header_rows


def filled(row: list[Cell | None]) -> list[Cell]:
    """The distinct non-blank cells of a grid row (a merged cell once)."""
    seen: list[Cell] = []
    for cell in row:
        if cell is not None and text_of(cell) and cell not in seen:
            seen.append(cell)
    return seen


def is_title_row(row: list[Cell | None], columns: int) -> bool:
    """One cell filled in a table of three or more columns: a title or section row."""
    return columns >= 3 and len(filled(row)) == 1


def is_header_like(row: list[Cell | None], index: int) -> bool:
    """Short words, no values: what a header row looks like (a year or quarter is words).
    Cells merged down from the row above are part of that row, not judged again."""
    cells = [c for c in filled(row) if c.row == index]
    if not cells:
        return bool(filled(row))
    for cell in cells:
        text = text_of(cell)
        if len(text) > MAX_HEADER_LENGTH:
            return False
        if is_number(cell, text) and period_in(text)[0] is None:
            return False
    named = sum(1 for c in cells if _names_something(text_of(c)))
    return named * 2 >= len(cells)


def _labels_over_values(grid: list[list[Cell | None]], row: int) -> bool:
    """A first row of short labels over a row of numbers: a header whose words are titles
    ("Missed bins | Fly-tips" over "120 | 40")."""
    labels, below = grid[row], grid[row + 1]
    label_texts = [text_of(c) for c in labels]
    if any(
        len(t) > MAX_HEADER_LENGTH // 2 or is_number(c, t)
        for c, t in zip(labels, label_texts, strict=True)
        if t
    ):
        return False
    return any(
        t and cell is not None and is_number(cell, text_of(cell))
        for t, cell in zip(label_texts, below, strict=False)
    )


def _names_something(text: str) -> bool:
    """A role's words, a period, or a part of a year ("Q1", "Quarter 2", "Apr", "H1")."""
    return bool(read_header(text).scores or period_in(text)[0] or _PART_OF_YEAR.match(text))


_PART_OF_YEAR = re.compile(
    r"^(?:q(?:tr|uarter)?\s*[1-4]|h[12]|half\s*[12]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)[a-z]*\.?)$",
    re.IGNORECASE,
)


def find_layout(table: Table, *, header_rows: int | None = None) -> Layout:
    """The layout of a table, or with ``header_rows`` as a person set it."""
    grid = table.grid()
    columns = table.column_count
    title_rows = 0
    while title_rows < len(grid) - 1 and is_title_row(grid[title_rows], columns):
        title_rows += 1
    if header_rows is None:
        header_rows = 0
        while (
            header_rows < MAX_HEADER_ROWS
            and title_rows + header_rows < len(grid) - 1
            and (
                is_header_like(grid[title_rows + header_rows], title_rows + header_rows)
                or (header_rows == 0 and _labels_over_values(grid, title_rows))
            )
            and (header_rows == 0 or _spans_over(grid, title_rows + header_rows - 1))
        ):
            header_rows += 1
    band = grid[title_rows : title_rows + header_rows]
    headers = tuple(_column_header([row[c] for row in band]) for c in range(columns))
    title = " ".join(text_of(c) for row in grid[:title_rows] for c in filled(row))
    return Layout(title_rows, header_rows, headers, title)


def _spans_over(grid: list[list[Cell | None]], row: int) -> bool:
    """Whether a header row has cells merged across columns (so another header row follows),
    or gaps the next row fills ("Actual" over "Q1 | Q2" where the export lost the merge)."""
    cells = filled(grid[row])
    return any(c.column_span > 1 for c in cells) or len(cells) < len(grid[row]) // 2


def _column_header(stack: list[Cell | None]) -> str:
    words: list[str] = []
    for cell in stack:
        text = " ".join(text_of(cell).split())
        if text and (not words or words[-1] != text):
            words.append(text)
    return " ".join(words)


def signature(headers: tuple[str, ...]) -> str:
    """The header words without periods, folded: "Q2 2023/24 Actual" and "Q3 ..." match."""
    return "|".join(fold(period_in(header)[1]) for header in headers)
