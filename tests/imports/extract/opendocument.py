"""Writing the small OpenDocument spreadsheets (.ods) the tests read.

odfpy is not installed, and an .ods is a zip of XML parts, so the tests write the parts
themselves: the ``mimetype`` member first and uncompressed, a manifest, and ``content.xml``
with typed cells (``office:value-type``), spans (``table:number-columns-spanned``) and the
covered cells a merge leaves, as LibreOffice writes them.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)

# A cell: a value, or (value, shown text, columns spanned); None is a covered cell.
OdsCell = str | float | int | date | tuple[object, str, int] | None


def write_ods(path: Path, sheets: dict[str, list[list[OdsCell]]]) -> None:
    """An .ods file with the sheets, each a list of rows of cells."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_cell(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest manifest:version="1.2" '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


def _cell(cell: OdsCell) -> str:
    if cell is None:
        return "<table:covered-table-cell/>"
    span = 1
    if isinstance(cell, tuple):
        value, shown, span = cell
    else:
        value, shown = cell, str(cell)
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    if value == "":
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value}"'
    else:
        kind = 'office:value-type="string"'
    return f"<table:table-cell {kind}{spanned}><text:p>{escape(shown)}</text:p></table:table-cell>"
