"""The one shape every file format is extracted to: blocks of text and tables, with their places.

A PDF, a Word document, a workbook, a CSV file, a web page and a plain-text export all become an
``ExtractedDocument``: in reading order, the headings, paragraphs and list items around the
tables, and the tables as grids of cells. Every block and cell keeps its ``SourceRef`` (file,
page or sheet, line or cell), so whatever the general reader makes of it, and whatever it
leaves unused, can be shown to a person where it came from. Extraction understands nothing about
plans: that is the reader's work (``councilplan.imports.understand``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Literal

# A cell's value as the format gives it: workbooks keep numbers and dates typed.
CellValue = str | int | float | Decimal | date | datetime | bool | None


@dataclass(frozen=True)
class SourceRef:
    """Where something is in its file: ``000.pdf, page 3, line 12`` or ``kpi.xlsx, Q2, B7``."""

    file: str
    page: int | None = None  # 1-based page of a PDF or Word section
    sheet: str = ""  # a workbook's sheet
    line: int | None = None  # 1-based line of a text or CSV file, or a PDF page's text line
    cell: str = ""  # a workbook's cell ("B7"), or "row 4, column 2" of a table
    bbox: tuple[float, float, float, float] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        place = [self.file] if self.file else []
        place += [f"page {self.page}"] if self.page is not None else []
        place += [f"sheet {self.sheet}"] if self.sheet else []
        place += [f"line {self.line}"] if self.line is not None else []
        place += [f"cell {self.cell}"] if self.cell else []
        return ", ".join(place)


@dataclass(frozen=True)
class Cell:
    """One cell of a table, at its top-left row and column (0-based) with its spans.

    ``text`` is what a person reads (lines of a wrapped cell joined by a newline where the
    source breaks them into items, else by a space). ``value`` is the typed value where the
    format gives one (a workbook's number or date), else None. ``hints`` are words the format
    shows only as styling: an HTML class or an icon's file name ("rag-red", "arrow-up.png"),
    a cell's fill colour name.
    """

    text: str
    row: int
    column: int
    source: SourceRef
    row_span: int = 1
    column_span: int = 1
    value: CellValue = None
    hints: tuple[str, ...] = ()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip() and self.value in (None, "")


@dataclass(frozen=True)
class Table:
    """A table as a grid: its cells (merged cells once, with spans), and what is above it.

    ``heading`` is the nearest heading above the table (often the theme or portfolio of its
    rows); ``caption`` the table's own caption or title where the format has one.
    """

    cells: tuple[Cell, ...]
    source: SourceRef
    heading: str = ""
    caption: str = ""
    kind: Literal["table"] = "table"

    @cached_property
    def row_count(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    @cached_property
    def column_count(self) -> int:
        return max((c.column + c.column_span for c in self.cells), default=0)

    def grid(self, *, fill_merged: bool = True) -> list[list[Cell | None]]:
        """Rows of cells; a merged cell fills every place it covers (or only its first)."""
        rows: list[list[Cell | None]] = [[None] * self.column_count for _ in range(self.row_count)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + (cell.row_span if fill_merged else 1)):
                for c in range(cell.column, cell.column + (cell.column_span if fill_merged else 1)):
                    rows[r][c] = cell
        return rows

    def text_rows(self) -> list[list[str]]:
        """Rows of cell texts, merged cells repeated across what they cover, blanks as ""."""
        return [[c.text if c else "" for c in row] for row in self.grid()]


@dataclass(frozen=True)
class TextBlock:
    """A heading, paragraph or list item outside tables, in reading order.

    ``level`` is a heading's level (1 = top) or a list item's depth (1 = top); ``marker`` is a
    list item's bullet or number as written ("•", "3.", "a)").
    """

    kind: Literal["heading", "paragraph", "list_item"]
    text: str
    source: SourceRef
    level: int = 1
    marker: str = ""


Block = TextBlock | Table


@dataclass(frozen=True)
class ExtractedDocument:
    """A whole file as blocks in reading order, with its format (``pdf``, ``docx`` ...)."""

    name: str
    format: str
    blocks: tuple[Block, ...]
    pages: int = 0  # pages or sheets read, for progress and limits

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text_blocks(self) -> Iterator[TextBlock]:
        return (b for b in self.blocks if isinstance(b, TextBlock))
