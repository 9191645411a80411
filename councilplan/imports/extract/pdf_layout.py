"""A page's loose phrases (outside ruled tables) in reading order: lines of text and unruled tables.

Bands with gaps that stay empty down the page form a run. A run is either a page set in
columns, read one column after the other (each column laid out again, so a column can hold
its own table), or an unruled table, whose rows are bands and whose columns are the gutters.
Columns of text flow independently, so their paragraphs start at different heights and their
lines are long; a table's cells start together at the top of each row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from .pdf_bands import Band, Span, bands, gutters, run_length
from .pdf_cells import DraftTable, Mark
from .pdf_unruled import unruled_table
from .pdf_words import Segment

MAX_DEPTH = 3  # columns within columns within columns
HEADER = 0.06  # a running header sits in the top 6% of a page, above the text


@dataclass(frozen=True)
class TextLine:
    """One printed line of running text (its phrases, left to right)."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments if s.words)

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def top(self) -> float:
        return min(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return max(s.bottom for s in self.segments)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    @property
    def bold(self) -> bool:
        return all(s.bold for s in self.segments)


Item = TextLine | DraftTable


def layout(
    found: Sequence[Segment], page: int, marks: Sequence[Mark], *, height: float, depth: int = 0
) -> list[Item]:
    """Lines and unruled tables in reading order, columns of a page one after the other."""
    items: list[Item] = []
    all_bands = bands(found)
    index = 0
    lone: list[Band] = []  # the bands of the last items, lines just above
    while index < len(all_bands):
        if not all_bands[index].gaps:
            if _worded(all_bands[index]):
                items.append(TextLine(all_bands[index].segments))
                lone.append(all_bands[index])
            index += 1
            continue
        run = all_bands[index : index + run_length(all_bands, index)]
        index += len(run)
        found_gutters = gutters(run)
        strips = _strips(run, found_gutters)
        if found_gutters and depth < MAX_DEPTH and _reads_as_columns(run, strips, height):
            above = _column_tops(lone, strips)
            del items[len(items) - len(above) :]
            run = above + run
            for strip in strips:
                inside = [s for b in run for s in b.segments if strip[0] <= s.centre_x < strip[1]]
                items += layout(inside, page, marks, height=height, depth=depth + 1)
        elif found_gutters and sum(1 for b in run if b.gaps) >= 2:
            before = [b for b in all_bands[: index - len(run)] if _worded(b)]
            above = _page_top_rest(before, run, found_gutters, height)
            del items[len(items) - len(above) :]
            items.append(unruled_table(above + run, found_gutters, page, marks))
        else:
            items += [TextLine(b.segments) for b in run if _worded(b)]
        lone = []
    return items


def _worded(band: Band) -> bool:
    """Whether a band has words (one with only a coloured mark is no line of text)."""
    return any(s.words for s in band.segments)


def _page_top_rest(
    before: Sequence[Band], run: Sequence[Band], found_gutters: Sequence[Span], height: float
) -> list[Band]:
    """Lines at the top of a page, above a table, that carry on the rows of its columns: the
    rest of a row the page broke, to be joined to the table on the page before.

    Only lines (``before``: all the lines above) with nothing above them but the page's
    running header, set in the table's type and inside its columns, are taken.
    """
    header = [b for b in before if b.bottom < HEADER * height]
    taken = list(before[len(header) :])
    fits = all(
        abs(b.size - run[0].size) <= 0.5 and not any(b.crosses(g) for g in found_gutters)
        for b in taken
    )
    return taken if fits and len(header) + len(taken) == len(before) else []


def _column_tops(above: Sequence[Band], strips: Sequence[Span]) -> list[Band]:
    """The lines just above a run in columns that sit inside one column: its first lines."""
    cuts = [strip[1] for strip in strips[:-1]]
    taken: list[Band] = []
    for band in reversed(above):
        if any(band.x0 < cut < band.x1 for cut in cuts):
            break
        taken.insert(0, band)
    return taken


def _strips(run: Sequence[Band], found_gutters: Sequence[Span]) -> list[Span]:
    """The x-ranges between gutters (each gutter split at its middle)."""
    cuts = [(g[0] + g[1]) / 2 for g in found_gutters]
    left = min(b.x0 for b in run) - 1
    right = max(b.x1 for b in run) + 1
    edges = [left, *cuts, right]
    return list(itertools.pairwise(edges))


def _reads_as_columns(run: Sequence[Band], strips: Sequence[Span], height: float) -> bool:
    """Whether a run is a page in 2-4 columns of text rather than a table.

    Columns are of about one width. Their paragraphs start at different heights (a table's
    cells start together); failing that, their lines are long (a table has short cells), or
    the run is too tall for a table row.
    """
    if not 2 <= len(strips) <= 4:
        return False
    columns = [[s for b in run for s in b.segments if x0 <= s.centre_x < x1] for x0, x1 in strips]
    if any(not c for c in columns):
        return False
    widths = [max(s.x1 for s in c) - min(s.x0 for s in c) for c in columns]
    if min(widths) < 0.6 * max(widths):
        return False
    band_of = {
        id(s): i for i, b in enumerate(run) if b.bottom - b.top < 4 * b.size for s in b.segments
    }
    starts = [_paragraph_starts(c) for c in columns]
    least = min(range(len(starts)), key=lambda i: len(starts[i]))
    fewest = starts[least][1:]  # every column starts at the top: that says nothing
    others = [s for i, s in enumerate(starts) if i != least]
    words = min(sum(len(s.words) for s in c) / len(c) for c in columns)
    prose = words >= 5  # a table has some column of short cells
    if fewest:
        at_once = sum(1 for one in fewest if all(any(_level(one, o) for o in s) for s in others))
        if at_once >= 0.5 * len(fewest):
            # aligned like rows, unless they would be rows of long prose (headings atop columns)
            return prose and min(len(c) for c in columns) >= 6 * (at_once + 1)
        close = sum(
            1 for one in fewest if all(any(_together(one, o, band_of) for o in s) for s in others)
        )
        if close < 0.5 * len(fewest):
            return True
    tall = max(b.bottom - b.top for b in run) > 0.3 * height
    return prose or tall


def _level(one: Segment, other: Segment) -> bool:
    return abs(one.top - other.top) <= 2


def _together(one: Segment, other: Segment, band_of: dict[int, int]) -> bool:
    """Two paragraphs start near together: at one height, or in one short band (staggered
    cells, or lines of two columns that happen to overlap)."""
    if _level(one, other):
        return True
    band = band_of.get(id(one))
    return band is not None and band == band_of.get(id(other))


def _paragraph_starts(column: Sequence[Segment]) -> list[Segment]:
    """The first lines of a column's paragraphs: after a gap wider than its lines' usual
    spacing, or where the type changes (a heading)."""
    ordered = sorted(column, key=lambda s: s.top)
    spacing = [b.top - a.bottom for a, b in itertools.pairwise(ordered)]
    usual = median(spacing) if spacing else 0.0
    tops = [ordered[0]]
    for before, segment, gap in zip(ordered, ordered[1:], spacing, strict=False):
        restyled = abs(before.size - segment.size) > 1 or before.bold != segment.bold
        if gap > usual + max(2.0, 0.3 * segment.size) or restyled:
            tops.append(segment)
    return tops
