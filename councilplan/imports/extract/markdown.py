"""Markdown pipe tables in text files: which lines are a table, their cells, their words.

Cities and councils publish plans and indicator lists as Markdown (``README.md``, GitHub Pages):
a header line, a line of dashes, then a line per row, cells between pipes. Read as plain text
those lines would be paragraphs full of pipes; here they become table rows, the dashes line
dropped, and each cell the words a person reads (``[Source](https://...)`` is "Source",
``**Title**`` is "Title").

Markdown has no merged cells. A header with fewer cells than its rows ("Indicator | Targets |
Annual target" over "x | Q1: 5 | Q2: 7 | Q3: 9 | Q4: 2 | 23") is read as its next-to-last
header spanning the extra columns, its last header staying over the last column: what the
writer meant, and what a merged header would say in Word or Excel.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE = re.compile(r"(?<!\\)\|")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_STRONG = re.compile(r"(\*\*|__)(.+?)\1")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_CODE = re.compile(r"`([^`]*)`")


def is_separator(text: str) -> bool:
    """The line of dashes under a Markdown table's header ("|:--- |:---|", "---|---")."""
    return "-" in text and bool(_SEPARATOR.match(text)) and ("|" in text or text.count("-") > 3)


def table_lines(texts: Sequence[str]) -> set[int]:
    """The positions of the lines that belong to Markdown tables: each header line, its
    separator, and the lines with pipes that follow it."""
    found: set[int] = set()
    for index, text in enumerate(texts):
        if index == 0 or not is_separator(text) or "|" not in texts[index - 1]:
            continue
        found |= {index - 1, index}
        following = index + 1
        while following < len(texts) and "|" in texts[following] and texts[following].strip():
            found.add(following)
            following += 1
    return found


def row_cells(text: str) -> list[str]:
    """A table line's cells as written, the outer pipes dropped ("|a |b|" -> ["a", "b"])."""
    line = text.strip()
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in _PIPE.split(line)]


def inline_text(cell: str) -> str:
    """A cell's words without Markdown's marks: links as their text, no bold, italics, code."""
    text = _LINK.sub(r"\1", cell)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    text = _CODE.sub(r"\1", text).replace("\\|", "|")
    return " ".join(text.split())


@dataclass(frozen=True)
class HeaderCell:
    """A header cell's column and how many columns it spans."""

    text: str
    column: int
    span: int = 1


def header_cells(header: list[str], widths: Sequence[int]) -> list[HeaderCell]:
    """The header's cells over the body's columns: one each, unless every longer row is as
    wide as the others and the header is shorter (see the module's docstring)."""
    longer = Counter(width for width in widths if width > len(header))
    if len(header) < 2 or len(longer) != 1:
        return [HeaderCell(text, column) for column, text in enumerate(header)]
    (width,) = longer
    extra = width - len(header)
    cells = [HeaderCell(text, column) for column, text in enumerate(header[:-2])]
    cells.append(HeaderCell(header[-2], len(header) - 2, span=1 + extra))
    cells.append(HeaderCell(header[-1], width - 1))
    return cells
