"""Running headers, footers and page numbers: printed on every page, read once.

A line in the top or bottom tenth of a page whose text comes back on other pages, or comes
back on most pages with other numbers ("Page 3 of 9"), is furniture. Its first showing is
kept (a document's title often runs along its top), the rest dropped, and page numbers
dropped altogether. The kept ones are named, so a table carried over a page is joined across
the footer and header between its parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .pdf_page import PageItem
from .pdf_text import PageLine

PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^-\s*\d{1,4}\s*-$", re.I)
MARGIN = 0.1  # running headers and footers sit in the top and bottom tenth of a page


def without_furniture(
    pages: Sequence[Sequence[PageItem]], heights: Sequence[float]
) -> tuple[list[PageItem], set[int]]:
    """All pages' items less page numbers and repeated margin lines, and the ``id`` of each
    margin line kept that is furniture all the same."""
    exact = Counter[str]()
    numbered = Counter[str]()
    for items, height in zip(pages, heights, strict=True):
        lines = [i for i in items if isinstance(i, PageLine) and _in_margin(i, height)]
        exact.update({line.text for line in lines})
        numbered.update({_key(line) for line in lines})
    # "Page 3 of 9" runs on every page; "Section 3" heads a few pages but is no furniture
    repeated = {_key(line) for line in _lines(pages) if exact[line.text] >= 2} | {
        key for key, count in numbered.items() if count >= max(3, len(pages) / 2)
    }
    seen: set[str] = set()
    kept: list[PageItem] = []
    furniture: set[int] = set()
    for items, height in zip(pages, heights, strict=True):
        for item in items:
            if isinstance(item, PageLine) and _in_margin(item, height):
                key = _key(item)
                if PAGE_NUMBER.match(item.text.strip()) or (key in repeated and key in seen):
                    continue
                seen.add(key)
                if key in repeated:
                    furniture.add(id(item))
            kept.append(item)
    return kept, furniture


def _lines(pages: Sequence[Sequence[PageItem]]) -> list[PageLine]:
    return [i for items in pages for i in items if isinstance(i, PageLine)]


def _in_margin(item: PageItem, height: float) -> bool:
    if not isinstance(item, PageLine):
        return False
    return item.bbox[3] < height * MARGIN or item.bbox[1] > height * (1 - MARGIN)


def _key(item: PageItem) -> str:
    """A margin line's text with its numbers blanked ("Page 3" and "Page 4" are one line)."""
    return re.sub(r"\d+", "#", item.text.strip().lower()) if isinstance(item, PageLine) else ""
