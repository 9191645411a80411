"""Reader of a priority-led council plan refresh with its delivery plan (Derbyshire's layout).

The document is a Cabinet report with the refreshed Council Plan (numbered priorities, each with
deliverables "in the next year" and "in four years", and key performance measures per
priority) and its delivery plan (per priority, a table of deliverables with department, start,
expected completion and stage). A delivery plan row and the priority's deliverable it details
become one action, titled as the delivery plan writes it; deliverables without a row are
actions too. Departments are written as abbreviations, spelt out in the table's key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from councilplan.domain.fuzzy_dates import says_nothing
from councilplan.domain.status import Stage
from councilplan.domain.units import Unit
from councilplan.domain.vocabulary import VocabularyError
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.matching import SURE, best_match, fold_title
from councilplan.imports.readers.priority_deliverables_rows import (
    Bullet,
    DeliverableSection,
    PriorityTable,
    TableRow,
    is_table_header,
    plain,
    read_contents,
    read_delivery_plan,
    read_key,
    read_measure_groups,
    read_sections,
    read_signatures,
)
from councilplan.imports.text.source import SourceText

if TYPE_CHECKING:  # the package imports its readers, so only the type is imported here
    from councilplan.imports.readers import ReadContext

_COUNCIL = re.compile(r"(?:[A-Z][a-z]+ )+(?:County|City|Borough|District) Council")
_PLAN_TITLE = re.compile(r"^(?:council|corporate)\s+plan\b.*\b(?:19|20)\d\d\b", re.IGNORECASE)
_YEARS = re.compile(r"\b((?:19|20)\d\d)(?:\s*[-/\u2013]\s*(\d{2,4}))?")
_APPROVED = re.compile(
    r"\b(?:was|were|has been|have been)\s+approved\s+by\s+(Full Council|Cabinet|Council)\b"
    r"(?:\s+on\s+(\d{1,2}\s+[A-Z][a-z]+\s+\d{4}))?"
)
_ALL_DEPARTMENTS = {"all", "all depts", "all departments"}
ALL_DEPARTMENTS = "All depts"


@dataclass(frozen=True)
class PlanHeading:
    """What the document says about the plan itself."""

    title: str
    line: int
    kind: str
    first_year: int
    last_year: int
    status: str = "draft"
    approved_by: str = ""
    approved_on: date | None = None


def plan_heading(source: SourceText) -> PlanHeading:
    """The plan's title (as printed on it, not shouted in capitals), years, kind and status."""
    candidates = [
        (plain(line.text), line.number)
        for line in source.lines
        if "\t" not in line.text and len(line.text) <= 100 and _PLAN_TITLE.match(plain(line.text))
    ]
    if not candidates:
        raise source.problem('No plan title found (a line such as "Council Plan 2019-21").', 1)
    title, line = min(
        candidates, key=lambda c: (c[0].isupper(), "refresh" not in c[0].lower(), c[1])
    )
    title = title.title() if title.isupper() else title
    is_refresh = "refresh" in title.lower()
    years = title[title.lower().index("refresh") :] if is_refresh else title
    first, last = financial_years(years)
    kind = "refresh" if is_refresh else "council_plan"
    approval = next(filter(None, (_APPROVED.search(plain(x.text)) for x in source.lines)), None)
    if approval is None:
        return PlanHeading(title, line, kind, first, last)
    on = datetime.strptime(approval.group(2), "%d %B %Y").date() if approval.group(2) else None
    return PlanHeading(title, line, kind, first, last, "approved", approval.group(1), on)


def financial_years(text: str) -> tuple[int, int]:
    """The first and last financial years a span names: "2020-21" -> (2020, 2020)."""
    match = _YEARS.search(text)
    if match is None:
        raise ValueError(f'no year in "{text}"')
    first = int(match.group(1))
    if not match.group(2):
        return first, first
    end = int(match.group(2))
    end += first // 100 * 100 if end < 100 else 0
    return first, max(first, end - 1)


def unit_of(title: str) -> Unit:
    """The unit a measure's title names ("Percentage of ...", "... days ...", "money")."""
    words = title.lower()
    if "percentage" in words or "%" in words:
        return Unit.PERCENT
    if re.search(r"\bnumber of days\b|\bdays per\b", words):
        return Unit.DAYS
    if re.search(r"\bmoney\b|£|\binvestment\b", words):
        return Unit.POUNDS
    return Unit.NUMBER


