"""Lines, rows and cells of the "portfolio action tables" layout (Derby's Delivery Plan 2019/20).

``scan_lines`` walks the document once and sorts its lines into the title, introduction,
"Themes / Focus" table, contents, theme index ("Action / Portfolio") and the rows of the
"Action / How will we measure success? / Timescale / Department / Accountable officer / Theme
/ Focus" tables (page-repeated headers dropped, continuation rows merged). The other helpers
read the cells that hold several things at once: a
success cell mixing milestones and bulleted measures, a timescale cell with one date per
milestone, a focus cell naming several focus areas run together. Most helpers are generic
(``success_items``, ``pair_milestones``, ``latest_timescale``, ``split_run_together``,
``split_names``, ``split_people``) and could serve other layouts.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.imports.text.cells import cell_items, clean_text, normalise_heading
from councilplan.imports.text.source import Line, SourceText

# Table columns, by the field they fill, with the headings that name them (normalised).
COLUMNS: dict[str, tuple[str, ...]] = {
    "title": ("action", "actions"),
    "success": ("how will we measure success", "how will we measure success?", "measures"),
    "timescale": ("timescale", "timescales"),
    "department": ("department", "departments", "directorate"),
    "officer": ("accountable officer", "lead officer", "officer"),
    "theme": ("theme",),
    "focus": ("focus", "focus area", "focus areas"),
}
COLUMN_LABELS = {
    "title": "Action",
    "success": "How will we measure success?",
    "timescale": "Timescale",
    "department": "Department",
    "officer": "Accountable officer",
    "theme": "Theme",
    "focus": "Focus",
}
MIN_KNOWN_COLUMNS = 4  # besides "Action": enough to tell this table from any other

_BOLD = re.compile(r"^\s*<(b|strong)>(.*)</\1>\s*$", re.IGNORECASE)
_PORTFOLIO_HEADING = re.compile(
    r"^(?P<name>.+?)\s+[\u2013\u2014-]\s+(?:Cllr|Councillor)\.?\s+(?P<member>[^()]+?)"
    r"\s*(?:\((?P<role>[^)]*)\))?\s*$"
)
_CONTENTS_LEADER = re.compile(r"\s*\.{2,}\s*\d*\s*$")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# A bullet that opens an item: at the start, after a tag or white space ("Cabinet - Number").
_BULLET_MARK = "\ue000"
_OPENING_BULLET = re.compile(r"(?:^|(?<=[\s>]))-\s+(?=[A-Z0-9%\u00a3])")
_CONNECTORS = frozenset({"and", "for", "of", "the", "in", "with", "&", "to", "on", "at", "a"})
_STATEMENT_OPENERS = frozenset({"we", "in", "this", "it", "these", "there", "our", "they"})
_STATEMENT_VERBS = frozenset({"is", "are", "was", "will", "be", "has", "have"})
_NAME_SEPARATORS = re.compile(r"\s*(?:/|;|\s&\s|\band\b)\s*")


@dataclass(frozen=True)
class PortfolioHeading:
    """A portfolio section heading, read: its portfolio, cabinet member and their role."""

    line: int
    name: str
    member: str
    role: str


@dataclass(frozen=True)
class Row:
    """One action row of a portfolio table, cells by field, continuations merged."""

    line: int
    cells: dict[str, str]
    portfolio: PortfolioHeading | None
    width: int  # the most cells any of its lines had


@dataclass(frozen=True)
class SuccessItem:
    """One item of a success cell; ``bullet`` items ("- Number of ...") are measures."""

    text: str
    bullet: bool


def portfolio_heading(text: str, line: int) -> PortfolioHeading | None:
    """The portfolio named by a section heading or contents entry, if it names a councillor."""
    text = _CONTENTS_LEADER.sub("", clean_text(text.lstrip("#")))
    found = _PORTFOLIO_HEADING.match(text)
    if found is None:
        return None
    role = found.group("role") or ""
    return PortfolioHeading(line, found.group("name"), found.group("member").strip(), role)


def contents_title(cells: list[str]) -> str:
    """A contents entry without its dot leader and page number."""
    return _CONTENTS_LEADER.sub("", clean_text(cells[0]))


def paragraph_text(text: str) -> str:
    """Prose as plain text: markdown links reduced to their text, HTML cleaned."""
    return clean_text(_MARKDOWN_LINK.sub(r"\1", text))


def action_columns(source: SourceText, line: Line) -> dict[str, int] | None:
    """Column positions of an action table header row; None when ``line`` is not one.

    A header naming "Action" and most of the other columns is one; a column it lacks is a
    problem located on the header line, so a damaged table is not read half right.
    """
    headings = [normalise_heading(cell) for cell in line.cells]
    if not headings or headings[0] not in COLUMNS["title"]:
        return None
    found: dict[str, int] = {}
    for index, heading in enumerate(headings):
        for field, names in COLUMNS.items():
            if heading in names and field not in found:
                found[field] = index
    if len(found) - 1 < MIN_KNOWN_COLUMNS:
        return None
    missing = [COLUMN_LABELS[f] for f in COLUMNS if f not in found]
    if missing:
        raise source.problem(
            f'The action table has no "{missing[0]}" column.', line, field=missing[0]
        )
    return found


def is_index_header(line: Line) -> bool:
    """Whether ``line`` heads an "Action / Portfolio" index table."""
    headings = [normalise_heading(cell) for cell in line.cells]
    return len(headings) >= 2 and headings[0] in COLUMNS["title"] and "portfolio" in headings


def is_continuation(line: Line) -> bool:
    """A row whose first cell is empty carries on the row above (a page-split row)."""
    cells = line.cells
    return len(cells) > 1 and not cells[0].strip() and any(c.strip() for c in cells[1:])


def start_row(
    source: SourceText, line: Line, columns: dict[str, int], portfolio: PortfolioHeading | None
) -> Row:
    """A new row from its first line; cells beyond the header's are a problem."""
    cells = line.cells
    width = max(columns.values()) + 1
    if any(cell.strip() for cell in cells[width:]):
        raise source.problem(
            f"The row has {len(cells)} cells but the table has {width} columns.", line
        )
    values = {field: cells[index] if index < len(cells) else "" for field, index in columns.items()}
    return Row(line.number, values, portfolio, len(cells))


