"""What the format extractors share about laying text out: titles above a table, list markers,
numbering, and the limit on cells.

A title row above a table looks the same in a workbook, a CSV file and a text export (one cell
of text, then rows of several cells); a bullet is a bullet in Word, HTML and text. Deciding it
once keeps "the same thing" meaning the same in every format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilplan.imports.problems import ImportProblem

from .limits import Limits

# Bullet glyphs as documents print them, Symbol and Wingdings ones included (a PDF may give
# those as private-use characters: \uf0b7 is Symbol's bullet, \uf0a7 and \uf0d8 Wingdings').
BULLETS = (
    "\u2022\u00b7\u25aa\u25cf\u25e6\u25a0\u25c6\u25c7\u25ba\u25b6\u27a2\u2713\u2714\u2023\u2043"
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
)
_MARKER = re.compile(
    f"^(?P<indent>\\s*)(?P<marker>[-\u2013*o{BULLETS}]"
    "|\\(?(?:\\d{1,3}|[a-z]|[ivx]{1,5})[.)])\\s+(?P<rest>\\S.*)$"
)
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
MAX_TITLE_ROWS = 3


class CellCounter:
    """Counts the cells read from a file and refuses the file once they pass the limit."""

    def __init__(self, limits: Limits, name: str) -> None:
        self.limit = limits.max_cells
        self.name = name
        self.count = 0

    def add(self, cells: int, *, line: int | None = None, sheet: str = "", cell: str = "") -> None:
        self.count += cells
        if self.count > self.limit:
            raise ImportProblem(
                f"The file has more than {self.limit:,} table cells, over the limit: "
                "split it into smaller files.",
                file=self.name,
                line=line,
                sheet=sheet,
                cell=cell,
            )


def title_rows(rows: Sequence[Sequence[str]]) -> int:
    """How many rows at the top are titles: text in the first column only, wider rows below.

    A row with its only text further right ("", "2023/24", "", "") is a header over some
    columns, not a title.
    """
    count = 0
    for row in rows[:MAX_TITLE_ROWS]:
        if [i for i, text in enumerate(row) if text.strip()] != [0]:
            break
        count += 1
    has_table_below = any(sum(1 for t in row if t.strip()) >= 2 for row in rows[count:])
    return count if has_table_below else 0


def list_marker(line: str) -> tuple[str, str, int] | None:
    """A list item's marker, its text and its depth (from the indent), or None for other text.

    "- Highways review" gives ("-", "Highways review", 1); "    • x" gives ("•", "x", 3).
    """
    found = _MARKER.match(line.expandtabs(4))
    if not found:
        return None
    depth = 1 + len(found["indent"]) // 2
    return found["marker"], found["rest"].strip(), depth


def format_number(number: int, style: str) -> str:
    """A list counter as written: decimal, lowerLetter, upperLetter, lowerRoman, upperRoman."""
    if style in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in _ROMAN:
            while number >= value:
                roman += digits
                number -= value
        return roman.upper() if style == "upperRoman" else roman
    return str(number)


def colour_hints(prefix: str, colour: str | None) -> tuple[str, ...]:
    """A fill or text colour as hints: as written and by name ("fill #FF0000", "fill red").

    Statuses are often shown only as a cell's colour; naming the hue lets the reader match
    "red" or "amber" without knowing each council's shade.
    """
    if not colour:
        return ()
    code = colour.strip().lstrip("#").lower()
    if rgb := re.match(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)", code):
        code = "".join(f"{min(int(part), 255):02x}" for part in rgb.groups())
    if len(code) == 8:  # ARGB, as Excel writes it
        code = code[2:]
    if len(code) == 3:
        code = "".join(c * 2 for c in code)
    if not re.fullmatch(r"[0-9a-f]{6}", code):
        name = colour.strip().lower()
        return (f"{prefix} {name}",) if re.fullmatch(r"[a-z]+", name) else ()
    return (f"{prefix} #{code.upper()}", f"{prefix} {colour_name(code)}")


def colour_name(code: str) -> str:
    """The everyday name of an RGB colour ("c00000" is red, "ffc000" amber)."""
    red, green, blue = (int(code[i : i + 2], 16) / 255 for i in (0, 2, 4))
    high, low = max(red, green, blue), min(red, green, blue)
    if high - low < 0.2:
        return "white" if high > 0.9 else "black" if high < 0.15 else "grey"
    if high == red:
        hue = (60 * (green - blue) / (high - low)) % 360
    elif high == green:
        hue = 60 * (blue - red) / (high - low) + 120
    else:
        hue = 60 * (red - green) / (high - low) + 240
    for limit, name in ((15, "red"), (50, "amber"), (70, "yellow"), (170, "green"),
                        (260, "blue"), (330, "purple")):  # fmt: skip
        if hue < limit:
            return name
    return "red"
