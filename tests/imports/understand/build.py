"""Building extracted documents in tests, as a format's extraction step would give them.

``table([...rows...])`` takes rows of texts; "<" merges a cell into the one on its left and
"^" into the one above, as a merged header band in a PDF, Word table or workbook would.
"""

from __future__ import annotations

from councilplan.imports.extract.shape import (
    Block,
    Cell,
    ExtractedDocument,
    SourceRef,
    Table,
    TextBlock,
)

FILE = "return.pdf"


def table(rows: list[list[str]], *, heading: str = "", page: int = 1, first_line: int = 1) -> Table:
    spans: dict[tuple[int, int], list[int]] = {}
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text == "<":
                origin[r, c] = origin[r, c - 1]
                top = origin[r, c]
                spans[top][1] = max(spans[top][1], c - top[1] + 1)
            elif text == "^":
                origin[r, c] = origin[r - 1, c]
                top = origin[r, c]
                spans[top][0] = max(spans[top][0], r - top[0] + 1)
            else:
                origin[r, c] = (r, c)
                spans[r, c] = [1, 1]
    cells = tuple(
        Cell(
            text=rows[r][c],
            row=r,
            column=c,
            row_span=span[0],
            column_span=span[1],
            source=SourceRef(FILE, page=page, line=first_line + r),
        )
        for (r, c), span in spans.items()
    )
    return Table(cells=cells, source=SourceRef(FILE, page=page, line=first_line), heading=heading)


def heading(text: str, level: int = 1, line: int = 1) -> TextBlock:
    return TextBlock("heading", text, SourceRef(FILE, page=1, line=line), level=level)


def paragraph(text: str, line: int = 1) -> TextBlock:
    return TextBlock("paragraph", text, SourceRef(FILE, page=1, line=line))


def item(text: str, level: int = 1, line: int = 1) -> TextBlock:
    return TextBlock("list_item", text, SourceRef(FILE, page=1, line=line), level=level)


def document(*blocks: Block, name: str = FILE, fmt: str = "pdf") -> ExtractedDocument:
    return ExtractedDocument(name=name, format=fmt, blocks=tuple(blocks))
