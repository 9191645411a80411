"""Collect every timescale written in the seed documents (../shared/seeds), for the parser tests.

The seeds are plain-text exports of council plans; tables are tab-separated lines whose header
rows name the date columns ("Timescale", "Start/ Expected Start", "Expected Completion",
"Review Deadlines", "To be achieved by"). What each document needs:

- 000 (Derby delivery plan 2019/20): "Timescale"; one cell may hold several dates in <p> or
  <li> tags or separated by runs of spaces.
- 001 (Derby delivery plan 2022/23): "Review Deadlines" ("Review March 2023",
  "March 2023 Delivery July 2023", "October 2022 March 2023").
- 002 (Derby corporate plan 2006-09): "Timescale" and "To be achieved by"; some headers are
  run together with ``**`` instead of tabs, some rows lost cells (the date shifts left), and
  one table lost its tabs altogether (its date stands on a line of its own).
- 003 (Derbyshire delivery plan 2019-21): "Start/ Expected Start" and "Expected Completion";
  a row split by a page break continues after the repeated header with only the date cell.
- 004 (annual results 2020/21) has no timescale columns.

Run as a script to print the distinct strings: ``python -m tests.domain.seed_timescales``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from councilplan.domain.fuzzy_dates import split_timescales

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

DATE_HEADERS = frozenset(
    {
        "timescale",
        "timescales",
        "start",
        "start/ expected start",
        "start / expected start",
        "expected start",
        "expected completion",
        "review deadline",
        "review deadlines",
        "review deadline(s)",
        "to be achieved by",
    }
)
# A cell or loose line that is plainly a date: used only where the table lost its shape.
_DATE_LIKE = re.compile(
    r"^(?:from\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)?\d\d"
    r"|(?:spring|summer|autumn|winter)\s+\d{4}|on-?\s?going|q[1-4]\s+\d{4})",
    re.IGNORECASE,
)

_TABLE_RULE = re.compile(r"^[-\t ]*--[-\t ]*$")
_HEADING = re.compile(r"^[A-Z]{4,}\b")


@dataclass(frozen=True)
class SeedCell:
    """One timescale cell as written, with where it came from."""

    document: str
    line: int
    header: str
    text: str


@dataclass
class _Row:
    line: int
    cells: dict[str, list[str]]


@dataclass
class _Table:
    header_line: str
    columns: dict[int, str]
    last_row: _Row | None = None


def _header_cells(line: str) -> list[str] | None:
    """Cells of a header row (tab-separated, or run together with ``**``), else None."""
    if "\t" in line:
        cells = [cell.strip() for cell in line.split("\t")]
    elif "**" in line:
        cells = [cell.strip() for cell in line.split("**") if cell.strip()]
    else:
        return None
    return cells if any(cell.lower() in DATE_HEADERS for cell in cells) else None


def _row(table: _Table, number: int, cells: list[str]) -> _Row:
    """The date cells of one table row; when the date columns are empty, a date that the export
    shifted into a neighbouring cell (it dropped or merged empty cells) is looked for."""
    found = {
        name: [cells[index]]
        for index, name in table.columns.items()
        if index < len(cells) and cells[index].strip()
    }
    if not found:
        first_column = table.columns[min(table.columns)]
        shifted = [cell for cell in cells[2:] if _DATE_LIKE.match(cell.strip())]
        found = {first_column: shifted[:1]} if shifted else {}
    return _Row(number, found)


def _continues_previous_row(table: _Table, cells: list[str], after_header: bool) -> bool:
    """A row carried over a page break: right after the repeated header, only date cells."""
    if not after_header or table.last_row is None:
        return False
    filled = {index for index, cell in enumerate(cells) if cell.strip()}
    return bool(filled) and filled <= set(table.columns)


def cells_in_document(path: Path) -> list[SeedCell]:
    """Every non-empty cell under a date header in one seed document, page breaks mended.

    A table ends at the first line of prose; a table whose header lost its tabs (``**``)
    runs on over loose lines until the next capitalised heading ("PRIORITY 3.1").
    """
    rows: list[_Row] = []
    table: _Table | None = None
    last_table: _Table | None = None
    after_header = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        header = _header_cells(line)
        if header is not None:
            carried = last_table.last_row if last_table and last_table.header_line == line else None
            columns = {i: cell for i, cell in enumerate(header) if cell.lower() in DATE_HEADERS}
            table = last_table = _Table(line, columns, carried)
            after_header = True
            continue
        if table is None or not line.strip() or _TABLE_RULE.match(line):
            continue
        if "\t" in line:
            cells = line.split("\t")
            if table.last_row and _continues_previous_row(table, cells, after_header):
                for index, name in table.columns.items():
                    if index < len(cells) and cells[index].strip():
                        table.last_row.cells.setdefault(name, []).append(cells[index])
            else:
                table.last_row = _row(table, number, cells)
                rows.append(table.last_row)
        elif "\t" not in table.header_line and not _HEADING.match(line):
            if _DATE_LIKE.match(line.strip()) and len(line.strip()) < 60:
                table.last_row = _Row(number, {table.columns[min(table.columns)]: [line.strip()]})
                rows.append(table.last_row)
        else:
            table = None
        after_header = False
    return [
        SeedCell(path.name, row.line, name, " ".join(parts))
        for row in rows
        for name, parts in row.cells.items()
    ]


def seed_cells(seeds_dir: Path = SEEDS_DIR) -> list[SeedCell]:
    """All timescale cells of all seed documents, in document order."""
    return [cell for path in sorted(seeds_dir.glob("*.txt")) for cell in cells_in_document(path)]


def distinct_timescales(seeds_dir: Path = SEEDS_DIR) -> list[str]:
    """Each distinct single timescale in the seeds (cells split as the importer splits them)."""
    found: dict[str, None] = {}
    for cell in seed_cells(seeds_dir):
        for timescale in split_timescales(cell.text):
            found.setdefault(timescale)
    return sorted(found, key=str.lower)


if __name__ == "__main__":
    sys.stdout.write("".join(f"{text!r},\n" for text in distinct_timescales()))
