"""Reading a document written as an outline rather than a table.

Many plans are prose: headings for priorities, then "Goal 1: ...", "Objective 1.2: ...",
"Deliverable: ... by April/May 2024." or bulleted commitments ending with their date ("...:
Ongoing."), and bulleted lists of KPIs under a "How we will measure success" or "Where are we
now?" heading. Headings and labelled lines name themes (the order labels first appear in gives
their depth), labelled, numbered or dated items are actions with the date split off, the items
and dated paragraphs below an action are its milestones, items under a measures heading are
measures, and everything else is listed as unused.

Heading levels count from the document's own top level (a web page's text may have all its
headings at one level); a heading that asks a question ("What have we achieved?") is a section
of its theme, not a theme; a heading that is a table's header row flattened into a line
("Action What we will do and when ...") is no theme either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from councilplan.imports.extract.shape import ExtractedDocument, TextBlock

from .collect import Collector, line_of, place_of
from .dates import milestone_and_date, split_trailing_date, tidy_title
from .headers import is_column_headings, theme_name
from .mapping import OutlineMapping, TableKind
from .row_keys import split_reference

THEME_LABELS = ("goal", "priority", "theme", "ambition", "pledge", "outcome", "aim", "objective")
ACTION_LABELS = ("deliverable", "action", "commitment", "project", "activity", "milestone")
MEASURE_LABELS = ("kpi", "measure", "indicator", "metric", "performance indicator")
_LABELLED = re.compile(
    r"^(?P<label>(?:key |strategic |corporate |performance )?[a-z]+?)s?\s*"
    r"(?P<ref>[A-Z]?\d+(?:\.\d+)*[a-z]?)?\s*[:.)\u2013\-]\s+(?P<text>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_MEASURES_HEADING = re.compile(
    r"\b(?:measures?|indicators?|kpis?|metrics?|how (?:we|will we) (?:will )?measure|"
    r"success will look like|where (?:are we|we are) now|how (?:are we|we are) doing|"
    r"our performance|key facts)\b",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"^\(?(?P<ref>\d{1,3}(?:\.\d{1,3})*)[.)]$")
# The unit a statement of where the council stands gives its figure in.
_STATEMENT_UNITS = (
    (re.compile(r"\d\s*%"), "percent"),
    (re.compile(r"\bper\s+(?:1,?000|10,?000|100,?000)\b", re.IGNORECASE), "rate"),
    (re.compile(r"£\s*\d"), "pounds"),
)
MAX_TITLE = 400


@dataclass
class OutlineReader:
    """Walks the text blocks once, keeping the current theme path: the headings' titles, then
    the labelled themes below them ("Goal 1", then "Objective 1.2")."""

    document: ExtractedDocument
    mapping: OutlineMapping
    out: Collector
    plan_title: str
    headings: list[str] = field(default_factory=list)
    labelled: list[str] = field(default_factory=list)
    label_depths: list[str] = field(default_factory=list)
    in_measures: bool = False
    last_action: dict[str, Any] | None = None
    top_level: int = 1

    @property
    def path(self) -> list[str]:
        return [*self.headings, *self.labelled]

    def read(self) -> None:
        levels = [
            b.level
            for b in self.document.text_blocks()
            if b.kind == "heading" and " ".join(b.text.split()) != self.plan_title
        ]
        self.top_level = min(levels, default=1)
        for block in self.document.text_blocks():
            text = " ".join(block.text.split())
            if not text or text == self.plan_title:
                continue
            if block.kind == "heading":
                self._heading(block, text)
            else:
                self._item(block, text)

    def _heading(self, block: TextBlock, text: str) -> None:
        measures = bool(_MEASURES_HEADING.search(text))
        self.last_action = None
        if text.endswith("?") or is_column_headings(text):
            self.in_measures = measures
            why = "a question, the section of a theme" if text.endswith("?") else "column headings"
            self.out.skip(block.source, text, f"a heading that is {why}, not a theme")
            return
        self.in_measures = measures
        if measures:
            return
        level = block.level - self.top_level + 1
        name = theme_name(_labelled_text(text))
        if level > self.mapping.theme_levels or not name:
            why = "below the levels read as themes" if name else "a title or a lead-in"
            self.out.skip(block.source, text, f"a heading {why}, not a theme")
            return
        self.headings = [*self.headings[: level - 1], name]
        self.labelled, self.label_depths = [], []
        self.out.builder.theme(self.path, line_of(block.source))

    def _item(self, block: TextBlock, text: str) -> None:
        labelled = _LABELLED.match(text)
        label = labelled["label"].lower().split()[-1] if labelled else ""
        if labelled and label in THEME_LABELS:
            self._labelled_theme(block, label, labelled["text"])
            return
        if self.in_measures or (labelled and label in MEASURE_LABELS):
            self._measure(block, labelled["text"] if labelled else text)
            return
        if self.last_action is not None and self._is_milestone(block, text):
            title, due = milestone_and_date(text)
            milestone = {"title": title, "due": due, "line": line_of(block.source)}
            self.last_action["milestones"].append(milestone)
            return
        action_text, reference = text, _number(block)
        if labelled and label in ACTION_LABELS:
            action_text, reference = labelled["text"], labelled["ref"] or ""
        is_action = bool(labelled and label in ACTION_LABELS) or (
            block.kind == "list_item" and self.mapping.list_items_are is TableKind.ACTIONS
        )
        title, due = split_trailing_date(action_text)
        if is_action or (due and self.mapping.paragraphs_are_actions):
            self._action(block, title, due, reference)
        else:
            self.out.skip(block.source, text, "text, not read as an action or measure")

    def _is_milestone(self, block: TextBlock, text: str) -> bool:
        """An item below an action's level, or a paragraph under it ending with a date
        ("Decision on the depot by Summer 2025."), is one of its steps."""
        if block.kind == "list_item":
            return block.level > 1
        return block.kind == "paragraph" and bool(split_trailing_date(text)[1])

    def _labelled_theme(self, block: TextBlock, label: str, text: str) -> None:
        if label not in self.label_depths:
            self.label_depths.append(label)
        depth = self.label_depths.index(label)
        self.labelled = [*self.labelled[:depth], " ".join(text.split())]
        self.out.builder.theme(self.path, line_of(block.source))
        self.last_action = None

    def _action(self, block: TextBlock, title: str, due: str, reference: str) -> None:
        if len(title) > MAX_TITLE:
            self.out.skip(block.source, title, "too long for an action's title")
            return
        ref, title = split_reference(title) if not reference else (reference, title)
        draft: dict[str, Any] = {
            "reference": ref,
            "title": tidy_title(title),
            "expected_completion": due,
            "line": line_of(block.source),
            "place": place_of(block.source),
            "milestones": [],
        }
        if self.path:
            draft["themes"] = [list(self.path)]
        self.out.actions.append(draft)
        self.last_action = draft

    def _measure(self, block: TextBlock, text: str) -> None:
        reference, title = split_reference(text)
        draft = self.out.measure(tidy_title(title), reference, block.source)
        unit = next((unit for pattern, unit in _STATEMENT_UNITS if pattern.search(title)), "")
        if unit:
            draft.setdefault("unit", unit)
        if self.path:  # kept with the plan, or listed where there is none (``reading``)
            draft["themes"] = [{"plan": self.out.plan_slug, "path": list(self.path)}]


def _number(block: TextBlock) -> str:
    """A numbered list item's number is its reference ("24." -> "24")."""
    found = _NUMBERED.match(block.marker) if block.kind == "list_item" else None
    return found["ref"] if found else ""


def _labelled_text(text: str) -> str:
    labelled = _LABELLED.match(text)
    if labelled and labelled["label"].lower().split()[-1] in (*THEME_LABELS, *ACTION_LABELS):
        return " ".join(labelled["text"].split())
    return text
