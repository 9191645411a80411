"""Scoring the general reader on a council's file: the facts it gives, against those expected.

A ``Case`` names a file (real, under ``files/real``; or built imitating a layout seen in a real
text source, for formats no binary of which can be had), the council it is read for, what a
person confirms that the file itself does not say (its plan's years, its reporting year), and
the facts a performance officer reading the file would expect to be imported: every field of
every row. ``facts`` turns a reading into the same kind of facts, so a case scores as the share
of expected facts the reader gives (``bench/real_files.py``) and its test asserts all of them.
The cases are in ``real_documents``; where each file came from, ``files/real/README.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from councilplan.imports import structure as s
from councilplan.imports.context import ReadContext
from councilplan.imports.general import read_general
from councilplan.imports.understand import Mapping

REAL = Path(__file__).parent / "files" / "real"

Fact = tuple[str, ...]


def num(value: str | Decimal | int | float) -> str:
    """A number as a fact compares it: "5", "5.0" and Decimal("5.00") are all "5"."""
    number = Decimal(str(value)).normalize()
    return f"{number:f}"


def facts(document: s.PlanDocument) -> set[Fact]:
    """Every field of every row a reading gives, as comparable facts (see ``Case``)."""
    found: set[Fact] = set()
    for plan in document.plans:
        found.add(("plan", plan.title, str(plan.first_year), str(plan.last_year)))
        found |= _action_facts(plan.actions)
    for measure in document.measures:
        found |= _measure_facts(measure)
    for update in document.updates:
        key = update.action.reference or update.action.title
        status = update.status.value if update.status else ""
        found.add(("update", key, update.period, status))
    return found


def _action_facts(actions: Iterable[s.ActionIn]) -> set[Fact]:
    found: set[Fact] = set()
    for action in actions:
        key = action.reference or action.title
        found.add(("action", key, action.title))
        for name in ("expected_completion", "start", "success_criteria", "description"):
            if getattr(action, name):
                found.add((f"action.{name}", key, getattr(action, name)))
        for path in action.themes:
            found.add(("action.theme", key, " > ".join(path)))
        for officer in action.lead_officers:
            found.add(("action.owner", key, officer))
        for department in action.departments:
            found.add(("action.department", key, department))
        for milestone in action.milestones:
            found.add(("milestone", key, milestone.title, milestone.due))
    return found


def _measure_facts(measure: s.MeasureIn) -> set[Fact]:
    key = measure.code or measure.title
    found: set[Fact] = {
        ("measure", key, measure.title),
        ("measure.unit", key, measure.unit),
        ("measure.frequency", key, measure.frequency.value),
    }
    for name in ("data_source", "owner", "definition"):
        if getattr(measure, name):
            found.add((f"measure.{name}", key, getattr(measure, name)))
    for theme in measure.themes:
        found.add(("measure.theme", key, " > ".join(theme.path)))
    for obs in measure.observations:
        if obs.value is not None:
            found.add(("obs", key, obs.period, num(obs.value)))
        for part in ("numerator", "denominator"):
            if getattr(obs, part) is not None:
                found.add((f"obs.{part}", key, obs.period, num(getattr(obs, part))))
    for target in measure.targets:
        if target.value is not None:
            found.add(("target", key, target.period, num(target.value)))
    for comparator in measure.comparators:
        found.add(
            (
                "comparator",
                key,
                comparator.period,
                comparator.area_name,
                comparator.kind,
                num(comparator.value),
            )
        )
        if comparator.gss_code:
            found.add(("comparator.gss", key, comparator.area_name, comparator.gss_code))
    return found


@dataclass(frozen=True)
class Case:
    """One council's file, and every fact a performance officer expects from it."""

    name: str
    layout: str  # what is being tested, for the results table
    build: Callable[[Path], Path]  # the file (real: its path; imitation: written to a folder)
    organisation: str
    expected: frozenset[Fact]
    confirmed: Mapping | None = None  # what a person confirms that the file does not say
    real: bool = True
    exact: tuple[str, ...] = field(default=("measure", "action"))  # kinds with no extras

    def read(self, folder: Path) -> set[Fact]:
        """The facts the general reader gives for the file, through ``read_general``."""
        slug = "-".join(self.organisation.lower().split())
        context = ReadContext(organisation_slug=slug, organisation_name=self.organisation)
        reading = read_general(self.build(folder), context, saved=self.confirmed)
        return facts(reading.reading.document)


def real(name: str) -> Callable[[Path], Path]:
    return lambda folder: REAL / name


def score(case: Case, folder: Path) -> tuple[int, int, set[Fact], set[Fact]]:
    """Fields right out of fields expected, the facts missed and the unexpected rows given."""
    try:
        found = case.read(folder)
    except Exception:  # a file the reader refuses scores nothing
        found = set()
    missed = set(case.expected) - found
    keys = {f[:2] for f in case.expected if f[0] in case.exact}
    extra = {f for f in found if f[0] in case.exact and f[:2] not in keys}
    return len(case.expected) - len(missed), len(case.expected), missed, extra
