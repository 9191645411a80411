"""The plan register: who the council is, its plans, themes, actions and milestones."""

from .action import Action, ActionBudget, FundingCategory, Milestone
from .organisation import Councillor, Department, Officer, Organisation, Portfolio
from .plan import Plan, PlanKind, PlanStatus, Theme, ThemeKind

__all__ = [
    "Action",
    "ActionBudget",
    "Councillor",
    "Department",
    "FundingCategory",
    "Milestone",
    "Officer",
    "Organisation",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "Portfolio",
    "Theme",
    "ThemeKind",
]