def continue_row(row: Row, line: Line, columns: dict[str, int]) -> Row:
    """``row`` with the cells of its continuation line appended, column by column."""
    cells = line.cells
    merged = dict(row.cells)
    for field, index in columns.items():
        extra = cells[index].strip() if index < len(cells) else ""
        if extra:
            merged[field] = f"{merged[field]} {extra}".strip()
    return Row(row.line, merged, row.portfolio, max(row.width, len(cells)))


def check_complete(source: SourceText, row: Row, columns: dict[str, int]) -> None:
    """A row that stops before the table's last column was cut off: a truncated file."""
    for field, index in sorted(columns.items(), key=lambda item: item[1]):
        if index >= row.width:
            raise source.problem(
                "The row stops before this column: is it cut off, or the file truncated?",
                row.line,
                field=COLUMN_LABELS[field],
            )


def success_items(cell: str) -> list[SuccessItem]:
    """The items of a success cell in order, bulleted ones ("- Number of ...") marked."""
    marked = _OPENING_BULLET.sub("<br>" + _BULLET_MARK, cell)
    items = []
    for item in cell_items(marked):
        bullet = item.startswith(_BULLET_MARK)
        text = item.replace(_BULLET_MARK, "").strip()
        if text:
            items.append(SuccessItem(text, bullet))
    return items


def is_statement(item: str) -> bool:
    """Whether an item states an outcome ("We will ...", "Progress is monitored ...") rather
    than names a task ("Award contract ..."): such items have no date of their own."""
    words = item.lower().split()
    return bool(words) and (
        words[0].strip(",") in _STATEMENT_OPENERS or bool(_STATEMENT_VERBS & set(words[1:3]))
    )


