"""The rows of an annual performance results table, as the text export gives them.

The table ("Action or Measure Description / 2019/20 Actual / Q4 Actual / Q4 Status / Council
Plan Theme") repeats its header and a banner ("2020/21 Performance Information", sometimes cut)
after page breaks. Portfolio headings are rows with only a first cell; sub-headings ("Actions
identified in the Council Delivery Plan 2019-20", "Delivery Plan measures") switch between
actions and measures and are sometimes run together with the next row's title. Where the PDF's
text layer is garbled, a long run of repeated fragments sits in an extra cell before the
table's columns: it is kept as a skipped line, and the clean cells after it are still read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from councilplan.domain.reported_values import fold_broken_hyphens, parse_reported_value
from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.domain.vocabulary import VocabularyError
from councilplan.imports.text.cells import clean_text, normalise_heading
from councilplan.imports.text.source import SourceText

DESCRIPTION_HEADING = "action or measure description"
ACTION, MEASURE = "action", "measure"
OUTSIDE_REASON = (
    "Text outside the table's columns, where the PDF's text layer is garbled or shifted: "
    "not read (the row's own cells, if intact, are)."
)
PORTFOLIO_MAX_WORDS = 8

_ACTIONS_HEADING = re.compile(
    r"^Actions identified in the (?P<plan>.*?\bPlan \d{4}\s*[-/]\s*\d{2,4})\b\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_MEASURES_HEADING = re.compile(
    r"^(?:(?:Council\s+)?Delivery\s+Plan|Key\s+performance|Performance)\s+measures\b[:.]?"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_BANNER = re.compile(r"^\d{4}/\d{2} Performan[a-z ]*$", re.IGNORECASE)
_YEAR_ACTUAL = re.compile(r"^(?P<first>\d{4}) (?P<second>\d{2}) actual$")
_QUARTER_ACTUAL = re.compile(r"^q(?P<quarter>[1-4]) actual$")
_QUARTER_STATUS = re.compile(r"^q[1-4] status$")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Columns:
    """Where the results table's columns are, and which years its value columns report."""

    line: int
    description: int
    previous: int
    current: int
    status: int
    theme: int
    previous_year: str
    quarter: int

    @property
    def width(self) -> int:
        """How many cells a row of the table has, counted from its description."""
        return max(self.previous, self.current, self.status, self.theme) + 1


def is_header(cells: Sequence[str]) -> bool:
    """Whether these cells are the results table's header row."""
    return DESCRIPTION_HEADING in {normalise_heading(c) for c in cells}


_COLUMNS = {
    "last year's actual (e.g. 2019/20 Actual)": _YEAR_ACTUAL,
    "quarter's actual (e.g. Q4 Actual)": _QUARTER_ACTUAL,
    "quarter's status (e.g. Q4 Status)": _QUARTER_STATUS,
    "Council Plan Theme": re.compile(r"theme$"),
}


def find_columns(source: SourceText) -> Columns:
    """The first header row's columns; a header lacking one is a problem at its line."""
    line = next((line for line in source.lines if is_header(line.cells)), None)
    if line is None:
        raise source.problem(
            'No results table found: expected a header row "Action or Measure Description / '
            '2019/20 Actual / Q4 Actual / Q4 Status / Council Plan Theme".',
            len(source.lines) or None,
        )
    names = [normalise_heading(c) for c in line.cells]
    names = names[names.index(DESCRIPTION_HEADING) :]
    found: list[tuple[int, re.Match[str]]] = []
    for label, pattern in _COLUMNS.items():
        hit = next(((i, m) for i, n in enumerate(names) if (m := pattern.search(n))), None)
        if hit is None:
            raise source.problem(f"The results table has no {label} column.", line)
        found.append(hit)
    (previous, year), (current, quarter), (status, _), (theme, _) = found
    return Columns(
        line=line.number,
        description=0,
        previous=previous,
        current=current,
        status=status,
        theme=theme,
        previous_year=f"{year['first']}/{year['second']}",
        quarter=int(quarter["quarter"]),
    )


def clean_cell(cell: str) -> str:
    """A cell's text, or nothing when it holds only bullets and punctuation ("•", ", ,")."""
    text = fold_broken_hyphens(clean_text(cell))
    return text if _WORD.search(text) else ""


