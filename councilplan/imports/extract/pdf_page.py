"""One PDF page read into lines of text and tables, in reading order, with its lines numbered.

The words are read once. Ruled tables take the words inside their cells; the rest are laid
out (``pdf_layout``) into lines and unruled tables, and each ruled table goes back in before
the first thing below it in its own column. Lines are numbered down the page in reading
order, a table's lines by their baselines, so "page 3, line 12" points at something a person
can count to.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from .pdf_cells import DraftTable, colour_marks, drop_row_shading
from .pdf_layout import Item, TextLine, layout
from .pdf_ruled import ruled_tables
from .pdf_text import PageLine
from .pdf_words import page_words, segments

PageItem = PageLine | DraftTable


@dataclass(frozen=True)
class PageRead:
    """A page's lines and tables in reading order, and how many letters it prints at each size
    (the document's body text size is the commonest, tables included)."""

    items: list[PageItem]
    letters: dict[float, int]


def read_page(page: Any, number: int) -> PageRead:
    """Read one pdfplumber page."""
    words = page_words(page)
    marks = colour_marks(page)
    tables, loose = ruled_tables(page, number, words, marks)
    items = layout(segments(loose), number, marks, height=float(page.height))
    for table in tables:
        _insert(items, table)
    for item in items:
        if isinstance(item, DraftTable):
            drop_row_shading(item)
    letters: dict[float, int] = {}
    for word in words:
        size = round(word.size * 2) / 2
        letters[size] = letters.get(size, 0) + len(word.text)
    return PageRead(_numbered(items, number), letters)


def _insert(items: list[Item], table: DraftTable) -> None:
    """A ruled table goes before the first item below its top that shares its columns."""
    x0, top, x1, _ = table.bbox
    for index, item in enumerate(items):
        box = (item.x0, item.top, item.x1) if isinstance(item, TextLine) else item.bbox[:3]
        if box[1] >= top and box[0] < x1 and box[2] > x0:
            items.insert(index, table)
            return
    items.append(table)


def _numbered(items: list[Item], page: int) -> list[PageItem]:
    numbered: list[PageItem] = []
    count = 0
    for item in items:
        if isinstance(item, TextLine):
            count += 1
            box = (item.x0, item.top, item.x1, item.bottom)
            numbered.append(PageLine(item.text, page, count, box, item.size, item.bold))
            continue
        written = [c for c in item.cells if c.text]  # an empty cell has no line
        baselines = _distinct(sorted(c.first_baseline for c in written))
        for cell in written:
            cell.line = count + bisect_left(baselines, cell.first_baseline - 2) + 1
        numbered.append(replace(item, line=count + 1))
        count += len(baselines)
    return numbered


def _distinct(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in values:
        if not found or value - found[-1] > 2:
            found.append(value)
    return found or [0.0]
