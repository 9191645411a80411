"""Proposing, fitting and applying a mapping to a whole extracted document."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.domain.periods import financial_year_of
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder, slugify
from councilplan.imports.context import ReadContext
from councilplan.imports.extract.shape import ExtractedDocument, SourceRef, Table
from councilplan.imports.problems import ImportProblem

from . import propose as proposing
from .cells import text_of
from .collect import THEME_NEEDS_PLAN, Collector, Unused
from .layout import filled, find_layout, signature
from .mapping import Mapping, TableKind, TableMapping
from .outline import OutlineReader
from .rows import TableRows

SIMILAR_SIGNATURE = 85  # rapidfuzz ratio at which a saved table's signature fits a new one


@dataclass(frozen=True)
class Reading:
    """What a document holds under a mapping, and every cell or line left unused, with why."""

    document: s.PlanDocument
    unused: tuple[Unused, ...]


def propose(document: ExtractedDocument, context: ReadContext | None = None) -> Mapping:
    """The reader's proposal: each table's header rows, column roles and kind; plan and period."""
    del context  # the council does not change how a layout reads
    return proposing.propose(document)


def fit(saved: Mapping, document: ExtractedDocument, context: ReadContext | None = None) -> Mapping:
    """A saved mapping laid over a new file of the same shape.

    Each table takes the settings of the saved table whose signature (header words without
    periods) is the same or most alike; periods are read again from the new file's headers, so
    next quarter's return reads as next quarter. Tables like none saved keep the proposal.
    """
    fresh = propose(document, context)
    tables = [_fit_table(t, saved.tables) for t in fresh.tables]
    return saved.model_copy(
        update={
            "tables": tables,
            "period": fresh.period or saved.period,
            "first_year": saved.first_year or fresh.first_year,
            "last_year": saved.last_year or fresh.last_year,
            "outline": (saved.outline or fresh.outline)
            if not any(t.kind is not TableKind.SKIP for t in tables)
            else None,
        }
    )


def _fit_table(fresh: TableMapping, saved: list[TableMapping]) -> TableMapping:
    best = max(saved, key=lambda t: fuzz.ratio(t.signature, fresh.signature), default=None)
    if best is None or fuzz.ratio(best.signature, fresh.signature) < SIMILAR_SIGNATURE:
        return fresh
    columns = []
    for column in fresh.columns:
        old = next((c for c in best.columns if c.index == column.index), None)
        if old is None:
            columns.append(column)
            continue
        period = column.period if column.period else old.period
        columns.append(
            old.model_copy(
                update={
                    "header": column.header,
                    "period": period,
                    "confidence": 1.0,
                    "why": "saved mapping",
                }
            )
        )
    return best.model_copy(
        update={
            "index": fresh.index,
            "place": fresh.place,
            "columns": columns,
            "period": fresh.period or best.period,
            "signature": fresh.signature,
        }
    )


def read(
    document: ExtractedDocument, mapping: Mapping, context: ReadContext | None = None
) -> Reading:
    """Apply a mapping: the normalised document the writer applies, and what was left unused."""
    context = context or ReadContext()
    name = context.organisation_name or proposing.council_named_in(document)
    slug = context.organisation_slug or slugify(name)
    if not slug:
        raise ImportProblem(
            "Say which council the file is for (the organisation).", file=document.name
        )
    title = mapping.plan_title or document.name
    plan_slug = mapping.plan_slug or slugify(title)
    builder = DocumentBuilder(
        source=document.name, organisation_name=name or slug, organisation_slug=slug
    )
    tables = list(document.tables())
    makes_plan = (
        bool(mapping.plan_slug)
        or mapping.outline is not None
        or any(t.kind in {TableKind.ACTIONS, TableKind.MIXED} for t in mapping.tables)
    )
    councils = tuple(n for n in (mapping.council_area, name) if n)
    out = Collector(builder, plan_slug, makes_plan, councils)
    used: set[int] = set()
    for table_mapping in mapping.tables:
        table = _table_for(table_mapping, tables)
        if table is None:
            out.skip(
                SourceRef(document.name),
                table_mapping.place,
                "a table of the mapping not found in this file",
            )
            continue
        used.add(tables.index(table))
        TableRows(table, table_mapping, mapping, out).read()
    for index, table in enumerate(tables):
        if index not in used:
            for row in table.grid():
                cells = filled(row)
                if cells:
                    out.skip(
                        cells[0],
                        " | ".join(text_of(c) for c in cells),
                        "a table not in the mapping",
                    )
    if mapping.outline is not None:
        OutlineReader(document, mapping.outline, out, title).read()
    if not (out.actions or out.measures or out.updates):
        raise ImportProblem(
            f"Found no actions, measures or results to import ({len(out.unused)} tables' rows and "
            "lines not used): check how the file is read (import --dump mapping) and say what "
            "its tables hold.",
            file=document.name,
        )
    return Reading(_document(document, mapping, out, title), tuple(out.unused))


def _table_for(mapping: TableMapping, tables: list[Table]) -> Table | None:
    """The table a mapping is for: at its index if the header words agree, else by them."""

    def sig(table: Table) -> str:
        return signature(find_layout(table, header_rows=mapping.header_rows).headers)

    if mapping.index < len(tables) and sig(tables[mapping.index]) == mapping.signature:
        return tables[mapping.index]
    return next((t for t in tables if sig(t) == mapping.signature), None)


def _document(
    document: ExtractedDocument, mapping: Mapping, out: Collector, title: str
) -> s.PlanDocument:
    actions = out.actions_out()
    plans = []
    if actions or mapping.plan_slug:
        first, last = _years(mapping, actions, document.name)
        plans.append(
            s.PlanIn(
                slug=out.plan_slug,
                title=title,
                kind=mapping.plan_kind,
                first_year=first,
                last_year=last,
                source=document.name,
                themes=out.builder.themes(),
                actions=actions,
            )
        )
    elif out.measures:  # no plan to hold themes: they are listed, not lost
        for draft in out.measures.values():
            for theme in draft.pop("themes", []):
                where = SourceRef(document.name, line=draft.get("line"))
                out.skip(where, " > ".join(theme["path"]), THEME_NEEDS_PLAN)
    updates = out.updates_out()
    periods = sorted({u.period for u in updates})
    built = out.builder.build()
    skipped = [
        s.SkippedLine(line=None, text=u.text[:500], reason=u.reason, where=u.where)
        for u in out.unused
    ]
    return built.model_copy(
        update={
            "plans": plans,
            "measures": out.measures_out(),
            "updates": updates,
            "reporting_periods": [s.ReportingPeriodIn(period=p) for p in periods],
            "skipped": skipped,
        }
    )


def _years(mapping: Mapping, actions: list[s.ActionIn], name: str) -> tuple[int, int]:
    """The plan's first and last financial years: as set, else those its actions fall due in."""
    if mapping.first_year and mapping.last_year:
        return mapping.first_year, mapping.last_year
    ends = [parse_fuzzy_date(a.expected_completion).end for a in actions if a.expected_completion]
    years = sorted(financial_year_of(d) for d in ends if d is not None)
    if years:
        first = mapping.first_year or years[0]
        return first, max(mapping.last_year or years[-1], first)
    if mapping.first_year:
        return mapping.first_year, mapping.last_year or mapping.first_year
    raise ImportProblem(
        "Say which years the plan covers (first and last financial year): the file does not.",
        file=name,
        field="first_year",
    )
