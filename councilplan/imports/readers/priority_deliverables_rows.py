"""Scanning the parts of a priority-led council plan and its delivery plan tables.

The layout (Derbyshire County Council's Council Plan refresh 2020/21 is the model): a contents
list of numbered priorities ("Priority 1 - Value for money", with an en dash); per priority a
"Deliverables" page with bulleted lists ("In the next year we will have:", "In four years we
will have:"); a "Measuring impact" page of measures grouped under priority headings; then
delivery plan tables, one per "Priority: ..." heading, with the columns Deliverable / Dept /
Start / Expected Completion / Stage, sub-items written "- Highways review", a key of department
abbreviations, and rows continued across page breaks. These functions only find the parts; the
reader in ``priority_deliverables`` turns them into a ``PlanDocument``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from councilplan.imports.text.cells import clean_text, normalise_heading
from councilplan.imports.text.source import Line, SourceText

BULLET = re.compile("^[-\u2022\u2013\u00b7]\\s+(\\S.*)$")
HORIZON = re.compile(r"^in\b.{1,40}\bwe will have\s*:?$", re.IGNORECASE)
CONTENTS_PRIORITY = re.compile("^priority\\s+(\\d+)\\s*[-\u2013\u2014:]\\s*(\\S.*)$", re.I)
TABLE_PRIORITY = re.compile(r"^priority\s*:\s*(\S.*)$", re.IGNORECASE)
WATERMARKS = frozenset({"draft", "restricted", "official", "official sensitive", "confidential"})

# Header cells of the delivery plan table (folded) -> the ActionIn field each column fills.
COLUMNS = {
    "deliverable": "title",
    "deliverables": "title",
    "dept": "departments",
    "department": "departments",
    "depts": "departments",
    "start expected start": "start",
    "start": "start",
    "expected start": "start",
    "expected completion": "expected_completion",
    "completion": "expected_completion",
    "stage": "stage",
}
# The columns every table needs, as the layout names them (for problems).
REQUIRED = {
    "title": "Deliverable",
    "departments": "Dept",
    "start": "Start/ Expected Start",
    "expected_completion": "Expected Completion",
    "stage": "Stage",
}


def plain(text: str) -> str:
    """A line or cell as plain text: HTML and bold markers gone, white space folded."""
    return clean_text(text.replace("**", ""))


def is_watermark(text: str) -> bool:
    """Whether a line is page furniture stamped on every page ("DRAFT", "Restricted")."""
    return normalise_heading(text) in WATERMARKS


@dataclass(frozen=True)
class Bullet:
    """One bulleted item of a list, without its bullet."""

    text: str
    line: int


@dataclass
class DeliverableList:
    """A list of deliverables under its lead-in ("In the next year we will have:")."""

    intro: str
    line: int
    bullets: list[Bullet] = field(default_factory=list)


@dataclass
class DeliverableSection:
    """A priority's "Deliverables" page: its heading and its lists, in order."""

    heading: str
    line: int
    lists: list[DeliverableList] = field(default_factory=list)


@dataclass
class MeasureGroup:
    """The key performance measures listed under one priority heading."""

    heading: str
    line: int
    measures: list[Bullet] = field(default_factory=list)


@dataclass
class TableRow:
    """A delivery plan row: its line, its cells by field, and its sub-items ("- Highways")."""

    line: int
    cells: dict[str, str]
    sub_rows: list[TableRow] = field(default_factory=list)

    def extend(self, pieces: dict[str, str]) -> None:
        """Add the cells of a continuation line (a row split across a page break)."""
        for name, piece in pieces.items():
            if piece:
                self.cells[name] = f"{self.cells.get(name, '')} {piece}".strip()


@dataclass
class PriorityTable:
    """The delivery plan rows under one "Priority: ..." heading (however many pages)."""

    heading: str
    line: int
    rows: list[TableRow] = field(default_factory=list)


