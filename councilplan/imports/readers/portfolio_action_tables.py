"""Reader of delivery plans laid out as action tables per cabinet portfolio.

The layout of Derby City Council's Council Delivery Plan 2019/20: a title and introduction, a
"Themes / Focus" table (each theme with its focus areas), an index of actions by theme in
"Action / Portfolio" tables (portfolios by short name: "Regen, Planning, Transport"), then a
section per portfolio ("## Strategy and Policy - Cllr Chris Poulter (Leader of the Council)")
of "Action / How will we measure success? / Timescale / Department / Accountable officer /
Theme / Focus" tables. Each action is in the index and in its portfolio's table, worded a
little differently: it is read once, from the fuller table, and the index gives the
portfolio's short name. Lines, rows and cells are read in ``portfolio_action_tables_rows``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from councilplan.domain.fuzzy_dates import split_timescales
from councilplan.domain.periods import Frequency
from councilplan.domain.status import Polarity
from councilplan.domain.units import Unit
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.matching import best_match, fold_title
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers.portfolio_action_tables_rows import (
    IndexEntry,
    Row,
    Scan,
    action_columns,
    latest_timescale,
    pair_milestones,
    paragraph_text,
    scan_lines,
    split_names,
    split_people,
    split_run_together,
    success_items,
)
from councilplan.imports.text.cells import cell_items, clean_text
from councilplan.imports.text.source import SourceText

if TYPE_CHECKING:
    from councilplan.imports.readers import ReadContext

_ALL = "all"
_RATE = re.compile(r"rate per ([\d,]+)(?:\s+(?:pop\.?|population))?\s*([^)]*)", re.IGNORECASE)
_CONNECTORS = frozenset({"and", "of", "for", "the", "&"})


class PortfolioActionTablesReader:
    """Reads a delivery plan of per-portfolio action tables with a theme index."""

    name = "portfolio-action-tables"

    def recognises(self, source: SourceText) -> bool:
        """Whether a line heads an "Action / How will we measure success? / ..." table."""
        for line in source.lines:
            if "\t" not in line.text:
                continue
            try:
                if action_columns(source, line) is not None:
                    return True
            except ImportProblem:
                return True  # this layout's table with a column missing: read() says which
        return False

    def read(self, source: SourceText, context: ReadContext) -> s.PlanDocument:
        """The whole document: organisation, the plan with its themes and actions, measures."""
        scan = scan_lines(source)
        if scan.title is None or not scan.rows:
            raise source.problem("No action tables found: is the file complete?")
        _check_contents(source, scan)
        name = _council_name(source, context)
        builder = DocumentBuilder(source.name, name, context.organisation_slug or slugify(name))
        _PlanReading(builder, source, scan).read()
        for line, reason in scan.skipped:
            builder.skip(line.number, line.text, reason)
        return builder.build()


def _council_name(source: SourceText, context: ReadContext) -> str:
    """The council: as the person importing names it, else as the document does."""
    name = context.organisation_name or guess_council_name(source)
    name = name or context.organisation_slug.replace("-", " ").title()
    if not name:
        raise source.problem(
            "The document does not say which council it is for: give the organisation."
        )
    return name


def _check_contents(source: SourceText, scan: Scan) -> None:
    """Each portfolio in the contents must have its section, or the file was cut short."""
    sections = {fold_title(section.name) for section in scan.sections}
    for entry in scan.contents:
        if fold_title(entry.name) not in sections:
            raise source.problem(
                f'The contents list "{entry.name}", but no such section follows: '
                "is the file truncated?",
                entry.line,
                field="Contents",
            )


class _Themes:
    """The theme tree: themes as the "Themes" table spells them, their focus areas."""

    def __init__(self, builder: DocumentBuilder, scan: Scan) -> None:
        self.builder = builder
        self.focus: dict[str, list[str]] = {}
        if scan.themes is not None:
            self._read_table(scan)

    def _read_table(self, scan: Scan) -> None:
        assert scan.themes is not None  # checked by the caller
        titles = [clean_text(cell) for cell in scan.themes.cells[1:]]
        vocabulary = _focus_vocabulary(scan.rows)
        for title in filter(None, titles):
            self.add(title, scan.themes.number)
        for line in scan.focus:
            for title, cell in zip(titles, line.cells[1:], strict=False):
                for item in cell_items(cell) if title else []:
                    for focus in split_run_together(item, vocabulary):
                        self.add_focus(title, focus, line.number)

    def add(self, title: str, line: int) -> str:
        self.builder.theme([title], line)
        self.focus.setdefault(title, [])
        return title

    def add_focus(self, theme: str, focus: str, line: int) -> list[str]:
        self.builder.theme([theme, focus], line, kinds=("theme", "focus_area"))
        if focus not in self.focus[theme]:
            self.focus[theme].append(focus)
        return [theme, focus]

    def find(self, text: str) -> str | None:
        """The theme ``text`` names however it is spelt ("A city with big aspirations")."""
        match = best_match(clean_text(text), [(title, title) for title in self.focus])
        return match.candidate if match else None

    def paths(self, theme_cell: str, focus_cell: str, line: int) -> list[list[str]]:
        """Theme paths of a row: [theme, focus] for each focus named, [theme] for "All"."""
        theme = self.find(theme_cell) or self.add(clean_text(theme_cell), line)
        items = cell_items(focus_cell)
        if not items or [fold_title(i) for i in items] == [_ALL]:
            return [[theme]]
        known = self.focus[theme]
        paths: list[list[str]] = []
        for item in items:
            for name in split_run_together(item, known):
                focus = self.known_focus(theme, name) or name
                path = self.add_focus(theme, focus, line)
                if path not in paths:
                    paths.append(path)
        return paths

    def known_focus(self, theme: str, name: str) -> str | None:
        match = best_match(name, [(title, title) for title in self.focus[theme]])
        return match.candidate if match and match.sure else None


def _focus_vocabulary(rows: list[Row]) -> list[str]:
    """Focus areas the rows name one to a cell, to split the run-together "Focus" table."""
    names: list[str] = []
    for row in rows:
        for item in cell_items(row.cells["focus"]):
            if len(split_run_together(item, [])) == 1 and fold_title(item) != _ALL:
                names.append(item)
    return sorted(set(names))


class _PlanReading:
    """Turns a scan into the plan, its actions and measures, and the people who own them."""

    def __init__(self, builder: DocumentBuilder, source: SourceText, scan: Scan) -> None:
        assert scan.title is not None  # read() checks it
        self.builder, self.source, self.scan = builder, source, scan
        self.title_line = scan.title
        self.title = clean_text(scan.title.text.lstrip().lstrip("#"))
        self.slug = slugify(self.title)
        self.themes = _Themes(builder, scan)
        self.measures: dict[str, s.MeasureIn] = {}

    def read(self) -> None:
        actions = _merge_repeats([self._action(row) for row in self.scan.rows])
        actions = self._portfolios(actions)
        first, last = self._years()
        draft = "draft" in self.title.lower()
        self.builder.plans.append(
            s.PlanIn(
                line=self.title_line.number,
                slug=self.slug,
                title=self.title,
                kind=_plan_kind(self.title),
                first_year=first,
                last_year=last,
                status="draft" if draft else "approved",
                is_published=not draft,
                vision="\n\n".join(paragraph_text(line.text) for line in self.scan.intro),
                source=f"{self.builder.organisation_name}, {self.title}",
                themes=self.builder.themes(),
                actions=actions,
            )
        )
        self.builder.measures.extend(self.measures.values())

    def _years(self) -> tuple[int, int]:
        """ "2019/20" -> 2019 to 2019 (one financial year); "2019 - 2023" -> 2019 to 2023."""
        found = re.search(r"(\d{4})(?:\s*[-\u2013]\s*(\d{4}))?", self.title)
        if found is None:
            raise self.source.problem(
                "The plan's title gives no year.", self.title_line, field="title"
            )
        return int(found.group(1)), int(found.group(2) or found.group(1))

    def _action(self, row: Row) -> s.ActionIn:
        cells, line = row.cells, row.line
        title = clean_text(cells["title"])
        items = success_items(cells["success"])
        dues = split_timescales(cells["timescale"])
        tasks = [item.text for item in items if not item.bullet]
        milestones = [
            s.MilestoneIn(line=line, title=task, due=due)
            for task, due in pair_milestones(tasks, dues)
        ]
        themes = self.themes.paths(cells["theme"], cells["focus"], line)
        departments = [self.builder.department(d, line) for d in split_names(cells["department"])]
        officers = [self.builder.officer(o, line) for o in split_people(cells["officer"])]
        for item in items:
            if item.bullet:
                self._measure(item.text, line, title, themes)
        return s.ActionIn(
            line=line,
            title=title,
            success_criteria=clean_text(cells["success"]),
            themes=themes,
            portfolios=[row.portfolio.name] if row.portfolio else [],
            departments=departments,
            lead_officers=officers,
            expected_completion=latest_timescale(dues) if dues else "",
            milestones=milestones,
        )

    def _measure(self, title: str, line: int, action: str, themes: list[list[str]]) -> None:
        """A bulleted quantity of a success cell; one measure for all actions naming it."""
        key = fold_title(title)
        ref = s.ActionRef(line=line, plan=self.slug, title=action)
        theme_refs = [s.ThemeRef(line=line, plan=self.slug, path=path) for path in themes]
        found = self.measures.get(key)
        if found is not None:
            new_themes = [t for t in theme_refs if t.path not in [f.path for f in found.themes]]
            update = {"actions": [*found.actions, ref], "themes": [*found.themes, *new_themes]}
            self.measures[key] = found.model_copy(update=update)
            return
        kind = measure_kind(title)
        self.measures[key] = s.MeasureIn(
            line=line,
            title=title,
            unit=kind.unit.value,
            rate_per=kind.rate_per,
            rate_population=kind.rate_population,
            frequency=kind.frequency,
            polarity=Polarity.NONE,
            actions=[ref],
            themes=theme_refs,
        )

    def _portfolios(self, actions: list[s.ActionIn]) -> list[s.ActionIn]:
        """Declare each portfolio with its short name from the index; add index-only actions."""
        pairs, unmatched = _match_index(self.scan.index, actions)
        votes: dict[str, Counter[str]] = {}
        for position, entry in pairs:
            if len(actions[position].portfolios) == 1:  # of a joint action, whose is unclear
                portfolio = actions[position].portfolios[0]
                votes.setdefault(portfolio, Counter())[entry.short_name] += 1
        for section in self.scan.sections:
            short = votes[section.name].most_common(1)[0][0] if section.name in votes else ""
            member = self.builder.councillor(section.member, section.line, role=section.role)
            self.builder.portfolio(
                section.name, section.line, short_name=short, cabinet_member=member
            )
        for entry in unmatched:
            actions = _insert_after_portfolio(actions, self._index_action(entry))
        return actions

    def _index_action(self, entry: IndexEntry) -> s.ActionIn:
        """An action the index lists but no portfolio table gives: what the index says of it."""
        portfolio = _portfolio_named(entry.short_name, list(self.builder.portfolios.values()))
        if portfolio is None:
            portfolio = self.builder.portfolio(entry.short_name, entry.line)
        theme = self.themes.find(entry.theme) if entry.theme else None
        path = [theme] if theme else []
        focus = self.themes.known_focus(theme, entry.focus) if theme and entry.focus else None
        path += [focus] if focus else []
        return s.ActionIn(
            line=entry.line,
            title=entry.title,
            themes=[path] if path else [],
            portfolios=[portfolio],
        )


def _plan_kind(title: str) -> str:
    """The kind of plan (a ``PlanKind`` value) its title names; else this layout's own kind.

    Readers touch no models, so the values are written here as the writer validates them.
    """
    lower = title.lower()
    for words, kind in (
        ("council plan", "council_plan"),
        ("corporate plan", "corporate_plan"),
    ):
        if words in lower and "delivery plan" not in lower:
            return kind
    return "delivery_plan"


def _match_index(
    index: list[IndexEntry], actions: list[s.ActionIn]
) -> tuple[list[tuple[int, IndexEntry]], list[IndexEntry]]:
    """Pair each index entry with the table action it names, by most similar title.

    An action not yet named is preferred when it is a sure match, so two alike titles do not
    both land on one action; an action listed twice (under two themes) is still one action.
    """
    pairs: list[tuple[int, IndexEntry]] = []
    unmatched: list[IndexEntry] = []
    for entry in index:
        named = {n for n, _ in pairs}
        free = best_match(
            entry.title, [(a.title, n) for n, a in enumerate(actions) if n not in named]
        )
        match = (
            free
            if free and free.sure
            else best_match(entry.title, [(a.title, n) for n, a in enumerate(actions)])
        )
        if match is None:
            unmatched.append(entry)
        else:
            pairs.append((match.candidate, entry))
    return pairs, unmatched


def _portfolio_named(short: str, portfolios: list[s.PortfolioIn]) -> str | None:
    """The portfolio a short name means: as the index used it, by likeness, or by initials."""
    for portfolio in portfolios:
        if fold_title(portfolio.short_name) == fold_title(short):
            return portfolio.name
    match = best_match(short, [(p.name, p.name) for p in portfolios])
    if match is not None:
        return match.candidate
    for portfolio in portfolios:
        words = re.findall(r"[A-Za-z]+", portfolio.name)
        initials = "".join(w[0] for w in words if w.lower() not in _CONNECTORS)
        if initials.upper() == short.strip().upper():
            return portfolio.name
    return None


def _merge_repeats(actions: list[s.ActionIn]) -> list[s.ActionIn]:
    """One action per title: an action in two portfolios' tables is one action of both."""
    merged: dict[str, s.ActionIn] = {}
    for action in actions:
        key = fold_title(action.title)
        first = merged.get(key)
        if first is None:
            merged[key] = action
            continue
        update = {
            name: [
                *getattr(first, name),
                *(v for v in getattr(action, name) if v not in getattr(first, name)),
            ]
            for name in ("portfolios", "themes", "departments", "lead_officers")
        }
        merged[key] = first.model_copy(update=update)
    return list(merged.values())


