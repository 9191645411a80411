"""One PDF page read into lines of text and tables, in reading order, with its lines numbered.

The words are read once. Ruled tables take the words inside their cells; the rest are laid
out (``pdf_layout``) into lines and unruled tables, stretch by stretch between the ruled
tables, so nothing is read as running through a ruled table. Lines are numbered down the
page in reading order, a table's lines by their baselines, so "page 3, line 12" points at
something a person can count to.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from .pdf_cells import DraftTable, Mark, colour_marks, drop_row_shading
from .pdf_layout import Item, TextLine, layout
from .pdf_ruled import ruled_tables
from .pdf_text import PageLine
from .pdf_turn import Turn, page_turn, printed, reading_height
from .pdf_words import Segment, Word, mark_segment, page_words, segments

PageItem = PageLine | DraftTable
MARK_WIDTH, MARK_HEIGHT = 120.0, 40.0  # a coloured cell or dot; wider is a band or banner


@dataclass(frozen=True)
class PageRead:
    """A page's lines and tables in reading order, how many letters it prints at each size
    (the document's body text size is the commonest, tables included), and its height as its
    text reads."""

    items: list[PageItem]
    letters: dict[float, int]
    height: float


def read_page(page: Any, number: int) -> PageRead:
    """Read one pdfplumber page."""
    turn = page_turn(page)
    words = page_words(page, turn)
    frame = (turn, float(page.width), float(page.height))
    upright = [w for w in words if w.upright] if turn else []
    items = _numbered(layout(segments(upright), number, [], height=frame[2]), number)
    sideways = [w for w in words if not w.upright] if turn else words
    marks = colour_marks(page, turn)
    tables, loose = ruled_tables(page, number, sideways, marks, turn)
    laid: list[Item] = []
    found = segments(loose) + _marks_outside(marks, tables, loose)
    for zone, beside in _zones(found, tables):
        laid += layout(zone, number, marks, height=reading_height(page, turn))
        laid += beside
    for item in laid:
        if isinstance(item, DraftTable):
            drop_row_shading(item)
    items += _numbered(laid, number, after=_lines(items), frame=frame)
    letters: dict[float, int] = {}
    for word in words:
        size = round(word.size * 2) / 2
        letters[size] = letters.get(size, 0) + len(word.text)
    return PageRead(items, letters, reading_height(page, turn))


def _marks_outside(marks: list[Mark], tables: list[DraftTable], words: list[Word]) -> list[Segment]:
    """Coloured marks with no word on them (a RAG dot, a cell only coloured), outside ruled
    tables, as phrases of the layout: they fill their column of an unruled table as a word
    would. A colour behind words is only a hint of the cell they are in."""
    empty = [
        m
        for m in marks
        if m.box[2] - m.box[0] <= MARK_WIDTH
        and m.box[3] - m.box[1] <= MARK_HEIGHT
        and not any(m.within(t.bbox) for t in tables)
    ]
    centres = sorted(((w.top + w.bottom) / 2, (w.x0 + w.x1) / 2) for w in words)
    return [mark_segment(m.box) for m in empty if not _covers_a_word(m, centres)]


def _covers_a_word(mark: Mark, centres: list[tuple[float, float]]) -> bool:
    x0, top, x1, bottom = mark.box
    start = bisect_left(centres, (top, -1.0))
    end = bisect_left(centres, (bottom, float("inf")))
    return any(x0 <= x <= x1 for _, x in centres[start:end])


def _zones(
    loose: list[Segment], tables: list[DraftTable]
) -> list[tuple[list[Segment], list[DraftTable]]]:
    """The loose phrases cut into the stretches above, beside and below the ruled tables, each
    with the tables that follow it: no line, column or unruled table runs through a ruled one.
    """
    groups: list[list[DraftTable]] = []  # tables side by side share a stretch of the page
    for table in sorted(tables, key=lambda t: t.bbox[1]):
        if groups and table.bbox[1] < max(t.bbox[3] for t in groups[-1]):
            groups[-1].append(table)
        else:
            groups.append([table])
    zones: list[tuple[list[Segment], list[DraftTable]]] = []
    rest = sorted(loose, key=lambda s: s.centre_y)
    for group in groups:
        top = min(t.bbox[1] for t in group)
        bottom = max(t.bbox[3] for t in group)
        above = [s for s in rest if s.centre_y < top]
        beside = [s for s in rest if top <= s.centre_y <= bottom]
        rest = [s for s in rest if s.centre_y > bottom]
        zones.append((above, sorted(group, key=lambda t: t.bbox[0])))
        if beside:
            zones.append((beside, []))
    zones.append((rest, []))
    return zones


def _numbered(
    items: list[Item],
    page: int,
    *,
    after: int = 0,
    frame: tuple[Turn, float, float] = ("", 0.0, 0.0),
) -> list[PageItem]:
    """Items with their lines numbered on from ``after``, and their boxes as printed."""
    numbered: list[PageItem] = []
    count = after
    for item in items:
        if isinstance(item, TextLine):
            count += 1
            box = (item.x0, item.top, item.x1, item.bottom)
            numbered.append(
                PageLine(item.text, page, count, box, item.size, item.bold, printed(box, *frame))
            )
            continue
        written = [c for c in item.cells if c.text]  # an empty cell has no line
        baselines = _distinct(sorted(c.first_baseline for c in written))
        for cell in item.cells:
            cell.place = printed(cell.bbox, *frame)
        for cell in written:
            cell.line = count + bisect_left(baselines, cell.first_baseline - 2) + 1
        numbered.append(replace(item, line=count + 1, place=printed(item.bbox, *frame)))
        count += len(baselines)
    return numbered


def _lines(items: list[PageItem]) -> int:
    """How many lines the items take up."""
    last = [i.line for i in items if isinstance(i, PageLine)]
    return max(last, default=0)


def _distinct(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in values:
        if not found or value - found[-1] > 2:
            found.append(value)
    return found or [0.0]
