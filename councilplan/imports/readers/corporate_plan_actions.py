"""Reader of a corporate plan laid out in "Plan" and "Do" stage action tables, with an LAA table.

The layout of Derby City Council's Draft Corporate Plan 2006-09: a cover ("Draft / CORPORATE
PLAN / 2006-2009 / DERBY CITY COUNCIL"), a vision line ("Vision - A city for all ages"), a
table mapping the plan's objectives to the outcomes of the Local Area Agreement ("CYP1 - To
provide safe environments..."), then per objective and priority the action tables read by
``corporate_plan_actions_rows``.

What becomes of each part:
- objectives and priorities: the plan's theme tree ("OBJECTIVE 1" -> "PRIORITY 1.1"); a
  priority's "Key outcome" and "Main area of focus" text is its description.
- rows: actions. Their references restart at 1.1 in each priority and stage, so an action's
  reference is the priority's, the stage and the row's: "1.2 Do 1.1", "1.2 Plan 1.1". The
  stage ("Do": delivering now, with measures; "Plan": preparing, "To be achieved by") opens
  the description, with the source of finance when it is not a single A/B/C category.
- "Main measure(s)": measures, one per distinct title, linked to their actions and priority.
- the LAA table: a second plan (a partnership plan), blocks -> outcomes, each outcome
  contributing to the corporate objective of its row.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from councilplan.domain.date_atoms import financial_years
from councilplan.domain.fuzzy_dates import parse_fuzzy_date, says_nothing
from councilplan.domain.periods import Frequency
from councilplan.domain.status import Polarity
from councilplan.domain.units import Unit
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.matching import best_match
from councilplan.imports.text.cells import cell_items, clean_text, normalise_heading
from councilplan.imports.text.source import SourceText

from . import ReadContext
from .corporate_plan_actions_rows import (
    RawRow,
    TableWalker,
    is_header,
    split_cells,
    split_links,
    split_officers,
)

_SPAN = re.compile(r"^(\d{4})\s*[-\u2013/]\s*(\d{2,4})$")
_COUNCIL = re.compile(r"\b(?:city|county|borough|district)\s+council$", re.IGNORECASE)
_VISION = re.compile(r"^vision\s*[-\u2013:]\s*(.+)$", re.IGNORECASE)
_CATEGORY = re.compile(r"^[ABC]$")
_BULLET = re.compile(r"^\s*[-\u2022]\s*")
_MEASURE_CODE = re.compile(
    r"\b(?:(?:BVPI|BV|PAF|NI)\s?\d+[a-z]?|[a-z]{1,3}\d+(?:\.\d+)+)\b", re.IGNORECASE
)
_SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
)


def title_case(text: str) -> str:
    """Words written in capitals as a title reads them: "DERBY'S LOCAL AREA AGREEMENT"."""
    words = []
    for index, word in enumerate(text.split()):
        lower = word.lower()
        if not word.isupper():
            words.append(word)
        elif index and lower in _SMALL_WORDS:
            words.append(lower)
        else:
            words.append(lower[:1].upper() + lower[1:])
    return " ".join(words)


@dataclass(frozen=True)
class Cover:
    """What the cover says: the plan's title and years, whether it is a draft, the council."""

    title: str
    first_year: int
    last_year: int
    line: int
    is_draft: bool
    council: str
    council_line: int | None


def read_cover(source: SourceText) -> Cover:
    """The plan title ("CORPORATE PLAN" over "2006-2009"), draft mark and council on the cover."""
    head = [line for line in source.lines[:60] if not line.is_blank]
    named = next((x for x in head if _COUNCIL.search(x.text.strip())), None)
    council = title_case(clean_text(named.text)) if named else ""
    is_draft = any(clean_text(x.text).lower() == "draft" for x in head[:10])
    for line, after in itertools.pairwise(head):
        text, span = clean_text(line.text), _SPAN.match(clean_text(after.text))
        years = financial_years(span[1], span[2]) if span else None
        if span and years and text.lower().endswith("plan"):
            title = f"{title_case(text)} {span[0]}"
            where = named.number if named else None
            return Cover(title, years[0], years[1], line.number, is_draft, council, where)
    first = source.lines[0] if source.lines else 1
    raise source.problem(
        'No plan title on the cover (e.g. "CORPORATE PLAN" over "2006-2009").', first
    )