@dataclass(frozen=True)
class TableLine:
    """One source line cut to the table's columns, with any text before them set apart."""

    number: int
    description: str = ""
    previous: str = ""
    current: str = ""
    status: str = ""
    theme: str = ""
    outside: str = ""

    @property
    def values(self) -> tuple[str, str, str, str]:
        return (self.previous, self.current, self.status, self.theme)

    @property
    def text(self) -> str:
        """The table cells as one text, for a skipped line."""
        return " | ".join(c for c in (self.description, *self.values) if c)

    @property
    def is_empty(self) -> bool:
        return not self.description and not any(self.values)

    @property
    def is_furniture(self) -> bool:
        """A page's repeated header row or banner ("2020/21 Performan" "ce Information")."""
        cells = [c for c in (self.description, *self.values) if c]
        return is_header(cells) or bool(_BANNER.match(" ".join(cells)))


def table_line(number: int, cells: Sequence[str], columns: Columns) -> TableLine:
    """Cut a line's cells to the table: extra cells before the columns are outside text."""
    extra = max(len(cells) - columns.width, 0)
    outside = " ".join(clean_text(c) for c in cells[:extra]).strip()
    row = [clean_cell(c) for c in cells[extra:]] + [""] * columns.width
    return TableLine(
        number=number,
        description=row[columns.description],
        previous=row[columns.previous],
        current=row[columns.current],
        status=row[columns.status],
        theme=row[columns.theme],
        outside=outside,
    )


def table_lines(source: SourceText, columns: Columns) -> list[TableLine]:
    """The non-blank lines from the first header on, cut to the table's columns."""
    return [
        table_line(line.number, line.cells, columns)
        for line in source.lines
        if line.number > columns.line and not line.is_blank
    ]


@dataclass
class ResultRow:
    """One action or measure row, its cells joined across continuation lines."""

    line: int
    kind: str
    title: str
    plan: str
    portfolio: str
    previous: str = ""
    current: str = ""
    status: str = ""
    theme: str = ""
    value_line: int = 0

    def absorb(self, more: TableLine) -> bool:
        """Take a continuation line's cells if they agree with this row's; say whether they did."""
        merged: dict[str, str] = {}
        for name in ("previous", "current", "status"):
            mine, theirs = getattr(self, name), getattr(more, name)
            if theirs and mine not in ("", "-") and mine.casefold() != theirs.casefold():
                return False
            merged[name] = mine if (not theirs or mine not in ("", "-")) else theirs
        merged["theme"] = " ".join(t for t in (self.theme, more.theme) if t)
        for name, value in merged.items():
            setattr(self, name, value)
        return True


