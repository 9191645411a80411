"""What python-calamine does not give for an OpenDocument spreadsheet: merges, shown text, hidden
rows and columns.

calamine reads an .ods file's typed values but not its merged cells, the text each cell shows
("29.4%" for 0.294) or the rows and columns hidden in it; all three are in ``content.xml``,
read here with defusedxml (no entities, no network), its size already checked with the zip.
Repeated rows and columns (LibreOffice writes a million empty rows as one element) are
counted, never expanded.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ROW_GROUPS = {f"{_TABLE}{n}" for n in ("table-header-rows", "table-rows", "table-row-group")}
_COLUMN_GROUPS = {
    f"{_TABLE}{n}" for n in ("table-header-columns", "table-columns", "table-column-group")
}
_CELLS = {f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"}
_MAX_REPEAT = 1_048_576


@dataclass
class SheetLayout:
    """One sheet's merged ranges (r1, c1, r2, c2), shown texts and hidden places, 0-based."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def read_layout(path: Path) -> dict[str, SheetLayout]:
    """Each sheet's layout, by sheet name."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as member:
        root = fromstring(member.read())
    return {table.get(f"{_TABLE}name", ""): _sheet(table) for table in root.iter(f"{_TABLE}table")}


def _sheet(table: Any) -> SheetLayout:
    layout = SheetLayout()
    column = 0
    for element in _flatten(table, _COLUMN_GROUPS, f"{_TABLE}table-column"):
        repeat = _repeat(element, "number-columns-repeated")
        if element.get(f"{_TABLE}visibility", "visible") != "visible" and repeat < _MAX_REPEAT:
            layout.hidden_columns.update(range(column, column + repeat))
        column += repeat
    row = 0
    for element in _flatten(table, _ROW_GROUPS, f"{_TABLE}table-row"):
        repeat = _repeat(element, "number-rows-repeated")
        if element.get(f"{_TABLE}visibility", "visible") != "visible" and repeat < _MAX_REPEAT:
            layout.hidden_rows.update(range(row, row + repeat))
        if len(element):
            _cells(element, row, layout)
        row += repeat
    return layout


def _flatten(parent: Any, groups: set[str], wanted: str) -> list[Any]:
    """The wanted children of a table, inside header and grouping elements too, in order."""
    found: list[Any] = []
    for child in parent:
        if child.tag == wanted:
            found.append(child)
        elif child.tag in groups:
            found.extend(_flatten(child, groups, wanted))
    return found


def _cells(row_element: Any, row: int, layout: SheetLayout) -> None:
    column = 0
    for cell in row_element:
        if cell.tag not in _CELLS:
            continue
        repeat = _repeat(cell, "number-columns-repeated")
        if cell.tag == f"{_TABLE}table-cell":
            columns = _repeat(cell, "number-columns-spanned")
            rows = _repeat(cell, "number-rows-spanned")
            if columns > 1 or rows > 1:
                layout.merges.append((row, column, row + rows - 1, column + columns - 1))
            text = "\n".join(_text(p) for p in cell.iter(f"{_TEXT}p"))
            if text.strip() and repeat < _MAX_REPEAT:
                layout.texts.update({(row, column + i): text for i in range(min(repeat, 1024))})
        column += repeat


def _text(paragraph: Any) -> str:
    """A paragraph's text with its spaces (``text:s``), tabs and line breaks."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * _repeat(child, "c", _TEXT))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _repeat(element: Any, attribute: str, namespace: str = _TABLE) -> int:
    try:
        return max(1, min(int(element.get(f"{namespace}{attribute}", "1")), _MAX_REPEAT))
    except ValueError:
        return 1
