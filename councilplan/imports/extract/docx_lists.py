"""Word's numbered and bulleted lists: each item's depth and its marker as Word shows it.

Word does not store "3." or "•" in the text: a paragraph names a list (``numId``) and a level
(``ilvl``), the numbering part says how that level is drawn ("%1.", "%1.%2", a bullet
character), and the number is the count of items so far. Counting the items here, in body
order, gives the marker a reader of the document sees ("2.3", "b)").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .layout import format_number

# Symbol and Wingdings bullets sit in the private use area; they are drawn as bullets.
_PRIVATE_USE = range(0xF000, 0xF100)
_LEVELS = 9


@dataclass(frozen=True)
class Level:
    """How one level of a list is drawn."""

    style: str  # numFmt: decimal, lowerLetter, bullet, none ...
    text: str  # lvlText: "%1.", "%1.%2", "•"
    start: int


class Numbering:
    """Counts list items as Word numbers them, one counter set per list."""

    def __init__(self, numbering_element: Any | None) -> None:
        self.root = numbering_element
        self.counters: dict[str, list[int]] = {}
        self.levels: dict[tuple[str, int], Level] = {}

    def item(self, paragraph: Paragraph) -> tuple[int, str] | None:
        """The depth (1 = top) and marker of a list paragraph, or None if it is not one."""
        found = _num_pr(paragraph)
        if found is None:
            return None
        num_id, level = found
        if num_id == "0":  # numbering switched off on this paragraph
            return None
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        counters[level] = (counters[level] or self._level(num_id, level).start - 1) + 1
        counters[level + 1 :] = [0] * (_LEVELS - level - 1)
        return level + 1, self._marker(num_id, level, counters)

    def _marker(self, num_id: str, level: int, counters: list[int]) -> str:
        drawn = self._level(num_id, level)
        if drawn.style == "bullet":
            return (
                "".join("\u2022" if ord(c) in _PRIVATE_USE else c for c in drawn.text) or "\u2022"
            )
        if drawn.style == "none":
            return drawn.text if "%" not in drawn.text else ""
        marker = drawn.text
        for index in range(level, -1, -1):
            value = counters[index] or self._level(num_id, index).start
            marker = marker.replace(
                f"%{index + 1}", format_number(value, self._level(num_id, index).style)
            )
        return marker

    def _level(self, num_id: str, level: int) -> Level:
        key = (num_id, level)
        if key not in self.levels:
            self.levels[key] = self._read_level(num_id, level)
        return self.levels[key]

    def _read_level(self, num_id: str, level: int) -> Level:
        default = Level("decimal", f"%{level + 1}.", 1)
        if self.root is None:
            return default
        nums = self.root.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        if not nums:
            return default
        levels = self.root.xpath(
            f'./w:abstractNum[@w:abstractNumId="{nums[0]}"]/w:lvl[@w:ilvl="{level}"]'
        )
        if not levels:
            return default
        lvl = levels[0]
        style = _val(lvl.find(qn("w:numFmt"))) or "decimal"
        text = _val(lvl.find(qn("w:lvlText")))
        start = _val(lvl.find(qn("w:start")))
        return Level(style, default.text if text is None else text, int(start or 1))


def _val(element: Any | None) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _num_pr(paragraph: Paragraph) -> tuple[str, int] | None:
    """The list and level of a paragraph, from its own properties or its style's."""
    candidates = [paragraph._p.pPr]  # python-docx keeps the XML there
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        num_pr = None if ppr is None else ppr.find(qn("w:numPr"))
        if num_pr is None:
            continue
        num_id = _val(num_pr.find(qn("w:numId")))
        if num_id is None:
            continue
        level = int(_val(num_pr.find(qn("w:ilvl"))) or 0)
        return num_id, min(max(level, 0), _LEVELS - 1)
    return None
