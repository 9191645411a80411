"""Reading a table's rows with its confirmed mapping: actions, measures and their results.

A row is an action or a measure (by the table's kind, or for a mixed table by whether it holds
numbers); a row with only one cell names a theme for the rows below it; a row with no title
continues the row above (a row split by a page break); a repeated header is passed over. Each
cell is read by its column's role; what a role cannot read is kept as unused, with why.
"""

from __future__ import annotations

from typing import Any

from councilplan.domain.reported_values import parse_reported_value
from councilplan.imports.extract.shape import Cell, Table

from .action_rows import ActionRow
from .cells import text_of
from .collect import Collector
from .headers import fold
from .layout import filled, find_layout
from .mapping import ColumnMapping, Mapping, Role, TableKind, TableMapping
from .measure_rows import MeasureRow, PeriodsDownRow
from .row_keys import NUMBER_ROLES, ROW_KEYS, Row

MAX_SECTION_LENGTH = 120


class TableRows:
    """Reads one table into the collector."""

    def __init__(self, table: Table, mapping: TableMapping, document: Mapping, out: Collector):
        self.table, self.mapping, self.document, self.out = table, mapping, document, out
        self.columns = mapping.columns
        self.layout = find_layout(table, header_rows=mapping.header_rows)
        base = [table.heading.strip()] if mapping.heading_is_theme and table.heading.strip() else []
        if self.layout.title and mapping.section_rows_are_themes:
            base.append(self.layout.title)
        self.base_themes = base
        self.section: list[str] = []
        self.last: dict[str, Any] | None = None
        self.last_updates: dict[str, dict[str, Any]] = {}  # the last action's, by period
        self.header_words = [fold(h) for h in self.layout.headers]
        # A table of one measure by area or period has no title column: its heading is the title.
        has_keys = any(c.role in ROW_KEYS for c in self.columns)
        self.fixed_title = "" if has_keys else (table.heading or table.caption or self.layout.title)

    def read(self) -> None:
        grid = self.table.grid()
        for row_cells in grid[self.layout.first_body_row :]:
            cells = filled(row_cells)
            if not cells:
                continue
            if self.mapping.kind is TableKind.SKIP:
                self.out.skip(cells[0], _joined(cells), "table not imported (set its kind)")
                continue
            self.read_row(row_cells, cells)

    def read_row(self, row_cells: list[Cell | None], cells: list[Cell]) -> None:
        if self._is_repeated_header(row_cells):
            self.out.skip(cells[0], _joined(cells), "the header row, repeated")
            return
        texts = {
            c.index: text_of(row_cells[c.index]) for c in self.columns if c.index < len(row_cells)
        }
        row = Row(row_cells, {i: t for i, t in texts.items() if t}, cells[0])
        if self._is_section(row, cells):
            if self.mapping.section_rows_are_themes:
                self.section = [" ".join(text_of(cells[0]).split())]
            else:
                self.out.skip(
                    cells[0], text_of(cells[0]), "a row with one cell (not read as a theme)"
                )
            return
        for column in self.columns:
            text = row.texts.get(column.index)
            if column.role is Role.IGNORE and text:
                self.out.skip(
                    row.cells[column.index] or row.source,
                    text,
                    f'column "{column.header}" not used',
                )
        if self.mapping.kind is TableKind.PERIODS_DOWN:
            PeriodsDownRow(self, row).read()
            return
        if self._is_continuation(row):
            self._continue(row)
            return
        self.last_updates = {}
        if self._is_measure(row):
            self.last = None
            MeasureRow(self, row).read()
        else:
            self.last = ActionRow(self, row).read()

    def themes(self) -> list[str]:
        return [*self.base_themes, *self.section]

    def period(self, column: ColumnMapping | None, row_period: str = "") -> str:
        """The period a cell is for: its column's, the row's, the table's, the document's."""
        return (
            (column.period if column else "")
            or row_period
            or self.mapping.period
            or self.document.period
        )

    def _is_repeated_header(self, row_cells: list[Cell | None]) -> bool:
        words = [fold(text_of(c)) for c in row_cells]
        same = sum(1 for a, b in zip(words, self.header_words, strict=False) if a and a == b)
        return bool(self.layout.header_rows) and same * 2 > max(1, sum(1 for w in words if w))

    def _is_section(self, row: Row, cells: list[Cell]) -> bool:
        if len(cells) != 1 or self.table.column_count < 2:
            return False
        cell = cells[0]
        text = text_of(cell)
        if len(text) > MAX_SECTION_LENGTH:
            return False
        if cell.column_span > 1:
            return True
        key_columns = {c.index for c in self.columns if c.role in ROW_KEYS}
        return cell.column not in key_columns or (self.last is None and not text.endswith("."))

    def _is_continuation(self, row: Row) -> bool:
        """No title or reference; or, where the rows above have references, none and a title
        going on in lower case (the rest of a row a page break split)."""
        keys = [c for c in self.columns if c.role in ROW_KEYS]
        if not any(row.texts.get(c.index) for c in keys):
            return not self.fixed_title
        references = [c for c in self.columns if c.role is Role.REFERENCE]
        title = row.first(self.columns, Role.TITLE)
        return bool(
            self.last is not None
            and self.last.get("reference")
            and references
            and not row.first(self.columns, Role.REFERENCE)
            and title[:1].islower()
        )

    def _is_measure(self, row: Row) -> bool:
        kind = self.mapping.kind
        if kind in {TableKind.MEASURES, TableKind.PERIODS_DOWN}:
            return True
        if kind is TableKind.ACTIONS:
            return False
        numbers = any(
            parse_reported_value(text).value is not None
            for role in NUMBER_ROLES
            for _, text, _ in row.by_role(self.columns, role)
        )
        return numbers or bool(
            row.first(self.columns, Role.UNIT) or row.first(self.columns, Role.POLARITY)
        )

    def _continue(self, row: Row) -> None:
        """A row with no title: the rest of the row above, split by a page or a cell's lines."""
        if self.last is None:
            for index, text in row.texts.items():
                self.out.skip(
                    row.cells[index] or row.source, text, "a row without a title or reference"
                )
            return
        for column in self.columns:
            text = row.texts.get(column.index, "")
            name = _TEXT_FIELDS.get(column.role)
            joint = " " if column.role is Role.TITLE else "\n"
            update = self.last_updates.get(self.period(column))
            if text and name:
                self.last[name] = f"{self.last.get(name, '')}{joint}{text}".strip()
            elif text and column.role is Role.COMMENTARY and update is not None:
                update["commentary"] = f"{update.get('commentary', '')}\n{text}".strip()
            elif text and column.role is not Role.IGNORE:
                self.out.skip(
                    row.cells[column.index] or row.source,
                    text,
                    "continues the row above, but its column takes one value",
                )


_TEXT_FIELDS = {
    Role.TITLE: "title",
    Role.DESCRIPTION: "description",
    Role.SUCCESS_CRITERIA: "success_criteria",
}


def _joined(cells: list[Cell]) -> str:
    return " | ".join(text_of(c) for c in cells)
