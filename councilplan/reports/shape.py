"""The common shape every builder returns and every renderer reads.

A report is a title, some introductory lines, and sections; each section has a heading, an
optional level (1 for a portfolio, 2 for a part of one), paragraphs and tables; each table a
caption, a header and rows of text cells. Cells are text as the report prints them, so the
renderers never format values: a number, a status or a date reads the same in every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    """A captioned table: the header's cells, then rows of as many text cells."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Which column holds a status colour, so HTML can show it as a tag (-1: none).
    status_column: int = -1

    def __post_init__(self) -> None:
        width = len(self.header)
        for row in self.rows:
            if len(row) != width:
                raise ValueError(f"A row of {self.caption!r} has {len(row)} cells, not {width}.")


@dataclass(frozen=True)
class Section:
    """A heading with its paragraphs and tables; level 1 is a main part, 2 a part of one."""

    heading: str
    tables: tuple[Table, ...] = ()
    paragraphs: tuple[str, ...] = ()
    level: int = 1


@dataclass(frozen=True)
class Report:
    """A whole report: what it is, for which plan and period, and its sections in order."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    introduction: tuple[str, ...] = field(default=())

    @property
    def tables(self) -> list[Table]:
        """Every table of the report in reading order (for spreadsheets and tests)."""
        return [table for section in self.sections for table in section.tables]