def _insert_after_portfolio(actions: list[s.ActionIn], action: s.ActionIn) -> list[s.ActionIn]:
    """``actions`` with ``action`` after the last one of its portfolio (or at the end)."""
    position = len(actions)
    for n, other in enumerate(actions):
        if set(other.portfolios) & set(action.portfolios):
            position = n + 1
    return [*actions[:position], action, *actions[position:]]


@dataclass(frozen=True)
class MeasureKind:
    """What a measure's title says of its unit and frequency, and nothing more."""

    unit: Unit = Unit.NUMBER
    rate_per: int | None = None
    rate_population: str = ""
    frequency: Frequency = Frequency.QUARTERLY


def measure_kind(title: str) -> MeasureKind:
    """Unit and frequency where the title makes them plain ("% of ...", "rate per 10,000")."""
    lower = title.lower()
    frequency = Frequency.ANNUAL if lower.startswith("annual ") else Frequency.QUARTERLY
    rate = _RATE.search(title)
    if rate:
        per = int(rate.group(1).replace(",", ""))
        return MeasureKind(Unit.RATE, per, rate.group(2).strip(), frequency)
    if lower.startswith(("%", "percentage ", "per cent ")):
        return MeasureKind(Unit.PERCENT, frequency=frequency)
    return MeasureKind(frequency=frequency)


def guess_council_name(source: SourceText) -> str:
    """The council a document belongs to, from its own words, or "" when it does not say.

    A contact address "@derby.gov.uk" gives the place; the text then names its kind of
    council ("Derby City Council", or "Derby City" in passing). Other councils the text
    mentions (partners such as "Nottingham City Council") are not taken for it.
    """
    text = "\n".join(line.text for line in source.lines)
    domain = re.search(r"@([a-z][a-z-]*)\.gov\.uk", text, re.IGNORECASE)
    if domain is None:
        return ""
    place = domain.group(1).replace("-", " ").title()
    kind = re.search(
        rf"\b{re.escape(place)}\s+(City|County|Borough|District)\b", text, re.IGNORECASE
    )
    return f"{place} {kind.group(1).title()} Council" if kind else ""


READER = PortfolioActionTablesReader()
