"""Reader of annual performance results: actions and measures reported against a plan.

The layout of Derby City Council's "Annual Performance Results 2020/21": per cabinet portfolio,
the actions of an existing delivery plan with last year's and this year's progress rating and
status, then the plan's measures with last year's and this year's values. It produces no plan:
results name the plan's actions by title (``ActionRef``; the writer matches similar titles) and
its measures by title (``match_by_title``), with observations, action updates for the two
year-end quarters, the reporting periods they fall in, and the portfolios of the headings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from councilplan.domain.periods import Frequency, Period
from councilplan.domain.reported_values import ReportedValue, parse_reported_value
from councilplan.domain.status import ParsedRating, Polarity, ProgressRating, RagStatus
from councilplan.domain.units import Unit
from councilplan.domain.vocabulary import VocabularyError
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.text.source import SourceText

from .performance_results_rows import (
    ACTION,
    Columns,
    Entry,
    PortfolioHeading,
    ResultRow,
    Skip,
    TableWalker,
    find_columns,
    is_header,
    plan_title,
    table_lines,
)

if TYPE_CHECKING:
    from . import ReadContext

_TITLE = re.compile(r"^(?P<organisation>.+?)\s+Annual Performance Results\b", re.IGNORECASE)
_INTRO_PLAN = re.compile(r"\b(?P<year>\d{4}/\d{2}) (?P<plan>(?:Council )?Delivery Plan)\b")
_HEADED_PLAN = re.compile(r"Actions identified in the (?P<plan>.*?\bPlan \d{4}\s*[-/]\s*\d{2,4})")
_NOTE = re.compile(r"\s+(?=NB\s*[-:\u2013]\s)")
_THEME_PART_MIN = 5  # characters a cut theme cell needs to be matched to a whole theme


class PerformanceResultsReader:
    """Reads an annual performance results table into action updates and measure values."""

    name = "performance-results"

    def recognises(self, source: SourceText) -> bool:
        """A header row starting "Action or Measure Description" (its other columns are checked
        when reading, so a missing one is reported at its line rather than as an unknown file)."""
        return any(is_header(line.cells) for line in source.lines)

    def read(self, source: SourceText, context: ReadContext) -> s.PlanDocument:
        """The whole document: portfolios, reporting periods, updates, measures, skipped text."""
        columns = find_columns(source)
        check_not_cut_short(source, columns)
        builder = DocumentBuilder(
            source=source.name,
            organisation_name=context.organisation_name or organisation_name(source),
            organisation_slug=context.organisation_slug,
        )
        entries = TableWalker(table_lines(source, columns), document_plan(source)).walk()
        if not any(isinstance(e, ResultRow) for e in entries):
            raise source.problem("The results table has no rows.", columns.line)
        periods = ReportPeriods.of(columns)
        for period in (periods.previous_quarter, periods.current_quarter):
            builder.reporting_periods.append(s.ReportingPeriodIn(period=period, line=columns.line))
        themes = canonical_themes(e.theme for e in entries if isinstance(e, ResultRow))
        for entry in entries:
            add_entry(builder, entry, periods, themes)
        return builder.build()


READER = PerformanceResultsReader()


@dataclass(frozen=True)
class ReportPeriods:
    """The periods the value columns report: last year and this year, and their year-end."""

    previous_year: str
    current_year: str
    previous_quarter: str
    current_quarter: str

    @classmethod
    def of(cls, columns: Columns) -> ReportPeriods:
        """Last year from the "2019/20 Actual" column; this year is the one after it."""
        previous = Period.parse(columns.previous_year)
        current = previous.next()
        return cls(
            previous_year=previous.code,
            current_year=current.code,
            previous_quarter=Period.quarter(previous.year, columns.quarter).code,
            current_quarter=Period.quarter(current.year, columns.quarter).code,
        )


def check_not_cut_short(source: SourceText, columns: Columns) -> None:
    """A file whose last line stops part-way through a row's cells was cut short: say where."""
    last = next((line for line in reversed(source.lines) if not line.is_blank), None)
    if last is None or last.number <= columns.line:
        return
    cells = len(last.cells)
    if 1 < cells < columns.width:
        raise source.problem(
            f"The file ends part-way through a table row ({cells} of {columns.width} columns): "
            "it looks cut short.",
            last,
        )


def organisation_name(source: SourceText) -> str:
    """The council named in the title ("Derby City Council Annual Performance Results")."""
    for line in source.lines[:10]:
        found = _TITLE.match(" ".join(c.strip() for c in line.cells if c.strip()))
        if found:
            return found["organisation"]
    raise source.problem(
        "The document does not name its council: give the organisation to import it into."
    )


def document_plan(source: SourceText) -> str:
    """The plan the results report on: the first sub-heading naming it, else the introduction."""
    for line in source.lines:
        found = _HEADED_PLAN.search(line.text)
        if found:
            return plan_title(found["plan"])
    for line in source.lines:
        intro = _INTRO_PLAN.search(line.text)
        if intro:
            plan = intro["plan"]
            return f"{plan if plan.startswith('Council') else 'Council ' + plan} {intro['year']}"
    raise source.problem('No plan named: expected "Actions identified in the ... Plan 2019-20".')


def add_entry(
    builder: DocumentBuilder, entry: Entry, periods: ReportPeriods, themes: Sequence[str]
) -> None:
    """Put one entry of the table into the document being built."""
    if isinstance(entry, Skip):
        builder.skip(entry.line, entry.text, entry.reason)
    elif isinstance(entry, PortfolioHeading):
        builder.portfolio(entry.name, entry.line)
    elif entry.kind == ACTION:
        builder.updates.extend(action_updates(builder, entry, periods))
    else:
        if entry.theme and not resolve_theme(entry.theme, themes):
            builder.skip(entry.line, entry.theme, "Not one of the table's themes: theme not read.")
        builder.measures.append(measure(entry, periods, themes))


