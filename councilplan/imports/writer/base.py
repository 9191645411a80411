"""The writer's plumbing: find-or-create-or-update by natural key, located problems."""

from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models

from councilplan.accounts.models import User
from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodError
from councilplan.imports import structure as s
from councilplan.imports.problems import ImportProblem
from councilplan.plans.models import (
    Action,
    Councillor,
    Department,
    Officer,
    Organisation,
    Plan,
    Portfolio,
)

from .result import ApplyResult

M = TypeVar("M", bound=models.Model)
FIRST_SEEN = {"source"}
Named = TypeVar("Named", Councillor, Portfolio, Department, Officer)


class WriterBase:
    """One application of one document; holds the lookups built along the way."""

    org: Organisation

    def __init__(
        self, document: s.PlanDocument, result: ApplyResult, *, corrector: User | None = None
    ) -> None:
        self.doc = document
        self.result = result
        # Who changes to locked periods are recorded as corrections by; None: they are refused.
        self.corrector = corrector
        self.plans: dict[str, Plan] = {}
        # Titles of each plan's actions, for matching by similarity; dropped when one is written.
        self.action_titles: dict[int, list[tuple[str, Action]]] = {}
        # Predecessor actions already continued by an action of this document: one each.
        self.carried: set[int] = set()
        # Measures this document has already written to: each of its rows is a different one.
        self.taken_measures: set[int] = set()
        # Every natural key written so far, with its line: a second one is a duplicate row.
        self.seen: dict[tuple[type[models.Model], tuple[tuple[str, Any], ...]], int | None] = {}

    def problem(self, message: str, item: s.Item | None = None, field: str = "") -> ImportProblem:
        """An ImportProblem at the item's source line."""
        line = item.line if item else None
        return ImportProblem(message, file=self.doc.source, line=line, field=field)

    def upsert(
        self,
        model: type[M],
        item: s.Item,
        key: dict[str, Any],
        values: dict[str, Any],
        dated: dict[str, str] | None = None,
    ) -> M:
        """Find the row by ``key``; create it, update the fields that differ, or leave it be.

        ``source`` (the file and line a row was first read from) is kept from the first import,
        so the same data read again from another file (an export, say) changes nothing.
        ``dated`` names fields whose date field is set to today when they are given a value or
        change (``{"stage": "stage_since"}``): it says from when the value holds.
        """
        kind = str(model._meta.verbose_name)
        self.check_not_repeated(model, item, key)
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            obj = model(**(values | key))
            outcome = "created"
            changed = {name: v for name, v in values.items() if v}
        else:
            changed = {
                name: v
                for name, v in values.items()
                if name not in FIRST_SEEN and getattr(obj, name) != v
            }
            for name, value in changed.items():
                setattr(obj, name, value)
            outcome = "updated" if changed else "unchanged"
        for name, date_field in (dated or {}).items():
            if name in changed:
                setattr(obj, date_field, clock.today())
        if outcome != "unchanged":
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                name, messages = next(iter(exc.message_dict.items()))
                raise self.problem(f"{kind}: {' '.join(messages)}", item, name) from exc
            obj.save()
        self.result.record(kind, outcome, item.line, str(obj)[:120])
        return obj

    def check_not_repeated(
        self, model: type[models.Model], item: s.Item, key: dict[str, Any]
    ) -> None:
        """Refuse a document that names the same thing twice (a duplicate row): which of the two
        would be meant cannot be known, so nothing is guessed."""
        identity = (model, tuple(sorted((k, getattr(v, "pk", v)) for k, v in key.items())))
        if identity in self.seen:
            first = self.seen[identity]
            where = f"line {first}" if first else "earlier in the file"
            noun = model._meta.verbose_name
            raise self.problem(f"This {noun} repeats the one at {where}.", item)
        self.seen[identity] = item.line

    def set_many(self, obj: models.Model, name: str, targets: Sequence[models.Model]) -> None:
        """Make a many-to-many field hold exactly ``targets``."""
        manager = getattr(obj, name)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)

    def period(self, text: str, item: s.Item) -> Period:
        """A period code from the document, or a problem at its line."""
        try:
            return Period.parse(text)
        except PeriodError as exc:
            raise self.problem(str(exc), item, "period") from exc

    def named(self, model: type[Named], names: list[str], item: s.Item, field: str) -> list[Named]:
        """Rows of this organisation by name; a name that is not there is a problem at ``item``."""
        rows = model._default_manager.filter(organisation=self.org, name__in=names)
        found = {row.name: row for row in rows}
        for name in names:
            if name not in found:
                noun = model._meta.verbose_name
                message = f'Unknown {noun} "{name}": declare it with the organisation.'
                raise self.problem(message, item, field)
        return [found[n] for n in names]

    def one_named(self, model: type[Named], name: str, item: s.Item, field: str) -> Named | None:
        """The row called ``name``, or None when no name is given."""
        return self.named(model, [name], item, field)[0] if name else None