def read_vision(source: SourceText) -> str:
    """The vision line ("Vision - A city for all ages"), without its label."""
    for line in source.lines:
        found = _VISION.match(clean_text(line.text))
        if found:
            return found[1]
    return ""


def read_departments(source: SourceText, builder: DocumentBuilder) -> None:
    """The departments named after "the main responsibilities of the departments", each a
    line ending with ":" followed by a bulleted list of its services."""
    lines = [line for line in source.lines if not line.is_blank]
    started = False
    for line, after in itertools.pairwise(lines):
        text = clean_text(line.text)
        if "responsibilities of the departments" in text.lower():
            started = True
        elif started and text.endswith(":") and _BULLET.match(after.text):
            builder.department(text[:-1].strip(), line.number)
        elif started and not _BULLET.match(line.text) and builder.departments:
            return


def reference(row: RawRow) -> str:
    """An action's reference: its priority's, its stage and its own ("1.2 Do 1.1")."""
    return " ".join(part for part in (row.priority_ref, row.stage, row.ref) if part)


def _finance_and_timescale(row: RawRow) -> tuple[str, str]:
    """The finance and timescale cells, with a date the export shifted into finance moved back."""
    finance, timescale = row.text("finance"), row.text("timescale")
    shifted = not timescale and finance and not _CATEGORY.match(finance)
    if shifted and parse_fuzzy_date(finance).is_known:
        return "", finance
    return finance, timescale


def _title_and_subs(row: RawRow) -> tuple[str, list[s.ActionIn]]:
    """The action text of a row, and its bulleted sub-items as sub-actions."""
    items = row.cells.get("title", [])
    title = clean_text(" ".join(item for item in items if not _BULLET.match(item)))
    subs = [
        s.ActionIn(title=clean_text(_BULLET.sub("", item)), line=row.line)
        for item in items
        if _BULLET.match(item) and clean_text(_BULLET.sub("", item))
    ]
    return title, subs


def build_action(row: RawRow) -> s.ActionIn:
    """One row as an action (its bulleted sub-items as sub-actions)."""
    title, subs = _title_and_subs(row)
    finance, timescale = _finance_and_timescale(row)
    category = finance if _CATEGORY.match(finance) else ""
    notes = [f"{row.stage} stage" if row.stage else ""]
    notes.append(f"Source of finance: {finance}" if finance and not category else "")
    links = [tag for item in row.cells.get("links", []) for tag in split_links(clean_text(item))]
    return s.ActionIn(
        line=row.line,
        reference=reference(row),
        title=title,
        description="\n".join(note for note in notes if note),
        themes=[[row.objective, row.priority]],
        lead_officers=split_officers(row.text("officer")),
        expected_completion=timescale,
        funding_category=category,
        other_links=list(dict.fromkeys(links)),
        sub_actions=subs,
    )


@dataclass
class _Measure:
    title: str
    line: int
    actions: list[s.ActionRef] = field(default_factory=list)
    themes: list[s.ThemeRef] = field(default_factory=list)

    def freeze(self) -> s.MeasureIn:
        code = _MEASURE_CODE.search(self.title)
        lower = self.title.lower()
        return s.MeasureIn(
            line=self.line,
            title=self.title,
            code=code[0] if code else "",
            unit=Unit.PERCENT if lower.startswith("percentage") or "%" in lower else Unit.NUMBER,
            polarity=Polarity.LOWER
            if lower.startswith(("reduction", "reduce"))
            else Polarity.HIGHER,
            # "we monitor our performance every three months" (performance management framework)
            frequency=Frequency.QUARTERLY,
            actions=self.actions,
            themes=self.themes,
        )


def build_measures(rows: list[RawRow], plan: str) -> list[s.MeasureIn]:
    """The "Main measure(s)" of the rows, one per title, with the actions and priorities."""
    measures: dict[str, _Measure] = {}
    for row in rows:
        for item in row.cells.get("measure", []):
            title = clean_text(_BULLET.sub("", item))
            if says_nothing(title):
                continue
            measure = measures.setdefault(title, _Measure(title, row.line))
            action = s.ActionRef(plan=plan, reference=reference(row), line=row.line)
            measure.actions.append(action)
            theme = s.ThemeRef(plan=plan, path=[row.objective, row.priority], line=row.line)
            if theme.path not in [t.path for t in measure.themes]:
                measure.themes.append(theme)
    return [measure.freeze() for measure in measures.values()]


