"""The action tables of a corporate plan in the "Plan / Do stage" layout, read row by row.

Each priority has tables headed "Ref / How we will achieve it / Officer responsible / Source of
Finance / Timescale / Main measure(s) / Other links" (the Do stage) or "... / To be achieved by /
Other links" (the Plan stage), repeated on every page under the priority's heading. The export
runs some headings together with ``**`` instead of tabs, and one table lost its tabs entirely:
its cells stand in blocks of lines separated by blank lines. ``TableWalker`` follows the
headings (objective, priority, stage, "Key outcome" / "Main area of focus") and gathers each
row's cells, joining rows continued across pages; ``corporate_plan_actions`` turns the rows into
actions and measures.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from councilplan.domain.fuzzy_dates import says_nothing
from councilplan.imports.builder import DocumentBuilder
from councilplan.imports.text.cells import clean_text, normalise_heading
from councilplan.imports.text.source import Line, SourceText

# Header cells (normalised) and the row field each one fills.
COLUMNS = {
    "ref": "ref",
    "how we will achieve it": "title",
    "officer responsible": "officer",
    "source of finance": "finance",
    "timescale": "timescale",
    "to be achieved by": "timescale",
    "main measure s": "measure",
    "main measure": "measure",
    "other links": "links",
}
REQUIRED = {
    "title": "How we will achieve it",
    "officer": "Officer responsible",
    "finance": "Source of Finance",
    "timescale": "Timescale (or To be achieved by)",
    "links": "Other links",
}
LABELS = ("key outcome", "main area of focus")
STAGES = {"do stage": "Do", "plan stage": "Plan"}

REF = re.compile(r"^\d+(?:\.\d+)+$")
_OBJECTIVE = re.compile(r"^OBJECTIVE\s+(\d+)\s*$", re.IGNORECASE)
_PRIORITY = re.compile(r"^PRIORITY\s+(\d+(?:\.\d+)*)\s*(.*)$", re.IGNORECASE)
_PART = re.compile(r"^Part\s+\d+\b", re.IGNORECASE)
_RULE = re.compile(r"^[-\s]*-{2,}[-\s]*$")
_CELL_BREAK = re.compile(r"\t|\*{2,}")
_BULLET = re.compile(r"^\s*[-\u2022]\s*")
_DISTRIBUTED = re.compile(r"^(?P<title>[^:]+?)s:\s*-?\s*(?P<rest>.+)$")
_ITEM_BREAK = re.compile(r"\s+-\s*|\s*-\s+")
_LINK_ENDS = frozenset({"strategy", "strategies", "plan", "agreement", "review", "project"})
_LINK_ENDS_UNLESS_UNIT = frozenset({"policy"})


def split_cells(text: str) -> list[str]:
    """The cells of a line whose cells are separated by tabs or run together with ``**``.

    Generic: any export whose PDF lost a table's tabs in a heading ("PRIORITY 1.1**To reduce
    crime****DO STAGE**") reads the same way.
    """
    return [cell.strip() for cell in _CELL_BREAK.split(text)]


def is_header(cells: list[str]) -> bool:
    """Whether a line's cells are an action table's header ("Ref / How we will achieve it...")."""
    names = [normalise_heading(cell) for cell in cells if cell.strip()]
    return len(names) > 1 and names[0] == "ref" and "how we will achieve it" in names


def split_links(text: str) -> list[str]:
    """The strategies and plans a run-together "Other links" cell names, one tag each.

    A name ends at "Strategy", "Plan", "Agreement", "Review" or "Project" (and "Policy" unless a
    "Business Plan" follows, as in "Community Policy Business Plan") when the next word starts
    a new name, i.e. not with a lower-case letter ("ICS project team" stays whole). Generic: any
    export that lost the line breaks of a list of strategy names.
    """
    words = text.split()
    tags: list[str] = []
    current: list[str] = []
    for index, word in enumerate(words):
        current.append(word)
        following = words[index + 1 : index + 3]
        end = word.strip(",;.").lower()
        unit_plan = [w.lower() for w in following] == ["business", "plan"]
        ends = end in _LINK_ENDS or (end in _LINK_ENDS_UNLESS_UNIT and not unit_plan)
        if ends and (not following or not following[0][:1].islower()):
            tags.append(" ".join(current).strip(" ,;"))
            current = []
    if current:
        tags.append(" ".join(current).strip(" ,;"))
    return [tag for tag in tags if tag]


def split_officers(text: str) -> list[str]:
    """The officers a cell names; "Assistant Directors: -School Improvement - School Inclusion"
    names two, each written "Assistant Director", an en dash, and the service."""
    if says_nothing(text):
        return []
    found = _DISTRIBUTED.match(text)
    if found is None:
        return [text]
    items = [item.strip() for item in _ITEM_BREAK.split(found["rest"]) if item.strip()]
    if len(items) < 2:
        return [text]
    return [f"{found['title']} \u2013 {item}" for item in items]


@dataclass(frozen=True)
class Table:
    """A header row: the field of each column, and whether its cells were tab-separated."""

    columns: tuple[str, ...]
    line: int
    tabbed: bool


@dataclass
class RawRow:
    """One table row as read: its place in the plan and the text items of each field."""

    ref: str
    line: int
    objective: str
    priority: str
    priority_ref: str
    stage: str
    width: int
    cells: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, text: str) -> None:
        """Add a text item to a field, unless it is empty."""
        if text.strip():
            self.cells.setdefault(name, []).append(text.strip())

    def text(self, name: str) -> str:
        """A field's items as one line of text."""
        return clean_text(" ".join(_BULLET.sub("- ", item) for item in self.cells.get(name, [])))