def organisation_name(source: SourceText) -> tuple[str, int] | None:
    """The council the document names on a line of its own ("Derbyshire County Council")."""
    for upper in (False, True):
        for line in source.lines:
            text = plain(line.text)
            text = text.title() if upper and text.isupper() else text
            if _COUNCIL.fullmatch(text):
                return text, line.number
    return None


def vision(source: SourceText) -> str:
    """The plan's ambition: the first statement after the "Ambition" heading."""
    lines = [plain(line.text) for line in source.lines]
    for index, text in enumerate(lines):
        if text.lower() in {"ambition", "our ambition", "vision", "our vision"}:
            after = [t for t in lines[index + 1 : index + 6] if t and not t.endswith(":")]
            return after[0] if after else ""
    return ""


@dataclass
class _Priorities:
    """The plan's priorities, recognised however a page writes them ("&" or "and", case)."""

    builder: DocumentBuilder
    titles: list[str] = field(default_factory=list)

    def find(self, title: str) -> str | None:
        """The priority ``title`` names: the same words, or a surely similar title."""
        folded = fold_title(title)
        exact = [t for t in self.titles if fold_title(t) == folded]
        if exact:
            return exact[0]
        match = best_match(title, [(t, t) for t in self.titles])
        return match.candidate if match and match.score >= SURE else None

    def add(self, title: str, line: int, reference: str = "") -> str:
        """The priority called ``title``, made a theme (kind "priority") when first seen."""
        found = self.find(title)
        if found is not None:
            return found
        self.builder.theme([title], line, kinds=("priority",))
        self.builder.theme_node([title]).reference = reference
        self.titles.append(title)
        return title


@dataclass
class _Departments:
    """Department cells ("ETE/ CCP", "All depts", "Tbc") -> names, spelt out from the key."""

    builder: DocumentBuilder
    key: dict[str, tuple[str, int]]

    def declare_key(self) -> None:
        for abbreviation, (name, line) in self.key.items():
            self.builder.department(name, line, abbreviation=abbreviation)

    def names(self, cell: str, line: int) -> list[str]:
        names: list[str] = []
        for code in re.split(r"\s*[/,]\s*", cell):
            if says_nothing(code):
                continue
            written = ALL_DEPARTMENTS if code.lower() in _ALL_DEPARTMENTS else code
            name = self.key.get(written, (written, line))[0]
            names.append(self.builder.department(name, line, abbreviation=written))
        return names


class PriorityDeliverablesReader:
    """Reads a council plan refresh with per-priority deliverables and delivery plan tables."""

    name = "priority-deliverables"

    def recognises(self, source: SourceText) -> bool:
        """Whether the source holds a delivery plan table (Deliverable / Dept / ... / Stage)."""
        return any(is_table_header(line) for line in source.lines)

    def read(self, source: SourceText, context: ReadContext) -> s.PlanDocument:
        """The whole document: organisation, the plan with its priorities, actions, measures."""
        delivery = read_delivery_plan(source)
        found = organisation_name(source)
        name = context.organisation_name or (found[0] if found else "")
        if not name:
            raise source.problem("No council named in the document; say which council it is.")
        builder = DocumentBuilder(source.name, name, context.organisation_slug)
        heading = plan_heading(source)
        slug = slugify(heading.title)
        priorities = self._priorities(source, builder, delivery.tables)
        self._people(source, builder)
        key, notes = read_key(source)
        departments = _Departments(builder, key)
        departments.declare_key()
        for note in notes:
            builder.skip(note.number, note.text, "a note of the key, not an abbreviation")
        for stray in delivery.stray:
            builder.skip(stray.number, stray.text, "text in a delivery plan table, not a row")
        merger = _ActionMerger(source, priorities, departments)
        actions = merger.actions(read_sections(source), delivery.tables)
        builder.measures.extend(self._measures(source, priorities, slug))
        builder.plans.append(
            s.PlanIn(
                line=heading.line,
                slug=slug,
                title=heading.title,
                kind=heading.kind,
                first_year=heading.first_year,
                last_year=heading.last_year,
                status=heading.status,
                approved_by=heading.approved_by,
                approved_on=heading.approved_on,
                is_published=heading.status == "approved",
                vision=vision(source),
                source=f"{name}, {heading.title}",
                themes=builder.themes(),
                actions=actions,
            )
        )
        document = builder.build()
        if found is None or found[0] != name:
            return document
        located = document.organisation.model_copy(update={"line": found[1]})
        return document.model_copy(update={"organisation": located})

    def _priorities(
        self, source: SourceText, builder: DocumentBuilder, tables: list[PriorityTable]
    ) -> _Priorities:
        """The priorities from the contents, checked against the delivery plan tables."""
        priorities = _Priorities(builder)
        contents = read_contents(source)
        for reference, title, line in contents:
            priorities.add(title, line, reference)
        last = source.lines[-1].number if source.lines else 1
        if not tables:
            raise source.problem(
                "No delivery plan table (Deliverable / Dept / Start / Expected Completion / "
                f"Stage) found; the file ends at line {last}: is it cut short?",
                last,
            )
        tabled = {priorities.add(t.heading, t.line) for t in tables}
        for table in tables:
            if not table.rows:
                raise source.problem(f'No rows under "Priority: {table.heading}".', table.line)
        for reference, title, line in contents:
            if priorities.find(title) not in tabled:
                raise source.problem(
                    f'Priority {reference} "{title}" (line {line}) has no delivery plan table; '
                    f"the file ends at line {last}: is it cut short?",
                    last,
                )
        return priorities

    def _people(self, source: SourceText, builder: DocumentBuilder) -> None:
        councillors, officers = read_signatures(source)
        for name, role, line in councillors:
            builder.councillor(name, line, role=role)
        for name, job_title, line in officers:
            builder.officer(name, line, job_title=job_title)

    def _measures(
        self, source: SourceText, priorities: _Priorities, slug: str
    ) -> list[s.MeasureIn]:
        """The key performance measures, each linked to the priority it is listed under."""
        measures: list[s.MeasureIn] = []
        for group in read_measure_groups(source):
            priority = priorities.add(group.heading, group.line)
            theme = s.ThemeRef(line=group.line, plan=slug, path=[priority])
            measures.extend(
                s.MeasureIn(line=m.line, title=m.text, unit=unit_of(m.text), themes=[theme])
                for m in group.measures
            )
        return measures


