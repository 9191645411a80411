"""CSV files: one table, whatever the encoding and the delimiter.

Councils' CSV files come from Excel (Windows-1252 or UTF-8 with a byte order mark), from
finance and performance systems, from open data portals; with commas, semicolons (European
Excel), tabs or pipes; with quoted cells holding line breaks and the delimiter. Each row keeps
the number of the physical line it starts on, so a cell spread over three lines is still found
where it begins. A few one-cell lines above the header ("Housing KPIs 2023/24") become
headings. Values stay text: a CSV file has no types, and the reader knows what a "29.4%" means.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from councilplan.imports.problems import ImportProblem

from .encoding import decode_text
from .layout import CellCounter, title_rows
from .limits import Limits, Progress
from .shape import Cell, ExtractedDocument, SourceRef, Table, TextBlock

DELIMITERS = ",;\t|"
_SAMPLE = 64 * 1024
_CONSISTENT = 0.9  # share of rows of the usual width for a delimiter to be the one


def detect_delimiter(text: str) -> str | None:
    """The delimiter that splits the start of ``text`` into rows of the same width, if any."""
    sample = text[:_SAMPLE]
    truncated = len(text) > _SAMPLE
    try:
        first = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = ""
    scores = {d: _consistency(sample, d, truncated=truncated) for d in DELIMITERS}
    fitting = [d for d in DELIMITERS if scores[d][0] >= _CONSISTENT and scores[d][1] >= 2]
    if first in fitting:
        return first
    return max(fitting, key=lambda d: scores[d], default=None)


def _consistency(sample: str, delimiter: str, *, truncated: bool) -> tuple[float, int]:
    """The share of rows with the most common width, and that width."""
    try:
        rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter))
    except csv.Error:
        return (0.0, 0)
    if truncated and rows:
        rows.pop()  # cut short by the sample
    widths = Counter(len(row) for row in rows if any(cell.strip() for cell in row))
    if sum(widths.values()) < 2:
        return (0.0, 0)
    width, count = widths.most_common(1)[0]
    return (count / sum(widths.values()), width)


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """The CSV file as its title lines and one table."""
    text = decode_text(path.read_bytes(), path.name)
    records = _records(text, detect_delimiter(text) or ",", path.name)
    counter = CellCounter(limits, path.name)
    titles = title_rows([fields for _, fields in records])
    headings = [
        TextBlock("heading", " ".join(f.strip() for f in fields if f.strip()), _ref(path, line))
        for line, fields in records[:titles]
    ]
    blocks: list[TextBlock | Table] = list(headings)
    cells: list[Cell] = []
    for row, (line, fields) in enumerate(records[titles:]):
        counter.add(len(fields), line=line)
        cells.extend(
            Cell(
                text=field.replace("\r\n", "\n").replace("\r", "\n").strip(),
                row=row,
                column=column,
                source=_ref(path, line, f"row {row + 1}, column {column + 1}"),
            )
            for column, field in enumerate(fields)
        )
    if cells:
        blocks.append(
            Table(
                cells=tuple(cells),
                source=_ref(path, cells[0].source.line),
                heading=headings[-1].text if headings else "",
            )
        )
    progress(1, 1)
    return ExtractedDocument(name=path.name, format="csv", blocks=tuple(blocks), pages=1)


def _ref(path: Path, line: int | None, cell: str = "") -> SourceRef:
    return SourceRef(path.name, line=line, cell=cell)


def _records(text: str, delimiter: str, name: str) -> list[tuple[int, list[str]]]:
    """Non-blank records with the 1-based physical line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for fields in reader:
            start = previous + 1
            previous = reader.line_num
            if any(field.strip() for field in fields):
                records.append((start, fields))
    except csv.Error as exc:
        raise ImportProblem(
            f"The CSV file cannot be read here: {exc}.", file=name, line=previous + 1
        ) from exc
    if not records:
        raise ImportProblem("The file has no rows.", file=name)
    return records
