"""PDF files to the one extracted shape, with pdfplumber: headings, paragraphs, lists and tables.

Each page is read once and let go (``pdf_page``), into lines and tables in reading order.
Then, over the whole document: lines repeated at the top or foot of every page (running
headers, page numbers) are dropped after their first showing, tables carried over pages are
joined (``pdf_continued``), and lines become headings, paragraphs and list items against the
document's body text size (``pdf_text``). Files that cannot be read (damaged, locked with a
password, scanned images with no text) are refused with a problem naming the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1

from councilplan.imports.problems import ImportProblem

from .limits import Limits, Progress
from .pdf_cells import DraftTable
from .pdf_continued import join, same_columns
from .pdf_page import PageItem, read_page
from .pdf_text import PageLine, heading_sizes, paragraphs, text_block
from .shape import Block, Cell, ExtractedDocument, SourceRef, Table

SCANNED = (
    "Scanned PDF: no text to read. Its pages are pictures of text; save the document as a PDF "
    "again from the program it was written in, or run it through text recognition (OCR) first."
)
PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
MARGIN = 0.1  # running headers and footers sit in the top and bottom tenth of a page


def extract(path: Path, limits: Limits, progress: Progress) -> ExtractedDocument:
    """Read a PDF's text and tables, page by page, into an ``ExtractedDocument``."""
    pages: list[list[PageItem]] = []
    heights: list[float] = []
    letters: Counter[float] = Counter()
    with _opened(path) as pdf:
        total = _page_count(pdf, path)
        if total > limits.max_pages:
            raise ImportProblem(
                f"The PDF has {total} pages, over the limit of {limits.max_pages}.", file=path.name
            )
        progress(0, total)
        for number, page in enumerate(pdf.pages, start=1):
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
            pages.append(read.items)
            heights.append(float(page.height))
            letters.update(read.letters)
            progress(number, total)
    if not letters:
        raise ImportProblem(SCANNED, file=path.name)
    items = _joined_tables(_without_furniture(pages, heights))
    body = max(letters, key=lambda size: (letters[size], -size))
    blocks = _blocks(items, path.name, body, limits)
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
                "This PDF is protected by a password, so it cannot be read. Save a copy "
                "without the password and upload that.",
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


def _without_furniture(pages: list[list[PageItem]], heights: list[float]) -> list[PageItem]:
    """All pages' items, less page numbers and repeats of lines printed on every page's margin."""
    in_margin = Counter[str]()
    for items, height in zip(pages, heights, strict=True):
        in_margin.update({_key(i) for i in items if _in_margin(i, height)})
    repeated = {text for text, count in in_margin.items() if count >= 2 and len(pages) >= 2}
    seen: set[str] = set()
    kept: list[PageItem] = []
    for items, height in zip(pages, heights, strict=True):
        for item in items:
            if isinstance(item, PageLine) and _in_margin(item, height):
                key = _key(item)
                if PAGE_NUMBER.match(item.text.strip()) or (key in repeated and key in seen):
                    continue
                seen.add(key)
            kept.append(item)
    return kept


def _in_margin(item: PageItem, height: float) -> bool:
    if not isinstance(item, PageLine):
        return False
    return item.bbox[3] < height * MARGIN or item.bbox[1] > height * (1 - MARGIN)


def _key(item: PageItem) -> str:
    """A margin line's text with its numbers blanked ("Page 3" and "Page 4" are one line)."""
    return re.sub(r"\d+", "#", item.text.strip().lower()) if isinstance(item, PageLine) else ""


def _joined_tables(items: list[PageItem]) -> list[PageItem]:
    """Items with each table that ends a page joined to one with its columns starting the next."""
    joined: list[PageItem] = []
    for item in items:
        previous = joined[-1] if joined else None
        if (
            isinstance(item, DraftTable)
            and isinstance(previous, DraftTable)
            and item.page == previous.end_page + 1
            and same_columns(previous, item)
        ):
            joined[-1] = join(previous, item)
        else:
            joined.append(item)
    return joined


def _blocks(items: list[PageItem], file: str, body: float, limits: Limits) -> tuple[Block, ...]:
    """Lines as headings, paragraphs and list items; tables with the heading above them."""
    runs: list[list[PageLine] | DraftTable] = []
    for item in items:
        if isinstance(item, DraftTable):
            runs.append(item)
        elif runs and isinstance(runs[-1], list):
            runs[-1].append(item)
        else:
            runs.append([item])
    groups = [g for run in runs if isinstance(run, list) for g in paragraphs(run)]
    sizes = heading_sizes(groups, body)
    blocks: list[Block] = []
    heading = ""
    cells = 0
    markers: list[float] = []  # the x of each open list level's bullets
    for run in runs:
        if isinstance(run, DraftTable):
            cells += len(run.cells)
            if cells > limits.max_cells:
                raise ImportProblem(
                    f"The PDF's tables hold over {limits.max_cells} cells, over the limit.",
                    file=file,
                )
            blocks.append(_table(run, file, heading))
            markers.clear()
            continue
        for group in paragraphs(run):
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
                bbox=c.bbox,
            ),
        )
        for c in sorted(draft.cells, key=lambda c: (c.row, c.column))
    )
    source = SourceRef(file=file, page=draft.page, line=draft.line, bbox=draft.bbox)
    return Table(cells=cells, source=source, heading=heading)