@dataclass
class DeliveryPlan:
    """Every delivery plan table, and the lines in them that were not rows."""

    tables: list[PriorityTable] = field(default_factory=list)
    stray: list[Line] = field(default_factory=list)
    header_lines: list[int] = field(default_factory=list)


def read_contents(source: SourceText) -> list[tuple[str, str, int]]:
    """The numbered priorities of the contents list: (number, title, line), first of each."""
    found: dict[str, tuple[str, str, int]] = {}
    for line in source.lines:
        match = CONTENTS_PRIORITY.match(plain(line.cells[0]))
        if match and match.group(1) not in found:
            found[match.group(1)] = (match.group(1), match.group(2), line.number)
    return list(found.values())


def _previous_text(lines: tuple[Line, ...], index: int) -> Line | None:
    for line in reversed(lines[:index]):
        if plain(line.text):
            return line
    return None


def read_sections(source: SourceText) -> list[DeliverableSection]:
    """Every "Deliverables" page: the heading above it and the bulleted lists below it."""
    sections: list[DeliverableSection] = []
    lines = source.lines
    for index, line in enumerate(lines):
        if normalise_heading(line.text) != "deliverables":
            continue
        heading = _previous_text(lines, index)
        if heading is None:
            continue
        section = DeliverableSection(plain(heading.text), heading.number)
        _read_lists(lines[index + 1 :], section)
        sections.append(section)
    return sections


def _read_lists(lines: tuple[Line, ...], section: DeliverableSection) -> None:
    """Fill a section's lists from the lines after its heading, up to the next other text."""
    after_bullet = False
    for line in lines:
        text = plain(line.text)
        bullet = BULLET.match(text)
        if not text:
            after_bullet = False
        elif HORIZON.match(text):
            section.lists.append(DeliverableList(text, line.number))
            after_bullet = False
        elif bullet:
            if not section.lists:
                section.lists.append(DeliverableList("", line.number))
            section.lists[-1].bullets.append(Bullet(bullet.group(1), line.number))
            after_bullet = True
        elif after_bullet and text[0].islower():  # a bullet wrapped onto the next line
            last = section.lists[-1].bullets.pop()
            section.lists[-1].bullets.append(Bullet(f"{last.text} {text}", last.line))
        else:
            return


def read_measure_groups(source: SourceText) -> list[MeasureGroup]:
    """The bulleted measures after the "Measuring impact" heading, grouped by the line above."""
    lines = source.lines
    start = next(
        (i for i, line in enumerate(lines) if normalise_heading(line.text) == "measuring impact"),
        None,
    )
    if start is None:
        return []
    groups: list[MeasureGroup] = []
    pending: Line | None = None
    for line in lines[start + 1 :]:
        text = plain(line.text)
        if not text:
            continue
        bullet = BULLET.match(text)
        if bullet is None:
            if groups and pending is not None:
                break  # two lines of prose in a row after the lists: the section is over
            pending = line
            continue
        if pending is not None:
            groups.append(MeasureGroup(plain(pending.text), pending.number))
            pending = None
        if groups:
            groups[-1].measures.append(Bullet(bullet.group(1), line.number))
    return groups


def read_key(source: SourceText) -> tuple[dict[str, tuple[str, int]], list[Line]]:
    """The key of abbreviations ("ETE<tab>Economy, Transport and Environment") and its notes."""
    key: dict[str, tuple[str, int]] = {}
    notes: list[Line] = []
    lines = source.lines
    start = next((i for i, line in enumerate(lines) if normalise_heading(line.text) == "key"), None)
    if start is None:
        return key, notes
    for line in lines[start + 1 :]:
        cells = [plain(cell) for cell in line.cells]
        if not any(cells):
            continue
        if len(cells) < 2:
            break
        abbreviation, meaning = cells[0], " ".join(c for c in cells[1:] if c)
        if re.fullmatch(r"[A-Za-z][A-Za-z&]{0,9}", abbreviation) and meaning:
            key[abbreviation] = (meaning, line.number)
        else:
            notes.append(line)
    return key, notes