@dataclass
class _Label:
    name: str
    line: int
    parts: list[str] = field(default_factory=list)


@dataclass
class _Block:
    """A row of a table that lost its tabs: blocks of lines, one per column."""

    row: RawRow
    column: int = 1


@dataclass
class TableWalker:
    """Walks the action tables of one document, keeping objectives, priorities and rows."""

    source: SourceText
    builder: DocumentBuilder
    rows: dict[tuple[str, str, str], RawRow] = field(default_factory=dict)
    labels: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    objective: str = ""
    priority: str = ""
    priority_ref: str = ""
    priority_paths: dict[str, list[str]] = field(default_factory=dict)
    stage: str = ""
    table: Table | None = None
    table_rows: int = 0
    last_row: RawRow | None = None
    awaiting: str = ""
    awaiting_ref: str = ""
    awaiting_line: int = 0
    label: _Label | None = None
    block_lines: list[Line] = field(default_factory=list)
    block: _Block | None = None
    furniture: frozenset[str] = frozenset()

    # -- the whole region -----------------------------------------------------------------

    def walk(self) -> None:
        """Read every line from the first objective or priority heading to the next Part."""
        self.furniture = _page_furniture(self.source.lines)
        started = False
        for line in self.source.lines:
            text = line.text.strip()
            if not started:
                started = bool(_OBJECTIVE.match(text) or _PRIORITY.match(text))
                if not started:
                    continue
            elif _PART.match(text) and not self.awaiting:
                self.close(line)
                return
            self.read_line(line, text)
        self.close(None)

    def read_line(self, line: Line, text: str) -> None:
        """Dispatch one line of the region by what it is."""
        if _RULE.match(text):
            return
        if not text:
            self.blank()
            return
        if self.awaiting:
            self.title_line(line, text)
            return
        cells = split_cells(line.text)
        first = normalise_heading(cells[0])
        if _OBJECTIVE.match(text) or _PRIORITY.match(text):
            self.heading(line, text)
        elif first in STAGES and not any(cells[1:]):
            self.end_label()
            self.set_stage(STAGES[first])
        elif first.startswith(LABELS):
            self.open_label(line, cells)
        elif is_header(cells):
            self.header(line, cells)
        elif "\t" in line.text and self.table is not None:
            self.tab_row(line, line.cells)
        elif text in self.furniture:
            return
        elif self.label is not None:
            self.label.parts.append(text)
        elif self.table is not None and not self.table.tabbed:
            self.block_lines.append(line)
        else:
            self.builder.skip(line.number, text, "Not part of an action table.")

    def close(self, line: Line | None) -> None:
        """End the region; a file that stops inside a heading or a table was cut short."""
        self.end_label()
        self.end_block()
        if line is not None or not self.source.lines:
            return
        last = self.source.lines[-1].number
        width = len(self.table.columns) if self.table else 0
        if self.awaiting:
            cut = f"before the title of {self.awaiting} {self.awaiting_ref}"
        elif self.table is not None and self.table_rows == 0:
            cut = "after a table header with no rows"
        elif self.last_row and self.last_row.line == last and self.last_row.width < width:
            cut = "in the middle of a table row"
        else:
            return
        raise self.source.problem(f"The file ends {cut}: it looks cut short.", last)

    # -- headings -------------------------------------------------------------------------

    def heading(self, line: Line, text: str) -> None:
        """An objective or priority heading; a priority's may carry stage and label too."""
        self.end_label()
        self.end_block()
        self.table = None
        objective = _OBJECTIVE.match(text)
        if objective:
            self.awaiting, self.awaiting_ref = "objective", objective[1]
            self.awaiting_line = line.number
            return
        cells = [cell for cell in split_cells(line.text) if cell]
        found = _PRIORITY.match(cells[0])
        assert found is not None  # read_line only calls this on a heading
        ref, title = found[1], found[2].strip() or (cells[1] if len(cells) > 1 else "")
        rest = cells[1:] if found[2].strip() else cells[2:]
        if ref != self.priority_ref:
            self.stage, self.last_row = "", None
        self.priority_ref = ref
        if not title or normalise_heading(title) in STAGES:
            self.awaiting, self.awaiting_ref, self.awaiting_line = "priority", ref, line.number
            rest = cells[1:]
        else:
            self.set_priority(ref, title, line.number)
        for cell in rest:
            name = normalise_heading(cell)
            if name in STAGES:
                self.set_stage(STAGES[name])
            elif name.startswith(LABELS):
                self.open_label(line, [cell])

    def title_line(self, line: Line, text: str) -> None:
        """The line after "OBJECTIVE 1" or a bare "PRIORITY 4.1": its title."""
        title = clean_text(text)
        if self.awaiting == "objective":
            self.objective = title
            self.builder.theme([title], self.awaiting_line, kinds=("objective",))
            self.builder.theme_node([title]).reference = self.awaiting_ref
        else:
            self.set_priority(self.awaiting_ref, title, self.awaiting_line)
        self.awaiting = ""

    def set_priority(self, ref: str, title: str, line: int) -> None:
        """Enter a priority (the first title given for a reference is kept)."""
        if not self.objective:
            raise self.source.problem("A priority comes before any objective.", line, "priority")
        path = self.priority_paths.setdefault(ref, [self.objective, clean_text(title)])
        self.priority = path[-1]
        self.builder.theme(path, line, ("objective", "priority"))
        self.builder.theme_node(path).reference = ref

    def set_stage(self, stage: str) -> None:
        if stage != self.stage:
            self.stage, self.last_row = stage, None

    # -- "Key outcome" and "Main area of focus" -------------------------------------------

    def open_label(self, line: Line, cells: list[str]) -> None:
        self.end_label()
        first = cells[0]
        name = next(label for label in LABELS if normalise_heading(first).startswith(label))
        rest = [first[len(name) :].strip(), *cells[1:]]
        self.label = _Label(name, line.number, [cell for cell in rest if cell])

    def blank(self) -> None:
        if self.label is not None and self.label.parts:
            self.end_label()
        self.end_block_lines()

    def end_label(self) -> None:
        """Keep the label's text for its priority (first sighting; pages repeat it)."""
        label, self.label = self.label, None
        if label is None or not label.parts or not self.priority:
            return
        self.labels.setdefault(
            (self.priority_ref, label.name), (label.line, clean_text(" ".join(label.parts)))
        )

    # -- tables and rows ------------------------------------------------------------------

    def header(self, line: Line, cells: list[str]) -> None:
        """A table header: check it has every column a row needs."""
        self.end_label()
        self.end_block()
        names = [normalise_heading(cell) for cell in cells if cell.strip()]
        columns = tuple(COLUMNS.get(name, "") for name in names)
        for name, label in REQUIRED.items():
            if name not in columns:
                raise self.source.problem(f'The action table has no "{label}" column.', line, label)
        self.table = Table(columns, line.number, "\t" in line.text)
        self.table_rows = 0
        if not self.priority:
            raise self.source.problem("An action table comes before any priority.", line)

    def tab_row(self, line: Line, cells: list[str]) -> None:
        """A tab-separated row; one with an empty reference continues the row above."""
        assert self.table is not None
        self.end_block()
        columns = self.table.columns
        extra = [cell for cell in cells[len(columns) :] if cell.strip()]
        if extra:
            raise self.source.problem(
                f"This row has {len(cells)} cells but its table header has {len(columns)}.", line
            )
        ref = cells[0].strip()
        if not REF.match(ref):
            if ref or self.last_row is None:
                self.builder.skip(line.number, line.text.strip(), "Not an action table row.")
                return
            row = self.last_row
        else:
            row = self.row(ref, line.number)
        row.width = len(cells) if row.line == line.number else row.width
        for name, cell in zip(columns[1:], cells[1:], strict=False):
            row.add(name, cell)

    def row(self, ref: str, number: int) -> RawRow:
        """The row with this reference in the current priority and stage (a repeat continues)."""
        key = (self.priority_ref, self.stage, ref)
        if key not in self.rows:
            self.rows[key] = RawRow(
                ref, number, self.objective, self.priority, self.priority_ref, self.stage, 0
            )
        self.table_rows += 1
        self.last_row = self.rows[key]
        return self.last_row

    def end_block_lines(self) -> None:
        """A blank line ends a block of a table that lost its tabs: the next column's cell."""
        lines, self.block_lines = self.block_lines, []
        if not lines or self.table is None:
            return
        texts = [line.text.strip() for line in lines]
        if len(texts) == 1 and REF.match(texts[0]):
            self.end_block()
            self.block = _Block(self.row(texts[0], lines[0].number))
            return
        block = self.block
        if block is None or block.column >= len(self.table.columns):
            for line in lines:
                self.builder.skip(line.number, line.text.strip(), "Not an action table row.")
            return
        if all(_BULLET.match(text) for text in texts) and block.column > 1:
            block.column -= 1  # a bulleted list goes on with the cell above it
        name = self.table.columns[block.column]
        for text in texts:
            block.row.add(name, text)
        block.column += 1
        block.row.width = block.column

    def end_block(self) -> None:
        self.end_block_lines()
        self.block = None


def _page_furniture(lines: tuple[Line, ...]) -> frozenset[str]:
    """Short lines repeated on many pages ("Draft"): page labels, not content."""
    counts = Counter(
        line.text.strip()
        for line in lines
        if "\t" not in line.text and 0 < len(line.text.split()) <= 2
    )
    return frozenset(
        text for text, count in counts.items() if count >= 5 and not _BULLET.match(text)
    )
