"""A person's answers to uncertain matches, laid over the document before it is applied.

The writer matches titles by similarity and lists the uncertain ones (``MatchNote``). In the
browser each is confirmed one by one: "the same" or "not the same". Rather than teach the writer
about answers, the document is changed to say what the person said: a title confirmed as the
same is replaced by the title it matched (so it matches exactly); a row whose action is not the
same is left out; a measure that is not the same stays a measure of its own (as the writer keeps
it); an action confirmed as carried forward names the earlier action.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from councilplan.imports import structure as s


@dataclass(frozen=True)
class Answer:
    """What a person said about one uncertain match, named as the writer's note names it."""

    kind: str
    line: int | None
    given: str
    matched: str
    same: bool

    @property
    def key(self) -> str:
        return note_key(self.kind, self.line, self.given)


Lookup = Callable[[str, s.Item, str], "Answer | None"]


def note_key(kind: str, line: int | None, given: str) -> str:
    """How an answer finds its match again: kind, source line and the title as given."""
    return f"{kind}|{line or ''}|{given}"


def answers_from(data: Iterable[dict[str, Any]]) -> list[Answer]:
    """Answers as kept in JSON on the import job."""
    return [Answer(**item) for item in data]


def with_answers(document: s.PlanDocument, answers: Sequence[Answer]) -> s.PlanDocument:
    """The document as the person's answers say it should be read."""
    by_key = {answer.key: answer for answer in answers}
    if not by_key:
        return document

    def answer(kind: str, item: s.Item, title: str) -> Answer | None:
        return by_key.get(note_key(kind, item.line, title))

    updates: list[s.ActionUpdateIn] = []
    for update in document.updates:
        found = answer("action", update, update.action.title)
        if found is None:
            updates.append(update)
        elif found.same:
            ref = update.action.model_copy(update={"title": found.matched})
            updates.append(update.model_copy(update={"action": ref}))
    measures = [_measure(m, answer) for m in document.measures]
    plans = [
        p.model_copy(update={"actions": [_carried(a, answer) for a in p.actions]})
        for p in document.plans
    ]
    return document.model_copy(update={"updates": updates, "measures": measures, "plans": plans})


def _measure(measure: s.MeasureIn, answer: Lookup) -> s.MeasureIn:
    changes: dict[str, Any] = {}
    for kind in ("measure", "measure (kept apart)"):
        found = answer(kind, measure, measure.title)
        if found is not None and found.same:
            changes["title"] = found.matched
    refs: list[s.ActionRef] = []
    for ref in measure.actions:
        found = answer("action", ref, ref.title)
        if found is None:
            refs.append(ref)
            continue
        changes["actions"] = refs
        if found.same:
            refs.append(ref.model_copy(update={"title": found.matched}))
    return measure.model_copy(update=changes) if changes else measure


def _carried(action: s.ActionIn, answer: Lookup) -> s.ActionIn:
    found = answer("carried forward", action, action.title)
    if found is None or not found.same:
        return action
    return action.model_copy(update={"carried_forward_from": found.matched})
