"""A table's body row as the reader sees it, and the reference and title that key it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from councilplan.imports.extract.layout import BULLETS
from councilplan.imports.extract.shape import Cell

from .cells import REFERENCE_AND_TITLE
from .dates import tidy_title
from .mapping import ColumnMapping, Role

if TYPE_CHECKING:
    from .rows import TableRows

BULLETED = frozenset({Role.DESCRIPTION, Role.SUCCESS_CRITERIA, Role.COMMENTARY, Role.MILESTONES})
NUMBER_ROLES = frozenset({Role.ACTUAL, Role.TARGET, Role.PREVIOUS, Role.BASELINE})
ROW_KEYS = frozenset({Role.REFERENCE, Role.TITLE, Role.REFERENCE_TITLE})


@dataclass
class Row:
    """One body row: its cells by column, and the texts of the columns that have a role."""

    cells: list[Cell | None]
    texts: dict[int, str]
    source: Cell

    def by_role(
        self, columns: Sequence[ColumnMapping], role: Role
    ) -> list[tuple[ColumnMapping, str, Cell]]:
        return [
            (c, self.texts[c.index], self.cells[c.index])  # type: ignore[misc]
            for c in columns
            if c.role is role and self.texts.get(c.index)
        ]

    def first(self, columns: Sequence[ColumnMapping], role: Role) -> str:
        """The text of the first column of a role; prose as its items, one a line, without
        the bullets some formats print (so a PDF's cell reads as the web page's)."""
        found = self.by_role(columns, role)
        if not found:
            return ""
        return "\n".join(items_in(found[0][1])) if role in BULLETED else found[0][1]


def split_reference(text: str) -> tuple[str, str]:
    """ "CHN 03: Cost per pre-school place" -> ("CHN 03", "Cost per pre-school place")."""
    found = REFERENCE_AND_TITLE.match(text)
    if found is None:
        return "", text
    return found["reference"].strip(), " ".join(found["title"].split())


def key_of(reader: TableRows, row: Row) -> tuple[str, str]:
    """A row's reference and title, from their columns or the one cell holding both."""
    reference = row.first(reader.columns, Role.REFERENCE)
    title = " ".join(row.first(reader.columns, Role.TITLE).split())
    both = row.first(reader.columns, Role.REFERENCE_TITLE)
    if both:
        ref, rest = split_reference(both)
        reference, title = reference or ref, title or rest
    elif title and not reference:
        ref, rest = split_reference(title)
        if ref and (":" in title[: len(ref) + 3] or "." in title[len(ref) : len(ref) + 2]):
            reference, title = ref, rest
    if not reference and not title:
        title = reader.fixed_title
    return reference, tidy_title(title)


_ITEM_BULLET = re.compile(f"^\\s*[-\u2013*{BULLETS}]\\s+")


def items_in(text: str) -> list[str]:
    """A cell's items, one a line, without the bullets a PDF or text export leaves on them."""
    items = (" ".join(_ITEM_BULLET.sub("", part).split()) for part in text.split("\n"))
    return [item for item in items if item.strip(f" -\t{BULLETS}")]
