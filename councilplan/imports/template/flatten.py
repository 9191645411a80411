"""A normalised document as the template's tables: rows as dicts keyed by column key.

Nesting becomes columns that name the parent: a theme's path, an action's plan and parent, a
target's measure. ``assemble`` turns such rows back into the nested document.
"""

from collections.abc import Iterator
from typing import Any

from councilplan.imports import structure as s

Records = dict[str, list[dict[str, Any]]]


def action_key(reference: str, title: str) -> str:
    """How other rows name an action: its reference, or its title where it has none."""
    return reference or title


def measure_key(measure: s.MeasureIn) -> str:
    """How other rows name a measure: its code, or its title where it has none."""
    return measure.code or measure.title


def document_records(document: s.PlanDocument) -> Records:
    """Each table's rows for ``document``, by table name."""
    org = document.organisation
    records: Records = {
        "Organisation": [org.model_dump()],
        "Councillors": [item.model_dump() for item in org.councillors],
        "Portfolios": [item.model_dump() for item in org.portfolios],
        "Departments": [item.model_dump() for item in org.departments],
        "Officers": [item.model_dump() for item in org.officers],
        "Plans": [plan.model_dump() for plan in document.plans],
        "Themes": [],
        "Actions": [],
        "Milestones": [],
    }
    for plan in document.plans:
        records["Themes"].extend(_themes(plan.slug, plan.themes, []))
        for action, parent in _actions(plan.actions, ""):
            records["Actions"].append(_action(plan.slug, action, parent))
            records["Milestones"].extend(
                {"plan": plan.slug, "action": action_key(action.reference, action.title)}
                | milestone.model_dump()
                for milestone in action.milestones
            )
    records |= _measures(document.measures)
    records["Reporting periods"] = [period.model_dump() for period in document.reporting_periods]
    records["Updates"] = [
        update.model_dump()
        | {
            "plan": update.action.plan,
            "action": action_key(update.action.reference, update.action.title),
        }
        for update in document.updates
    ]
    return records


def _themes(plan: str, themes: list[s.ThemeIn], above: list[str]) -> Iterator[dict[str, Any]]:
    for theme in themes:
        path = [*above, theme.title]
        yield theme.model_dump() | {
            "plan": plan,
            "path": path,
            "contributes_to": [(ref.plan, ref.path) for ref in theme.contributes_to],
        }
        yield from _themes(plan, theme.children, path)


def _actions(actions: list[s.ActionIn], parent: str) -> Iterator[tuple[s.ActionIn, str]]:
    """Every action and sub-action, each before its sub-actions, with its parent's key."""
    for action in actions:
        yield action, parent
        yield from _actions(action.sub_actions, action_key(action.reference, action.title))


def _action(plan: str, action: s.ActionIn, parent: str) -> dict[str, Any]:
    return action.model_dump(exclude={"milestones", "sub_actions"}) | {
        "plan": plan,
        "parent": parent,
    }


def _measures(measures: list[s.MeasureIn]) -> Records:
    records: Records = {"Measures": [], "Targets": [], "Observations": [], "Comparators": []}
    for measure in measures:
        records["Measures"].append(
            measure.model_dump()
            | {
                "actions": [(r.plan, action_key(r.reference, r.title)) for r in measure.actions],
                "themes": [(r.plan, r.path) for r in measure.themes],
            }
        )
        named = {"measure": measure_key(measure)}
        records["Targets"].extend(named | item.model_dump() for item in measure.targets)
        records["Observations"].extend(named | item.model_dump() for item in measure.observations)
        records["Comparators"].extend(named | item.model_dump() for item in measure.comparators)
    return records
