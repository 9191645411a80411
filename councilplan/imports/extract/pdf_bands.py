"""Bands: phrases whose boxes overlap vertically, read as one line of a page or one table row.

On a page in one column a band is a line. Across a table a band holds the row's phrases even
when they sit on staggered baselines (a value centred beside a two-line description). The
gaps between a band's phrases, and the gutters that stay empty down a run of bands, are what
tell text from page columns from tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from .pdf_words import Segment, gap_limit

Span = tuple[float, float]  # an x-range in points


@dataclass(frozen=True)
class Band:
    """Phrases overlapping vertically, with the x-ranges they fill (wide gaps kept apart)."""

    segments: tuple[Segment, ...]
    top: float
    bottom: float
    filled: tuple[Span, ...]

    @property
    def gaps(self) -> list[Span]:
        """The empty x-ranges between the band's phrases."""
        return [(a[1], b[0]) for a, b in zip(self.filled, self.filled[1:], strict=False)]

    @property
    def x0(self) -> float:
        return self.filled[0][0]

    @property
    def x1(self) -> float:
        return self.filled[-1][1]

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)

    def crosses(self, gap: Span) -> bool:
        """Whether anything in the band is printed across an x-range."""
        return any(x0 < gap[1] - 1 and x1 > gap[0] + 1 for x0, x1 in self.filled)


def bands(found: Sequence[Segment]) -> list[Band]:
    """Phrases (sorted top to bottom) grouped into bands wherever their boxes overlap."""
    groups: list[list[Segment]] = []
    bottom = 0.0
    for segment in sorted(found, key=lambda s: s.top):
        height = segment.bottom - segment.top
        if groups and segment.top < bottom - 0.25 * height:
            groups[-1].append(segment)
            bottom = max(bottom, segment.bottom)
        else:
            groups.append([segment])
            bottom = segment.bottom
    return [_band(group) for group in groups]


def _band(group: list[Segment]) -> Band:
    group.sort(key=lambda s: (s.x0, s.top))
    filled: list[list[float]] = []
    for segment in group:
        if filled and segment.x0 - filled[-1][1] <= gap_limit(segment.size):
            filled[-1][1] = max(filled[-1][1], segment.x1)
        else:
            filled.append([segment.x0, segment.x1])
    return Band(
        segments=tuple(sorted(group, key=lambda s: (s.top, s.x0))),
        top=min(s.top for s in group),
        bottom=max(s.bottom for s in group),
        filled=tuple((a, b) for a, b in filled),
    )


def run_length(found: Sequence[Band], start: int) -> int:
    """How many bands from ``start`` (one with a gap) keep at least one gutter free.

    The gutters are the x-ranges no band of the run has printed across so far. A band that
    fills them all (a paragraph across the page) ends the run; a band printed only inside one
    column (a wrapped cell's next line) does not. A gap far wider than the run's usual
    spacing (down to a page's footer) ends it too, and lone lines trailing after a wider gap
    than any inside the run are left out of it.
    """
    free = found[start].gaps
    end = start + 1
    spacing: list[float] = []
    while end < len(found):
        distance = found[end].top - found[end - 1].bottom
        usual = sorted(spacing)[len(spacing) // 2] if spacing else found[start].size
        if distance > max(3 * usual, 2.5 * found[end].size):
            break
        still = [part for gap in free for part in _uncovered(gap, found[end].filled)]
        if not still:
            break
        spacing.append(distance)
        free = still
        end += 1
    last = max(i for i in range(start, end) if found[i].gaps)
    widest = max((found[i + 1].top - found[i].bottom for i in range(start, last)), default=0.0)
    apart = (i for i in range(last + 1, end) if found[i].top - found[i - 1].bottom > widest + 1)
    end = next(apart, end)
    return end - start


def _uncovered(gap: Span, filled: Sequence[Span]) -> list[Span]:
    """The parts of a gap that none of the filled ranges covers."""
    parts = [gap]
    for x0, x1 in filled:
        parts = [
            piece
            for a, b in parts
            for piece in ((a, min(b, x0)), (max(a, x1), b))
            if piece[1] - piece[0] > 2
        ]
    return parts


def gutters(run: Sequence[Band]) -> list[Span]:
    """The x-ranges left empty down a run of bands, allowing a few bands across (spanning cells).

    A gutter must have printing on both sides of it in at least two bands, so the ragged ends
    of a column's lines never make one.
    """
    allowed = max(1, len(run) // 8) if len(run) >= 3 else 0
    left, right = min(b.x0 for b in run), max(b.x1 for b in run)
    events: dict[float, int] = {}
    for band in run:
        for x0, x1 in band.filled:
            events[x0] = events.get(x0, 0) + 1
            events[x1] = events.get(x1, 0) - 1
    found: list[list[float]] = []
    covering = 0
    xs = sorted(events)
    for x, after in itertools.pairwise(xs):
        covering += events[x]
        if covering <= allowed and left < x and after < right:
            if found and found[-1][1] >= x:
                found[-1][1] = after
            else:
                found.append([x, after])
    return [(x0, x1) for x0, x1 in found if x1 - x0 >= 3 and _printed_both_sides(run, x0, x1) >= 2]


def _printed_both_sides(run: Sequence[Band], x0: float, x1: float) -> int:
    return sum(1 for b in run if b.x0 <= x0 + 1 and b.x1 >= x1 - 1 and not b.crosses((x0, x1)))
