"""Writing the organisation, its plans, theme trees and actions."""

from typing import Any

from councilplan.domain.fuzzy_dates import FuzzyDate
from councilplan.history.models import Verb
from councilplan.history.services import record
from councilplan.imports import structure as s
from councilplan.imports.matching import best_match, fold_title
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

from .base import WriterBase
from .result import MatchNote


def stated(values: dict[str, Any]) -> dict[str, Any]:
    """Only the values a document actually gives (not empty, not None)."""
    return {name: value for name, value in values.items() if value not in ("", None)}


class PlanWriter(WriterBase):
    """The organisation and its plans, top down."""

    def write_organisation(self, o: s.OrganisationIn) -> None:
        """The council and its people and units. Documents state these in part (a results
        report names portfolios but not their cabinet members), so what a document leaves
        empty is left as it is, never blanked."""
        self.org = self.upsert(
            Organisation, o, {"slug": o.slug}, stated({"name": o.name, "gss_code": o.gss_code})
        )
        org = {"organisation": self.org}
        for c in o.councillors:
            self.upsert(Councillor, c, org | {"name": c.name}, stated({"role": c.role}))
        for p in o.portfolios:
            member = self.one_named(Councillor, p.cabinet_member, p, "cabinet_member")
            values = stated({"short_name": p.short_name, "cabinet_member": member})
            self.upsert(Portfolio, p, org | {"name": p.name}, values)
        for d in sorted(o.departments, key=lambda d: bool(d.directorate)):
            parent = self.one_named(Department, d.directorate, d, "directorate")
            values = stated({"abbreviation": d.abbreviation, "parent": parent})
            self.upsert(Department, d, org | {"name": d.name}, values)
        for f in o.officers:
            values = stated({"job_title": f.job_title, "email": f.email})
            self.upsert(Officer, f, org | {"name": f.name}, values)

    def plan_by_slug(self, slug: str, item: s.Item, field: str) -> Plan:
        """A plan of this document or already in the database, by slug."""
        plan = self.plans.get(slug) or Plan.objects.filter(organisation=self.org, slug=slug).first()
        if plan is None:
            raise self.problem(f'Unknown plan "{slug}".', item, field)
        return plan

    def write_plan(self, p: s.PlanIn) -> None:
        values = p.model_dump(
            include={
                "title",
                "kind",
                "first_year",
                "last_year",
                "status",
                "approved_by",
                "approved_on",
                "is_published",
                "vision",
                "source",
            }
        )
        values["parent"] = self.plan_by_slug(p.parent, p, "parent") if p.parent else None
        values["predecessor"] = (
            self.plan_by_slug(p.predecessor, p, "predecessor") if p.predecessor else None
        )
        plan = self.upsert(Plan, p, {"organisation": self.org, "slug": p.slug}, values)
        self.plans[p.slug] = plan
        self.write_themes(plan, None, p.themes)
        for order, a in enumerate(p.actions, start=1):
            self.write_action(plan, None, order, a)

    def write_themes(self, plan: Plan, parent: Theme | None, themes: list[s.ThemeIn]) -> None:
        for order, t in enumerate(themes, start=1):
            values = {
                "kind": t.kind,
                "reference": t.reference,
                "description": t.description,
                "order": order,
            }
            theme = self.upsert(
                Theme, t, {"plan": plan, "parent": parent, "title": t.title}, values
            )
            self.write_themes(plan, theme, t.children)

    def link_themes(self, p: s.PlanIn) -> None:
        """Link outcomes to the outcomes of other plans they serve, once every plan is written."""

        def walk(themes: list[s.ThemeIn], path: list[str]) -> None:
            for t in themes:
                here = [*path, t.title]
                if t.contributes_to:
                    theme = self.theme(self.plans[p.slug], here, t)
                    targets = [
                        self.theme(self.plan_by_slug(r.plan, r, "contributes_to"), r.path, r)
                        for r in t.contributes_to
                    ]
                    self.set_many(theme, "contributes_to", targets)
                walk(t.children, here)

        walk(p.themes, [])

    def theme(self, plan: Plan, path: list[str], item: s.Item) -> Theme:
        """The theme at ``path`` (top-level title first) in ``plan``."""
        found: Theme | None = None
        for title in path:
            found = Theme.objects.filter(plan=plan, parent=found, title=title).first()
            if found is None:
                raise self.problem(
                    f'Unknown theme "{" > ".join(path)}" in plan "{plan.slug}".', item, "themes"
                )
        if found is None:
            raise self.problem("A theme path needs at least one title.", item, "themes")
        return found

    def match_action(self, plan: Plan, reference: str, title: str, item: s.Item) -> Action | None:
        """The plan's action by reference, exact title, or most similar title (noted to check)."""
        if reference:
            return Action.objects.filter(plan=plan, reference=reference).first()
        exact = Action.objects.filter(plan=plan, title=title).first()
        if exact is not None:
            return exact
        if plan.pk not in self.action_titles:
            self.action_titles[plan.pk] = [(a.title, a) for a in plan.actions.all()]
        match = best_match(title, self.action_titles[plan.pk])
        if match is None:
            return None
        if fold_title(match.title) != fold_title(title):
            self.result.matches.append(
                MatchNote("action", item.line, title, match.title, match.score)
            )
        return match.candidate

    def action(self, plan: Plan, reference: str, title: str, item: s.Item) -> Action:
        """As ``match_action``, but an action that is not there is a problem at ``item``."""
        found = self.match_action(plan, reference, title, item)
        if found is None:
            raise self.problem(
                f'No action "{reference or title}" in plan "{plan.slug}".', item, "action"
            )
        return found

    def carried_forward(self, predecessor: Plan, a: s.ActionIn) -> Action | None:
        """The predecessor's action a refreshed action continues: surely alike, not yet taken."""
        candidates = [
            (earlier.title, earlier) for earlier in predecessor.actions.filter(parent=None)
        ]
        match = best_match(a.title, candidates)
        if match is None:
            return None
        if fold_title(match.title) != fold_title(a.title):
            note = MatchNote("carried forward", a.line, a.title, match.title, match.score)
            self.result.matches.append(note)
        if not match.sure or match.candidate.pk in self.carried:
            return None
        self.carried.add(match.candidate.pk)
        return match.candidate

    def write_action(self, plan: Plan, parent: Action | None, order: int, a: s.ActionIn) -> None:
        values: dict[str, Any] = a.model_dump(
            include={
                "title",
                "description",
                "success_criteria",
                "expected_differences",
                "funding_category",
                "other_links",
            }
        )
        values |= {
            "start": plan.read_timescale(a.start),
            "expected_completion": plan.read_timescale(a.expected_completion),
            "stage": a.stage or "",
            "parent": parent,
            "order": order,
            "source": f"{self.doc.source}:{a.line}" if a.line else self.doc.source,
        }
        if not a.carried_forward_from and plan.predecessor is not None and parent is None:
            earlier = self.carried_forward(plan.predecessor, a)
            if earlier is not None:
                values |= {"carried_forward_from": earlier, "lineage": earlier.lineage}
        elif a.carried_forward_from:
            if plan.predecessor is None:
                raise self.problem(
                    "Carried forward, but the plan has no predecessor.", a, "carried_forward_from"
                )
            earlier = self.action(
                plan.predecessor, a.carried_forward_from, a.carried_forward_from, a
            )
            values |= {"carried_forward_from": earlier, "lineage": earlier.lineage}
        key: dict[str, Any] = (
            {"plan": plan, "reference": a.reference}
            if a.reference
            else {"plan": plan, "title": a.title, "parent": parent}
        )
        timescales = {name: values[name] for name in ("start", "expected_completion")}
        before = self.revised_timescales_before(Action, key, timescales)
        action = self.upsert(Action, a, key, values, dated={"stage": "stage_since"})
        self.record_revisions(action, before, timescales, "")
        self.action_titles.pop(plan.pk, None)
        self.set_many(action, "themes", [self.theme(plan, path, a) for path in a.themes])
        self.set_many(action, "portfolios", self.named(Portfolio, a.portfolios, a, "portfolios"))
        self.set_many(
            action, "departments", self.named(Department, a.departments, a, "departments")
        )
        self.set_many(
            action, "lead_officers", self.named(Officer, a.lead_officers, a, "lead_officers")
        )
        for m_order, m in enumerate(a.milestones, start=1):
            due = plan.read_timescale(m.due)
            values = {"due": due, "completed_on": m.completed_on, "order": m_order}
            m_key = {"action": action, "title": m.title}
            before = self.revised_timescales_before(Milestone, m_key, {"due": due})
            self.upsert(Milestone, m, m_key, values)
            self.record_revisions(action, before, {"due": due}, f'Milestone "{m.title}": ')
        for sub_order, sub in enumerate(a.sub_actions, start=1):
            self.write_action(plan, action, sub_order, sub)

    def revised_timescales_before(
        self, model: type[Action] | type[Milestone], key: dict[str, Any], timescales: dict[str, Any]
    ) -> dict[str, str] | None:
        """The stored text of the row's timescales, looked up only when one is revised
        (None when the row is new)."""
        if not any(t.revised_from for t in timescales.values()):
            return {}
        row = model._default_manager.filter(**key).first()
        return None if row is None else {name: getattr(row, name).text for name in timescales}

    def record_revisions(
        self,
        action: Action,
        before: dict[str, str] | None,
        timescales: dict[str, FuzzyDate],
        what: str,
    ) -> None:
        """Keep the original date of each revised timescale the import writes in the action's
        history ("June 2024 (was March 2024)": March 2024), once, when it is written."""
        for name, timescale in timescales.items():
            original = timescale.revised_from
            if original is None or (before is not None and before.get(name) == timescale.text):
                continue
            label = name.replace("_", " ")
            record(
                user=None,
                organisation=self.org,
                verb=Verb.CHANGED,
                summary=f"{what}{label} revised from {original.text} to {timescale.text}",
                action=action,
                changes={name: [original.text, timescale.text]},
                reason=f"Imported from {self.doc.source}",
            )