@dataclass
class _ActionMerger:
    """Joins each priority's deliverables with the delivery plan rows that detail them."""

    source: SourceText
    priorities: _Priorities
    departments: _Departments

    def actions(
        self, sections: list[DeliverableSection], tables: list[PriorityTable]
    ) -> list[s.ActionIn]:
        """Per priority: the delivery plan rows, the deliverables no row details, the later ones."""
        lists: dict[str, list[list[Bullet]]] = {}
        for section in sections:
            priority = self.priorities.add(section.heading, section.line)
            lists.setdefault(priority, []).extend(list(d.bullets) for d in section.lists)
        rows: dict[str, list[TableRow]] = {}
        for table in tables:
            rows.setdefault(self.priorities.add(table.heading, table.line), []).extend(table.rows)
        actions: list[s.ActionIn] = []
        for priority in self.priorities.titles:
            bullets = lists.get(priority, [])
            for row in rows.get(priority, []):
                self._claim(row.cells["title"], bullets)
                actions.append(self.row_action(row, priority))
            actions.extend(
                s.ActionIn(line=b.line, title=b.text, themes=[[priority]])
                for group in bullets
                for b in group
            )
        return actions

    @staticmethod
    def _claim(title: str, bullets: list[list[Bullet]]) -> None:
        """Take the deliverable a row details out of the lists: the near-term list first."""
        for index, group in enumerate(bullets):
            match = best_match(title, [(b.text, b) for b in group])
            if match is not None and (index == 0 or match.sure):
                group.remove(match.candidate)
                return

    def row_action(self, row: TableRow, priority: str) -> s.ActionIn:
        """An action (with its sub-actions) from a delivery plan row."""
        cells = row.cells
        return s.ActionIn(
            line=row.line,
            title=cells["title"],
            themes=[[priority]],
            departments=self.departments.names(cells.get("departments", ""), row.line),
            start=cells.get("start", ""),
            expected_completion=cells.get("expected_completion", ""),
            stage=self.stage(cells.get("stage", ""), row.line),
            sub_actions=[self.row_action(sub, priority) for sub in row.sub_rows],
        )

    def stage(self, text: str, line: int) -> Stage | None:
        """The row's stage; "-" or an empty cell is none, anything unknown is a problem."""
        if says_nothing(text):
            return None
        try:
            return Stage.parse(text)
        except VocabularyError as exc:
            raise self.source.problem(str(exc), line, "Stage") from exc


READER = PriorityDeliverablesReader()
