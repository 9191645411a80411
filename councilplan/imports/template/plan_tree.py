"""One plan's theme tree and actions (with sub-actions and milestones) from template rows.

Rows name their parent (a theme by its path, a sub-action by its action's reference or title);
here they are put back into the nested shape of the normalised structure, and every name a row
gives for a theme or action of this plan is checked against the plan's own rows.
"""

from collections.abc import Callable

from councilplan.imports import structure as s

from .grid import Row

ThemeRefs = Callable[[Row, str, list[tuple[str, list[str]]]], list[s.ThemeRef]]


def show_path(path: tuple[str, ...] | list[str]) -> str:
    """A theme path as the template writes it."""
    return " > ".join(path)


class PlanParts:
    """The rows of one plan in the file, and the lookups for naming its themes and actions."""

    def __init__(self, plan: s.PlanIn) -> None:
        self.plan = plan
        self.themes: list[Row] = []
        self.actions: list[Row] = []
        self.milestones: list[Row] = []
        self.paths: set[tuple[str, ...]] = set()
        self._by_reference: dict[str, int] = {}
        self._by_title: dict[str, list[int]] = {}

    def index(self) -> None:
        """Note each theme path and action reference and title, checking each is there once."""
        for row in self.themes:
            path = tuple(row.require("path"))
            if path in self.paths:
                raise row.problem("path", f'The theme "{show_path(path)}" is already above.')
            if path[:-1] and path[:-1] not in self.paths:
                message = f'Its parent theme "{show_path(path[:-1])}" is not above it.'
                raise row.problem("path", message)
            self.paths.add(path)
        for number, row in enumerate(self.actions):
            reference = row.get("reference", "")
            if reference in self._by_reference:
                message = f'Reference "{reference}" is already used in plan "{self.plan.slug}".'
                raise row.problem("reference", message)
            if reference:
                self._by_reference[reference] = number
            self._by_title.setdefault(row.require("title"), []).append(number)

    def find_action(self, row: Row, key: str, text: str) -> int:
        """The action named by ``text`` (reference, else title) in the column ``key`` of ``row``."""
        if text in self._by_reference:
            return self._by_reference[text]
        found = self._by_title.get(text, [])
        if len(found) > 1:
            message = f'Several actions of plan "{self.plan.slug}" have this title: use references.'
            raise row.problem(key, message)
        if not found:
            message = f'No action "{text}" in plan "{self.plan.slug}" in the Actions table.'
            raise row.problem(key, message)
        return found[0]

    def action_ref(self, number: int) -> tuple[str, str]:
        """(reference, title) naming action ``number``: the reference, or the title if none."""
        row = self.actions[number]
        reference = row.get("reference", "")
        return (reference, "") if reference else ("", row.values["title"])

    def theme_tree(self, theme_refs: ThemeRefs) -> list[s.ThemeIn]:
        """The plan's themes, nested; parents come above their children in the rows."""
        children: dict[tuple[str, ...], list[s.ThemeIn]] = {}
        for row in reversed(self.themes):
            path = tuple(row.values["path"])
            theme = row.build(
                s.ThemeIn,
                **row.fields_but("plan", "path", "contributes_to"),
                title=path[-1],
                children=children.pop(path, [])[::-1],
                contributes_to=theme_refs(row, "contributes_to", row.get("contributes_to", [])),
            )
            children.setdefault(path[:-1], []).append(theme)
        return children.get((), [])[::-1]

    def action_tree(self) -> list[s.ActionIn]:
        """The plan's actions, each with its milestones and sub-actions."""
        below: dict[int | None, list[int]] = {}
        for number, row in enumerate(self.actions):
            parent = (
                self.find_action(row, "parent", row.values["parent"])
                if "parent" in row.values
                else None
            )
            below.setdefault(parent, []).append(number)
            for path in row.get("themes", []):
                if tuple(path) not in self.paths:
                    message = f'No theme "{show_path(path)}" in plan "{self.plan.slug}".'
                    raise row.problem("themes", message)
        order = self._top_down(below)
        milestones = self._milestones()
        built: dict[int, s.ActionIn] = {}
        for number in reversed(order):
            row = self.actions[number]
            built[number] = row.build(
                s.ActionIn,
                **row.fields_but("plan", "parent"),
                milestones=milestones.get(number, []),
                sub_actions=[built[child] for child in below.get(number, [])],
            )
        return [built[number] for number in below.get(None, [])]

    def _top_down(self, below: dict[int | None, list[int]]) -> list[int]:
        """Actions in tree order from the top; an action that is its own ancestor is a problem."""
        order: list[int] = []
        waiting = list(reversed(below.get(None, [])))
        while waiting:
            number = waiting.pop()
            order.append(number)
            waiting.extend(reversed(below.get(number, [])))
        if len(order) < len(self.actions):
            first = min(set(range(len(self.actions))) - set(order))
            raise self.actions[first].problem("parent", "The parents of this action make a loop.")
        return order

    def _milestones(self) -> dict[int, list[s.MilestoneIn]]:
        by_action: dict[int, list[s.MilestoneIn]] = {}
        for row in self.milestones:
            number = self.find_action(row, "action", row.require("action"))
            milestone = row.build(s.MilestoneIn, **row.fields_but("plan", "action"))
            by_action.setdefault(number, []).append(milestone)
        return by_action
