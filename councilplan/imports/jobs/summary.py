"""What the mapping form shows of each table found: its place, heading, header and a few rows."""

from typing import Any

from councilplan.imports.extract import ExtractedDocument
from councilplan.imports.understand import Mapping

SAMPLE_ROWS = 5
CELL_CHARS = 80


def summarise(document: ExtractedDocument, mapping: Mapping) -> list[dict[str, Any]]:
    """A small JSON summary of every table, header rows as the mapping reads them."""
    header_rows = {t.index: t.header_rows for t in mapping.tables}
    summaries = []
    for index, table in enumerate(document.tables()):
        rows = [[_short(text) for text in row] for row in table.text_rows()]
        header = header_rows.get(index, 1)
        summaries.append(
            {
                "index": index,
                "place": str(table.source),
                "heading": _short(table.heading),
                "caption": _short(table.caption),
                "header": rows[:header],
                "rows": rows[header : header + SAMPLE_ROWS],
                "row_count": table.row_count,
                "column_count": table.column_count,
            }
        )
    return summaries


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_CHARS else text[: CELL_CHARS - 1] + "\u2026"