def header_columns(source: SourceText, line: Line) -> list[str]:
    """The field each column of a delivery plan header fills; a missing column is a problem."""
    columns = [COLUMNS.get(normalise_heading(cell), "") for cell in line.cells]
    for name, label in REQUIRED.items():
        if name not in columns:
            raise source.problem(
                f'The delivery plan table has no "{label}" column (columns: '
                f"{' / '.join(plain(c) for c in line.cells)}).",
                line,
                label,
            )
    return columns


def is_table_header(line: Line) -> bool:
    """Whether a line is the delivery plan table's header row (Deliverable / Dept / ...)."""
    cells = [normalise_heading(cell) for cell in line.cells]
    return len(cells) >= 3 and COLUMNS.get(cells[0]) == "title"


def read_delivery_plan(source: SourceText) -> DeliveryPlan:
    """Every "Priority: ..." table, with page-repeated headers dropped and split rows joined."""
    plan = DeliveryPlan()
    columns: list[str] | None = None
    current: PriorityTable | None = None
    last: TableRow | None = None
    for line in source.lines:
        text = plain(line.text)
        heading = TABLE_PRIORITY.match(text) if "\t" not in line.text else None
        if heading:
            current, last = PriorityTable(heading.group(1), line.number), None
            plan.tables.append(current)
        elif is_table_header(line):
            columns = header_columns(source, line)
            plan.header_lines.append(line.number)
            if current is None:
                raise source.problem('A delivery plan table with no "Priority:" heading.', line)
        elif columns is None or current is None or not text or is_watermark(text):
            continue
        elif "\t" not in line.text:
            plan.stray.append(line)
        else:
            last = _table_line(source, line, columns, current, last)
    return plan


def _table_line(
    source: SourceText,
    line: Line,
    columns: list[str],
    table: PriorityTable,
    last: TableRow | None,
) -> TableRow:
    """Read one line of a table: a new row, a sub-item of the row above, or a continuation."""
    cells = line.cells
    if len(cells) > len(columns):
        raise source.problem(
            f"This row has {len(cells)} cells but the table has {len(columns)} columns.", line
        )
    pieces = {name: plain(cell) for name, cell in zip(columns, cells, strict=False) if name}
    if not pieces.get("title"):
        if last is None:
            raise source.problem("A continued row with no row above it.", line)
        last.extend(pieces)
        return last
    if len(cells) < len(columns):
        missing = REQUIRED.get(columns[len(cells)], "a column")
        raise source.problem(
            f"This row has {len(cells)} of the table's {len(columns)} columns; is the file "
            "cut short?",
            line,
            missing,
        )
    row = TableRow(line.number, pieces)
    bullet = BULLET.match(pieces["title"])
    if bullet and table.rows:
        row.cells["title"] = bullet.group(1)
        table.rows[-1].sub_rows.append(row)
    else:
        table.rows.append(row)
    return row


def read_signatures(
    source: SourceText,
) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """Councillors ("Cllr Barry Lewis," / "Leader of ...") and officers who sign the document.

    Each is (name, role or job title, line). An officer's signature is a line of two to four
    capitalised words followed by a line holding a job title ("Strategic Director ...").
    """
    councillors: list[tuple[str, str, int]] = []
    officers: list[tuple[str, str, int]] = []
    lines = source.lines
    for index, line in enumerate(lines[:-1]):
        text, after = plain(line.text), plain(lines[index + 1].text)
        cllr = re.fullmatch(r"(?:Cllr|Councillor)\.?\s+([A-Z][\w'-]+(?: [A-Z][\w'-]+)+),?", text)
        if cllr and after:
            councillors.append((cllr.group(1), after, line.number))
        elif re.fullmatch(r"[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){1,3}", text) and re.match(
            r"(?:\w+ ){0,2}(?:Director|Executive|Head|Chief|Officer|Manager)\b", after
        ):
            officers.append((text, after, line.number))
    return councillors, officers
