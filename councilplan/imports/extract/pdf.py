"""PDF files to the one extracted shape, with pdfplumber: headings, paragraphs, lists and tables.

Each page is read once and let go (``pdf_page``), into lines and tables in reading order.
Then, over the whole document: lines repeated at the top or foot of every page (running
headers, page numbers) are dropped after their first showing, tables carried over pages are
joined (``pdf_continued``), and lines become headings, paragraphs and list items against the
document's body text size (``pdf_text``). Files that cannot be read (damaged, locked with a
password, scanned images with no text) are refused with a problem naming the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1

from councilplan.imports.problems import ImportProblem

from .layout import CellCounter
from .limits import Limits, Progress
from .pdf_cells import DraftTable
from .pdf_continued import joined_tables
from .pdf_furniture import without_furniture
from .pdf_page import PageItem, PageRead, read_page
from .pdf_text import PageLine, heading_sizes, paragraphs, text_block
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table

SCANNED = (
    "Scanned PDF: no text to read. Its pages are pictures of text; save the document as a PDF "
    "again from the program it was written in, or run it through text recognition (OCR) first."
)


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """Read a PDF's text and tables, page by page, into an ``ExtractedDocument``."""
    pages: list[PageRead] = []
    letters: Counter[float] = Counter()
    with _opened(path) as pdf:
        total = _page_count(pdf, path)
        if total > limits.max_pages:
            raise ImportProblem(
                f"The PDF has {total} pages, over the limit of {limits.max_pages}.", file=path.name
            )
        progress(0, total)
        counter = CellCounter(limits, path.name)
        for number, page in enumerate(pdf.pages, start=1):
            if number > limits.max_pages:  # more pages than the document said it had
                raise ImportProblem(
                    f"The PDF has over {limits.max_pages} pages, over the limit.", file=path.name
                )
            try:
                read = read_page(page, number)
            except Exception as error:
                raise ImportProblem(
                    f"This page could not be read: the PDF looks damaged ({error}).",
                    file=path.name,
                    page=number,
                ) from error
            finally:
                page.close()
            pages.append(read)
            letters.update(read.letters)
            counter.add(sum(len(i.cells) for i in read.items if isinstance(i, DraftTable)))
            progress(number, total)
    if not letters:
        raise ImportProblem(SCANNED, file=path.name)
    items, furniture = without_furniture([p.items for p in pages], [p.height for p in pages])
    items = joined_tables(items, furniture)
    body = max(letters, key=lambda size: (letters[size], -size))
    blocks = _blocks(items, path.name, body)
    return ExtractedDocument(name=path.name, format="pdf", blocks=blocks, pages=len(pages))


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    """The PDF opened with pdfplumber, or a problem a person can act on."""
    try:
        pdf = pdfplumber.open(path)
    except Exception as error:
        cause = getattr(error, "args", [None])[0] if error.args else None
        if isinstance(cause, PDFPasswordIncorrect) or isinstance(error, PDFPasswordIncorrect):
            raise ImportProblem(
                "The PDF is password-protected: save it without a password and try again.",
                file=path.name,
            ) from error
        raise ImportProblem(
            f"This PDF could not be opened: it looks damaged or is not a PDF ({cause or error}).",
            file=path.name,
        ) from error
    try:
        yield pdf
    finally:
        pdf.close()


def _page_count(pdf: Any, path: Path) -> int:
    """The number of pages the document says it has, read before any page is."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
        return len(pdf.pages)
    except Exception as error:
        raise ImportProblem(
            f"This PDF's list of pages could not be read: it looks damaged ({error}).",
            file=path.name,
        ) from error


def _blocks(items: list[PageItem], file: str, body: float) -> tuple[Block, ...]:
    """Lines as headings, paragraphs and list items; tables with the heading above them."""
    runs: list[list[PageLine] | DraftTable] = []
    for item in items:
        if isinstance(item, DraftTable):
            runs.append(item)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(item)
        else:
            runs.append([item])
    grouped = [paragraphs(run) if isinstance(run, list) else run for run in runs]
    sizes = heading_sizes([g for run in grouped if isinstance(run, list) for g in run], body)
    blocks: list[Block] = []
    heading = ""
    markers: list[float] = []  # the x of each open list level's bullets
    for run in grouped:
        if isinstance(run, DraftTable):
            blocks.append(_table(run, file, heading))
            markers.clear()
            continue
        for group in run:
            depth = _depth(markers, group[0].bbox[0])
            block = text_block(group, file, body, sizes, depth)
            if block.kind == "heading":
                heading = block.text
            if block.kind != "list_item":
                markers.clear()
            blocks.append(block)
    return tuple(blocks)


def _depth(markers: list[float], x: float) -> int:
    """A list item's level from how far its bullet is indented past the items above it."""
    while markers and x < markers[-1] - 4:
        markers.pop()
    if not markers or x > markers[-1] + 4:
        markers.append(x)
    return len(markers)


def _table(draft: DraftTable, file: str, heading: str) -> Table:
    cells = tuple(
        Cell(
            text=c.text,
            row=c.row,
            column=c.column,
            row_span=c.row_span,
            column_span=c.column_span,
            hints=tuple(c.hints),
            source=SourceRef(
                file=file,
                page=c.page,
                line=c.line,
                cell=f"row {c.row + 1}, column {c.column + 1}",
                bbox=c.place or c.bbox,
            ),
        )
        for c in sorted(draft.cells, key=lambda c: (c.row, c.column))
    )
    source = SourceRef(file=file, page=draft.page, line=draft.line, bbox=draft.place or draft.bbox)
    return Table(cells=cells, source=source, heading=heading)
