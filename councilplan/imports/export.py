"""An organisation's plans, measures and results out of the database as a ``PlanDocument``.

The inverse of the writer: applying the document to the database it came from changes nothing,
and applying it to an empty one makes the same rows. Timescales go out as the text the council
wrote. Each kind of row is read in one query (with its links prefetched), so the number of
queries does not grow with the number of plans, actions or measures.
"""

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, TypeVar, overload

from django.db import models
from django.db.models import Prefetch, Q

from councilplan.core.models import ReviewState
from councilplan.domain.status import ProgressRating, RagStatus, Stage
from councilplan.imports import structure as s
from councilplan.measures.models import Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Department, Organisation, Plan, Theme

from .writer.results import MEASURE_FIELDS

Row = TypeVar("Row", Plan, Department)
PLAN_FIELDS = {"slug", "title", "kind", "first_year", "last_year", "status", "approved_by"}
PLAN_FIELDS |= {"approved_on", "is_published", "vision", "source"}
ACTION_FIELDS = {"reference", "title", "description", "success_criteria"}
ACTION_FIELDS |= {"expected_differences", "funding_category"}


def document_from_database(
    organisation: Organisation, *, plans: list[Plan] | None = None
) -> s.PlanDocument:
    """The organisation with its plans (all, or ``plans``), measures, periods and updates."""
    chosen = _plans(organisation, plans)
    themes = _ThemePaths(organisation)
    actions = _Actions(chosen)
    return s.PlanDocument(
        organisation=_organisation(organisation),
        plans=[_plan(plan, themes, actions) for plan in chosen],
        measures=_measures(organisation, None if plans is None else chosen, themes),
        reporting_periods=[
            s.ReportingPeriodIn(period=rp.period.code, deadline=rp.deadline, is_locked=rp.is_locked)
            for rp in ReportingPeriod.objects.filter(organisation=organisation)
        ],
        updates=_updates(chosen, actions),
    )


def _fields(row: models.Model, names: set[str]) -> dict[str, Any]:
    """The values of these fields of a row, for the item that has fields of the same names."""
    return {name: getattr(row, name) for name in names}


@overload
def _plain(value: Decimal) -> Decimal: ...


@overload
def _plain(value: Decimal | None) -> Decimal | None: ...


def _plain(value: Decimal | None) -> Decimal | None:
    """A decimal without the database's trailing zeros: 590, not 590.000000."""
    return None if value is None else Decimal(format(value.normalize(), "f"))


def _parents_first(items: list[Row], needs: Callable[[Row], list[int | None]]) -> list[Row]:
    """The rows ordered so that each comes after the rows it names (a directorate, a plan)."""
    by_id = {item.pk: item for item in items}
    done: dict[int, Row] = {}

    def visit(item: Row, seen: set[int]) -> None:
        if item.pk in done or item.pk in seen:
            return
        seen.add(item.pk)
        for pk in needs(item):
            if pk in by_id:
                visit(by_id[pk], seen)
        done[item.pk] = item

    for item in items:
        visit(item, set())
    return list(done.values())


def _organisation(org: Organisation) -> s.OrganisationIn:
    departments = _parents_first(
        list(org.departments.select_related("parent")), lambda d: [d.parent_id]
    )
    return s.OrganisationIn(
        name=org.name,
        slug=org.slug,
        gss_code=org.gss_code,
        councillors=[s.CouncillorIn(name=c.name, role=c.role) for c in org.councillors.all()],
        portfolios=[
            s.PortfolioIn(
                name=p.name,
                short_name=p.short_name,
                cabinet_member=p.cabinet_member.name if p.cabinet_member else "",
            )
            for p in org.portfolios.select_related("cabinet_member")
        ],
        departments=[
            s.DepartmentIn(
                name=d.name,
                abbreviation=d.abbreviation,
                directorate=d.parent.name if d.parent else "",
            )
            for d in departments
        ],
        officers=[
            s.OfficerIn(name=o.name, job_title=o.job_title, email=o.email)
            for o in org.officers.all()
        ],
    )


def _plans(org: Organisation, plans: list[Plan] | None) -> list[Plan]:
    """The plans to export, each after the plans it cascades from or refreshes."""
    query = Plan.objects.filter(organisation=org).select_related("parent", "predecessor")
    if plans is not None:
        query = query.filter(pk__in=[plan.pk for plan in plans])
        if len(query) != len({plan.pk for plan in plans}):
            raise ValueError(f"Every plan must be one of {org.name}'s.")
    found = sorted(query, key=lambda plan: (plan.first_year, plan.slug))
    return _parents_first(found, lambda plan: [plan.parent_id, plan.predecessor_id])


