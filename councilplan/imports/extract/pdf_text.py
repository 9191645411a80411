"""Running text of a PDF as headings, paragraphs and list items.

A PDF says nothing of headings or lists: a heading is a line set larger or bolder than the
body text of the document (the size most letters are printed in), a list item a line opening
with a bullet or a number, a paragraph the lines that follow each other closely in one style.
Heading levels follow the sizes: the largest is level 1.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from .layout import list_marker
from .pdf_cells import Box, glue, starts_item
from .pdf_words import BULLET
from .shape import SourceRef, TextBlock

HEADING_SCALE = 1.15  # a heading's letters are at least this much larger than body text


@dataclass(frozen=True)
class PageLine:
    """One line of running text on a page, numbered among the page's lines."""

    text: str
    page: int
    line: int
    bbox: Box  # as the text reads (``pdf_turn``)
    size: float
    bold: bool
    place: Box | None = None  # its box on the page as printed, where it differs from bbox

    @property
    def width(self) -> float:
        return self.bbox[2] - self.bbox[0]


def paragraphs(lines: Sequence[PageLine]) -> list[list[PageLine]]:
    """Consecutive lines (of one page, in reading order) grouped into paragraphs and items."""
    spacing = [
        b.bbox[1] - a.bbox[3]
        for a, b in itertools.pairwise(lines)
        if 0 <= b.bbox[1] - a.bbox[3] < 1.5 * b.size
    ]
    # the space between a paragraph's lines: the narrower gaps, and never more than half a line
    # (so a page of one-line paragraphs is not read as one paragraph)
    narrow = sorted(spacing)[len(spacing) // 5] if spacing else 2.0
    leading = min(narrow, 0.5 * median(line.size for line in lines)) if lines else narrow
    groups: list[list[PageLine]] = []
    for line in lines:
        if groups and _continues(groups[-1], line, leading):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _continues(group: list[PageLine], line: PageLine, leading: float) -> bool:
    """Whether a line carries on the paragraph or item above it."""
    last, first = group[-1], group[0]
    gap = line.bbox[1] - last.bbox[3]
    if abs(line.size - last.size) > 0.5 or line.bold != last.bold or starts_item(line.text):
        return False
    if line.page == last.page and gap < -1 and line.bbox[0] > last.bbox[2]:
        # the top of the next column: a sentence broken there carries on
        return not last.text.endswith((".", "!", "?", ":")) and line.text[:1].islower()
    if line.page != last.page or gap < -1 or gap > leading + 0.4 * line.size:
        return False
    if starts_item(first.text):  # an item's next lines are indented past its marker
        return line.bbox[0] > first.bbox[0] + 2
    widest = max(g.width for g in group)
    if last.text.endswith((".", "!", "?", ":")) and last.width < 0.75 * widest:
        return False
    indent = 4 * line.size if len(group) == 1 else line.size  # a first line may be indented
    if last.bbox[0] - indent <= line.bbox[0] <= last.bbox[0] + 2 * line.size:
        return True
    return abs(_centre(line) - _centre(last)) <= 2  # centred lines


def _centre(line: PageLine) -> float:
    return (line.bbox[0] + line.bbox[2]) / 2


def heading_sizes(groups: Sequence[Sequence[PageLine]], body: float) -> list[float]:
    """The sizes headings are set in, largest first (level 1)."""
    sizes = {round(g[0].size * 2) / 2 for g in groups if _large(g, body)}
    return sorted(sizes, reverse=True)


def text_block(
    group: Sequence[PageLine], file: str, body: float, sizes: Sequence[float], depth: int
) -> TextBlock:
    """A heading, list item or paragraph from a group of lines (``depth``: a list item's level)."""
    first = group[0]
    text = ""
    for line in group:
        text = glue(text, line.text)
    places = [line.place or line.bbox for line in group]
    source = SourceRef(file=file, page=first.page, line=first.line, bbox=_union(places))
    marker, rest = _marker(text) if starts_item(first.text) else ("", text)
    if marker and (BULLET.match(marker) or not (_large(group, body) or _bold_title(group, body))):
        return TextBlock("list_item", rest, source, level=depth, marker=marker)
    if _large(group, body):  # a numbered heading keeps its number
        level = sizes.index(round(first.size * 2) / 2) + 1
        return TextBlock("heading", text, source, level=min(level, 6))
    if _bold_title(group, body):
        return TextBlock("heading", text, source, level=min(len(sizes) + 1, 6))
    return TextBlock("paragraph", text, source)


def _large(group: Sequence[PageLine], body: float) -> bool:
    words = sum(len(line.text.split()) for line in group)
    return group[0].size >= body * HEADING_SCALE and len(group) <= 3 and words <= 30


def _bold_title(group: Sequence[PageLine], body: float) -> bool:
    words = sum(len(line.text.split()) for line in group)
    return group[0].bold and len(group) <= 2 and words <= 20 and group[0].size >= body - 0.5


def _marker(text: str) -> tuple[str, str]:
    """A list item's bullet or number, and its text."""
    found = list_marker(text)
    if found:
        return found[0], found[1]
    if BULLET.match(text[:1]):  # printed against its first word
        return text[0], text[1:].strip()
    return "", text


def _union(boxes: Sequence[Box]) -> Box:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
