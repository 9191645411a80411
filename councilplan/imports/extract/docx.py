"""Word documents (.docx): headings, paragraphs, lists and tables in the order they are written.

Councils write their plans in Word: theme headings, paragraphs, numbered and bulleted lists of
actions, and tables of actions with merged cells (a theme cell spanning the rows of its
actions, a "2023/24" cell spanning its quarters). The body is read element by element (content
controls opened), so every table keeps the heading above it. A merged cell appears once, at its
top-left place, with its spans; a table inside a cell comes as its own table after the outer
one, its caption naming the place ("in table 2, row 3, column 4") and that cell hinted
"nested table". A cell's paragraphs are lines of its text; its list items lose their
markers, as in the other formats, and give the cell the hint "list"; its shading gives hints
("fill #FF0000", "fill red"), since a status is often only a colour.

Places: ``line`` is the 1-based number of the body element (paragraph or table) a block comes
from; a cell's place is "table 2, row 3, column 4". Word has no pages until it is printed, so
``page`` stays empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from councilplan.imports.problems import ImportProblem

from .docx_lists import Numbering
from .layout import CellCounter, colour_hints, list_marker
from .limits import Limits, Progress
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table, TextBlock

_HEADING_STYLE = re.compile(r"^heading (\d)$", re.IGNORECASE)
_LIST_STYLE_DEPTH = re.compile(r"^list (?:bullet|number|continue|paragraph)? ?(\d)$", re.I)
_BODY_TEXT_LEVEL = 9  # outline level 9 is Word's "body text"


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """The Word document as blocks in reading order."""
    try:
        document = docx.Document(str(path))
        numbering = document.part.numbering_part.element
    except NotImplementedError:
        numbering = None  # a document with no lists has no numbering part
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ImportProblem(
            f"The Word document is damaged and cannot be read ({exc}).", file=path.name
        ) from exc
    reader = _Reader(path.name, Numbering(numbering), CellCounter(limits, path.name))
    try:
        for index, item in enumerate(_items(document.element.body, document), start=1):
            if isinstance(item, Paragraph):
                reader.paragraph(item, index)
            else:
                reader.table(item, index)
    except (KeyError, ValueError, AttributeError) as exc:
        raise ImportProblem(
            f"The Word document is damaged and cannot be read ({exc}).", file=path.name
        ) from exc
    progress(1, 1)
    return ExtractedDocument(name=path.name, format="docx", blocks=tuple(reader.blocks), pages=1)


def _items(element: Any, parent: Any) -> Iterator[Paragraph | WordTable]:
    """Paragraphs and tables of a body or cell in order, inside content controls too."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield WordTable(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _items(content, parent)


@dataclass
class _Merged:
    """A cell being built, whose row span grows as merged cells below continue it."""

    text: str
    row: int
    column: int
    column_span: int
    place: str
    hints: tuple[str, ...]
    row_span: int = 1


