"""The template as CSV files, one per table (UTF-8, header row first), in a folder or a .zip."""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path, PurePosixPath
from zipfile import ZIP_DEFLATED, BadZipFile, ZipFile

from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument

from .cells import CellValue, plain_number
from .columns import Table
from .tables import document_grids, read_document


def write_csv(document: PlanDocument, directory: Path) -> None:
    """Write a CSV file per table into ``directory`` (made if need be), or a .zip of them."""
    files = {table.file: _csv_text(grid) for table, grid in document_grids(document)}
    if directory.suffix.lower() == ".zip":
        with ZipFile(directory, "w", ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
        return
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8", newline="")


def _csv_text(grid: Iterable[Sequence[CellValue]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in grid:
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def _csv_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_csv(directory_or_zip: Path) -> PlanDocument:
    """Read the template's CSV files from a folder or a .zip; problems name file, row, column."""
    files = _csv_files(directory_or_zip)

    def open_table(table: Table) -> tuple[str, Iterable[Sequence[object]]]:
        where = f"{directory_or_zip.name}/{table.file}"
        data = files.get(table.file)
        if data is None:
            message = f'No "{table.file}" file for the {table.name} table.'
            raise ImportProblem(message, file=directory_or_zip.name, field=table.name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            message = f"Not UTF-8 text (byte {exc.start}): save it as CSV UTF-8."
            raise ImportProblem(message, file=where) from exc
        return where, csv.reader(io.StringIO(text, newline=""))

    return read_document(directory_or_zip.name, open_table)


def _csv_files(path: Path) -> dict[str, bytes]:
    """The CSV files of a folder or .zip archive, by lower-case file name."""
    if path.is_dir():
        return {
            f.name.lower(): f.read_bytes() for f in path.iterdir() if f.suffix.lower() == ".csv"
        }
    try:
        with ZipFile(path) as archive:
            return {
                PurePosixPath(name).name.lower(): archive.read(name)
                for name in archive.namelist()
                if name.lower().endswith(".csv") and not name.startswith("__MACOSX/")
            }
    except (BadZipFile, OSError) as exc:
        raise ImportProblem("Not a folder or .zip of CSV files.", file=path.name) from exc
