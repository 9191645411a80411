"""Reader of council plans set out as "Our outcomes / Our must do's" tables (Derby 2022/23).

Layout: a Council Plan's yearly delivery plan, one table per theme ("A green city"), each theme
heading standing alone above the table's header rows::

    Our outcomes | Our must do's | Key milestones for 2022/23 | Cabinet portfolio |
        Review Deadlines | Evaluating our impact:
                           The differences you will see | Performance measures

An outcome is carried down until the next; a row with no must do continues the one above (more
milestones, deadlines, portfolios, differences, measures); page headers ("Ambitious for Derby")
repeat on every page. Two plans come out: the Council Plan (themes and outcomes) and its
Delivery Plan (the must dos as actions under those outcomes, with their milestones, portfolios,
expected differences, and the measures that evaluate them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from councilplan.domain.fuzzy_dates import split_timescales
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.matching import fold_title
from councilplan.imports.text.cells import clean_text, normalise_heading
from councilplan.imports.text.source import Line, SourceText

from . import ReadContext
from .outcome_must_do_tables_rows import (
    COLUMN_NAMES,
    COLUMNS,
    ItemSplitter,
    PortfolioNames,
    TableRow,
    is_no_measure,
    join_page_split_cells,
    listed_items,
    split_notes,
)

THEME_KINDS = ("theme", "outcome")
_COUNCIL_PLAN = re.compile(
    r"\b((?:Council|Corporate) Plan (\d{4})\s*[-\u2013]\s*(\d{4}))\b", re.IGNORECASE
)
_DELIVERY_PLAN = re.compile(r"^([A-Za-z ]*Delivery Plan (\d{4})/(\d{2}))$", re.IGNORECASE)


def _is_header(line: Line) -> bool:
    headings = [normalise_heading(c) for c in line.cells]
    return any(h.startswith("our outcomes") for h in headings) and any(
        "must do" in h for h in headings
    )


def _is_subheader(line: Line) -> bool:
    return any(normalise_heading(c).startswith("the differences") for c in line.cells)


@dataclass
class _Layout:
    """Where the columns are, found from the first header row (and the one under it)."""

    columns: dict[str, int]
    width: int

    @classmethod
    def find(cls, source: SourceText, header: Line, below: Line | None) -> _Layout:
        top = [normalise_heading(c) for c in header.cells]
        under = [normalise_heading(c) for c in below.cells] if below else []
        columns: dict[str, int] = {}
        for key, word in COLUMNS:
            row = under if key in {"differences", "measures"} and under else top
            found = [i for i, h in enumerate(row) if word in h]
            if not found:
                raise source.problem(
                    f'The table has no "{COLUMN_NAMES[key]}" column.', header, COLUMN_NAMES[key]
                )
            columns[key] = found[0]
        return cls(columns, max(columns.values()) + 1)

    def row(self, source: SourceText, line: Line, heading: Line, page_start: bool) -> TableRow:
        cells = line.cells
        if len(cells) < self.width:
            raise source.problem(
                f"The row has {len(cells)} of the table's {self.width} columns: the file may "
                "be cut short or a cell lost.",
                line,
            )
        return TableRow(
            line.number,
            {k: cells[i] for k, i in self.columns.items()},
            clean_text(heading.text),
            heading.number,
            page_start,
        )


@dataclass
class _Scan:
    """The document's lines sorted out: titles, theme headings, and table rows under them."""

    header: Line
    titles: list[Line] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)


