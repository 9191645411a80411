"""Proposing each column's role from its header words and its cells, with a confidence.

The header is the stronger witness ("Lead officer"), but the cells can overrule it: a column
headed "Status" holding "In progress" and "Completed" is a stage, and a column headed "Q2" over
numbers is the actual value for Q2. Every proposal says why, so the mapping form can show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from councilplan.imports.extract.shape import Cell

from .cells import ColumnContent, column_content, text_of
from .headers import HeaderReading, read_header
from .mapping import ColumnMapping, Role

# The kind of content each role's cells should have, checked when the header names the role.
CONTENT_OF = {
    Role.STATUS: "status",
    Role.PROGRESS: "progress",
    Role.STAGE: "stage",
    Role.DUE: "date",
    Role.START: "date",
    Role.REFERENCE: "reference",
    Role.REFERENCE_TITLE: "reference_title",
    Role.ACTUAL: "number",
    Role.TARGET: "number",
    Role.PREVIOUS: "number",
    Role.BASELINE: "number",
    Role.COMPARATOR: "number",
    Role.RANK: "number",
    Role.UNIT: "unit",
    Role.POLARITY: "polarity",
    Role.FREQUENCY: "frequency",
    Role.DIRECTION: "direction",
    Role.AREA_CODE: "gss",
    Role.PERIOD: "period",
    Role.NUMERATOR: "number",
    Role.DENOMINATOR: "number",
}
# Roles whose cells can say what they are whatever the header, and how strongly.
FROM_CONTENT = (
    ("status", Role.STATUS, 0.85),
    ("progress", Role.PROGRESS, 0.85),
    ("stage", Role.STAGE, 0.85),
    ("gss", Role.AREA_CODE, 0.9),
    ("reference_title", Role.REFERENCE_TITLE, 0.7),
    ("reference", Role.REFERENCE, 0.7),
    ("period", Role.PERIOD, 0.65),
    ("date", Role.DUE, 0.6),
    ("frequency", Role.FREQUENCY, 0.8),
    ("polarity", Role.POLARITY, 0.7),
    ("unit", Role.UNIT, 0.7),
    ("direction", Role.DIRECTION, 0.7),
    ("area", Role.AREA, 0.7),
    ("person", Role.OWNER, 0.5),
    ("number", Role.ACTUAL, 0.55),
)
# Roles a column holds per period (or per area): a table may have several of each.
PER_PERIOD = frozenset(
    {
        Role.ACTUAL,
        Role.TARGET,
        Role.STATUS,
        Role.PROGRESS,
        Role.COMMENTARY,
        Role.PREVIOUS,
        Role.BASELINE,
        Role.NUMERATOR,
        Role.DENOMINATOR,
        Role.COMPARATOR,
        Role.DIRECTION,
        Role.RANK,
        Role.IGNORE,
    }
)
MIN_CELLS_TO_OVERRULE = 2


@dataclass(frozen=True)
class Candidate:
    role: Role
    score: float
    why: str


def propose_columns(
    headers: Sequence[str], body: Sequence[Sequence[Cell | None]], default_year: int | None
) -> list[ColumnMapping]:
    """A role for each column of a table's body, then one column per single-use role."""
    proposals = []
    for index, header in enumerate(headers):
        reading = read_header(header, default_year)
        content = column_content([row[index] if index < len(row) else None for row in body])
        best = _best(reading, content)
        if joins_other_columns(body, index):
            best = Candidate(Role.IGNORE, 0.9, "each cell joins other columns' values (a key)")
        proposals.append(
            ColumnMapping(
                index=index,
                header=header,
                role=best.role,
                period=reading.period.label if reading.period and best.role in PER_PERIOD else "",
                area=(reading.area or header) if best.role is Role.COMPARATOR else "",
                confidence=round(min(best.score, 1.0), 2),
                why=best.why,
            )
        )
    return _one_of_each(proposals, body)


