"""Collecting what a reader finds into a ``PlanDocument``.

A reader meets the same portfolio, department or officer many times; the builder keeps one
of each (first sighting's line), keeps themes as a tree addressed by path, and records the
lines it had to skip, so every reader produces the document the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from councilplan.imports import structure as s


def slugify(text: str) -> str:
    """A URL slug: "Council Delivery Plan 2019/20" -> "council-delivery-plan-2019-20"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class _ThemeNode:
    title: str
    kind: str
    line: int | None
    reference: str = ""
    description: str = ""
    children: dict[str, _ThemeNode] = field(default_factory=dict)

    def freeze(self) -> s.ThemeIn:
        return s.ThemeIn(
            title=self.title,
            kind=self.kind,
            line=self.line,
            reference=self.reference,
            description=self.description,
            children=[c.freeze() for c in self.children.values()],
        )


@dataclass
class DocumentBuilder:
    """Accumulates one document's organisation, plans, measures, results and skipped lines."""

    source: str
    organisation_name: str
    organisation_slug: str = ""
    councillors: dict[str, s.CouncillorIn] = field(default_factory=dict)
    portfolios: dict[str, s.PortfolioIn] = field(default_factory=dict)
    departments: dict[str, s.DepartmentIn] = field(default_factory=dict)
    officers: dict[str, s.OfficerIn] = field(default_factory=dict)
    plans: list[s.PlanIn] = field(default_factory=list)
    measures: list[s.MeasureIn] = field(default_factory=list)
    reporting_periods: list[s.ReportingPeriodIn] = field(default_factory=list)
    updates: list[s.ActionUpdateIn] = field(default_factory=list)
    skipped: list[s.SkippedLine] = field(default_factory=list)
    _themes: dict[str, _ThemeNode] = field(default_factory=dict)

    # -- people and units: one of each, named as first seen ---------------------------------

    def councillor(self, name: str, line: int | None = None, role: str = "") -> str:
        self.councillors.setdefault(name, s.CouncillorIn(name=name, role=role, line=line))
        return name

    def portfolio(self, name: str, line: int | None = None, **fields: str) -> str:
        self.portfolios.setdefault(name, s.PortfolioIn(name=name, line=line, **fields))
        return name

    def department(self, name: str, line: int | None = None, **fields: str) -> str:
        self.departments.setdefault(name, s.DepartmentIn(name=name, line=line, **fields))
        return name

    def officer(self, name: str, line: int | None = None, **fields: str) -> str:
        self.officers.setdefault(name, s.OfficerIn(name=name, line=line, **fields))
        return name

    # -- themes: a tree addressed by path, kept in reading order ----------------------------

    def theme(
        self, path: list[str], line: int | None = None, kinds: tuple[str, ...] = ("theme",)
    ) -> list[str]:
        """Make sure every theme on ``path`` exists (kinds per depth, last one repeats)."""
        level = self._themes
        for depth, title in enumerate(path):
            kind = kinds[min(depth, len(kinds) - 1)]
            node = level.setdefault(title, _ThemeNode(title=title, kind=kind, line=line))
            level = node.children
        return list(path)

    def theme_node(self, path: list[str]) -> _ThemeNode:
        level, node = self._themes, None
        for title in path:
            node = level[title]
            level = node.children
        assert node is not None  # a path has at least one title
        return node

    def themes(self) -> list[s.ThemeIn]:
        """The theme tree collected so far, for a PlanIn."""
        return [node.freeze() for node in self._themes.values()]

    def skip(self, line: int, text: str, reason: str) -> None:
        """Keep a line that could not be read into data, for a person to check."""
        self.skipped.append(s.SkippedLine(line=line, text=text, reason=reason))

    def build(self) -> s.PlanDocument:
        organisation = s.OrganisationIn(
            name=self.organisation_name,
            slug=self.organisation_slug or slugify(self.organisation_name),
            councillors=list(self.councillors.values()),
            portfolios=list(self.portfolios.values()),
            departments=list(self.departments.values()),
            officers=list(self.officers.values()),
        )
        return s.PlanDocument(
            source=self.source,
            organisation=organisation,
            plans=self.plans,
            measures=self.measures,
            reporting_periods=self.reporting_periods,
            updates=self.updates,
            skipped=self.skipped,
        )