def pair_milestones(tasks: list[str], dues: list[str]) -> list[tuple[str, str]]:
    """Milestones (title, due) from a success cell's tasks and a timescale cell's dates.

    Several dates and as many tasks pair in order; with more tasks than dates, the items that
    state an outcome rather than name a task are left out first. Otherwise there are none.
    """
    if len(dues) < 2:
        return []
    if len(tasks) > len(dues):
        tasks = [task for task in tasks if not is_statement(task)]
    return list(zip(tasks, dues, strict=True)) if len(tasks) == len(dues) else []


def latest_timescale(dues: list[str]) -> str:
    """The timescale that ends last (the last written among equals), as written."""
    dated = []
    for order, due in enumerate(dues):
        parsed = parse_fuzzy_date(due)
        bound = parsed.end or parsed.start
        if bound is not None:
            dated.append((bound, order, due))
    if dated:
        return max(dated)[2]
    return dues[-1] if dues else ""


def split_run_together(text: str, known: list[str]) -> list[str]:
    """Names written one after another without separators, split apart.

    "Health and wellbeing Housing" -> ["Health and wellbeing", "Housing"]: known names are
    taken whole; elsewhere a capitalised word starts a new name unless the word before it is
    a connector ("Delivering for Derby", "Closing the Gap").
    """
    words = clean_text(text).split()
    known_words = sorted((k.split() for k in known), key=len, reverse=True)
    names: list[list[str]] = []
    index = 0
    while index < len(words):
        whole = next((k for k in known_words if _words_at(words, index, k)), None)
        if whole is not None:
            names.append(words[index : index + len(whole)])
            index += len(whole)
            continue
        if not names or _starts_name(words, index) or _known_before(names[-1], known_words):
            names.append([])
        names[-1].append(words[index])
        index += 1
    return [" ".join(name) for name in names]


def _words_at(words: list[str], index: int, name: list[str]) -> bool:
    found = [w.lower() for w in words[index : index + len(name)]]
    return found == [w.lower() for w in name]


def _starts_name(words: list[str], index: int) -> bool:
    word = words[index]
    return index > 0 and word[:1].isupper() and words[index - 1].lower() not in _CONNECTORS


def _known_before(name: list[str], known_words: list[list[str]]) -> bool:
    folded = [w.lower() for w in name]
    return any(folded == [w.lower() for w in k] for k in known_words)


def split_names(cell: str) -> list[str]:
    """Departments of one cell: "ETE/ CCP" -> ["ETE", "CCP"]; commas stay, since names
    such as "Legal, Procurement & Democratic Services" hold them."""
    names: list[str] = []
    for item in cell_items(cell):
        for part in re.split(r"\s*/\s*|\s*;\s*", item):
            if part.strip() and part.strip() not in names:
                names.append(part.strip())
    return names


def split_people(cell: str) -> list[str]:
    """Officers of one cell: "Ann Webster / Carl Ward" or "A and B" -> each name."""
    people: list[str] = []
    for item in cell_items(cell):
        for part in _NAME_SEPARATORS.split(item):
            if part.strip() and part.strip() not in people:
                people.append(part.strip())
    return people


@dataclass(frozen=True)
class IndexEntry:
    """An action as the theme index lists it, with its portfolio's short name."""

    line: int
    title: str
    short_name: str
    theme: str
    focus: str


@dataclass
class Scan:
    """What one pass over the lines found, section by section, before it is interpreted."""

    title: Line | None = None
    intro: list[Line] = dataclasses.field(default_factory=list)
    themes: Line | None = None
    focus: list[Line] = dataclasses.field(default_factory=list)
    contents: list[PortfolioHeading] = dataclasses.field(default_factory=list)
    sections: list[PortfolioHeading] = dataclasses.field(default_factory=list)
    index: list[IndexEntry] = dataclasses.field(default_factory=list)
    rows: list[Row] = dataclasses.field(default_factory=list)
    skipped: list[tuple[Line, str]] = dataclasses.field(default_factory=list)


