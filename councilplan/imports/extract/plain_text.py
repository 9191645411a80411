"""Plain-text exports of councils' PDFs: tab-separated tables among lines of text.

The exports (see ``../shared/seeds``) keep each table row as a line of tab-separated cells,
with HTML fragments (``<ul><li>``, ``<br>``) and runs of two spaces between the lines of a
cell; the text around the tables comes as one line per paragraph, headings marked with ``#``
or ``**`` or just short. A run of lines with tabs becomes a table (a blank line or a line
without tabs ends it, so a page header between two halves of a table splits it, as it does in
the PDF: joining them is the reader's work). A cell's items, cleaned by
``text.cells.cell_items``, are joined by newlines; a cell written as a bulleted list gets
the hint "list". The other lines become headings, list items or paragraphs; a short line
repeated on every page ("Ambitious for Derby") is a running header, kept as a paragraph so that
it does not become the heading of the table below it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from councilplan.imports.text.cells import cell_items, clean_text, has_bullets
from councilplan.imports.text.source import Line, SourceText

from .encoding import decode_text
from .layout import CellCounter, list_marker
from .limits import Limits, Progress
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table, TextBlock

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d+(?:\s+of\s+\d+)?$", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_TITLE_WORDS = 12
_TITLE_LENGTH = 90
_RUNNING = 3  # a line seen this often is a page's running header or footer


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """The text export as headings, paragraphs, list items and tables in reading order."""
    source = SourceText.from_text(decode_text(path.read_bytes(), path.name), path.name)
    counter = CellCounter(limits, path.name)
    running = _running_lines(source.lines)
    blocks: list[Block] = []
    heading = ""
    for group in _groups(source.lines):
        if "\t" in group[0].text:
            blocks.append(_table(group, source.name, heading, counter))
            continue
        for block in _text_blocks(group, source.name, running):
            heading = block.text if block.kind == "heading" else heading
            blocks.append(block)
    progress(1, 1)
    return ExtractedDocument(name=path.name, format="text", blocks=tuple(blocks), pages=1)


def _running_lines(lines: Sequence[Line]) -> set[str]:
    """Lines repeated on every page (running headers and footers): not headings of a table."""
    counts = Counter(clean_text(line.text) for line in lines if "\t" not in line.text)
    return {text for text, count in counts.items() if count >= _RUNNING and text}


def _groups(lines: Sequence[Line]) -> Iterator[list[Line]]:
    """Runs of lines with tabs (tables) and runs of other non-blank lines, blank lines dropped."""
    group: list[Line] = []
    for line in lines:
        tabbed = "\t" in line.text
        if line.is_blank or (group and tabbed != ("\t" in group[0].text)):
            if group:
                yield group
            group = []
        if not line.is_blank:
            group.append(line)
    if group:
        yield group


def _table(lines: list[Line], name: str, heading: str, counter: CellCounter) -> Table:
    cells: list[Cell] = []
    for row, line in enumerate(lines):
        counter.add(len(line.cells), line=line.number)
        for column, raw in enumerate(line.cells):
            cells.append(
                Cell(
                    text="\n".join(cell_items(raw)),
                    row=row,
                    column=column,
                    source=SourceRef(name, line=line.number, cell=f"column {column + 1}"),
                    hints=("list",) if has_bullets(raw) else (),
                )
            )
    return Table(cells=tuple(cells), source=SourceRef(name, line=lines[0].number), heading=heading)


def _text_blocks(lines: list[Line], name: str, running: set[str]) -> Iterator[TextBlock]:
    """Headings, list items and paragraphs, one a line, bold runs over lines kept together."""
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        if text.startswith("**"):
            end = next(
                (
                    i
                    for i in range(index, min(index + 4, len(lines)))
                    if lines[i].text.rstrip().endswith("**")
                ),
                index,
            )
            words = " ".join(
                clean_text(lines[i].text.replace("**", " ")) for i in range(index, end + 1)
            )
            yield TextBlock("heading", words, SourceRef(name, line=line.number), level=2)
            index = end + 1
            continue
        yield _text_block(line, name, running)
        index += 1


def _text_block(line: Line, name: str, running: set[str]) -> TextBlock:
    source = SourceRef(name, line=line.number)
    text = line.text.strip()
    if markdown := _MARKDOWN_HEADING.match(text):
        return TextBlock("heading", clean_text(markdown[2]), source, level=len(markdown[1]))
    if item := list_marker(line.text):
        marker, rest, depth = item
        if marker[0].isalnum() and is_title_like(rest):
            return TextBlock("heading", clean_text(text), source, level=2)
        return TextBlock("list_item", clean_text(rest), source, level=depth, marker=marker)
    words = clean_text(text)
    if is_title_like(words) and words not in running and not _PAGE_NUMBER.match(words):
        return TextBlock("heading", words, source, level=1 if words.isupper() else 3)
    return TextBlock("paragraph", words, source)


def is_title_like(text: str) -> bool:
    """Short, starting with a capital or digit, not ending as a sentence, with real words."""
    words = text.split()
    return (
        0 < len(words) <= _TITLE_WORDS
        and len(text) <= _TITLE_LENGTH
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith((".", ",", ";", ":"))
        and sum(1 for w in words if re.fullmatch(r"[^\W\d_]{2,}\W*", w)) >= max(1, len(words) // 2)
    )
