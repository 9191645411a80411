"""Web pages (HTML): every table with the heading above it, and the text around the tables.

Councils publish performance pages and plans as HTML, and many systems' "Excel" exports are
HTML tables. Each ``<table>`` becomes a table with its colspans and rowspans, under the nearest
heading (``h1``-``h6``, or a paragraph all in bold) and with its ``<caption>``; a table inside a
cell comes after the outer one, its caption naming the place; a table used for layout (one
cell, or ``role="presentation"``) is read as the text it holds. Statuses and directions shown
only as icons or classes go into the cell's hints (``html_text.hints``) and never into its
text: a cell showing only a red dot has empty text and the hint "rag-red".

The page is parsed by lxml's HTML parser, which fetches nothing and expands no external
entities; scripts, styles and comments are ignored. Without a declared charset (or with one that
does not fit the bytes) the encoding is detected as for any text file; a declared ISO-8859-1
is read as Windows-1252, as browsers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped]
from lxml.etree import ParserError, XMLSyntaxError  # type: ignore[import-untyped]

from councilplan.imports.problems import ImportProblem

from .encoding import bom_encoding, decode_text
from .html_text import SKIPPED, folded, hints, is_strong, tag, text_lines
from .layout import CellCounter, format_number
from .limits import Limits, Progress
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table, TextBlock

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
    "pre", "address", "figure", "figcaption", "form", "fieldset", "dl", "dt", "dd", "center",
    "details", "summary", "body", "html", "li", "hr", "td", "th", "tr",
}  # fmt: skip
_LIST_STYLES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman"}
_NESTED = frozenset({"table"})
_MAX_SPAN = 1000


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """The page as headings, paragraphs, list items and tables in reading order."""
    text = _XML_DECLARATION.sub("", _decode(path.read_bytes(), path.name))
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, default_doctype=False
    )
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (ParserError, XMLSyntaxError, ValueError) as exc:
        raise ImportProblem(f"The web page cannot be read ({exc}).", file=path.name) from exc
    reader = _Reader(path.name, CellCounter(limits, path.name))
    reader.walk(root)
    reader.flush()
    progress(1, 1)
    return ExtractedDocument(name=path.name, format="html", blocks=tuple(reader.blocks), pages=1)


def _decode(data: bytes, name: str) -> str:
    """The page's text, in its declared charset where that fits the bytes."""
    declared = _DECLARED.search(data[:4096])
    if declared and bom_encoding(data) is None:
        encoding = declared[1].decode("ascii").lower()
        encoding = (
            "cp1252" if encoding in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else encoding
        )
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, name)