def _best(reading: HeaderReading, content: ColumnContent) -> Candidate:
    if content.filled == 0:
        return Candidate(Role.IGNORE, 1.0, "no values")
    candidates = [_from_header(reading, content), *_from_content(reading, content)]
    unknown = Candidate(Role.IGNORE, 0.2, "neither the header nor the cells say what it holds")
    return max((c for c in candidates if c is not None), key=lambda c: c.score, default=unknown)


def _from_header(reading: HeaderReading, content: ColumnContent) -> Candidate | None:
    """The role the header names exactly; else, of the roles it names in part, the one its
    cells bear out (of "Targets/Milestones" over numbers, the target)."""
    if reading.period is not None and not reading.words:
        return _period_only(content)
    exact = {role: score for role, score in reading.scores.items() if score >= 1.0}
    candidates = []
    for role, score in (exact or reading.scores).items():
        if content.filled >= MIN_CELLS_TO_OVERRULE and _unlike(role, content):
            why = f'header "{reading.words}", cells unlike it'
            candidates.append(Candidate(role, score * 0.5, why))
        else:
            candidates.append(Candidate(role, score, f'header "{reading.words}"'))
    return max(candidates, key=lambda c: c.score, default=None)


# Roles of words: a header naming one is contradicted only by cells of codes and numbers (an
# area is any place's name, not only a region's).
PROSE = frozenset(
    {
        Role.TITLE,
        Role.DESCRIPTION,
        Role.COMMENTARY,
        Role.SUCCESS_CRITERIA,
        Role.MILESTONES,
        Role.AREA,
    }
)
CODED = ("number", "reference", "status", "date", "unit", "frequency", "gss", "labelled")


def _unlike(role: Role, content: ColumnContent) -> bool:
    """Cells that contradict the header: a "Status" of dates, a "KPI" title of short codes."""
    kind = CONTENT_OF.get(role)
    if kind:
        return content.share(kind) < 0.3
    if role in PROSE:
        coded = max(content.share(k) for k in CODED)
        return coded >= 0.8 and content.mean_length <= 20
    return False


def _period_only(content: ColumnContent) -> Candidate:
    """A header that is only a period ("Q2", "2023/24"): its cells say what it holds."""
    if content.share("status") >= 0.5:
        return Candidate(Role.STATUS, 0.8, "a period over statuses")
    if content.share("number") >= 0.5:
        return Candidate(Role.ACTUAL, 0.85, "a period over numbers")
    return Candidate(Role.COMMENTARY, 0.5, "a period over text")


def _from_content(reading: HeaderReading, content: ColumnContent) -> list[Candidate]:
    found = []
    for kind, role, weight in FROM_CONTENT:
        share = content.share(kind)
        if kind == "reference" and content.share("number") >= 0.5:
            continue  # numbers like "120" or "74.1" are values, unless a header says otherwise
        if share >= 0.5:
            found.append(Candidate(role, weight * share, f"{share:.0%} of cells look like {kind}"))
    if content.share("number") < 0.5:
        found.extend(_from_text_shape(content))
    return found


def _from_text_shape(content: ColumnContent) -> list[Candidate]:
    """Prose columns: long unique text is commentary, medium unique text a title, repeated
    short text a theme or department."""
    if content.mean_length > 90 and content.distinct > 0.7:
        return [Candidate(Role.COMMENTARY, 0.4, "long, different text in each row")]
    if 12 <= content.mean_length <= 200 and content.distinct > 0.8:
        return [Candidate(Role.TITLE, 0.35, "a different text in each row")]
    if content.distinct < 0.5 and content.mean_length < 60 and content.filled >= 4:
        return [Candidate(Role.THEME, 0.3, "the same few texts repeated down the column")]
    return []


def joins_other_columns(body: Sequence[Sequence[Cell | None]], index: int) -> bool:
    """Whether most cells of a column are other cells of their row run together, a lookup key
    a data export adds ("C&L 012023-24Cash_Annual" from "C&L 01", "2023-24", "Cash_Annual",
    perhaps with a word of its own: "...Family Group 4...")."""
    rows = [row for row in body[:200] if index < len(row) and text_of(row[index])]
    if len(rows) < 2:
        return False
    joined = 0
    for row in rows:
        parts = {text_of(c) for i, c in enumerate(row) if i != index and len(text_of(c)) >= 3}
        joined += _is_joined(text_of(row[index]), parts)
    return joined >= 0.8 * len(rows)


