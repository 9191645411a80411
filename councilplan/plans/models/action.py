"""Actions (must dos, deliverables), their milestones and budgets."""

import uuid

from django.db import models
from django.db.models import F, Q

from councilplan.core.fields import FuzzyDateField
from councilplan.domain.fuzzy_dates import FuzzyDate
from councilplan.domain.status import Stage

from .organisation import Department, Officer, Portfolio
from .plan import Plan, Theme


class FundingCategory(models.TextChoices):
    """Source of finance, as in the 2006-09 Corporate Plan."""

    FUNDED = "A", "A: funded"
    NEEDS_FUNDING = "B", "B: needs significant additional funding"
    EXTERNAL_UNCONFIRMED = "C", "C: needs external funding not yet confirmed"


def read_in_plan(timescale: FuzzyDate, plan: Plan) -> FuzzyDate:
    """The timescale's text read again against ``plan`` (its start and end)."""
    return plan.read_timescale(timescale.text) if timescale.text else timescale


class Action(models.Model):
    """The unit of delivery: what the council will do, who owns it, and by when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    lineage = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        db_index=True,
        help_text="Shared by an action and those carried forward from it, across renumbering.",
    )
    reference = models.CharField(max_length=20, blank=True, help_text='e.g. "1.1".')
    title = models.TextField()
    description = models.TextField(blank=True)
    success_criteria = models.TextField("how success will be measured", blank=True)
    expected_differences = models.TextField("the differences you will see", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    portfolios = models.ManyToManyField(Portfolio, blank=True, related_name="actions")
    departments = models.ManyToManyField(Department, blank=True, related_name="actions")
    lead_officers = models.ManyToManyField(Officer, blank=True, related_name="actions")
    start = FuzzyDateField()
    expected_completion = FuzzyDateField(
        help_text='The timescale as written, e.g. "Ongoing through to March 2022".'
    )
    funding_category = models.CharField(max_length=1, choices=FundingCategory.choices, blank=True)
    other_links = models.JSONField(
        default=list, blank=True, help_text="Strategies and plans it supports, as free tags."
    )
    stage = models.CharField(max_length=16, choices=Stage.choices(), blank=True)
    stage_since = models.DateField(
        null=True,
        blank=True,
        help_text=(
            "The date the stage holds from: the day it was recorded unless you know better. A "
            "period judged as at an earlier date does not read it, but what was reported then."
        ),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sub_actions",
        help_text="The action this is a sub-deliverable of.",
    )
    carried_forward_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_forward_to",
        help_text="The same action in the predecessor plan.",
    )
    order = models.PositiveIntegerField(default=0)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it was read from: file and line."
    )

    class Meta:
        ordering = ["plan_id", "order", "reference", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "reference"],
                condition=~Q(reference=""),
                name="action_unique_reference",
            ),
            models.UniqueConstraint(
                fields=["plan", "lineage"], name="action_lineage_once_per_plan"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="action_not_own_parent"),
            models.CheckConstraint(
                condition=~Q(carried_forward_from=F("id")), name="action_not_carried_from_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip() if self.reference else self.title

    def clean(self) -> None:
        """Read the timescales against the plan, however they were entered (form, import)."""
        super().clean()
        if self.plan_id is not None:
            self.start = read_in_plan(self.start, self.plan)
            self.expected_completion = read_in_plan(self.expected_completion, self.plan)


class Milestone(models.Model):
    """A dated step of an action: "Secure planning consent - September 2019"."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.TextField()
    due = FuzzyDateField()
    completed_on = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["action_id", "order", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.due.text})" if self.due.text else self.title

    def clean(self) -> None:
        """Read the due date against the action's plan ("Year 2", "Within 6 months")."""
        super().clean()
        if self.action_id is not None:
            self.due = read_in_plan(self.due, self.action.plan)


class ActionBudget(models.Model):
    """Money for an action in one financial year."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveSmallIntegerField(help_text="Financial year starting: 2020 for 2020/21.")
    allocated = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    spent = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    savings = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["action_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="budget_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.year}"
