"""Reading a document written as an outline rather than a table.

Many plans are prose: headings for priorities, then "Goal 1: ...", "Objective 1.2: ...",
"Deliverable: ... by April/May 2024." or bulleted commitments ending with their date ("...:
Ongoing."), and bulleted lists of KPIs under a "How we will measure success" heading. Headings
and labelled lines name themes (the order labels first appear in gives their depth), labelled
or dated items are actions with the date split off, items under a measures heading are
measures, and everything else is listed as unused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from councilplan.domain.fuzzy_dates import Precision, parse_fuzzy_date
from councilplan.imports.extract.shape import ExtractedDocument, TextBlock

from .collect import Collector, line_of, place_of
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
    r"success will look like)\b",
    re.IGNORECASE,
)
_TAIL = re.compile(r"(?:\s+by\s+|\s+in\s+|\s+from\s+|\s*[:\u2013\u2014]\s*|\s+-\s+|\s*\()")
MAX_TITLE = 400


def split_trailing_date(text: str) -> tuple[str, str]:
    """ "Open the new library by April/May 2024." -> ("Open the new library", "April/May 2024");
    text that does not end with a date comes back whole, with no date."""
    body = text.strip().rstrip(".;")
    for found in reversed(list(_TAIL.finditer(body))):
        tail = body[found.end() :].strip().rstrip(")")
        read = parse_fuzzy_date(tail)
        if tail and (
            read.open_ended or (read.precision is not Precision.UNKNOWN and not read.note)
        ):
            return body[: found.start()].strip(), tail
    return text.strip(), ""


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

    @property
    def path(self) -> list[str]:
        return [*self.headings, *self.labelled]

    def read(self) -> None:
        for block in self.document.text_blocks():
            text = " ".join(block.text.split())
            if not text or text == self.plan_title:
                continue
            if block.kind == "heading":
                self._heading(block, text)
            else:
                self._item(block, text)

    def _heading(self, block: TextBlock, text: str) -> None:
        self.in_measures = bool(_MEASURES_HEADING.search(text))
        self.last_action = None
        if self.in_measures:
            return
        if block.level > self.mapping.theme_levels:
            self.out.skip(block.source, text, "a heading below the levels read as themes")
            return
        self.headings = [*self.headings[: block.level - 1], _labelled_text(text)]
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
        if block.kind == "list_item" and block.level > 1 and self.last_action is not None:
            title, due = split_trailing_date(text)
            milestone = {"title": title, "due": due, "line": line_of(block.source)}
            self.last_action["milestones"].append(milestone)
            return
        action_text, reference = text, ""
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
            "title": title,
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
        draft = self.out.measure(title, reference, block.source)
        if self.path and self.out.makes_plan:
            draft["themes"] = [{"plan": self.out.plan_slug, "path": list(self.path)}]


def _labelled_text(text: str) -> str:
    labelled = _LABELLED.match(text)
    if labelled and labelled["label"].lower().split()[-1] in (*THEME_LABELS, *ACTION_LABELS):
        return " ".join(labelled["text"].split())
    return text
