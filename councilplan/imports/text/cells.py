"""Cleaning table cells of the text exports: HTML fragments, bullets, run-together items.

Every reader goes through these, so a cell means the same thing whichever document it is in.
"""

import html
import re

_BREAKS = re.compile(r"<\s*(?:br|/p|/li|li|p|ul|/ul|ol|/ol)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_BULLET = re.compile("^\\s*(?:[-\u2022\u00b7\u2013\u25aa*]|\\d+[.)])\\s+")
_RUN_TOGETHER = re.compile(r"\s{2,}")


def clean_text(cell: str) -> str:
    """One line of plain text: tags dropped, entities decoded, white space folded."""
    text = html.unescape(_TAGS.sub(" ", _BREAKS.sub(" ", cell)))
    return " ".join(text.split())


def cell_items(cell: str, *, split_on_spaces: bool = True) -> list[str]:
    """The separate items a cell holds, in order, without their bullets.

    Items are separated by HTML list items, paragraphs and line breaks, by bullets ("- x",
    "• x"), and (with ``split_on_spaces``) by the runs of two or more spaces the PDF export
    leaves between lines of a cell ("Consult public  Secure planning consent").
    """
    text = _BREAKS.sub("\n", cell)
    text = html.unescape(_TAGS.sub(" ", text))
    text = re.sub(r"\s+•\s*", "\n", text)
    pieces: list[str] = []
    for part in text.split("\n"):
        pieces.extend(_RUN_TOGETHER.split(part) if split_on_spaces else [part])
    items = [" ".join(_BULLET.sub("", piece).split()) for piece in pieces]
    return [item for item in items if item]


def has_bullets(cell: str) -> bool:
    """Whether a cell is written as a bulleted list ("- Number of homeless approaches")."""
    return bool(re.search(r"<li>\s*-|(?:^|\s)[-•]\s+\S", cell))


def normalise_heading(text: str) -> str:
    """A header cell folded for matching: lower case, no punctuation, single spaces."""
    return " ".join(re.sub(r"[^a-z0-9%£]+", " ", clean_text(text).lower()).split())
