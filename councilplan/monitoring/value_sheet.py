"""The rows of an uploaded values file: the template's Observations table in a CSV or .xlsx.

Data teams supply values as a CSV file (UTF-8), or a workbook whose "Observations" sheet, or
else its first sheet, holds them. The headers and cell kinds are the template's (see
``imports.template.columns``), so an exported workbook reads back; only Measure, Period and Value
must be there as columns. Unlike the import, which stops at the first problem, every cell is
read and every problem kept, so a file is fixed in one go.
"""

import csv
import io
import zlib
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import PurePath
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from councilplan.imports.problems import ImportProblem
from councilplan.imports.template.cells import as_text
from councilplan.imports.template.columns import TABLES, Column
from councilplan.imports.template.grid import Row

OBSERVATIONS = next(table for table in TABLES if table.name == "Observations")
REQUIRED_COLUMNS = ("measure", "period", "value")
MAX_ROWS = 10_000
_OLD_EXCEL = b"\xd0\xcf\x11\xe0"
_UNREADABLE_XLSX = (
    InvalidFileException,
    BadZipFile,
    KeyError,
    OSError,
    EOFError,
    zlib.error,
    ParseError,
    ValueError,
)

Grid = list[tuple[int, Sequence[object]]]
ReadRows = tuple[list[tuple[Row, set[str]]], list[ImportProblem]]


def read_rows(file_name: str, content: bytes) -> ReadRows:
    """Each non-blank row with the keys of its unreadable cells, and every problem found.

    A row's ``values`` hold its readable cells by column key; a problem with the file or its
    header leaves no rows.
    """
    try:
        grid = _grid(file_name, content)
    except ImportProblem as problem:
        return [], [problem]
    return _rows(grid, file_name)


def row_message(problem: ImportProblem) -> str:
    """A problem as the upload page lists it: 'Row 4, Value: "abc" is not a number.'."""
    column = problem.field.removeprefix(f"{OBSERVATIONS.name}.")
    place = [f"Row {problem.line}"] if problem.line else []
    place += [column] if column and column != OBSERVATIONS.name else []
    return f"{', '.join(place)}: {problem.message}" if place else problem.message


def in_place(problem: ImportProblem) -> tuple[int, int]:
    """Where a problem is, to list problems in order: row, then column as in the template."""
    places = [f"{OBSERVATIONS.name}.{column.header}" for column in OBSERVATIONS.columns]
    return problem.line or 0, places.index(problem.field) if problem.field in places else -1


# Reading the file into a grid of cells.


def _grid(file_name: str, content: bytes) -> Grid:
    """The numbered rows of cells in the upload, header first, from an .xlsx or a CSV file."""
    suffix = PurePath(file_name).suffix.lower()
    if content.startswith(b"PK") or suffix in (".xlsx", ".xlsm"):
        return _xlsx_grid(file_name, content)
    if content.startswith(_OLD_EXCEL) or suffix == ".xls":
        message = "This is an old Excel file (.xls): save it as .xlsx or CSV UTF-8 and upload that."
        raise ImportProblem(message, file=file_name)
    return _csv_grid(file_name, content)