@dataclass(frozen=True)
class Skip:
    """A line (or the outside part of one) that was not read, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class PortfolioHeading:
    """A portfolio heading row ("Adults, Health and Housing")."""

    line: int
    name: str


Entry = ResultRow | Skip | PortfolioHeading


def infer_kind(row: TableLine) -> str:
    """Whether a row outside any sub-heading is an action (ratings) or a measure (numbers)."""
    for cell in (row.previous, row.current):
        if cell and _is_rating(cell):
            return ACTION
    if normalise_heading(row.status) == "no target set":
        return MEASURE
    read = [parse_reported_value(c) for c in (row.previous, row.current)]
    return MEASURE if any(r.value is not None for r in read) else ""


def _is_rating(text: str) -> bool:
    try:
        ProgressRating.parse(text)
    except VocabularyError:
        try:
            RagStatus.parse(text)
        except VocabularyError:
            return False
    return True


@dataclass
class TableWalker:
    """Walks the table lines in order, keeping the portfolio, sub-heading and last row."""

    lines: list[TableLine]
    document_plan: str
    entries: list[Entry] = field(default_factory=list)
    kind: str = ""
    plan: str = ""
    portfolio: str = ""
    last: ResultRow | None = None
    pending: TableLine | None = None

    def walk(self) -> list[Entry]:
        """Read every line into entries: rows, portfolio headings and skipped text."""
        self.plan = self.document_plan
        for index, line in enumerate(self.lines):
            if line.outside:
                self.entries.append(Skip(line.number, line.outside, OUTSIDE_REASON))
            if line.is_empty or line.is_furniture:
                continue
            self.read(line, self.following(index))
        if self.pending is not None:
            self.row(self.pending, self.pending)
        return self.entries

    def following(self, index: int) -> TableLine | None:
        """The next line that has table content, past page furniture."""
        rest = self.lines[index + 1 :]
        return next((n for n in rest if not n.is_empty and not n.is_furniture), None)

    def read(self, line: TableLine, after: TableLine | None) -> None:
        line, headed = self.sub_heading(line)
        if not line.description:
            if headed and any(line.values):
                self.skip(line, "Stray text beside a sub-heading.")
            elif any(line.values):
                self.continuation(line)
            return
        if self.pending is not None:
            first = self.pending
            self.pending = None
            joined = f"{first.description} {line.description}"
            self.row(first, replace(line, description=joined))
            return
        if not any(line.values):
            if _continues(after):
                self.pending = line
            elif headed or len(line.description.split()) > PORTFOLIO_MAX_WORDS:
                self.row(line, line)
            else:
                self.portfolio_heading(line)
            return
        self.row(line, replace(line, description=self.completed(line.description)))

    def sub_heading(self, line: TableLine) -> tuple[TableLine, bool]:
        """Take a sub-heading off the start of a line, switching to actions or measures."""
        actions = _ACTIONS_HEADING.match(line.description)
        measures = _MEASURES_HEADING.match(line.description)
        found = actions or measures
        if found is None:
            return line, False
        self.kind = ACTION if actions else MEASURE
        if actions:
            self.plan = plan_title(actions["plan"])
        self.last = None
        return replace(line, description=found["rest"].strip()), True

    def portfolio_heading(self, line: TableLine) -> None:
        self.portfolio, self.kind, self.last = line.description, "", None
        self.entries.append(PortfolioHeading(line.number, line.description))

    def continuation(self, line: TableLine) -> None:
        """Cells without a title continue the row above, if they agree with it."""
        if self.last is None:
            self.skip(line, "Cells without a title, and no row above for them to continue.")
        elif not self.last.absorb(line):
            self.skip(line, "Cells without a title that disagree with the row above.")

    def row(self, first: TableLine, line: TableLine) -> None:
        kind = self.kind or infer_kind(line)
        if not kind:
            self.skip(line, "Cannot tell whether this row is an action or a measure.")
            return
        self.last = ResultRow(
            line=first.number,
            kind=kind,
            title=line.description,
            plan=self.plan,
            portfolio=self.portfolio,
            previous=line.previous,
            current=line.current,
            status=line.status,
            theme=line.theme,
            value_line=line.number,
        )
        self.entries.append(self.last)

    def completed(self, title: str) -> str:
        """A title cut at its start ("level in reading ...") completed from a sibling's start."""
        if not title[:1].islower():
            return title
        siblings = [
            e.title
            for e in self.entries
            if isinstance(e, ResultRow) and e.portfolio == self.portfolio
        ]
        return complete_fragment(title, siblings)

    def skip(self, line: TableLine, reason: str) -> None:
        self.last = None
        self.entries.append(Skip(line.number, line.text, reason))


def _continues(after: TableLine | None) -> bool:
    """Whether the next line carries on the title above (it starts in lower case)."""
    if after is None or not after.description[:1].islower():
        return False
    return not (
        _ACTIONS_HEADING.match(after.description) or _MEASURES_HEADING.match(after.description)
    )


def complete_fragment(fragment: str, titles: Sequence[str], overlap: int = 4) -> str:
    """Complete a title that lost its start, from the latest title holding its first words.

    "level in reading, writing and maths - Disadvantaged pupils" after "Percentage of KS2 pupils
    achieving expected standard or higher level in reading, writing and maths - SEN support"
    is that series' title. Generic: any layout whose PDF export cuts the start of a cell.
    """
    words = fragment.split()
    if len(words) < overlap:
        return fragment
    head = " ".join(words[:overlap])
    for title in reversed(titles):
        at = title.find(" " + head)
        if at > 0:
            return f"{title[: at + 1]}{fragment}"
    return fragment


def plan_title(heading: str) -> str:
    """A plan's title as a sub-heading names it, the year written the usual way ("2019/20")."""
    return re.sub(r"(\d{4})\s*-\s*(\d{2})$", r"\1/\2", " ".join(heading.split()))