# -- the Local Area Agreement table -------------------------------------------------------

_OUTCOME = re.compile(r"^(?P<ref>[A-Z]{2,6}\d+)\s*[-\u2013:]?\s*(?P<title>.+)$")
_LAA_HEADING = re.compile(r"local area agreement.*?(\d{4})\s*[-\u2013/]\s*(\d{2,4})", re.I)
_OUTCOME_ORDER = re.compile(r"^([A-Z]+)(\d+)$")


@dataclass
class _Outcome:
    reference: str
    title: str
    line: int
    objectives: list[str] = field(default_factory=list)


def _laa_table(source: SourceText) -> int | None:
    """Index of the header row "Corporate plan objective / <block> / <block>...", if any."""
    for index, line in enumerate(source.lines):
        cells = line.cells
        if len(cells) > 1 and normalise_heading(cells[0]).endswith("plan objective"):
            return index
    return None


def _laa_heading(source: SourceText, header: int) -> tuple[str, int, int, int]:
    """The LAA's title and years, from the nearest heading above the table that names them."""
    for line in reversed(source.lines[:header]):
        found = _LAA_HEADING.search(line.text)
        years = financial_years(found[1], found[2]) if found else None
        if found and years and len(line.text) < 80:
            return title_case(clean_text(line.text)), years[0], years[1], line.number
    raise source.problem(
        "The Local Area Agreement table has no heading above it naming the agreement and its "
        'years (e.g. "Derby\'s Local Area Agreement 2005-08").',
        source.lines[header],
    )


def _laa_blocks(source: SourceText, header: int) -> list[tuple[str, int]]:
    """The blocks listed above the table ("...based on the four main areas ... or blocks:")."""
    blocks: list[tuple[str, int]] = []
    listing = False
    for line in source.lines[:header]:
        text = clean_text(line.text)
        if text.lower().endswith("blocks:"):
            listing, blocks = True, []
        elif listing and _BULLET.match(line.text):
            blocks.append((clean_text(_BULLET.sub("", line.text)), line.number))
        elif listing and text:
            listing = False
    return blocks


def _block_titles(source: SourceText, header: int) -> tuple[list[str], dict[str, int]]:
    """Each column's block title (as the listing spells it) and every block's line."""
    listed = _laa_blocks(source, header)
    lines = dict(listed)
    row = source.lines[header]
    columns: list[str] = []
    for cell in row.cells[1:]:
        name = clean_text(cell)
        match = best_match(name, [(title, title) for title, _ in listed])
        title = match.candidate if match and match.sure else name
        lines.setdefault(title, row.number)
        columns.append(title)
    return columns, lines


def _outcome_sort_key(reference: str) -> tuple[str, int]:
    found = _OUTCOME_ORDER.match(reference)
    return (found[1], int(found[2])) if found else (reference, 0)


def read_laa(source: SourceText, plan: s.PlanIn) -> s.PlanIn | None:
    """The Local Area Agreement as a partnership plan: blocks -> outcomes, each outcome
    contributing to the objective of ``plan`` in whose row it stands."""
    header = _laa_table(source)
    if header is None:
        return None
    title, first_year, last_year, title_line = _laa_heading(source, header)
    columns, block_lines = _block_titles(source, header)
    objectives = [(theme.title, theme.title) for theme in plan.themes]
    outcomes: dict[str, dict[str, _Outcome]] = {block: {} for block in block_lines}
    for line in source.lines[header + 1 :]:
        if line.is_blank or "\t" not in line.text:
            break
        match = best_match(clean_text(line.cells[0]), objectives)
        if match is None:
            raise source.problem(
                f'No objective of the plan is like "{clean_text(line.cells[0])}".', line
            )
        for block, cell in zip(columns, line.cells[1:], strict=False):
            for item in cell_items(cell, split_on_spaces=False):
                found = _OUTCOME.match(item)
                if found is None:
                    raise source.problem(f'"{item}" is not an LAA outcome like "CYP1 - ...".', line)
                ref = found["ref"]
                outcome = outcomes[block].setdefault(
                    ref, _Outcome(ref, found["title"], line.number)
                )
                outcome.objectives.append(match.candidate)
    themes = [
        s.ThemeIn(
            title=block,
            kind="theme",
            line=block_lines[block],
            children=[
                s.ThemeIn(
                    title=o.title,
                    kind="outcome",
                    reference=o.reference,
                    line=o.line,
                    contributes_to=[
                        s.ThemeRef(plan=plan.slug, path=[objective], line=o.line)
                        for objective in dict.fromkeys(o.objectives)
                    ],
                )
                for o in sorted(found.values(), key=lambda o: _outcome_sort_key(o.reference))
            ],
        )
        for block, found in outcomes.items()
    ]
    return s.PlanIn(
        line=title_line,
        slug=slugify(title),
        title=title,
        kind="partnership_plan",
        first_year=first_year,
        last_year=last_year,
        status="approved",
        source=source.name,
        themes=themes,
    )


