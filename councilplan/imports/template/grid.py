"""Tables as grids of cells, whatever holds them: the one place a header and a row are read.

The xlsx and CSV modules only move grids in and out of files; checking the header, reading each
cell by its column's kind and saying where a problem is (file, row number, "Sheet.Column")
happens here, the same for both.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from councilplan.imports.problems import ImportProblem

from .cells import CellValue, as_text
from .columns import Column, Table

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Row:
    """One row of a table as read: where it is, and the values of its non-blank cells."""

    table: Table
    file: str
    number: int
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def place(self) -> str:
        """The table the row is in, for messages: its CSV file ("plan/updates.csv", as
        ``file`` already says), or the workbook's sheet ("plan.xlsx sheet Updates")."""
        if self.file.endswith(self.table.file):
            return self.file
        return f"{self.file} sheet {self.table.name}"

    def get(self, key: str, default: Any = None) -> Any:
        """The value of the column holding ``key``, or ``default`` where the cell is blank."""
        return self.values.get(key, default)

    def problem(self, key: str, message: str) -> ImportProblem:
        """A problem at this row, in the column holding ``key``."""
        place = f"{self.table.name}.{self.table.column(key).header}"
        return ImportProblem(message, file=self.file, line=self.number, field=place)

    def build(self, model: type[Model], **values: Any) -> Model:
        """An item of the normalised structure from this row; what it rejects, at its column."""
        try:
            return model(line=self.number, place=self.place, **values)
        except ValidationError as exc:
            error = exc.errors()[0]
            key = str(error["loc"][0]) if error["loc"] else ""
            known = any(column.key == key for column in self.table.columns)
            place = f"{self.table.name}.{self.table.column(key).header}" if known else ""
            message = error["msg"] if known else f"{key}: {error['msg']}"
            raise ImportProblem(message, file=self.file, line=self.number, field=place) from exc

    def require(self, key: str) -> Any:
        """The value of a column that must not be blank here."""
        if key not in self.values:
            raise self.problem(key, "This needs a value.")
        return self.values[key]

    def fields_but(self, *skip: str) -> dict[str, Any]:
        """The non-blank values of all columns but ``skip``, for ``build`` (blank: the default)."""
        return {key: value for key, value in self.values.items() if key not in skip}


@dataclass(frozen=True)
class Sheet:
    """A table as read: its rows, and the file they came from."""

    table: Table
    file: str
    rows: list[Row]

    def problem(self, message: str) -> ImportProblem:
        """A problem with the table as a whole."""
        return ImportProblem(message, file=self.file, field=self.table.name)

    def items(self, model: type[Model]) -> list[Model]:
        """An item per row, for tables whose every column is a field of ``model``."""
        return [row.build(model, **row.fields_but()) for row in self.rows]


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _header(table: Table, cells: Sequence[object], file: str) -> list[Column | None]:
    """The column of each header cell (None for a blank one); a problem if any is wrong."""
    by_name = {" ".join(col.header.lower().split()): col for col in table.columns}
    found: list[Column | None] = []
    for raw in cells:
        name = " ".join(as_text(raw).lower().split()) if not _blank(raw) else ""
        if name and name not in by_name:
            known = ", ".join(col.header for col in table.columns)
            message = f'Unknown column "{as_text(raw)}". The columns are: {known}.'
            raise ImportProblem(message, file=file, line=1, field=f"{table.name}.{as_text(raw)}")
        column = by_name.get(name)
        if column is not None and column in found:
            message = "The column appears twice."
            raise ImportProblem(message, file=file, line=1, field=f"{table.name}.{column.header}")
        found.append(column)
    for column in table.columns:
        if column not in found:
            message = f'Missing column "{column.header}".'
            raise ImportProblem(message, file=file, line=1, field=f"{table.name}.{column.header}")
    return found


def read_table(table: Table, grid: Iterable[Sequence[object]], file: str) -> Sheet:
    """The rows of a table's grid (header first), each cell read by its column's kind."""
    lines: Iterator[Sequence[object]] = iter(grid)
    header = next(lines, None)
    if header is None:
        message = "The header row is missing."
        raise ImportProblem(message, file=file, line=1, field=table.name)
    columns = _header(table, header, file)
    rows = []
    for number, cells in enumerate(lines, start=2):
        row = Row(table, file, number)
        for index, raw in enumerate(cells):
            if _blank(raw):
                continue
            column = columns[index] if index < len(columns) else None
            if column is None:
                message = f"A value under no column: {as_text(raw)[:40]!r}."
                raise ImportProblem(message, file=file, line=number, field=table.name)
            try:
                row.values[column.key] = column.kind.read(raw)
            except ValueError as exc:
                raise row.problem(column.key, str(exc)) from exc
        if row.values:
            rows.append(row)
    return Sheet(table, file, rows)


def table_cells(table: Table, records: Iterable[dict[str, Any]]) -> Iterator[list[CellValue]]:
    """The header, then a row of cells per record (a dict by column key)."""
    yield [column.header for column in table.columns]
    for record in records:
        row = []
        for column in table.columns:
            value = record.get(column.key)
            try:
                row.append(column.kind.write(value) if value is not None else None)
            except ValueError as exc:
                raise ValueError(f"{table.name}.{column.header}: {exc}") from exc
        yield row
