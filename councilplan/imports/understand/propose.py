"""Proposing a mapping for a whole document: the plan it holds, its period, each table's kind.

The document's title and first headings usually say what it is ("Council Plan 2022-2025",
"Quarter 2 2023/24 performance report"); each table's header band and cells say what its
rows are. Everything proposed here is shown to a person, who can change it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from councilplan.domain.periods import Period, PeriodKind
from councilplan.imports.extract.shape import Cell, ExtractedDocument, Table

from .cells import column_content
from .columns import propose_columns
from .headers import period_in, period_named_in
from .layout import find_layout, signature
from .mapping import ColumnMapping, Mapping, OutlineMapping, Role, TableKind, TableMapping

MEASURE_ROLES = frozenset(
    {
        Role.ACTUAL,
        Role.TARGET,
        Role.PREVIOUS,
        Role.BASELINE,
        Role.COMPARATOR,
        Role.UNIT,
        Role.POLARITY,
        Role.FREQUENCY,
    }
)
ACTION_ROLES = frozenset(
    {Role.DUE, Role.START, Role.STAGE, Role.MILESTONES, Role.SUCCESS_CRITERIA, Role.PROGRESS}
)
_YEARS = re.compile(
    r"\b(?P<first>(?:19|20)\d{2})\s*(?:[-/\u2013\u2014]|\bto\b)\s*(?P<last>(?:19|20)?\d{2})\b"
)
_COUNCIL = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'&.-]*\s+){1,4}(?:City|County|Borough|District|Metropolitan "
    r"Borough|Town|Parish)?\s*Council)\b"
)
_LEADING = 12  # text blocks read for the document's title, years and period


def propose(document: ExtractedDocument) -> Mapping:
    """A mapping of every table and, for a document without tables, its outline."""
    leading = [b.text for b in document.text_blocks()][:_LEADING]
    headings = [t.heading or t.caption for t in document.tables()]
    period = _document_period([*leading, *headings])
    first_year, last_year = _plan_years(leading) or (None, None)
    default_year = period.year if period else first_year
    tables = [
        propose_table(table, index, default_year) for index, table in enumerate(document.tables())
    ]
    has_rows = any(t.kind is not TableKind.SKIP for t in tables)
    return Mapping(
        plan_title=_title(document),
        first_year=first_year,
        last_year=last_year,
        period=period.label if period else "",
        tables=tables,
        outline=None if has_rows else OutlineMapping(),
    )


def propose_table(table: Table, index: int, default_year: int | None) -> TableMapping:
    """The header band, each column's role and the kind of rows of one table."""
    layout = find_layout(table)
    title_period = period_in(f"{table.heading} {layout.title}")[0]
    year = title_period.year if title_period else default_year
    body = table.grid()[layout.first_body_row :]
    columns = propose_columns(layout.headers, body, year)
    kind = _kind(columns, len(body))
    if _periods_down(columns, body):
        why = "periods down the first column, measures across"
        columns[0] = columns[0].model_copy(update={"role": Role.PERIOD, "why": why, "period": ""})
        columns = [
            c.model_copy(update={"period": ""}) if c.role in MEASURE_ROLES else c for c in columns
        ]
        kind = TableKind.PERIODS_DOWN
    confidence = min((c.confidence for c in columns if c.role is not Role.IGNORE), default=0.0)
    return TableMapping(
        signature=signature(layout.headers),
        index=index,
        place=str(table.source),
        header_rows=layout.header_rows,
        kind=kind,
        period=title_period.label if title_period else "",
        columns=columns,
        confidence=round(confidence, 2),
    )


def _periods_down(columns: list[ColumnMapping], body: list[list[Cell | None]]) -> bool:
    """Periods down the first column and measures across ("Quarter | Missed bins | Fly-tips")."""
    if not columns or any(
        c.role in {Role.TITLE, Role.REFERENCE, Role.REFERENCE_TITLE} for c in columns
    ):
        return False
    content = column_content([row[0] if row else None for row in body])
    return content.share("period") >= 0.8 and any(c.role is Role.ACTUAL for c in columns[1:])


def _kind(columns: list[ColumnMapping], rows: int) -> TableKind:
    roles = {c.role for c in columns}
    if rows == 0 or not roles & {Role.TITLE, Role.REFERENCE_TITLE, Role.PERIOD, Role.AREA}:
        return TableKind.SKIP
    measures, actions = roles & MEASURE_ROLES, roles & ACTION_ROLES
    if measures and actions:
        return TableKind.MIXED
    if measures:
        return TableKind.MEASURES
    if Role.TITLE in roles and any(
        word in c.header.lower()
        for c in columns
        if c.role is Role.TITLE
        for word in ("measure", "indicator", "kpi", "metric")
    ):
        return TableKind.MEASURES
    return TableKind.ACTIONS


def _title(document: ExtractedDocument) -> str:
    for block in document.text_blocks():
        if block.kind == "heading" and len(block.text) <= 150:
            return " ".join(block.text.split())
    first = next(document.text_blocks(), None)
    if first is not None and len(first.text) <= 150:
        return " ".join(first.text.split())
    return document.name.rsplit(".", 1)[0].replace("_", " ")


def _document_period(texts: Iterable[str]) -> Period | None:
    """The quarter or month a report is for, from its first headings ("Quarter 2 2023/24")."""
    for text in texts:
        period, _ = period_in(text)
        if period is not None and period.kind is not PeriodKind.YEAR:
            return period
        named = period_named_in(text)
        if named is not None:
            return named
    return None


def _plan_years(texts: Iterable[str]) -> tuple[int, int] | None:
    """The financial years a plan covers, from "2022-2025", "2023/24" or "2022 to 2026"."""
    for text in texts:
        found = _YEARS.search(text)
        if found is None:
            continue
        first = int(found["first"])
        last_text = found["last"]
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        if last == first + 1 and len(last_text) == 2:  # "2023/24": one financial year
            return first, first
        if first < last <= first + 10:  # "2022-2025": years starting 2022, 2023, 2024
            return first, last - 1
    return None


def council_named_in(document: ExtractedDocument) -> str:
    """The council a document names first ("Derby City Council"), if any."""
    for block in list(document.text_blocks())[:_LEADING]:
        found = _COUNCIL.search(block.text)
        if found:
            return " ".join(found["name"].split())
    return ""
