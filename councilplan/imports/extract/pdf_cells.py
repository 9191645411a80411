"""What a table cell found on a PDF page says: its lines joined, and the colour it is marked with.

Ruled and unruled tables find their cells differently (``pdf_ruled``, ``pdf_unruled``) but
read a cell the same way: its phrases in reading order joined into one text, items kept apart
by a newline, and the colour of any filled shape in it (a RAG status printed only as a
coloured cell or dot) kept as a hint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .layout import colour_hints, colour_name, list_marker
from .pdf_turn import Box, Turn, turned
from .pdf_words import BULLET, Segment


@dataclass
class DraftCell:
    """A cell found on one page, before tables continued over pages are joined."""

    text: str
    row: int
    column: int
    page: int
    bbox: Box
    first_baseline: float  # the bottom of its first line, to number it among the page's lines
    row_span: int = 1
    column_span: int = 1
    hints: list[str] = field(default_factory=list)
    line: int | None = None
    place: Box | None = None  # its box on the page as printed, where it differs from bbox


@dataclass
class DraftTable:
    """A grid of cells found on one page, with its column edges to match it on the next page."""

    cells: list[DraftCell]
    page: int
    bbox: Box
    column_edges: list[float]
    ruled: bool
    line: int | None = None
    last_page: int = 0  # the page it ends on, once joined to its part on the next page
    place: Box | None = None  # its box on the page as printed, where it differs from bbox

    @property
    def end_page(self) -> int:
        return max(self.page, self.last_page)

    @property
    def row_count(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    @property
    def column_count(self) -> int:
        return len(self.column_edges) - 1

    def row_texts(self, row: int) -> list[str]:
        """The texts of one row by column, "" where no cell starts."""
        texts = [""] * self.column_count
        for cell in self.cells:
            if cell.row == row:
                texts[cell.column] = cell.text
        return texts


def join_lines(lines: Sequence[Segment]) -> str:
    """A cell's phrases (top to bottom) as one text.

    A wrapped sentence is joined with spaces. A new bullet or number starts a new line, and so
    does a capitalised line after one that ended early (its first word would have fitted on
    the line above, so the break was the writer's: a list of milestones without bullets).
    """
    lines = [s for s in lines if s.words]  # coloured marks have none
    right = max((s.x1 for s in lines), default=0.0)
    text = ""
    previous: Segment | None = None
    for line in lines:
        words = line.text
        if previous is None:
            text = words
        elif previous.bottom > line.top + 1 and line.x0 > previous.x1:
            text += " " + words  # a phrase on the same line, after a gap
        else:
            first = line.words[0]
            fits = previous.x1 + 0.3 * first.size + (first.x1 - first.x0) <= right
            text = glue(text, words, new_item=fits and words[:1].isupper())
        previous = line
    return text


def glue(text: str, more: str, *, new_item: bool = False) -> str:
    """Text and the line that follows it: on a new line for a new item, else with a space
    (none after a hyphen that ends a line before a lower-case word)."""
    if not text or not more:
        return text or more
    if new_item or starts_item(more):
        return f"{text}\n{more}"
    if text.endswith("-") and more[:1].islower():
        return text + more
    return f"{text} {more}"


def starts_item(text: str) -> bool:
    """Whether a line opens a list item with a bullet or a number (or a bullet printed
    against its first word)."""
    return list_marker(text) is not None or bool(BULLET.match(text[:1]))


@dataclass(frozen=True, slots=True)
class Mark:
    """A filled shape in a colour that says something (red, amber, green ...), and its box."""

    hints: tuple[str, ...]  # "fill #FF0000", "fill red", as the other formats give colours
    box: Box

    @property
    def x(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def y(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    def within(self, box: Box, slack: float = 2.0) -> bool:
        """Whether the shape lies inside a box (a cell), not across it (a shaded row)."""
        x0, top, x1, bottom = box
        return (
            self.box[0] >= x0 - slack
            and self.box[2] <= x1 + slack
            and self.box[1] >= top - slack
            and self.box[3] <= bottom + slack
        )


def colour_marks(page: Any, turn: Turn = "") -> list[Mark]:
    """Filled rectangles and curves in a colour: white, black and greys are paper, type and
    shading, which a PDF draws everywhere, so they are left out."""
    marks = []
    area = float(page.width) * float(page.height)
    for shape in [*page.rects, *page.curves]:
        if not shape.get("fill") or shape["width"] * shape["height"] > area / 4:
            continue
        code = rgb_code(shape.get("non_stroking_color"))
        if code and colour_name(code) not in PLAIN:
            box = (shape["x0"], shape["top"], shape["x1"], shape["bottom"])
            place = turned(box, turn, float(page.width), float(page.height))
            marks.append(Mark(colour_hints("fill", code), place))
    return marks


PLAIN = ("white", "black", "grey")


def rgb_code(colour: Any) -> str:
    """A PDF fill colour (RGB or CMYK components from 0 to 1) as "rrggbb"; "" for a grey level
    or a pattern."""
    if not isinstance(colour, list | tuple) or not all(isinstance(c, int | float) for c in colour):
        return ""
    if len(colour) == 3:
        red, green, blue = (float(c) for c in colour)
    elif len(colour) == 4:
        c, m, y, k = (float(v) for v in colour)
        red, green, blue = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return ""
    return "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in (red, green, blue))


def marks_in(marks: Sequence[Mark], box: Box) -> list[str]:
    """The hints of the marks inside a box, once each, in page order."""
    return list(dict.fromkeys(hint for m in marks if m.within(box) for hint in m.hints))


def drop_row_shading(table: DraftTable) -> None:
    """Forget a colour shading (nearly) a whole row, like a header's: it is styling, not a
    status. A status colours one or two cells of a row."""
    rows: dict[int, list[DraftCell]] = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(cell)
    for cells in rows.values():
        shaded = [cell for cell in cells if cell.hints]
        colours = {tuple(cell.hints) for cell in shaded}
        if len(colours) == 1 and len(shaded) >= max(2, 0.75 * len(cells)):
            for cell in shaded:
                cell.hints.clear()