class _ThemePaths:
    """Every theme of the organisation, to name any of them by plan and path."""

    def __init__(self, org: Organisation) -> None:
        self.themes = {
            theme.pk: theme
            for theme in Theme.objects.filter(plan__organisation=org)
            .select_related("plan")
            .prefetch_related("contributes_to")
        }
        self.children: dict[tuple[int, int | None], list[Theme]] = {}
        for theme in self.themes.values():
            self.children.setdefault((theme.plan_id, theme.parent_id), []).append(theme)

    def path(self, theme: Theme) -> list[str]:
        """Titles from the top of the tree down to ``theme``."""
        titles = [theme.title]
        while theme.parent_id is not None:
            theme = self.themes[theme.parent_id]
            titles.insert(0, theme.title)
        return titles

    def refs(self, themes: Iterable[Theme]) -> list[s.ThemeRef]:
        """References to themes of any of the organisation's plans, in a stable order."""
        refs = [
            s.ThemeRef(plan=self.themes[t.pk].plan.slug, path=self.path(self.themes[t.pk]))
            for t in themes
        ]
        return sorted(refs, key=lambda ref: (ref.plan, ref.path))

    def tree(self, plan: Plan, parent_id: int | None = None) -> list[s.ThemeIn]:
        """The plan's themes under ``parent_id``, nested."""
        return [
            s.ThemeIn(
                title=t.title,
                kind=t.kind,
                reference=t.reference,
                description=t.description,
                children=self.tree(plan, t.pk),
                contributes_to=self.refs(t.contributes_to.all()),
            )
            for t in self.children.get((plan.pk, parent_id), [])
        ]


def _action_ref(action: Action) -> s.ActionRef:
    """An action named by its plan and reference, or its title where it has none."""
    if action.reference:
        return s.ActionRef(plan=action.plan.slug, reference=action.reference)
    return s.ActionRef(plan=action.plan.slug, title=action.title)


class _Actions:
    """The chosen plans' actions with their links, by plan and parent."""

    def __init__(self, plans: list[Plan]) -> None:
        self.below: dict[tuple[int, int | None], list[Action]] = {}
        for action in (
            Action.objects.filter(plan__in=plans)
            .select_related("plan", "carried_forward_from")
            .prefetch_related("themes", "portfolios", "departments", "lead_officers", "milestones")
            .order_by("order", "reference", "id")
        ):
            self.below.setdefault((action.plan_id, action.parent_id), []).append(action)

    def under(self, plan: Plan, parent: Action | None = None) -> list[Action]:
        """The actions of ``plan`` directly under ``parent`` (its top level for None), in order."""
        return self.below.get((plan.pk, parent.pk if parent else None), [])

    def tree_order(self, plans: list[Plan]) -> list[Action]:
        """Every action, plan by plan, each before its sub-actions."""

        def walk(plan: Plan, parent: Action | None) -> list[Action]:
            return [a for top in self.under(plan, parent) for a in (top, *walk(plan, top))]

        return [action for plan in plans for action in walk(plan, None)]


def _plan(plan: Plan, themes: _ThemePaths, actions: _Actions) -> s.PlanIn:
    return s.PlanIn(
        **_fields(plan, PLAN_FIELDS),
        parent=plan.parent.slug if plan.parent else "",
        predecessor=plan.predecessor.slug if plan.predecessor else "",
        themes=themes.tree(plan),
        actions=[_action(action, themes, actions) for action in actions.under(plan)],
    )


def _action(action: Action, themes: _ThemePaths, actions: _Actions) -> s.ActionIn:
    earlier = action.carried_forward_from
    return s.ActionIn(
        **_fields(action, ACTION_FIELDS),
        themes=sorted(themes.path(themes.themes[t.pk]) for t in action.themes.all()),
        portfolios=sorted(p.name for p in action.portfolios.all()),
        departments=sorted(d.name for d in action.departments.all()),
        lead_officers=sorted(o.name for o in action.lead_officers.all()),
        start=action.start.text,
        expected_completion=action.expected_completion.text,
        other_links=list(action.other_links),
        stage=Stage(action.stage) if action.stage else None,
        carried_forward_from=(earlier.reference or earlier.title) if earlier else "",
        milestones=[
            s.MilestoneIn(title=m.title, due=m.due.text, completed_on=m.completed_on)
            for m in action.milestones.all()
        ],
        sub_actions=[_action(sub, themes, actions) for sub in actions.under(action.plan, action)],
    )