@dataclass
class _Reader:
    name: str
    numbering: Numbering
    counter: CellCounter
    blocks: list[Block] = field(default_factory=list)
    heading: str = ""
    caption: str = ""
    tables: int = 0

    def paragraph(self, paragraph: Paragraph, index: int) -> None:
        text = paragraph.text.strip()
        listed = self.numbering.item(paragraph)
        if not text:
            return
        source = SourceRef(self.name, line=index)
        level = _heading_level(paragraph)
        style = paragraph.style.name if paragraph.style is not None else ""
        self.caption = text if style.lower() == "caption" else ""
        if level is not None:
            self.heading = text
            self.blocks.append(TextBlock("heading", text, source, level=level))
        elif listed is not None:
            depth, marker = listed
            if found := _LIST_STYLE_DEPTH.match(style):
                depth = max(depth, int(found[1]))  # "List Bullet 2" is indented by its style
            self.blocks.append(TextBlock("list_item", text, source, level=depth, marker=marker))
        elif typed := list_marker(text):
            marker, rest, depth = typed
            self.blocks.append(TextBlock("list_item", rest, source, level=depth, marker=marker))
        else:
            self.blocks.append(TextBlock("paragraph", text, source))

    def table(self, table: WordTable, index: int, place: str = "") -> None:
        self.tables += 1
        number = self.tables
        nested: list[tuple[WordTable, str]] = []
        cells = self._cells(table, number, nested)
        title = table._tbl.tblPr.find(qn("w:tblCaption")) if table._tbl.tblPr is not None else None
        caption = f"in {place}" if place else self.caption
        if title is not None and title.get(qn("w:val")):
            caption = title.get(qn("w:val"))
        self.caption = ""
        self.blocks.append(
            Table(
                cells=tuple(cells),
                source=SourceRef(self.name, line=index, cell=f"table {number}"),
                heading=self.heading,
                caption=caption,
            )
        )
        for inner, inner_place in nested:
            self.table(inner, index, inner_place)

    def _cells(
        self, table: WordTable, number: int, nested: list[tuple[WordTable, str]]
    ) -> list[Cell]:
        built: list[_Merged] = []
        above: dict[int, _Merged] = {}  # column -> the merged cell that a "continue" extends
        for row, tr in enumerate(table._tbl.tr_lst):
            column = tr.grid_before
            self.counter.add(len(tr.tc_lst), cell=f"table {number}, row {row + 1}")
            for tc in tr.tc_lst:
                span = max(tc.grid_span, 1)
                if tc.vMerge == "continue" and column in above:
                    above[column].row_span = row - above[column].row + 1
                    column += span
                    continue
                place = f"table {number}, row {row + 1}, column {column + 1}"
                text, hints = self._cell_text(_Cell(tc, table), place, nested)
                cell = _Merged(text, row, column, span, place, hints + _shading(tc))
                built.append(cell)
                for covered in range(column, column + span):
                    if tc.vMerge == "restart":
                        above[covered] = cell
                    else:
                        above.pop(covered, None)
                column += span
        return [
            Cell(
                text=c.text,
                row=c.row,
                column=c.column,
                source=SourceRef(self.name, cell=c.place),
                row_span=c.row_span,
                column_span=c.column_span,
                hints=c.hints,
            )
            for c in built
        ]

    def _cell_text(
        self, cell: _Cell, place: str, nested: list[tuple[WordTable, str]]
    ) -> tuple[str, tuple[str, ...]]:
        lines: list[str] = []
        hints: list[str] = []
        for item in _items(cell._tc, cell):
            if isinstance(item, WordTable):
                nested.append((item, place))
                hints.append("nested table")
                continue
            listed = self.numbering.item(item)
            text = item.text.strip()
            typed = list_marker(text) if text else None
            if text and (listed or typed):
                hints.append("list")
            if typed:
                text = typed[1]
            if text:
                lines.append(text)
        return "\n".join(lines), tuple(dict.fromkeys(hints))


def _heading_level(paragraph: Paragraph) -> int | None:
    """1 for Title and Heading 1, N for Heading N, or the outline level of the paragraph."""
    style = paragraph.style
    name = style.name if style is not None else ""
    if name.lower() == "title":
        return 1
    if found := _HEADING_STYLE.match(name or ""):
        return int(found[1])
    candidates = [paragraph._p.pPr]
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        outline = None if ppr is None else ppr.find(qn("w:outlineLvl"))
        if outline is not None:
            level = int(outline.get(qn("w:val"), _BODY_TEXT_LEVEL))
            return level + 1 if level < _BODY_TEXT_LEVEL else None
    return None


def _shading(tc: Any) -> tuple[str, ...]:
    """A cell's fill colour as hints."""
    shd = tc.tcPr.find(qn("w:shd")) if tc.tcPr is not None else None
    fill = shd.get(qn("w:fill")) if shd is not None else None
    return colour_hints("fill", None if fill in (None, "auto") else fill)
