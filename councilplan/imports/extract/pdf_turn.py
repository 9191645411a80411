"""Pages printed sideways: a landscape table set on a portrait page, read by turning the head.

When most of a page's letters run down (or up) the page, its words and shapes are turned into
the frame the text reads in, so everything after sees lines running left to right and the
page as its reader holds it. The boxes of the places shown to a person are turned back, so a
box always points at the page as printed.
"""

from __future__ import annotations

from typing import Any, Literal

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the top-left
Turn = Literal["", "ttb", "btt"]  # upright, reading top to bottom, reading bottom to top


def page_turn(page: Any) -> Turn:
    """How the page's text runs: "" when mostly upright, else down ("ttb") or up ("btt")."""
    chars = page.chars
    sideways = [c for c in chars if not c.get("upright", True)]
    if len(sideways) * 2 <= len(chars):
        return ""
    down = sum(1 for c in sideways if c["matrix"][1] < 0)
    return "ttb" if down * 2 >= len(sideways) else "btt"


def turned(box: Box, turn: Turn, width: float, height: float) -> Box:
    """A box of the printed page in the frame its text reads in."""
    x0, top, x1, bottom = box
    if turn == "ttb":  # read with the page's right edge up
        return (top, width - x1, bottom, width - x0)
    if turn == "btt":  # read with the page's left edge up
        return (height - bottom, x0, height - top, x1)
    return box


def reading_height(page: Any, turn: Turn) -> float:
    """The page's height as its text reads."""
    return float(page.width if turn else page.height)


def printed(box: Box, turn: Turn, width: float, height: float) -> Box:
    """A box in the frame the text reads in, back on the page as printed."""
    x0, top, x1, bottom = box
    if turn == "ttb":
        return (width - bottom, x0, width - top, x1)
    if turn == "btt":
        return (top, height - x1, bottom, height - x0)
    return box