def _measures(
    org: Organisation, plans: list[Plan] | None, themes: _ThemePaths
) -> list[s.MeasureIn]:
    """The organisation's measures; with ``plans``, those evidencing their actions or themes."""
    query = Measure.objects.filter(organisation=org)
    if plans is not None:
        query = query.filter(Q(actions__plan__in=plans) | Q(themes__plan__in=plans)).distinct()
    query = query.select_related("owner").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("plan")),
        "themes",
        "portfolios",
        "targets",
        Prefetch(
            "observations",
            queryset=Observation.objects.filter(state=ReviewState.APPROVED),
        ),
        "comparator_values",
    )
    return [_measure(measure, themes) for measure in query]


def _measure(measure: Measure, themes: _ThemePaths) -> s.MeasureIn:
    actions = sorted(
        (_action_ref(a) for a in measure.actions.all()),
        key=lambda ref: (ref.plan, ref.reference, ref.title),
    )
    return s.MeasureIn(
        **_fields(measure, MEASURE_FIELDS),
        code=measure.code,
        target_profile=measure.target_profile or None,
        owner=measure.owner.name if measure.owner else "",
        actions=actions,
        themes=themes.refs(measure.themes.all()),
        portfolios=sorted(p.name for p in measure.portfolios.all()),
        targets=[_target(t) for t in measure.targets.all()],
        observations=[_observation(o) for o in _latest_per_period(measure.observations.all())],
        comparators=[
            s.ComparatorIn(
                period=c.period.code,
                **_fields(c, {"kind", "area_name", "gss_code"}),
                value=_plain(c.value),
            )
            for c in sorted(
                measure.comparator_values.all(), key=lambda c: (c.period, c.kind, c.area_name)
            )
        ],
    )


def _target(t: Target) -> s.TargetIn:
    return s.TargetIn(
        period=t.period.code,
        value=_plain(t.value),
        suspended_reason=t.suspended_reason,
        tolerance=_plain(t.tolerance),
        tolerance_is_percent=t.tolerance_is_percent,
        rationale=t.rationale,
        baseline=_plain(t.baseline),
        baseline_year=t.baseline_year,
        interpolate=t.interpolate,
        reward_threshold=_plain(t.reward_threshold),
    )


def _observation(o: Observation) -> s.ObservationIn:
    return s.ObservationIn(
        period=o.period.code,
        value=_plain(o.value),
        no_value_reason=o.no_value_reason,
        numerator=_plain(o.numerator),
        denominator=_plain(o.denominator),
        data_note=o.data_note,
        is_provisional=o.is_provisional,
    )


def _latest_per_period(observations: Iterable[Observation]) -> list[Observation]:
    """The latest approved version of each period's value, in period order."""
    latest = {o.period: o for o in sorted(observations, key=lambda o: o.version)}
    return [latest[period] for period in sorted(latest)]


def _updates(plans: list[Plan], actions: _Actions) -> list[s.ActionUpdateIn]:
    """The latest approved update of each action in each period, in the order of the plans."""
    position = {action.pk: number for number, action in enumerate(actions.tree_order(plans))}
    latest: dict[tuple[int, int], ActionUpdate] = {}
    for update in (
        ActionUpdate.objects.filter(action__plan__in=plans, state=ReviewState.APPROVED)
        .select_related("action__plan", "reporting_period")
        .order_by("version")
    ):
        latest[(update.action_id, update.reporting_period_id)] = update
    ordered = sorted(
        latest.values(), key=lambda u: (position[u.action_id], u.reporting_period.period)
    )
    return [
        s.ActionUpdateIn(
            action=_action_ref(u.action),
            period=u.reporting_period.period.code,
            progress_rating=ProgressRating(u.progress_rating) if u.progress_rating else None,
            status=RagStatus(u.status) if u.status else None,
            is_dca=u.is_dca,
            percent_complete=u.percent_complete,
            commentary=u.commentary,
            mitigation=u.mitigation,
            next_steps=u.next_steps,
        )
        for u in ordered
    ]
