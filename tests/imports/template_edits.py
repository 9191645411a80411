"""Editing one table of a written template (workbook, CSV folder or .zip), for the tests of
what the readers say about bad input."""

import csv
import io
from collections.abc import Callable
from pathlib import Path
from zipfile import ZipFile

from openpyxl import load_workbook

from councilplan.imports.template.columns import TABLES

Grid = list[list[object]]


def rows_of(text: str) -> Grid:
    return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]


def csv_text(grid: Grid) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None else v for v in row] for row in grid])
    return out.getvalue()


def edit(path: Path, fmt: str, table: str, change: Callable[[Grid], Grid | None]) -> None:
    """Change one table of a written template; ``change`` returning None removes the table."""
    name = next(t.file for t in TABLES if t.name == table)
    if fmt == "xlsx":
        workbook = load_workbook(path)
        grid = change([[cell.value for cell in row] for row in workbook[table].iter_rows()])
        del workbook[table]
        if grid is not None:
            sheet = workbook.create_sheet(table)
            for row in grid:
                sheet.append(row)
        workbook.save(path)
    elif fmt == "csv":
        grid = change(rows_of((path / name).read_text(encoding="utf-8")))
        (path / name).unlink()
        if grid is not None:
            (path / name).write_text(csv_text(grid), encoding="utf-8")
    else:
        with ZipFile(path) as archive:
            files = {member: archive.read(member) for member in archive.namelist()}
        grid = change(rows_of(files.pop(name).decode("utf-8")))
        if grid is not None:
            files[name] = csv_text(grid).encode("utf-8")
        with ZipFile(path, "w") as archive:
            for member, data in files.items():
                archive.writestr(member, data)


def set_cell(row: int, header: str, value: object) -> Callable[[Grid], Grid]:
    """A change putting ``value`` in column ``header`` of spreadsheet row ``row``."""

    def change(grid: Grid) -> Grid:
        grid[row - 1][grid[0].index(header)] = value
        return grid

    return change


def drop_column(header: str) -> Callable[[Grid], Grid]:
    def change(grid: Grid) -> Grid:
        index = grid[0].index(header)
        return [row[:index] + row[index + 1 :] for row in grid]

    return change


def add_column(header: str) -> Callable[[Grid], Grid]:
    return lambda grid: [[*grid[0], header], *([*row, "x"] for row in grid[1:])]


def remove(grid: Grid) -> None:
    return None
