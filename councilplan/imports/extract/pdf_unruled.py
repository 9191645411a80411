"""Tables printed without lines: columns from the gutters, rows from the gaps between bands.

Rows are bands (so values on staggered baselines stay in their row). Where rows are set
apart by more space than the lines inside a cell, that space separates them; where every
gap is the same, a band continues the row above only if it fills fewer columns than the row's
first line and each of its phrases carries on a cell whose last line was full (the next word
could not have fitted on it). A phrase runs
from the column its start is in to the column its end reaches, so a heading centred over two
columns spans both.
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Sequence

from .pdf_bands import Band, Span
from .pdf_cells import DraftCell, DraftTable, Mark, join_lines
from .pdf_words import Segment


def unruled_table(
    run: Sequence[Band], found_gutters: Sequence[Span], page: int, marks: Sequence[Mark]
) -> DraftTable:
    """The table a run of bands prints, cells placed by the gutters between its columns."""
    left = min(b.x0 for b in run)
    right = max(b.x1 for b in run)
    starts = [left, *(g[1] for g in found_gutters)]
    rows = _rows(run, starts)
    cells: list[DraftCell] = []
    for number, row in enumerate(rows):
        cells += _row_cells(row, number, starts, page)
    bbox = (left, run[0].top, right, run[-1].bottom)
    _add_marks(cells, rows, starts, marks=marks, bbox=bbox, page=page)
    middles = [(g[0] + g[1]) / 2 for g in found_gutters]
    return DraftTable(
        cells=cells, page=page, bbox=bbox, column_edges=[left, *middles, right], ruled=False
    )


def _column(starts: Sequence[float], x: float) -> int:
    return max(0, bisect_right(starts, x + 1) - 1)


def _rows(run: Sequence[Band], starts: Sequence[float]) -> list[list[Band]]:
    """Bands grouped into rows."""
    spacing = [b.top - a.bottom for a, b in itertools.pairwise(run)]
    if not spacing:
        return [list(run)]
    closest = min(spacing)
    size = min((b.size for b in run if b.size), default=10.0)
    apart = max(1.5, 0.25 * size)
    # Rows set apart by more space than a cell's lines: the closest gap is a line's leading.
    padded = closest <= 0.6 * size and any(gap > closest + apart for gap in spacing)
    widest = _widest_per_column(run, starts)
    rows = [[run[0]]]
    for band, gap in zip(run[1:], spacing, strict=False):
        if padded:
            continues = gap <= closest + apart
        else:
            continues = len(_columns(band, starts)) < len(
                _columns(rows[-1][0], starts)
            ) and _carries_on(rows[-1][-1], band, starts, widest)
        if continues:
            rows[-1].append(band)
        else:
            rows.append([band])
    return rows


def _widest_per_column(run: Sequence[Band], starts: Sequence[float]) -> list[float]:
    """How far right each column's text reaches anywhere in the table."""
    reach = [0.0] * len(starts)
    for band in run:
        for segment in band.segments:
            column = _column(starts, segment.x0)
            reach[column] = max(reach[column], segment.x1)
    return reach


def _columns(band: Band, starts: Sequence[float]) -> set[int]:
    return {_column(starts, s.x0) for s in band.segments}


def _carries_on(above: Band, band: Band, starts: Sequence[float], widest: list[float]) -> bool:
    """Whether every phrase of a band continues a full line of the same column in the band above."""
    for segment in band.segments:
        column = _column(starts, segment.x0)
        previous = [s for s in above.segments if _column(starts, s.x0) == column]
        if not previous:
            return False
        last = max(previous, key=lambda s: s.bottom)
        if not segment.words:
            return False  # a coloured mark starts its row
        first_word = segment.words[0]
        room = widest[column] - last.x1
        if abs(last.x0 - segment.x0) > 2 or last.bold != segment.bold:
            return False
        if room > (first_word.x1 - first_word.x0) + 0.3 * first_word.size:
            return False
    return True


def _row_cells(
    row: Sequence[Band], number: int, starts: Sequence[float], page: int
) -> list[DraftCell]:
    """A row's phrases gathered into cells by the columns they start and end in."""
    by_column: dict[int, list[Segment]] = {}
    reach: dict[int, int] = {}
    for band in row:
        for segment in band.segments:
            first = _column(starts, segment.x0)
            last = max(first, _column(starts, segment.x1 - 1))
            by_column.setdefault(first, []).append(segment)
            reach[first] = max(reach.get(first, first), last)
    ordered = sorted(by_column)
    cells = []
    for index, column in enumerate(ordered):
        stop = ordered[index + 1] - 1 if index + 1 < len(ordered) else len(starts) - 1
        found = sorted(by_column[column], key=lambda s: (s.top, s.x0))
        cells.append(
            DraftCell(
                text=join_lines(found),
                row=number,
                column=column,
                column_span=min(reach[column], stop) - column + 1,
                page=page,
                bbox=(
                    min(s.x0 for s in found),
                    min(s.top for s in found),
                    max(s.x1 for s in found),
                    max(s.bottom for s in found),
                ),
                first_baseline=next((s.bottom for s in found if s.words), found[0].bottom),
            )
        )
    return cells


def _add_marks(
    cells: list[DraftCell],
    rows: Sequence[Sequence[Band]],
    starts: Sequence[float],
    *,
    marks: Sequence[Mark],
    bbox: tuple[float, float, float, float],
    page: int,
) -> None:
    """Coloured shapes inside the table become hints of the cell they sit in (a new empty cell
    where a status is shown only by colour)."""
    x0, top, x1, bottom = bbox
    for mark in marks:
        if not (x0 - 4 <= mark.x <= x1 + 4 and top - 4 <= mark.y <= bottom + 4):
            continue
        row = min(
            range(len(rows)),
            key=lambda r: max(rows[r][0].top - mark.y, mark.y - rows[r][-1].bottom, 0),
        )
        column = _column(starts, mark.x)
        edges = [*starts[1:], x1 + 4]
        if mark.box[2] - mark.box[0] > edges[column] - starts[column] + 4:
            continue  # a shaded row or band, not a cell's mark
        cell = next((c for c in cells if c.row == row and c.column == column), None)
        if cell is None:
            cell = DraftCell(
                text="",
                row=row,
                column=column,
                page=page,
                bbox=mark.box,
                first_baseline=mark.y,
            )
            cells.append(cell)
        cell.hints.extend(hint for hint in mark.hints if hint not in cell.hints)
