"""Reads of the plan register, with the prefetching their pages need."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from .models import Action, Plan, Theme


def published_plans() -> QuerySet[Plan]:
    """Every published plan of every organisation, for the public front page."""
    return Plan.objects.published().select_related("organisation")


def plan_actions(plan: Plan) -> QuerySet[Action]:
    """A plan's actions with everything a list of them shows: owners, themes, milestones."""
    return (
        plan.actions.all()
        .select_related("parent", "carried_forward_from")
        .prefetch_related(
            "themes", "portfolios", "departments", "lead_officers", "milestones", "sub_actions"
        )
    )


def theme_tree(plan: Plan) -> list[tuple[Theme, int]]:
    """The plan's themes in reading order, each with its depth (0 for a top-level theme)."""
    themes = list(plan.themes.all())
    children: dict[int | None, list[Theme]] = {}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)
    ordered: list[tuple[Theme, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for theme in sorted(children.get(parent_id, []), key=lambda t: (t.order, t.title)):
            ordered.append((theme, depth))
            walk(theme.pk, depth + 1)

    walk(None, 0)
    return ordered


def linked(actions: Iterable[Action], link: str, field: str) -> dict[int, list[Any]]:
    """For each of ``actions`` (by id), ``field`` of each row it is linked to by the many-to-many
    ``link`` (``"themes", "theme_id"``; ``"portfolios", "portfolio__name"``), as plain values:
    for a page that only counts by them, cheaper than a prefetch of model instances."""
    through = getattr(Action, link).through
    found: dict[int, list[Any]] = {}
    rows = through.objects.filter(action_id__in=[a.pk for a in actions]).order_by("pk")
    for action_id, value in rows.values_list("action_id", field):
        found.setdefault(action_id, []).append(value)
    return found