def laa_contributions(source: SourceText) -> list[tuple[str, str]]:
    """[(corporate plan objective title, LAA outcome reference)] as the LAA table maps them."""
    document = READER.read(source, ReadContext())
    pairs = [
        (ref.path[-1], outcome.reference)
        for plan in document.plans
        if plan.kind == "partnership_plan"
        for block in plan.themes
        for outcome in block.children
        for ref in outcome.contributes_to
    ]
    objectives = [theme.title for theme in document.plans[0].themes]
    return sorted(pairs, key=lambda p: (objectives.index(p[0]), _outcome_sort_key(p[1])))


# -- the reader ----------------------------------------------------------------------------


class CorporatePlanActionsReader:
    """Reads a corporate plan whose actions stand in "Plan" and "Do" stage tables."""

    name = "corporate-plan-actions"

    def recognises(self, source: SourceText) -> bool:
        """Whether any line is an action table header ("Ref / How we will achieve it / ...")."""
        return any(is_header(split_cells(line.text)) for line in source.lines)

    def read(self, source: SourceText, context: ReadContext) -> s.PlanDocument:
        """The corporate plan (themes, actions, measures) and the LAA it maps to."""
        cover = read_cover(source)
        name = context.organisation_name or cover.council
        if not name:
            raise source.problem("No council named on the cover.", cover.line)
        builder = DocumentBuilder(source.name, name, context.organisation_slug)
        read_departments(source, builder)
        walker = TableWalker(source, builder)
        walker.walk()
        rows = list(walker.rows.values())
        if not rows:
            raise source.problem("No action table rows found.", source.lines[-1])
        _describe_priorities(walker, builder)
        slug = slugify(cover.title)
        readable = [row for row in rows if _readable(row, builder)]
        actions = [build_action(row) for row in readable]
        for action in actions:
            for officer in action.lead_officers:
                builder.officer(officer, action.line, job_title=officer)
        plan = s.PlanIn(
            line=cover.line,
            slug=slug,
            title=cover.title,
            kind="corporate_plan",
            first_year=cover.first_year,
            last_year=cover.last_year,
            status="draft" if cover.is_draft else "approved",
            vision=read_vision(source),
            source=source.name,
            themes=builder.themes(),
            actions=actions,
        )
        laa = read_laa(source, plan)
        builder.plans = [plan, *([laa] if laa else [])]
        builder.measures = build_measures(readable, slug)
        document = builder.build()
        organisation = document.organisation.model_copy(update={"line": cover.council_line})
        return document.model_copy(update={"organisation": organisation})


def _describe_priorities(walker: TableWalker, builder: DocumentBuilder) -> None:
    """A priority's "Key outcome" and "Main area of focus" text, as its description."""
    for (priority, label), (_, text) in walker.labels.items():
        node = builder.theme_node(walker.priority_paths[priority])
        described = f"{label.capitalize()}: {text}"
        node.description = f"{node.description}\n{described}" if node.description else described


def _readable(row: RawRow, builder: DocumentBuilder) -> bool:
    """Whether a row has action text; rows without are kept as skipped lines to check."""
    if _title_and_subs(row)[0]:
        return True
    cells = " | ".join(f"{name}: {row.text(name)}" for name in row.cells)
    reason = "Row has no action text." if row.cells else "Empty row."
    builder.skip(row.line, f"{row.ref} | {cells}" if cells else row.ref, reason)
    return False


READER = CorporatePlanActionsReader()