@dataclass
class _Reader:
    name: str
    counter: CellCounter
    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    buffer_line: int | None = None
    heading: str = ""
    level: int = 1
    tables: int = 0

    def walk(self, element: Any) -> None:
        name = tag(element)
        if not name or name in SKIPPED:
            return
        if name in _HEADINGS:
            self.flush()
            self.add_heading(" ".join(text_lines(element)), element, _HEADINGS[name])
        elif name == "table":
            self.flush()
            self.table(element)
        elif name in ("ul", "ol"):
            self.flush()
            self.list_items(element, 1)
        elif name == "br":
            self.buffer.append("\n")
        elif name == "p" and is_strong(element):
            self.flush()
            self.add_heading(" ".join(text_lines(element)), element, min(self.level + 1, 6))
        else:
            self.inline(element, block=name in _BLOCKS)

    def inline(self, element: Any, *, block: bool) -> None:
        if block:
            self.flush()
        self.add_text(element.text, element)
        for child in element:
            self.walk(child)
            self.add_text(child.tail, element)
        if block:
            self.flush()

    def add_text(self, text: str | None, element: Any) -> None:
        if text and text.strip() and not "".join(self.buffer).strip():
            self.buffer_line = element.sourceline
        if text:
            self.buffer.append(folded(text))

    def flush(self) -> None:
        """The text gathered since the last block, as paragraphs, one a line."""
        for line in "".join(self.buffer).split("\n"):
            if words := " ".join(line.split()):
                source = SourceRef(self.name, line=self.buffer_line)
                self.blocks.append(TextBlock("paragraph", words, source))
        self.buffer = []

    def add_heading(self, text: str, element: Any, level: int) -> None:
        if text:
            self.heading, self.level = text, level
            source = SourceRef(self.name, line=element.sourceline)
            self.blocks.append(TextBlock("heading", text, source, level=level))

    def list_items(self, element: Any, depth: int) -> None:
        ordered = tag(element) == "ol"
        style = _LIST_STYLES.get(element.get("type", "1"), "decimal")
        number = _int(element.get("start"), 1)
        for item in element:
            if tag(item) != "li":
                continue
            number = _int(item.get("value"), number)
            text = " ".join(text_lines(item, frozenset({"ul", "ol", "table"})))
            if text:
                marker = f"{format_number(number, style)}." if ordered else "\u2022"
                source = SourceRef(self.name, line=item.sourceline)
                self.blocks.append(TextBlock("list_item", text, source, level=depth, marker=marker))
            for inner in item.iter("ul", "ol", "table"):
                if _parent_in(inner, item, ("ul", "ol", "table")):
                    continue
                if tag(inner) == "table":
                    self.table(inner)
                else:
                    self.list_items(inner, depth + 1)
            number += 1

    def table(self, element: Any, place: str = "") -> None:
        rows = _rows(element)
        if element.get("role") in ("presentation", "none") or _single_cell(rows):
            self.inline(element, block=True)  # a table used for layout: read what it holds
            return
        self.tables += 1
        number = self.tables
        nested: list[tuple[Any, str]] = []
        cells = self._cells(rows, number, nested)
        caption = element.find("caption")
        caption_text = " ".join(text_lines(caption)) if caption is not None else ""
        self.blocks.append(
            Table(
                cells=tuple(cells),
                source=SourceRef(self.name, line=element.sourceline, cell=f"table {number}"),
                heading=self.heading,
                caption=f"in {place}" if place else caption_text or element.get("aria-label", ""),
            )
        )
        for inner, inner_place in nested:
            self.table(inner, inner_place)

    def _cells(self, rows: list[Any], number: int, nested: list[tuple[Any, str]]) -> list[Cell]:
        taken: set[tuple[int, int]] = set()
        cells: list[Cell] = []
        for r, row in enumerate(rows):
            column = 0
            for td in (child for child in row if tag(child) in ("td", "th")):
                while (r, column) in taken:
                    column += 1
                colspan = min(max(_int(td.get("colspan"), 1), 1), _MAX_SPAN)
                rowspan = _int(td.get("rowspan"), 1)
                rowspan = len(rows) - r if rowspan == 0 else min(max(rowspan, 1), len(rows) - r)
                taken.update(
                    (rr, cc)
                    for rr in range(r, r + rowspan)
                    for cc in range(column, column + colspan)
                )
                place = f"table {number}, row {r + 1}, column {column + 1}"
                self.counter.add(1, line=td.sourceline, cell=place)
                inner = [t for t in td.iter("table") if not _parent_in(t, td, ("table",))]
                nested.extend((t, place) for t in inner)
                cell_hints = hints(td, _NESTED) + (("nested table",) if inner else ())
                if any(True for _ in td.iter("li")):
                    cell_hints += ("list",)
                cells.append(
                    Cell(
                        text="\n".join(text_lines(td, _NESTED)),
                        row=r,
                        column=column,
                        source=SourceRef(self.name, line=td.sourceline, cell=place),
                        row_span=rowspan,
                        column_span=colspan,
                        hints=cell_hints,
                    )
                )
                column += colspan
        return cells


def _rows(table: Any) -> list[Any]:
    """The table's own rows, in document order, not those of tables inside it."""
    rows: list[Any] = []
    for child in table:
        if tag(child) == "tr":
            rows.append(child)
        elif tag(child) in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if tag(r) == "tr")
    return rows


def _single_cell(rows: list[Any]) -> bool:
    return len(rows) == 1 and sum(1 for c in rows[0] if tag(c) in ("td", "th")) == 1


def _parent_in(element: Any, top: Any, tags: tuple[str, ...]) -> bool:
    """Whether an element sits inside another element with one of ``tags`` below ``top``."""
    parent = element.getparent()
    while parent is not None and parent is not top:
        if tag(parent) in tags:
            return True
        parent = parent.getparent()
    return False


def _int(text: str | None, default: int) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        return default