def scan_lines(source: SourceText) -> Scan:
    """One pass over the document: its title, introduction, themes, index and action rows."""
    return _Scanner(source).run()


class _Scanner:
    """Walks the lines once, keeping which section and table it is in."""

    def __init__(self, source: SourceText) -> None:
        self.source = source
        self.scan = Scan()
        self.mode = "start"
        self.columns: dict[str, int] | None = None
        self.portfolio: PortfolioHeading | None = None
        self.heading = ""
        self.subheading = ""
        self.row: Row | None = None

    def run(self) -> Scan:
        for line in self.source.lines:
            if line.is_blank:
                self.mode = "after-themes" if self.mode == "themes" else self.mode
            elif line.text.lstrip().startswith("#"):
                self.end_row()
                self.on_heading(line)
            elif "\t" in line.text:
                self.on_cells(line)
            else:
                self.on_text(line)
        self.end_row()
        return self.scan

    def end_row(self) -> None:
        if self.row is not None and self.columns is not None:
            check_complete(self.source, self.row, self.columns)
            self.scan.rows.append(self.row)
            self.row = None

    def on_heading(self, line: Line) -> None:
        text = clean_text(line.text.lstrip().lstrip("#"))
        self.columns = None
        if self.scan.title is None:
            self.scan.title, self.mode = line, "intro"
        elif normalise_heading(text) == "contents":
            self.mode = "contents"
        elif (heading := portfolio_heading(text, line.number)) is not None:
            self.portfolio, self.mode = heading, "portfolio"
            self.scan.sections.append(heading)
        else:
            self.heading, self.subheading, self.mode = text, "", "index"

    def on_text(self, line: Line) -> None:
        if self.mode == "intro":
            self.scan.intro.append(line)
        elif self.mode == "contents":
            self.on_contents(line)
        elif self.mode in {"index", "index-table"} and (bold := _BOLD.match(line.text)):
            self.subheading = clean_text(bold.group(2))
        else:
            self.scan.skipped.append((line, "Text outside the tables of this layout."))

    def on_cells(self, line: Line) -> None:
        columns = action_columns(self.source, line)
        if self.mode == "table" and self.columns is not None and columns is None:
            self.on_table_row(line, self.columns)
            return
        self.end_row()
        first = normalise_heading(line.cells[0])
        if columns is not None:
            self.columns, self.mode = columns, "table"
        elif first in {"themes", "theme"} and self.scan.themes is None:
            self.scan.themes, self.mode = line, "themes"
        elif self.mode in {"themes", "after-themes"} and first in {"focus", "focus areas"}:
            self.scan.focus.append(line)
            self.mode = "themes"
        elif self.mode == "themes" and not first:
            self.scan.focus.append(line)
        elif self.mode == "contents":
            self.on_contents(line)
        elif is_index_header(line):
            self.mode = "index-table"
        elif self.mode == "index-table":
            self.on_index_row(line)
        else:
            self.scan.skipped.append((line, "A table row outside the tables of this layout."))

    def on_contents(self, line: Line) -> None:
        heading = portfolio_heading(contents_title(line.cells), line.number)
        if heading is not None:
            self.scan.contents.append(heading)

    def on_index_row(self, line: Line) -> None:
        cells = [clean_text(cell) for cell in line.cells]
        title, short = cells[0], (cells[1] if len(cells) > 1 else "")
        if title and not short:
            self.subheading = title
        elif title:
            entry = IndexEntry(line.number, title, short, self.heading, self.subheading)
            self.scan.index.append(entry)
        else:
            self.scan.skipped.append((line, "An index row without an action."))

    def on_table_row(self, line: Line, columns: dict[str, int]) -> None:
        if is_continuation(line) and self.row is not None:
            self.row = continue_row(self.row, line, columns)
        elif not clean_text(line.cells[0]):
            self.scan.skipped.append((line, "A row without an action and no row above it."))
        else:
            self.end_row()
            self.row = start_row(self.source, line, columns, self.portfolio)