def _is_joined(text: str, parts: set[str]) -> bool:
    """Whether ``text`` holds two or more of ``parts``, making up most of it."""
    rest, found = text, 0
    for part in sorted(parts, key=len, reverse=True):
        if part in rest:
            rest, found = rest.replace(part, "\0", 1), found + 1
    covered = len(text) - len(rest.replace("\0", ""))
    return found >= 2 and covered >= 0.6 * len(text)


def _one_of_each(
    proposals: list[ColumnMapping], body: Sequence[Sequence[Cell | None]]
) -> list[ColumnMapping]:
    """Keep the surest column for each single-use role; others become descriptions or unused.
    A table with no title column takes its most title-like text column."""
    proposals = _one_actual_per_period(proposals, body)
    keep: dict[Role, ColumnMapping] = {}
    for column in sorted(proposals, key=lambda c: -c.confidence):
        if column.role in PER_PERIOD or column.role not in keep:
            keep.setdefault(column.role, column)
    result = []
    for column in proposals:
        if column.role in PER_PERIOD or keep.get(column.role) is column:
            result.append(column)
            continue
        second = Role.DESCRIPTION if column.role is Role.TITLE else Role.IGNORE
        if second in keep and second is not Role.IGNORE:
            second = Role.IGNORE
        keep.setdefault(second, column)
        result.append(
            column.model_copy(
                update={
                    "role": second,
                    "why": f"{column.why}; another column is the {column.role.label.lower()}",
                }
            )
        )
    roles = {c.role for c in result}
    if not roles & {Role.TITLE, Role.REFERENCE_TITLE, Role.PERIOD}:
        result = _choose_title(result, body)
    return result


def _one_actual_per_period(
    proposals: list[ColumnMapping], body: Sequence[Sequence[Cell | None]]
) -> list[ColumnMapping]:
    """Several columns of numbers for no period ("Value", "ScotRank", "FamilyPct") are not all
    the value: the surest is, the others are not used. Columns whose cells name their period
    ("Q1: 12") are each for their own; in a table with no title or reference (measures across,
    periods down) each column is a measure of its own."""
    if not any(c.role in {Role.TITLE, Role.REFERENCE, Role.REFERENCE_TITLE} for c in proposals):
        return proposals
    undated = [
        c
        for c in proposals
        if c.role is Role.ACTUAL
        and not c.period
        and column_content([row[c.index] if c.index < len(row) else None for row in body]).share(
            "labelled"
        )
        < 0.5
    ]
    if len(undated) < 2:
        return proposals
    surest = max(undated, key=lambda c: c.confidence)
    return [
        c.model_copy(update={"role": Role.IGNORE, "why": f"{c.why}; another column is the value"})
        if c in undated and c is not surest
        else c
        for c in proposals
    ]


def _choose_title(
    columns: list[ColumnMapping], body: Sequence[Sequence[Cell | None]]
) -> list[ColumnMapping]:
    """The leftmost text column not given a role of its own is the title: not a column of
    numbers, nor a key joining other columns (a row with a reference then goes by it)."""
    for position, column in enumerate(columns):
        cells = [row[column.index] if column.index < len(row) else None for row in body]
        if (
            column.role in {Role.DESCRIPTION, Role.COMMENTARY, Role.IGNORE}
            and column.why != "no values"
            and column_content(cells).share("number") < 0.5
            and not joins_other_columns(body, column.index)
        ):
            chosen = column.model_copy(
                update={
                    "role": Role.TITLE,
                    "confidence": 0.4,
                    "why": f"{column.why}; no title column, the first text column",
                }
            )
            return [*columns[:position], chosen, *columns[position + 1 :]]
    return columns