# -- actions ----------------------------------------------------------------------------------


def split_note(title: str) -> tuple[str, str]:
    """A title and its trailing note: "Refresh ... city NB - This action ..." -> both parts."""
    parts = _NOTE.split(title, maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


def read_rating(text: str) -> ProgressRating | ParsedRating | None:
    """A cell as a progress rating ("Ontrack") or a status ("Amber / Red (Q4 DCA)")."""
    if parse_reported_value(text).is_nothing:
        return None
    try:
        return ProgressRating.parse(text)
    except VocabularyError:
        return RagStatus.parse(text)


@dataclass(frozen=True)
class UpdateCells:
    """What a period's cells say about an action: rating, colour, DCA flag, qualifier note."""

    progress_rating: ProgressRating | None = None
    status: RagStatus | None = None
    is_dca: bool = False
    commentary: str = ""

    @classmethod
    def read(cls, *cells: ProgressRating | ParsedRating | None) -> UpdateCells:
        """Combine a rating cell and a status cell; the later colour wins."""
        found = cls()
        for cell in cells:
            if isinstance(cell, ProgressRating):
                found = replace(found, progress_rating=cell)
            elif isinstance(cell, ParsedRating):
                note = "" if cell.is_dca else cell.qualifier
                found = replace(
                    found,
                    status=cell.status,
                    is_dca=found.is_dca or cell.is_dca,
                    commentary="; ".join(c for c in (found.commentary, note) if c),
                )
        return found

    @property
    def is_empty(self) -> bool:
        return self.progress_rating is None and self.status is None


def action_updates(
    builder: DocumentBuilder, row: ResultRow, periods: ReportPeriods
) -> list[s.ActionUpdateIn]:
    """The row's results: last year's Q4 rating and this year's rating and status."""
    title, note = split_note(row.title)
    ref = s.ActionRef(plan=slugify(row.plan), title=title, line=row.line)
    try:
        previous = UpdateCells.read(read_rating(row.previous))
        current = UpdateCells.read(read_rating(row.current), read_rating(row.status))
    except VocabularyError as exc:
        builder.skip(row.value_line, row.title, f"Not a progress rating or status: {exc}")
        return []
    found = [
        (period, cells)
        for period, cells in (
            (periods.previous_quarter, previous),
            (periods.current_quarter, current),
        )
        if not cells.is_empty
    ]
    updates = []
    for index, (period, cells) in enumerate(found):
        last = index == len(found) - 1
        commentary = "; ".join(c for c in (note if last else "", cells.commentary) if c)
        updates.append(
            s.ActionUpdateIn(
                action=ref,
                period=period,
                progress_rating=cells.progress_rating,
                status=cells.status,
                is_dca=cells.is_dca,
                commentary=commentary,
                line=row.value_line,
            )
        )
    return updates


# -- measures ---------------------------------------------------------------------------------


def measure(row: ResultRow, periods: ReportPeriods, themes: Sequence[str]) -> s.MeasureIn:
    """A measure named by title, with its values for last year and this year."""
    read = [(periods.previous_year, parse_reported_value(row.previous))]
    read.append((periods.current_year, parse_reported_value(row.current)))
    observations = [
        s.ObservationIn(
            period=period,
            value=value.value,
            no_value_reason=value.no_value_reason,
            data_note=value.data_note,
            line=row.value_line,
        )
        for period, value in read
        if not value.is_nothing
    ]
    theme = resolve_theme(row.theme, themes)
    return s.MeasureIn(
        title=row.title,
        unit=measure_unit(v for _, v in read),
        decimals=max((v.decimals for _, v in read), default=0),
        polarity=Polarity.NONE,
        frequency=Frequency.ANNUAL,
        themes=[s.ThemeRef(plan=slugify(row.plan), path=[theme], line=row.line)] if theme else [],
        portfolios=[row.portfolio] if row.portfolio else [],
        observations=observations,
        match_by_title=True,
        line=row.line,
    )


def measure_unit(values: Iterable[ReportedValue]) -> str:
    """The unit the values are written in (£, %, days), else a plain number."""
    units = [v.unit for v in values if v.unit is not None and v.unit != Unit.NUMBER]
    return str(units[0] if units else Unit.NUMBER)


# -- themes -----------------------------------------------------------------------------------


def canonical_themes(cells: Iterable[str]) -> list[str]:
    """The themes the table names whole (twice or more, and not cut), spelt as most rows do."""
    spellings: dict[str, Counter[str]] = {}
    for cell in cells:
        if cell:
            spellings.setdefault(cell.casefold(), Counter())[cell] += 1
    whole = [counts.most_common(1)[0][0] for counts in spellings.values() if counts.total() >= 2]
    return [theme for theme in whole if not any(_is_part(theme, other) for other in whole)]


def _is_part(part: str, whole: str) -> bool:
    """Whether ``part`` is a cut-off start or end of a longer ``whole``."""
    part, whole = part.casefold(), whole.casefold()
    return part != whole and (whole.startswith(part) or whole.endswith(part))


def resolve_theme(cell: str, themes: Sequence[str]) -> str:
    """The whole theme a cell names, even cut across lines ("A city of health and", "happiness")."""
    folded = cell.casefold()
    if not folded:
        return ""
    for theme in themes:
        if folded == theme.casefold():
            return theme
    starts = [t for t in themes if folded.startswith(t.casefold())]
    if starts:
        return max(starts, key=len)
    if len(folded) < _THEME_PART_MIN:
        return ""
    parts = [t for t in themes if _is_part(cell, t)]
    return parts[0] if len(parts) == 1 else ""
