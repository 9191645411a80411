"""Rows and cells of "Our outcomes / Our must do's" tables, made ready for the reader.

The PDF export of these tables loses most of the line breaks inside a cell, so one cell can
hold several milestones or measures run together ("... open space review Deliver green and
vibrant planting ..."), several portfolios whose names contain commas ("Adults, Health and
Housing Children, Young People and Skills"), and italic notes ("N/A - to be monitored as a
milestone", "Please refer to ..."). Rows split by a page break come through as a fragment at
the top of the next page. This module undoes those: it works on cells, not on plans.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from councilplan.imports.matching import fold_title
from councilplan.imports.text.cells import cell_items, clean_text

# Column keys in reading order, and the header words that name each column.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("outcome", "outcome"),
    ("must_do", "must do"),
    ("milestones", "milestone"),
    ("portfolio", "portfolio"),
    ("deadline", "deadline"),
    ("differences", "differences"),
    ("measures", "measure"),
)
COLUMN_NAMES = {
    "outcome": "Our outcomes",
    "must_do": "Our must do's",
    "milestones": "Key milestones",
    "portfolio": "Cabinet portfolio",
    "deadline": "Review Deadlines",
    "differences": "The differences you will see",
    "measures": "Performance measures",
}

_ITALIC = re.compile(r"<i>(.*?)</i>", re.IGNORECASE | re.DOTALL)
_NO_MEASURE = re.compile(r"^n\s*/\s*a\b", re.IGNORECASE)
_PORTFOLIO_PREFIX = re.compile(r"^(?:cabinet member for|portfolio:)\s+", re.IGNORECASE)
_QUOTES = '"\u201c\u201d'


@dataclass
class TableRow:
    """A data row: line, cells by column key, theme heading above it, first on a new page?"""

    line: int
    cells: dict[str, str]
    heading: str = ""
    heading_line: int = 0
    page_start: bool = False

    def cell(self, key: str) -> str:
        return self.cells.get(key, "")

    def text(self, key: str) -> str:
        """The cell as one line of plain text."""
        return clean_text(self.cell(key))

    @property
    def is_empty(self) -> bool:
        return not any(clean_text(c) for c in self.cells.values())


def join_page_split_cells(rows: Sequence[TableRow]) -> list[TableRow]:
    """Move the fragments a page break cut off back to the row they belong to.

    The first row of a page continues the last row of the page before wherever one of its cells
    starts in lower case ("communities and connecting people"): that text ends the cell above.
    A row left with nothing in it is dropped.
    """
    kept: list[TableRow] = []
    for row in rows:
        previous = kept[-1] if kept else None
        if row.page_start and previous is not None:
            for key, cell in list(row.cells.items()):
                if _starts_lower(cell) and previous.text(key):
                    previous.cells[key] = _join_fragments(previous.cells[key], cell)
                    row.cells[key] = ""
        if not row.is_empty:
            kept.append(row)
    return kept


def _starts_lower(cell: str) -> bool:
    text = clean_text(cell).lstrip(_QUOTES + "'(")
    return text[:1].islower()


def _join_fragments(first: str, second: str) -> str:
    """Join two halves of a cell; a quote the page break closed early is dropped."""
    first = first.rstrip()
    tail = re.search(r"[" + _QUOTES + r"](\s*</i>)?$", first)
    odd_quotes = sum(clean_text(second).count(q) for q in _QUOTES) % 2 == 1
    if tail and odd_quotes:
        first = first[: tail.start()] + (tail.group(1) or "")
    return f"{first} {second.strip()}"


def split_notes(cell: str) -> tuple[str, str]:
    """A cell without its italic notes, and the notes as one line of text.

    Italic text in these tables is an aside ("Please refer to ...", "N/A - to be monitored as a
    milestone"), not an item; generic to any table whose notes are set in italics.
    """
    notes = " ".join(clean_text(m.group(1)) for m in _ITALIC.finditer(cell))
    return _ITALIC.sub(" ", cell), " ".join(notes.split())


def is_no_measure(item: str) -> bool:
    """Whether a measures item says there is none ("N/A - to be monitored as a milestone")."""
    return bool(_NO_MEASURE.match(item.strip()))


@dataclass(frozen=True)
class ListedItem:
    """An item of a cell, and the lead-in ("... the following actions:") it was listed under."""

    text: str
    lead_in: str = ""


def listed_items(cell: str) -> list[ListedItem]:
    """Items of a cell; items after one ending in ":" are listed under it as their lead-in.

    A lead-in followed by a lower-case item is one sentence broken by the list markup, so it is
    joined back ("... the project: analyse consultation findings; ..."); a lead-in with no item
    under it is an item itself.
    """
    result: list[ListedItem] = []
    lead_in, listed = "", False
    for item in cell_items(cell, split_on_spaces=False):
        if item.endswith(":"):
            if lead_in and not listed:
                result.append(ListedItem(lead_in))
            lead_in, listed = item, False
        elif lead_in and not listed and item[:1].islower():
            result.append(ListedItem(f"{lead_in} {_raw_item(cell, item)}"))
            lead_in = ""
        else:
            result.append(ListedItem(item, lead_in))
            listed = bool(lead_in)
    if lead_in and not listed:
        result.append(ListedItem(lead_in))
    return result


def _raw_item(cell: str, item: str) -> str:
    """The item with the list dashes ``cell_items`` took off its start put back, if it had any."""
    text = clean_text(cell)
    found = re.search(r"-\s+" + re.escape(item), text)
    return found.group(0) if found else item


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FUNCTION_WORDS = _words(
    """a an the of for by with to in on at from into onto our their its his her your my and or
    nor & including across within under through as per via between than each every all any both
    next new this that these those such also about against around towards toward upon over
    without is are was were be been being not no e.g. i.e."""
)
# Words that begin a milestone or a measure in any council's plan: imperative verbs and the
# heads of measure titles. The reader adds the words that begin items in the document itself.
COMMON_STARTERS = _words(
    """Number Percentage Proportion Average Total Rate Amount Income Cost Level Levels Deliver
    Develop Complete Create Support Align Introduce Promote Establish Ensure Implement Review
    Submit Procure Embed Maintain Launch Identify Expand Strengthen Continue Increase Improve
    Progress Work"""
)
NAME_LEADS = FUNCTION_WORDS - {"and", "or", "nor", "&"}
_CAPITALISED = re.compile(r"^[A-Z][a-z]")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_LINKING_MARKS = (",", ":", ";", "-", "\u2013", "/", "&")
_NAME_LINK = frozenset({"and", "of", "&", "/", "for"})


@dataclass(frozen=True)
class ItemSplitter:
    """Splits cell items that the export ran together into one line, by how words are written.

    A new item starts at a capitalised word after a lower-case word that does not lead into a
    name ("review Deliver green ..."), after a number or a closing bracket ("2022 Procure ...",
    "(all tenures) Affordable ..."), after a step's past participle ("Case submitted
    Contractor appointed"), or, for words that begin items elsewhere in the document, after a
    name ("... Derby City Council Number of ..."); and after an item the document lists on its
    own elsewhere. Capitalised runs ("Climate Change Strategy") and words the document only
    uses as names ("by Ofsted") do not start items. Generic: any layout whose cells lost their
    line breaks can use it.
    """

    starters: frozenset[str]
    names: frozenset[str]
    known_items: tuple[str, ...] = ()

    @classmethod
    def learn(
        cls, texts: Sequence[str], item_cells: Sequence[str], listed_cells: Sequence[str]
    ) -> ItemSplitter:
        """Learn from the table: names from its text, starters and known items from its lists.

        A name is a capitalised word standing alone after a preposition or determiner ("by
        Ofsted") that the text never writes in lower case; a starter begins at least two items
        of ``item_cells``; a known item is one that markup separates in ``listed_cells``.
        """
        words = [w for text in texts for w in [*clean_text(text).split(), ""]]
        lower = {_bare(w) for w in words if w[:1].islower()}
        names = {
            _bare(word)
            for before, word, after in zip(words, words[1:], words[2:], strict=False)
            if before.lower() in NAME_LEADS
            and _CAPITALISED.match(word)
            and not _CAPITALISED.match(after)
            and _bare(word).lower() not in lower
        }
        counts = Counter(
            item.split()[0] for cell in item_cells for item in cell_items(cell) if item.split()
        )
        learned = {word for word, n in counts.items() if n >= 2 and _CAPITALISED.match(word)}
        known = {
            item
            for cell in listed_cells
            if _has_markup(cell)
            for item in cell_items(cell, split_on_spaces=False)
            if len(item.split()) >= 3
        }
        names -= learned
        return cls(
            frozenset(learned | (COMMON_STARTERS - names)),
            frozenset(names),
            tuple(sorted(known, key=len, reverse=True)),
        )

    def split(self, item: str) -> list[str]:
        """The items run together in ``item``, in order."""
        for known in self.known_items:
            if len(item) > len(known) and item.startswith(known + " "):
                return [known, *self.split(item[len(known) + 1 :])]
        words = item.split()
        pieces: list[list[str]] = [[]]
        for i, word in enumerate(words):
            if len(pieces[-1]) >= 2 and self._starts_item(words[: i + 3], i):
                pieces.append([])
            pieces[-1].append(word)
        return [" ".join(p) for p in pieces if p]

    def _starts_item(self, words: list[str], i: int) -> bool:
        """Whether ``words[i]`` begins a new item (``words`` runs two words past it)."""
        before, word, following = words[i - 1], words[i], words[i + 1 :]
        if not _CAPITALISED.match(word) or _bare(word) in self.names:
            return False
        if _POSSESSIVE.search(word) or before.endswith(_LINKING_MARKS):
            return False
        if _bare(before)[:1].isupper() and not before.endswith(")"):
            return word in self.starters and following[:1] != [] and following[0][:1].islower()
        if before.lower() in FUNCTION_WORDS:
            return False
        if word in self.starters or _ends_step(words[i - 2], before):
            return True
        return not _leads_into_name(following)


def _has_markup(cell: str) -> bool:
    return bool(re.search(r"<\s*(?:p|li|br)\b|\u2022", cell, re.IGNORECASE))


def _ends_step(first: str, participle: str) -> bool:
    """Whether two words end a step ("phase completed"), not qualify a name ("the approved")."""
    return participle.endswith("ed") and first.lower() not in FUNCTION_WORDS


def _leads_into_name(following: list[str]) -> bool:
    """Whether the words after a capitalised word carry on a name ("Climate Change", "X and Y")."""
    if not following:
        return False
    if _CAPITALISED.match(following[0]):
        return True
    return (
        following[0] in _NAME_LINK and len(following) > 1 and bool(_CAPITALISED.match(following[1]))
    )


def _bare(word: str) -> str:
    return re.sub(r"['\u2019]s$", "", word.strip("\"'()[]:;,.\u201c\u201d\u2018\u2019"))


@dataclass
class PortfolioNames:
    """The cabinet portfolios a table names, learned from its own cells.

    A cell can name several portfolios run together, and portfolio names hold commas, so a cell
    is split only into names seen on their own elsewhere in the table; "&" and "and" are the
    same name, spelled as first seen. Generic to any table with a portfolio column.
    """

    known: dict[str, str] = field(default_factory=dict)

    @classmethod
    def learn(cls, cells: Iterable[str]) -> PortfolioNames:
        """Learn single names from the column's cells, shortest first."""
        names = cls()
        candidates = dict.fromkeys(_portfolio_text(i) for cell in cells for i in cell_items(cell))
        for text in sorted(
            set(candidates) - {""}, key=lambda t: (len(t.split()), list(candidates).index(t))
        ):
            if len(names.split(text)) < 2:
                names.known.setdefault(fold_title(text), text)
        return names

    def split(self, text: str) -> list[str]:
        """The known names ``text`` is made of, or ``text`` itself if it is not made of them."""
        words = text.split()
        best: dict[int, list[str]] = {0: []}
        for end in range(1, len(words) + 1):
            for start in range(end):
                if start not in best:
                    continue
                name = self.known.get(fold_title(" ".join(words[start:end])))
                if name and (end not in best or len(best[start]) + 1 < len(best[end])):
                    best[end] = [*best[start], name]
        return best.get(len(words)) or [text]

    def names_in(self, cell: str) -> list[str]:
        """The portfolio names a cell gives, each spelled as first seen."""
        found: list[str] = []
        for item in cell_items(cell):
            for part in self.split(_portfolio_text(item)):
                name = self.known.get(fold_title(part), part)
                if name not in found:
                    found.append(name)
        return found


def _portfolio_text(item: str) -> str:
    return _PORTFOLIO_PREFIX.sub("", clean_text(item)).strip()