def _scan(source: SourceText) -> _Scan:
    """Sort lines into title lines, theme headings, page furniture and table rows.

    Page furniture is a lone line repeated on at least half the pages (a header row starts
    each page); a theme heading is the last other lone line above a header row.
    """
    headers = [ln for ln in source.lines if _is_header(ln)]
    if not headers:
        raise source.problem('No "Our outcomes / Our must do\'s" table found.')
    singles = Counter(clean_text(ln.text) for ln in source.lines if len(ln.cells) == 1)
    furniture = {text for text, n in singles.items() if n >= max(2, len(headers) // 2)}
    below = source.lines[headers[0].number] if headers[0].number < len(source.lines) else None
    layout = _Layout.find(source, headers[0], below if below and _is_subheader(below) else None)
    scan = _Scan(headers[0])
    heading: Line | None = None
    pending: list[Line] = []
    page_start = False
    for line in source.lines:
        if line.is_blank or _is_subheader(line):
            continue
        if _is_header(line):
            if heading is None and not pending:
                raise source.problem("The table has no theme heading above it.", line)
            if not scan.rows:
                scan.titles.extend(pending[:-1])
            # A heading starts a new theme's table; without one the table goes on over a page.
            page_start = not pending
            heading = pending[-1] if pending else heading
            pending = []
        elif len(line.cells) == 1:
            if clean_text(line.text) not in furniture:
                pending.append(line)
        elif heading is not None:
            scan.rows.append(layout.row(source, line, heading, page_start))
            page_start = False
    return scan


@dataclass
class _ActionDraft:
    """An action being collected from its rows."""

    title: str
    line: int
    themes: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    portfolios: list[str] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)
    milestones: list[s.MilestoneIn] = field(default_factory=list)

    def add_theme(self, path: list[str]) -> None:
        if path not in self.themes:
            self.themes.append(path)

    def add_note(self, note: str) -> None:
        if note and note not in self.notes:
            self.notes.append(note)

    def add_milestone(self, title: str, due: str, line: int) -> None:
        if all(m.title != title for m in self.milestones):
            self.milestones.append(s.MilestoneIn(title=title, due=due, line=line))

    def action(self) -> s.ActionIn:
        return s.ActionIn(
            title=self.title,
            description=" ".join(self.notes),
            expected_differences=" ".join(self.differences),
            themes=self.themes,
            portfolios=self.portfolios,
            milestones=self.milestones,
            line=self.line,
        )


@dataclass
class _MeasureDraft:
    title: str
    line: int
    actions: list[s.ActionRef] = field(default_factory=list)
    themes: list[s.ThemeRef] = field(default_factory=list)


class _TableReader:
    """Turns the table rows into actions and measures of the delivery plan."""

    def __init__(self, builder: DocumentBuilder, plan_slug: str, rows: Sequence[TableRow]):
        self.builder = builder
        self.plan_slug = plan_slug
        texts = [c for row in rows for c in row.cells.values()]
        items = [row.cell(k) for row in rows for k in ("milestones", "measures")]
        listed = [row.cell(k) for row in rows for k in ("milestones", "differences", "measures")]
        self.splitter = ItemSplitter.learn(texts, items, listed)
        self.portfolio_names = PortfolioNames.learn(row.cell("portfolio") for row in rows)
        self.actions: dict[str, _ActionDraft] = {}
        self.measures: dict[str, _MeasureDraft] = {}

    def read(self, rows: Sequence[TableRow]) -> None:
        """Collect the actions and measures, carrying outcomes and must dos down the rows."""
        outcome: tuple[str, int] | None = None
        theme = ""
        current: _ActionDraft | None = None
        for row in rows:
            if row.heading != theme:
                theme, outcome, current = row.heading, None, None
                self.builder.theme([theme], row.heading_line, THEME_KINDS)
            if row.text("outcome"):
                outcome = (row.text("outcome"), row.line)
            path = [theme] if outcome is None else [theme, outcome[0]]
            self.builder.theme(path, outcome[1] if outcome else row.heading_line, THEME_KINDS)
            title, notes = split_notes(row.cell("must_do"))
            if clean_text(title):
                current = self._action(clean_text(title), row.line)
            if current is None:
                text = " | ".join(clean_text(c) for c in row.cells.values())
                self.builder.skip(row.line, text, "Continues a must do, but none is above it.")
                continue
            current.add_theme(path)
            current.add_note(notes)
            self._row(current, path, row)

    def _action(self, title: str, line: int) -> _ActionDraft:
        """The action with this title: a must do repeated under another outcome is one action."""
        key = fold_title(title)
        if key not in self.actions:
            self.actions[key] = _ActionDraft(title, line)
        return self.actions[key]

    def _row(self, action: _ActionDraft, path: list[str], row: TableRow) -> None:
        for name in self.portfolio_names.names_in(row.cell("portfolio")):
            if name not in action.portfolios:
                action.portfolios.append(self.builder.portfolio(name, row.line))
        differences = row.text("differences")
        if differences and differences not in action.differences:
            action.differences.append(differences)
        cell, notes = split_notes(row.cell("milestones"))
        action.add_note(notes)
        titles = [p for item in listed_items(cell) for p in self.splitter.split(item.text)]
        deadline = row.text("deadline")
        dues = split_timescales(deadline) if deadline else []
        if len(titles) < 2 or len(dues) != len(titles):
            dues = [deadline] * len(titles)
        for title, due in zip(titles, dues, strict=True):
            action.add_milestone(title, due, row.line)
        self._measures(action, path, row)

    def _measures(self, action: _ActionDraft, path: list[str], row: TableRow) -> None:
        cell, _ = split_notes(row.cell("measures"))
        for item in listed_items(cell):
            if is_no_measure(item.text):
                continue
            for part in self.splitter.split(item.text):
                title = f"{item.lead_in} {part}" if item.lead_in else part
                measure = self.measures.setdefault(
                    fold_title(title), _MeasureDraft(title, row.line)
                )
                if all(a.title != action.title for a in measure.actions):
                    ref = s.ActionRef(plan=self.plan_slug, title=action.title, line=row.line)
                    measure.actions.append(ref)
                if all(t.path != path for t in measure.themes):
                    measure.themes.append(s.ThemeRef(plan=self.plan_slug, path=path, line=row.line))

    def measure_items(self) -> list[s.MeasureIn]:
        return [
            s.MeasureIn(title=m.title, actions=m.actions, themes=m.themes, line=m.line)
            for m in self.measures.values()
        ]


@dataclass(frozen=True)
class _PlanTitle:
    """A plan as its title line names it ("Council Plan 2022 - 2025", "Delivery Plan 2022/23")."""

    title: str
    line: Line
    kind: str
    first_year: int
    last_year: int

    def plan(self, themes: list[s.ThemeIn], **fields: object) -> s.PlanIn:
        """The plan, approved and published as the document itself is."""
        return s.PlanIn.model_validate(
            {
                "slug": slugify(self.title),
                "title": self.title,
                "kind": self.kind,
                "first_year": self.first_year,
                "last_year": self.last_year,
                "status": "approved",
                "is_published": True,
                "themes": themes,
                "line": self.line.number,
                **fields,
            }
        )


def _plan_titles(source: SourceText, scan: _Scan) -> tuple[_PlanTitle | None, _PlanTitle]:
    """The council plan (if the text names one) and the delivery plan above the first table.

    A span "2022 - 2025" covers the financial years 2022/23 to 2024/25; "2022/23" is one.
    """
    council = delivery = None
    for line in scan.titles:
        text = clean_text(line.text)
        span = _COUNCIL_PLAN.search(text)
        if span and council is None:
            first, last = int(span.group(2)), int(span.group(3)) - 1
            council = _PlanTitle(span.group(1), line, "council_plan", first, last)
        year = _DELIVERY_PLAN.match(text)
        if year and delivery is None:
            first = int(year.group(2))
            delivery = _PlanTitle(year.group(1), line, "delivery_plan", first, first)
    if delivery is None:
        raise source.problem("No delivery plan title above the first table.", scan.header, "title")
    return council, delivery


def _council_name(council: _PlanTitle | None) -> str:
    """The council the title names before the plan ("Derby City Council Council Plan ...")."""
    text = clean_text(council.line.text) if council else ""
    before = text[: text.find(council.title)].strip() if council else ""
    return before if re.search(r"\bCouncil$", before) else ""


class OutcomeMustDoTablesReader:
    """Council Plan and Delivery Plan from "Our outcomes / Our must do's" tables."""

    name = "outcome-must-do-tables"

    def recognises(self, source: SourceText) -> bool:
        """Whether the text has an "Our outcomes / Our must do's" header row."""
        return any(_is_header(line) for line in source.lines)

    def read(self, source: SourceText, context: ReadContext) -> s.PlanDocument:
        """Read both plans, their shared theme tree, the actions and their measures."""
        scan = _scan(source)
        if not scan.rows:
            raise source.problem("The table has no rows.", scan.header)
        council, delivery = _plan_titles(source, scan)
        organisation = context.organisation_name or _council_name(council)
        if not organisation:
            raise source.problem(
                "No council named before the plan title: say which council it is for.",
                council.line if council else delivery.line,
            )
        builder = DocumentBuilder(source.name, organisation, context.organisation_slug)
        rows = join_page_split_cells(scan.rows)
        table = _TableReader(builder, slugify(delivery.title), rows)
        table.read(rows)
        themes = builder.themes()
        if council is not None:
            builder.plans.append(council.plan(themes, source=source.name))
        actions = [a.action() for a in table.actions.values()]
        parent = slugify(council.title) if council else ""
        builder.plans.append(
            delivery.plan(themes, source=source.name, parent=parent, actions=actions)
        )
        builder.measures.extend(table.measure_items())
        return builder.build()


READER = OutcomeMustDoTablesReader()
