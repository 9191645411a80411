"""The delivery plan document, laid out like Derby's "Council Delivery Plan 2019/20".

First the theme index (each theme with its focus areas, then its actions and their
portfolios), then per cabinet portfolio the action tables: the action, how success will be
measured (with its milestones and their dates), timescale, department, accountable officer,
theme and focus. Timescales read as the council wrote them ("Summer 2019", "Ongoing").
"""

from __future__ import annotations

from datetime import date

from councilplan.domain.periods import Period
from councilplan.plans.models import Action, Theme
from councilplan.plans.selectors import theme_tree
from councilplan.reports.shape import Report, Section, Table

from .common import ReportScope, by_portfolio, joined, portfolio_heading

ACTION_COLUMNS = (
    "Action",
    "How will we measure success?",
    "Timescale",
    "Department",
    "Accountable officer",
    "Theme",
    "Focus",
)


def build(scope: ReportScope, period: Period, *, today: date) -> Report:
    """The scope's plan as a delivery plan document (``period`` and ``today`` are not used:
    the plan reads the same whatever the quarter)."""
    del period, today
    plan = scope.plan
    actions = list(
        scope.actions.prefetch_related(
            "themes__parent", "portfolios__cabinet_member", "departments", "lead_officers"
        ).prefetch_related("milestones")
    )
    sections = [theme_index(scope, actions)]
    for portfolio, group in by_portfolio(actions, lambda a: a.portfolios.all()):
        table = Table(
            caption=f"Actions of the {portfolio_heading(portfolio)} portfolio",
            header=ACTION_COLUMNS,
            rows=tuple(action_row(a) for a in group),
        )
        heading = portfolio_heading(portfolio, with_member=True)
        sections.append(Section(heading, tables=(table,)))
    return Report(
        title=plan.title,
        subtitle=f"{plan.organisation.name}, {plan.period_label}",
        introduction=(plan.vision,) if plan.vision else (),
        sections=tuple(sections),
    )


def theme_index(scope: ReportScope, actions: list[Action]) -> Section:
    """The plan's themes with their focus areas, and each theme's actions with portfolios."""
    tree = theme_tree(scope.plan)
    tops = [theme for theme, depth in tree if depth == 0]
    focus = Table(
        caption="Themes and their focus areas",
        header=("Theme", "Focus"),
        rows=tuple((t.title, joined(c.title for c in tree_children(t, tree))) for t in tops),
    )
    tables = [focus]
    for top in tops:
        under = {top.pk, *(c.pk for c in tree_children(top, tree))}
        rows = tuple(
            (a.title, joined(p.name for p in a.portfolios.all()))
            for a in actions
            if any(t.pk in under for t in a.themes.all())
        )
        if rows:
            tables.append(Table(caption=top.title, header=("Action", "Portfolio"), rows=rows))
    return Section("Delivery plan by theme", tables=tuple(tables))


def tree_children(top: Theme, tree: list[tuple[Theme, int]]) -> list[Theme]:
    """Every theme below ``top`` in the tree, in reading order."""
    below, inside = [], False
    for theme, depth in tree:
        if theme.pk == top.pk:
            inside = True
        elif inside and depth == 0:
            break
        elif inside:
            below.append(theme)
    return below


def action_row(action: Action) -> tuple[str, ...]:
    """One action as the portfolio tables print it."""
    milestones = [
        f"{m.title} ({m.due.text})" if m.due.text else m.title for m in action.milestones.all()
    ]
    success = "\n".join(milestones) if milestones else action.success_criteria
    themes = list(action.themes.all())
    top = [t.parent.title if t.parent else t.title for t in themes]
    focus = [t.title for t in themes if t.parent]
    return (
        action.title,
        success or "-",
        action.expected_completion.text or "-",
        joined(d.name for d in action.departments.all()),
        joined(o.name for o in action.lead_officers.all()),
        joined(top),
        joined(focus),
    )
