"""The template's tables, as read, back into one normalised ``PlanDocument``.

Rows that name another row (a theme path, an action, a measure) are checked against the file:
an action of a plan in the file, and every measure, must be in it. A plan that is not in the
file may be named where the structure allows it (a measure's actions and themes, an update,
a theme it contributes to); the writer then looks for it in the database.
"""

from councilplan.imports import structure as s

from .grid import Row, Sheet
from .plan_tree import PlanParts, show_path

MEASURE_VALUES = (
    ("Targets", s.TargetIn, "targets"),
    ("Observations", s.ObservationIn, "observations"),
    ("Comparators", s.ComparatorIn, "comparators"),
)


def assemble(sheets: dict[str, Sheet], source: str) -> s.PlanDocument:
    """The normalised document the template's tables (by table name) hold."""
    return _Assembly(sheets).document(source)


def _looks_like_reference(text: str) -> bool:
    """Whether an action's name in another plan is a reference ("1.1", "AHH2") or a title."""
    return len(text) <= 20 and not any(char.isspace() for char in text)


class _Assembly:
    """One reading of one file's tables."""

    def __init__(self, sheets: dict[str, Sheet]) -> None:
        self.sheets = sheets
        self.plans: dict[str, PlanParts] = {}

    def document(self, source: str) -> s.PlanDocument:
        organisation = self._organisation()
        self._plans()
        plans = [
            parts.plan.model_copy(
                update={
                    "themes": parts.theme_tree(self.theme_refs),
                    "actions": parts.action_tree(),
                }
            )
            for parts in self.plans.values()
        ]
        return s.PlanDocument(
            source=source,
            organisation=organisation,
            plans=plans,
            measures=self._measures(),
            reporting_periods=self.sheets["Reporting periods"].items(s.ReportingPeriodIn),
            updates=self._updates(),
        )

    def _organisation(self) -> s.OrganisationIn:
        sheet = self.sheets["Organisation"]
        if len(sheet.rows) != 1:
            raise sheet.problem(f"Needs exactly one row, the council's; it has {len(sheet.rows)}.")
        row = sheet.rows[0]
        return row.build(
            s.OrganisationIn,
            **row.fields_but(),
            councillors=self.sheets["Councillors"].items(s.CouncillorIn),
            portfolios=self.sheets["Portfolios"].items(s.PortfolioIn),
            departments=self.sheets["Departments"].items(s.DepartmentIn),
            officers=self.sheets["Officers"].items(s.OfficerIn),
        )

    def _plans(self) -> None:
        for row in self.sheets["Plans"].rows:
            plan = row.build(s.PlanIn, **row.fields_but())
            if plan.slug in self.plans:
                raise row.problem("slug", f'Plan "{plan.slug}" is already above.')
            self.plans[plan.slug] = PlanParts(plan)
        for name, rows in (
            ("Themes", "themes"),
            ("Actions", "actions"),
            ("Milestones", "milestones"),
        ):
            for row in self.sheets[name].rows:
                getattr(self._plan_of(row), rows).append(row)
        for parts in self.plans.values():
            parts.index()

    def _plan_of(self, row: Row) -> PlanParts:
        slug = row.require("plan")
        if slug not in self.plans:
            raise row.problem("plan", f'Plan "{slug}" is not in the Plans table.')
        return self.plans[slug]

    def theme_refs(self, row: Row, key: str, refs: list[tuple[str, list[str]]]) -> list[s.ThemeRef]:
        """Themes named in a row's column; those of plans in the file must be in it."""
        for plan, path in refs:
            if plan in self.plans and tuple(path) not in self.plans[plan].paths:
                raise row.problem(key, f'No theme "{show_path(path)}" in plan "{plan}".')
        return [s.ThemeRef(line=row.number, plan=plan, path=path) for plan, path in refs]

    def action_ref(self, row: Row, key: str, plan: str, text: str) -> s.ActionRef:
        """An action named in a row's column; one of a plan in the file must be in it."""
        if plan in self.plans:
            parts = self.plans[plan]
            reference, title = parts.action_ref(parts.find_action(row, key, text))
        else:
            reference, title = (text, "") if _looks_like_reference(text) else ("", text)
        return s.ActionRef(line=row.number, plan=plan, reference=reference, title=title)

    def _measures(self) -> list[s.MeasureIn]:
        rows = self.sheets["Measures"].rows
        by_code: dict[str, int] = {}
        by_title: dict[str, list[int]] = {}
        for number, row in enumerate(rows):
            code = row.get("code", "")
            if code in by_code:
                raise row.problem("code", f'Code "{code}" is already used above.')
            if code:
                by_code[code] = number
            by_title.setdefault(row.require("title"), []).append(number)
        values: list[dict[str, list[s.Item]]] = [{} for _ in rows]
        for name, model, field in MEASURE_VALUES:
            for row in self.sheets[name].rows:
                text = row.require("measure")
                found = [by_code[text]] if text in by_code else by_title.get(text, [])
                if len(found) != 1:
                    what = "Several measures have" if found else "No measure in Measures has"
                    raise row.problem("measure", f'{what} the code or title "{text}".')
                item = row.build(model, **row.fields_but("measure"))
                values[found[0]].setdefault(field, []).append(item)
        return [self._measure(row, values[number]) for number, row in enumerate(rows)]

    def _measure(self, row: Row, values: dict[str, list[s.Item]]) -> s.MeasureIn:
        actions = [
            self.action_ref(row, "actions", plan, text) for plan, text in row.get("actions", [])
        ]
        return row.build(
            s.MeasureIn,
            **row.fields_but("actions", "themes"),
            **values,
            actions=actions,
            themes=self.theme_refs(row, "themes", row.get("themes", [])),
        )

    def _updates(self) -> list[s.ActionUpdateIn]:
        return [
            row.build(
                s.ActionUpdateIn,
                **row.fields_but("plan", "action"),
                action=self.action_ref(row, "action", row.require("plan"), row.require("action")),
            )
            for row in self.sheets["Updates"].rows
        ]
