"""A PDF page's words, and the runs of them that read as one phrase on one baseline.

A PDF holds glyphs at positions, not lines or cells. ``page_words`` reads each page's words
once (pdfplumber groups glyphs into words); ``segments`` groups words on one baseline into
phrases, cut wherever the gap between two words is wider than a space can be. A phrase
never crosses a table's column gap or a page's column gutter, so everything after this works
on phrases and their boxes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .layout import BULLETS, list_marker
from .pdf_turn import Turn, turned

BULLET = re.compile(f"^[{BULLETS}]$")
DASHES = ("-", "\u2013", "\u2014")
# Font names that say bold: "Arial-BoldMT", "Calibri,Bold", "Gotham-Black", "OpenSans-Semibold".
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Word:
    """A word with its box (points from the page's top-left), font size and weight."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    upright: bool = True  # False for a word of a sideways page's sideways text


@dataclass(frozen=True, slots=True)
class Segment:
    """Words on one baseline with no wide gap between them: a phrase, a cell's line."""

    words: tuple[Word, ...]
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        """The font size most of its letters are printed in."""
        return dominant(((w.size, len(w.text)) for w in self.words), default=0.0)

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > len(self.text)

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2


def dominant(weighted: Iterable[tuple[float, int]], *, default: float) -> float:
    """The value (rounded to half a point) carrying the most weight, e.g. the body text size."""
    totals: dict[float, int] = {}
    for value, weight in weighted:
        key = round(value * 2) / 2
        totals[key] = totals.get(key, 0) + weight
    return max(totals, key=lambda k: (totals[k], -k)) if totals else default


def page_words(page: Any, turn: Turn = "") -> list[Word]:
    """Every word on a pdfplumber page, read once, split where the font changes, in the frame
    its text reads in (``pdf_turn``)."""
    words = page.extract_words(
        x_tolerance=2,
        y_tolerance=2,
        keep_blank_chars=False,
        # pdfplumber's size of a sideways letter varies letter by letter: there the size is
        # the height of the word's line
        extra_attrs=["fontname", "upright"] if turn else ["size", "fontname"],
        char_dir_rotated="btt" if turn == "btt" else "ttb",
    )
    width, height = float(page.width), float(page.height)
    found = []
    for w in words:
        if not w["text"].strip():
            continue
        box = (w["x0"], w["top"], w["x1"], w["bottom"])
        bold = bool(BOLD.search(str(w["fontname"])))
        if not turn:
            found.append(Word(w["text"], *_xx(box), float(w["size"]), bold))
        elif w["upright"]:  # a title or page number printed upright on a sideways page
            found.append(Word(w["text"], *_xx(box), box[3] - box[1], bold))
        else:
            x0, top, x1, bottom = turned(box, turn, width, height)
            found.append(Word(w["text"], x0, x1, top, bottom, bottom - top, bold, upright=False))
    return found


def _xx(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """A box (x0, top, x1, bottom) in the order a ``Word`` takes it (x0, x1, top, bottom)."""
    return float(box[0]), float(box[2]), float(box[1]), float(box[3])


def gap_limit(size: float) -> float:
    """The widest gap between two words of one phrase; anything wider separates columns."""
    return max(0.8 * size, 6.0)


def segments(words: Sequence[Word]) -> list[Segment]:
    """Words grouped into phrases: one baseline, no gap wider than ``gap_limit``, top to bottom."""
    found: list[Segment] = []
    for line in _baselines(words):
        line.sort(key=lambda w: w.x0)
        run = [line[0]]
        for word in line[1:]:
            gap = word.x0 - run[-1].x1
            size = max(word.size, run[-1].size)
            if gap > gap_limit(size) and not (
                len(run) == 1 and _opens_item(run[0].text, gap / size)
            ):
                found.append(_segment(run))
                run = [word]
            else:
                run.append(word)
        found.append(_segment(run))
    found.sort(key=lambda s: (s.top, s.x0))
    return found


def _baselines(words: Sequence[Word]) -> list[list[Word]]:
    """Words sharing a baseline (their bottoms within a quarter of their size), top to bottom."""
    lines: list[list[Word]] = []
    bottoms: list[float] = []
    for word in sorted(words, key=lambda w: w.bottom):
        if lines and word.bottom - bottoms[-1] <= max(1.5, 0.25 * word.size):
            lines[-1].append(word)
        else:
            lines.append([word])
            bottoms.append(word.bottom)
    return lines


def _opens_item(text: str, gap_in_ems: float) -> bool:
    """A bullet, a dash or a number ending in "." or ")", printed a tab away from its item.

    A bare "1.1" followed by a gap is more often a table's reference, and a dash far from the
    next word a table's empty value.
    """
    if BULLET.match(text):
        return gap_in_ems <= 3
    if text in DASHES:
        return gap_in_ems <= 1.6
    found = list_marker(f"{text} x")  # a number as the other formats' lists are numbered
    return gap_in_ems <= 2 and found is not None and found[0] == text and text[-1] in ".)"


def _segment(words: Sequence[Word]) -> Segment:
    return Segment(
        words=tuple(words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
    )


def mark_segment(box: tuple[float, float, float, float]) -> Segment:
    """A coloured mark (a RAG dot) as a phrase with no words: it fills its place in a table."""
    return Segment(words=(), x0=box[0], top=box[1], x1=box[2], bottom=box[3])