def _xlsx_grid(file_name: str, content: bytes) -> Grid:
    """The "Observations" sheet of a workbook, or else its first sheet."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            names = {name.casefold(): name for name in workbook.sheetnames}
            name = names.get(OBSERVATIONS.name.casefold())
            sheet = workbook[name] if name else workbook.worksheets[0]
            sheet.reset_dimensions()  # some programs write a wrong size; read every row there is
            return _filled(sheet.iter_rows(values_only=True))
        finally:
            workbook.close()
    except _UNREADABLE_XLSX as exc:
        message = (
            "This is not an Excel workbook (.xlsx), or it is damaged: "
            "save it again from Excel, or as CSV UTF-8, and upload that."
        )
        raise ImportProblem(message, file=file_name) from exc


def _csv_grid(file_name: str, content: bytes) -> Grid:
    """The rows of a CSV file in UTF-8 (with or without the mark Excel writes first)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = (
            f"This is not a CSV file in UTF-8 (byte {exc.start} is not text): "
            "save it as CSV UTF-8 or as an Excel workbook (.xlsx) and upload that."
        )
        raise ImportProblem(message, file=file_name) from exc
    if "\x00" in text:
        message = "This is not a CSV file: it holds binary data. Save it as CSV UTF-8 or .xlsx."
        raise ImportProblem(message, file=file_name)
    try:
        return _filled(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        message = f"This is not a CSV file that can be read ({exc}): save it as CSV UTF-8."
        raise ImportProblem(message, file=file_name) from exc


def _blank(raw: object) -> bool:
    return raw is None or not as_text(raw)


def _filled(rows: Iterable[Sequence[object]]) -> Grid:
    """The rows with anything in them, numbered as in the file; one more than allowed at most."""
    numbered = enumerate(rows, start=1)
    filled = ((number, cells) for number, cells in numbered if not all(map(_blank, cells)))
    return list(islice(filled, MAX_ROWS + 2))


# The header, and each row's cells read by the template's column kinds.


def fold(text: str) -> str:
    """Text as names are matched: case and spacing ignored."""
    return " ".join(text.casefold().split())


def _columns(
    header: Sequence[object], file: str, line: int
) -> tuple[list[Column | None], list[ImportProblem]]:
    """The column under each header cell (None where blank), and what is wrong with the header."""
    known = {fold(column.header): column for column in OBSERVATIONS.columns}
    columns: list[Column | None] = []
    problems: list[ImportProblem] = []
    for raw in header:
        name = as_text(raw) if raw is not None else ""
        column = known.get(fold(name))
        if name and column is None:
            headers = ", ".join(column.header for column in OBSERVATIONS.columns)
            message = f'Unknown column "{name}". The columns are: {headers}.'
            problems.append(ImportProblem(message, file=file, line=line, field=name))
        elif column is not None and column in columns:
            message = "The column appears twice."
            problems.append(ImportProblem(message, file=file, line=line, field=column.header))
        columns.append(column)
    for key in REQUIRED_COLUMNS:
        needed = OBSERVATIONS.column(key)
        if needed not in columns:
            message = f'Missing column "{needed.header}".'
            problems.append(ImportProblem(message, file=file, line=line, field=needed.header))
    return columns, problems


def _cells(
    row: Row, cells: Sequence[object], columns: list[Column | None]
) -> tuple[set[str], list[ImportProblem]]:
    """Read a row's cells into ``row.values``; the keys of the cells that could not be read.

    As ``grid.read_table`` does for an import, but keeping every bad cell, not the first.
    """
    failed: set[str] = set()
    problems: list[ImportProblem] = []
    for index, raw in enumerate(cells):
        if _blank(raw):
            continue
        column = columns[index] if index < len(columns) else None
        if column is None:
            message = f"A value under no column: {as_text(raw)[:40]!r}."
            problems.append(ImportProblem(message, file=row.file, line=row.number))
            continue
        try:
            row.values[column.key] = column.kind.read(raw)
        except ValueError as exc:
            failed.add(column.key)
            problems.append(row.problem(column.key, str(exc)))
    return failed, problems


def _rows(grid: Grid, file: str) -> ReadRows:
    """Each non-blank row with the keys of its unreadable cells, and every problem found."""
    if not grid:
        message = "The file is empty: it needs a header row, then a row for each value."
        return [], [ImportProblem(message, file=file)]
    if len(grid) > MAX_ROWS + 1:
        message = f"The file has more than {MAX_ROWS:,} rows: split it into smaller uploads."
        return [], [ImportProblem(message, file=file)]
    (header_line, header), *lines = grid
    columns, problems = _columns(header, file, header_line)
    if problems:
        return [], problems
    rows = []
    for number, cells in lines:
        row = Row(OBSERVATIONS, file, number)
        failed, found = _cells(row, cells, columns)
        problems += found
        if row.values or failed:
            rows.append((row, failed))
    if not lines:
        problems.append(ImportProblem("The file has a header row but no values.", file=file))
    return rows, problems
