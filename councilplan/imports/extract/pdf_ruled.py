"""Tables drawn with ruling lines: the lines give the grid, the words inside give the cells.

pdfplumber finds the cells of a ruled table from the page's lines and rectangle edges. Its
cell boxes are placed on one grid (the distinct column and row edges), so a merged cell gets
its spans, and each word goes to the cell its centre falls in. A box of lines with only one
column (a framed paragraph, a coloured banner) is not a table: its words stay text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from pdfplumber.utils import obj_to_edges

from .pdf_cells import Box, DraftCell, DraftTable, Mark, join_lines, marks_in
from .pdf_turn import Turn, turned
from .pdf_words import Word, segments

RULED = {
    "vertical_strategy": "explicit",
    "horizontal_strategy": "explicit",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
THIN = 2.5  # a filled box no thicker than this is a drawn rule, not a shaded cell
EDGE_TOLERANCE = 2.0  # points within which two cell edges are the same grid line


def ruled_tables(
    page: Any, number: int, words: Sequence[Word], marks: Sequence[Mark], turn: Turn = ""
) -> tuple[list[DraftTable], list[Word]]:
    """The ruled tables of a page, top to bottom, and the words not in any of their cells (all
    in the frame the page's text reads in)."""
    width, height = float(page.width), float(page.height)
    grids = [[turned(box, turn, width, height) for box in t.cells] for t in _found_tables(page)]
    tables: list[DraftTable] = []
    index = _Words(words)
    for boxes in sorted(grids, key=lambda cells: min((b[1], b[0]) for b in cells)):
        table = _table(boxes, number, index, marks)
        if table is not None:
            tables.append(table)
    return tables, index.left()


class _Words:
    """A page's words by height, to find those in a cell quickly and give each to one cell."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = words
        self.order = sorted(range(len(words)), key=lambda i: _centre_y(words[i]))
        self.centres = [_centre_y(words[i]) for i in self.order]
        self.taken: set[int] = set()

    def inside(self, box: Box, claimed: set[int]) -> list[int]:
        """The words (not yet claimed) whose centre is in a box."""
        x0, top, x1, bottom = box
        band = self.order[bisect_left(self.centres, top) : bisect_right(self.centres, bottom)]
        return [
            i
            for i in band
            if i not in claimed
            and i not in self.taken
            and x0 <= (self.words[i].x0 + self.words[i].x1) / 2 <= x1
        ]

    def left(self) -> list[Word]:
        return [w for i, w in enumerate(self.words) if i not in self.taken]


def _found_tables(page: Any) -> list[Any]:
    """pdfplumber's tables from the page's rules, closed where their column rules run on.

    Only drawn rules count: a shaded header or every other row shaded is an unruled table, or
    each shaded row would be a table of its own. A row broken by the page is often printed
    without its bottom (or, on the next page, its top) rule: one is added where the column
    rules end so that row is still a row.
    """
    edges = [edge for rule in _rules(page) for edge in obj_to_edges(rule)]
    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {**RULED, "explicit_vertical_lines": vertical}
    found = page.find_tables({**settings, "explicit_horizontal_lines": horizontal})
    closing = []
    for table in found:
        x0, top, x1, bottom = table.bbox
        rules = [e for e in vertical if x0 - 2 <= e["x0"] <= x1 + 2]
        lowest = max(e["bottom"] for e in rules)
        highest = min(e["top"] for e in rules)
        if sum(1 for e in rules if e["bottom"] >= lowest - 1) >= 2 and lowest > bottom + 2:
            closing.append(_rule(x0, x1, lowest))
        if sum(1 for e in rules if e["top"] <= highest + 1) >= 2 and highest < top - 2:
            closing.append(_rule(x0, x1, highest))
    if not closing:
        return list(found)
    return list(page.find_tables({**settings, "explicit_horizontal_lines": horizontal + closing}))


def _rules(page: Any) -> list[dict[str, Any]]:
    """The page's straight lines, outlined boxes and boxes thin enough to be lines."""
    lines = [
        line for line in page.lines if min(line["width"], line["height"]) < 1
    ]  # not a chart's slanted line
    boxes = [r for r in page.rects if r.get("stroke") or min(r["width"], r["height"]) <= THIN]
    return lines + boxes


def _rule(x0: float, x1: float, y: float) -> dict[str, Any]:
    """A horizontal rule from x0 to x1, as pdfplumber takes an explicit line."""
    return {
        "object_type": "line_edge",
        "orientation": "h",
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "width": x1 - x0,
        "height": 0.0,
    }


def _table(
    boxes: Sequence[Box], number: int, words: _Words, marks: Sequence[Mark]
) -> DraftTable | None:
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 2:
        return None
    cells: list[DraftCell] = []
    claimed: set[int] = set()
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        inside = words.inside(box, claimed)
        claimed.update(inside)
        lines = segments([words.words[i] for i in inside])
        row, column = _index(ys, box[1]), _index(xs, box[0])
        cells.append(
            DraftCell(
                text=join_lines(lines),
                row=row,
                column=column,
                row_span=max(1, _index(ys, box[3]) - row),
                column_span=max(1, _index(xs, box[2]) - column),
                page=number,
                bbox=box,
                first_baseline=lines[0].words[0].bottom if lines else box[1],
                hints=marks_in(marks, box),
            )
        )
    if sum(1 for c in cells if c.text or c.hints) < 2:
        return None
    words.taken.update(claimed)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return DraftTable(cells=cells, page=number, bbox=bbox, column_edges=xs, ruled=True)


def _centre_y(word: Word) -> float:
    return (word.top + word.bottom) / 2


def _edges(values: list[float]) -> list[float]:
    """Distinct grid lines: values closer than ``EDGE_TOLERANCE`` are one line."""
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > EDGE_TOLERANCE:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    """The grid line a cell edge is on."""
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))
