"""Apply a normalised ``PlanDocument`` to the database: one transaction, idempotent.

Everything is matched on natural keys (an organisation's slug, a plan's slug, a theme's path, an
action's reference or title, a measure's code or title, a period), so applying the same document
twice changes nothing the second time, and a refreshed document updates what it names. Any
problem raises ``ImportProblem`` naming the source line and field, and the transaction leaves
the database exactly as it was. ``dry_run`` does the same work and rolls it back: the preview.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.domain.periods import Period, PeriodError
from councilplan.measures.models import ComparatorValue, Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod, UpdateState
from councilplan.plans.models import (
    Action,
    Councillor,
    Department,
    Milestone,
    Officer,
    Organisation,
    Plan,
    Portfolio,
    Theme,
)

from . import structure as s
from .problems import ImportProblem

M = TypeVar("M", bound=models.Model)
Named = TypeVar("Named", Councillor, Portfolio, Department, Officer)
OUTCOMES = ("created", "updated", "unchanged")


@dataclass
class ApplyResult:
    """What applying a document did (or, in a dry run, would do), per kind of thing."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def record(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        """How many things, of every kind, had this outcome."""
        return sum(c[outcome] for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return self.total("created") + self.total("updated") > 0


class _DryRunRollback(Exception):  # noqa: N818 - control flow, never seen by a caller
    pass


def apply_document(document: s.PlanDocument, *, dry_run: bool = False) -> ApplyResult:
    """Apply a document in one transaction; ``dry_run`` reports what would change, then undoes."""
    result = ApplyResult()
    try:
        with transaction.atomic():
            _Writer(document, result).write()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except IntegrityError as exc:
        raise ImportProblem(
            f"The data breaks a database rule: {exc}", file=document.source
        ) from exc
    return result


class _Writer:
    """One application of one document; holds the lookups built along the way."""

    def __init__(self, document: s.PlanDocument, result: ApplyResult) -> None:
        self.doc = document
        self.result = result
        self.plans: dict[str, Plan] = {}

    # -- helpers -------------------------------------------------------------------------------

    def problem(
        self, message: str, item: s.Item | None = None, field_name: str = ""
    ) -> ImportProblem:
        return ImportProblem(
            message, file=self.doc.source, line=item.line if item else None, field=field_name
        )

    def upsert(
        self, model: type[M], item: s.Item, key: dict[str, Any], values: dict[str, Any]
    ) -> M:
        """Find the row by ``key``; create it, update the fields that differ, or leave it be."""
        kind = str(model._meta.verbose_name)
        obj = model._default_manager.filter(**key).first()
        if obj is None:
            obj = model(**key, **values)
            outcome = "created"
        else:
            changed = {name: v for name, v in values.items() if getattr(obj, name) != v}
            for name, value in changed.items():
                setattr(obj, name, value)
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            try:
                obj.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                name, messages = next(iter(exc.message_dict.items()))
                raise self.problem(f"{kind}: {' '.join(messages)}", item, name) from exc
            obj.save()
        self.result.record(kind, outcome)
        return obj

    def set_many(self, obj: models.Model, name: str, targets: Sequence[models.Model]) -> None:
        """Make a many-to-many field hold exactly ``targets``."""
        manager = getattr(obj, name)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)

    def period(self, text: str, item: s.Item) -> Period:
        try:
            return Period.parse(text)
        except PeriodError as exc:
            raise self.problem(str(exc), item, "period") from exc

    def named(
        self, model: type[Named], names: list[str], item: s.Item, field_name: str
    ) -> list[Named]:
        """Rows of this organisation by name; a name that is not there is a problem at ``item``."""
        rows = model._default_manager.filter(organisation=self.org, name__in=names)
        found = {row.name: row for row in rows}
        for name in names:
            if name not in found:
                noun = model._meta.verbose_name
                raise self.problem(
                    f'Unknown {noun} "{name}": declare it with the organisation.', item, field_name
                )
        return [found[n] for n in names]

    # -- the document, top down ----------------------------------------------------------------

    def write(self) -> None:
        self.write_organisation(self.doc.organisation)
        for plan in self.doc.plans:
            self.write_plan(plan)
        for measure in self.doc.measures:
            self.write_measure(measure)
        for rp in self.doc.reporting_periods:
            self.reporting_period(rp.period, rp, deadline=rp.deadline, is_locked=rp.is_locked)
        for update in self.doc.updates:
            self.write_update(update)

    def write_organisation(self, o: s.OrganisationIn) -> None:
        self.org = self.upsert(
            Organisation, o, {"slug": o.slug}, {"name": o.name, "gss_code": o.gss_code}
        )
        for c in o.councillors:
            self.upsert(Councillor, c, {"organisation": self.org, "name": c.name}, {"role": c.role})
        for p in o.portfolios:
            member = (
                self.named(Councillor, [p.cabinet_member], p, "cabinet_member")[0]
                if p.cabinet_member
                else None
            )
            self.upsert(
                Portfolio,
                p,
                {"organisation": self.org, "name": p.name},
                {"short_name": p.short_name, "cabinet_member": member},
            )
        for d in sorted(o.departments, key=lambda d: bool(d.directorate)):
            parent = (
                self.named(Department, [d.directorate], d, "directorate")[0]
                if d.directorate
                else None
            )
            self.upsert(
                Department,
                d,
                {"organisation": self.org, "name": d.name},
                {"abbreviation": d.abbreviation, "parent": parent},
            )
        for f in o.officers:
            self.upsert(
                Officer,
                f,
                {"organisation": self.org, "name": f.name},
                {"job_title": f.job_title, "email": f.email},
            )

    def plan_by_slug(self, slug: str, item: s.Item, field_name: str) -> Plan:
        plan = self.plans.get(slug) or Plan.objects.filter(organisation=self.org, slug=slug).first()
        if plan is None:
            raise self.problem(f'Unknown plan "{slug}".', item, field_name)
        return plan

    def write_plan(self, p: s.PlanIn) -> None:
        values = {
            "title": p.title,
            "kind": p.kind,
            "first_year": p.first_year,
            "last_year": p.last_year,
            "status": p.status,
            "approved_by": p.approved_by,
            "approved_on": p.approved_on,
            "is_published": p.is_published,
            "vision": p.vision,
            "source": p.source,
            "parent": self.plan_by_slug(p.parent, p, "parent") if p.parent else None,
            "predecessor": self.plan_by_slug(p.predecessor, p, "predecessor")
            if p.predecessor
            else None,
        }
        plan = self.upsert(Plan, p, {"organisation": self.org, "slug": p.slug}, values)
        self.plans[p.slug] = plan
        self.write_themes(plan, None, p.themes)
        for order, a in enumerate(p.actions, start=1):
            self.write_action(plan, None, order, a)

    def write_themes(self, plan: Plan, parent: Theme | None, themes: list[s.ThemeIn]) -> None:
        for order, t in enumerate(themes, start=1):
            theme = self.upsert(
                Theme,
                t,
                {"plan": plan, "parent": parent, "title": t.title},
                {
                    "kind": t.kind,
                    "reference": t.reference,
                    "description": t.description,
                    "order": order,
                },
            )
            self.write_themes(plan, theme, t.children)

    def theme(self, plan: Plan, path: list[str], item: s.Item) -> Theme:
        parent: Theme | None = None
        for title in path:
            parent = Theme.objects.filter(plan=plan, parent=parent, title=title).first()
            if parent is None:
                raise self.problem(
                    f'Unknown theme "{" > ".join(path)}" in plan "{plan.slug}".', item, "themes"
                )
        assert parent is not None
        return parent

    def action(self, plan: Plan, reference: str, title: str, item: s.Item) -> Action:
        found = Action.objects.filter(
            plan=plan, **({"reference": reference} if reference else {"title": title})
        )
        action = found.first()
        if action is None:
            raise self.problem(
                f'No action "{reference or title}" in plan "{plan.slug}".', item, "action"
            )
        return action

    def write_action(self, plan: Plan, parent: Action | None, order: int, a: s.ActionIn) -> None:
        period_end = plan.years[-1].end
        values: dict[str, Any] = {
            "title": a.title,
            "description": a.description,
            "success_criteria": a.success_criteria,
            "expected_differences": a.expected_differences,
            "start": parse_fuzzy_date(a.start, period_end=period_end),
            "expected_completion": parse_fuzzy_date(a.expected_completion, period_end=period_end),
            "funding_category": a.funding_category,
            "other_links": a.other_links,
            "stage": a.stage or "",
            "parent": parent,
            "order": order,
            "source": f"{self.doc.source}:{a.line}" if a.line else self.doc.source,
        }
        if a.carried_forward_from:
            if plan.predecessor is None:
                raise self.problem(
                    "Carried forward, but the plan has no predecessor.", a, "carried_forward_from"
                )
            earlier = self.action(
                plan.predecessor, a.carried_forward_from, a.carried_forward_from, a
            )
            values |= {"carried_forward_from": earlier, "lineage": earlier.lineage}
        key = (
            {"plan": plan, "reference": a.reference}
            if a.reference
            else {"plan": plan, "title": a.title, "parent": parent}
        )
        action = self.upsert(Action, a, key, values)
        self.set_many(action, "themes", [self.theme(plan, path, a) for path in a.themes])
        self.set_many(action, "portfolios", self.named(Portfolio, a.portfolios, a, "portfolios"))
        self.set_many(
            action, "departments", self.named(Department, a.departments, a, "departments")
        )
        self.set_many(
            action, "lead_officers", self.named(Officer, a.lead_officers, a, "lead_officers")
        )
        for m_order, m in enumerate(a.milestones, start=1):
            self.upsert(
                Milestone,
                m,
                {"action": action, "title": m.title},
                {
                    "due": parse_fuzzy_date(m.due, period_end=period_end),
                    "completed_on": m.completed_on,
                    "order": m_order,
                },
            )
        for sub_order, sub in enumerate(a.sub_actions, start=1):
            self.write_action(plan, action, sub_order, sub)

    def write_measure(self, m: s.MeasureIn) -> None:
        owner = self.named(Officer, [m.owner], m, "owner")[0] if m.owner else None
        key = (
            {"organisation": self.org, "code": m.code}
            if m.code
            else {"organisation": self.org, "title": m.title}
        )
        values = m.model_dump(
            include={
                "national_id",
                "title",
                "definition",
                "unit",
                "rate_per",
                "rate_population",
                "numerator_definition",
                "denominator_definition",
                "decimals",
                "polarity",
                "frequency",
                "aggregation",
                "data_source",
                "reporting_level",
            }
        )
        values["owner"] = owner
        measure = self.upsert(Measure, m, key, values)
        self.set_many(
            measure,
            "actions",
            [
                self.action(self.plan_by_slug(r.plan, r, "actions"), r.reference, r.title, r)
                for r in m.actions
            ],
        )
        self.set_many(
            measure,
            "themes",
            [self.theme(self.plan_by_slug(r.plan, r, "themes"), r.path, r) for r in m.themes],
        )
        for t in m.targets:
            self.upsert(
                Target,
                t,
                self.period_key(measure, t.period, t),
                t.model_dump(exclude={"line", "period"}),
            )
        for o in m.observations:
            self.upsert(
                Observation,
                o,
                self.period_key(measure, o.period, o),
                o.model_dump(exclude={"line", "period"}),
            )
        for c in m.comparators:
            key = self.period_key(measure, c.period, c) | {"kind": c.kind, "area_name": c.area_name}
            self.upsert(ComparatorValue, c, key, {"gss_code": c.gss_code, "value": c.value})

    def period_key(self, measure: Measure, text: str, item: s.Item) -> dict[str, Any]:
        period = self.period(text, item)
        return {
            "measure": measure,
            "period_kind": period.kind,
            "period_year": period.year,
            "period_number": period.number,
        }

    def reporting_period(self, text: str, item: s.Item, **values: Any) -> ReportingPeriod:
        period = self.period(text, item)
        key = {
            "organisation": self.org,
            "period_kind": period.kind,
            "period_year": period.year,
            "period_number": period.number,
        }
        if not values:
            existing = ReportingPeriod.objects.filter(**key).first()
            if existing is not None:
                return existing
            values = {"deadline": None, "is_locked": False}
        return self.upsert(ReportingPeriod, item, key, values)

    def write_update(self, u: s.ActionUpdateIn) -> None:
        plan = self.plan_by_slug(u.action.plan, u.action, "action")
        action = self.action(plan, u.action.reference, u.action.title, u.action)
        period = self.reporting_period(u.period, u)
        values = u.model_dump(
            include={"percent_complete", "is_dca", "commentary", "mitigation", "next_steps"}
        )
        values |= {
            "progress_rating": u.progress_rating or "",
            "status": u.status or "",
            "state": UpdateState.APPROVED,
        }
        existing = (
            ActionUpdate.objects.filter(action=action, reporting_period=period)
            .order_by("-version")
            .first()
        )
        if existing is None or existing.approved_at is None:
            values["approved_at"] = timezone.now()
        key = {
            "action": action,
            "reporting_period": period,
            "version": existing.version if existing else 1,
        }
        self.upsert(ActionUpdate, u, key, values)
