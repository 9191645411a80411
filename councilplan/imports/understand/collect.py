"""Collecting what a document's rows and outline say into one ``PlanDocument``, and what not.

Tables and outlines add actions, measures, results and people to one ``Collector``; it keeps
each measure once however many rows speak of it (a row per period, a row per area), and every
cell or line it could not use, with where and why: nothing is guessed, nothing lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from councilplan.domain.periods import Frequency, PeriodError, PeriodKind, parse_period
from councilplan.imports import structure as s
from councilplan.imports.builder import DocumentBuilder
from councilplan.imports.extract.shape import Cell, SourceRef
from councilplan.imports.matching import fold_title
from councilplan.imports.problems import ImportProblem

THEME_NEEDS_PLAN = "a measure's theme needs a plan: say which plan"
_ROW_OF_CELL = re.compile(r"^[A-Z]+(?P<row>\d+)$")


@dataclass(frozen=True)
class Unused:
    """A cell or line the reader did not use: where it is, what it says, and why."""

    where: str
    text: str
    reason: str


def line_of(source: SourceRef) -> int | None:
    """The line (or a workbook's row) a source reference points at, for the writer's messages."""
    if source.line is not None:
        return source.line
    found = _ROW_OF_CELL.match(source.cell)
    return int(found["row"]) if found else None


def place_of(source: SourceRef) -> str:
    """The part of the file a row is in, without its line: "plan.pdf, page 3"."""
    return str(SourceRef(source.file, source.page, source.sheet))


@dataclass
class Collector:
    """Actions, measures, results and people found so far, and what was not used."""

    builder: DocumentBuilder
    plan_slug: str
    makes_plan: bool
    council_names: tuple[str, ...] = ()
    actions: list[dict[str, Any]] = field(default_factory=list)
    measures: dict[str, dict[str, Any]] = field(default_factory=dict)
    updates: list[dict[str, Any]] = field(default_factory=list)
    unused: list[Unused] = field(default_factory=list)

    def skip(self, cell: Cell | SourceRef, text: str, reason: str) -> None:
        source = cell.source if isinstance(cell, Cell) else cell
        self.unused.append(Unused(str(source), text, reason))

    def skip_no_period(self, cell: Cell, text: str, what: str) -> None:
        """A value, status or comment whose period neither its column nor the file names."""
        self.skip(cell, text, f"{what} for no period: set the period the document reports")

    def is_council(self, area: str) -> bool:
        """Whether an area row is the council's own ("Derby" in "Derby City Council")."""
        folded = fold_title(area)
        return any(
            folded == name or (len(folded) > 3 and (folded in name or name in folded))
            for name in (fold_title(n) for n in self.council_names if n)
        )

    def measure(self, key_title: str, code: str, source: SourceRef) -> dict[str, Any]:
        """The draft of a measure, one per code or title however many rows name it."""
        key = code.lower() or fold_title(key_title)
        return self.measures.setdefault(
            key,
            {
                "code": code,
                "title": key_title,
                "line": line_of(source),
                "place": place_of(source),
                "observations": {},
                "targets": {},
                "comparators": {},
                "match_by_title": not code,
            },
        )

    def actions_out(self) -> list[s.ActionIn]:
        return [_valid(s.ActionIn, draft) for draft in self.actions]

    def measures_out(self) -> list[s.MeasureIn]:
        out = []
        for draft in self.measures.values():
            values = dict(draft)
            for name in ("observations", "targets", "comparators"):
                values[name] = list(values[name].values())
            if "frequency" not in values:
                frequency = frequency_of(values["observations"] or values["targets"])
                values |= {"frequency": frequency} if frequency else {}
            out.append(_valid(s.MeasureIn, values))
        return out

    def updates_out(self) -> list[s.ActionUpdateIn]:
        return [_valid(s.ActionUpdateIn, draft) for draft in self.updates]


_FREQUENCY_OF = {
    PeriodKind.MONTH: Frequency.MONTHLY,
    PeriodKind.QUARTER: Frequency.QUARTERLY,
    PeriodKind.YEAR: Frequency.ANNUAL,
}


def frequency_of(entries: list[dict[str, Any]]) -> Frequency | None:
    """How often a measure is reported, where no column says: by the shortest period its
    values (else its targets) are for ("2023/24 Q2" quarterly, "March 2024" monthly)."""
    kinds = set()
    for entry in entries:
        try:
            kinds.add(parse_period(entry["period"]).kind)
        except PeriodError:
            continue
    for kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR):
        if kind in kinds:
            return _FREQUENCY_OF[kind]
    return None


def _valid(model: type[s.Item], values: dict[str, Any]) -> Any:
    """The item, or an ImportProblem naming the row and field that would not do."""
    try:
        return model.model_validate(values)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ImportProblem(
            first["msg"], file=values.get("place", ""), line=values.get("line"), field=where
        ) from error
