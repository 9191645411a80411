"""Plans and their theme trees."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Q

from councilplan.domain.fuzzy_dates import FuzzyDate, parse_fuzzy_date
from councilplan.domain.periods import Period, PeriodKind

from .organisation import Organisation

if TYPE_CHECKING:
    from councilplan.accounts.models import User


class PlanKind(models.TextChoices):
    """Kinds of plan a council publishes; service plans cascade from the council plan."""

    COUNCIL_PLAN = "council_plan", "Council plan"
    DELIVERY_PLAN = "delivery_plan", "Delivery plan"
    CORPORATE_PLAN = "corporate_plan", "Corporate plan"
    REFRESH = "refresh", "Refresh"
    DIRECTORATE_BUSINESS_PLAN = "directorate_business_plan", "Directorate business plan"
    SERVICE_PLAN = "service_plan", "Service plan"
    PARTNERSHIP_PLAN = "partnership_plan", "Partnership plan"


class PlanStatus(models.TextChoices):
    """Where a plan is in its life: drafted, approved by Cabinet or Full Council, archived."""

    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    ARCHIVED = "archived", "Archived"


class PlanQuerySet(models.QuerySet["Plan"]):
    """Every query says whether it wants published plans or what a user may see."""

    def published(self) -> PlanQuerySet:
        """Plans residents may read: published, and approved or archived."""
        return self.filter(is_published=True).exclude(status=PlanStatus.DRAFT)

    def for_user(self, user: User) -> PlanQuerySet:
        """Plans a signed-in user may read: all for staff, published ones otherwise."""
        if user.is_active and user.is_staff:
            return self.all()
        return self.published()


class Plan(models.Model):
    """A council plan, delivery plan, refresh or service plan, covering whole financial years."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100)
    kind = models.CharField(max_length=32, choices=PlanKind.choices)
    first_year = models.PositiveSmallIntegerField(
        help_text="Financial year the plan starts: 2019 for 2019/20."
    )
    last_year = models.PositiveSmallIntegerField(
        help_text="Financial year the plan ends: 2022 for 2022/23."
    )
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_by = models.CharField(
        max_length=100, blank=True, help_text='e.g. "Cabinet", "Full Council".'
    )
    approved_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(
        default=False, help_text="Shown on the public progress site."
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The plan this one cascades from (a service plan's council plan).",
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        help_text="The plan this one refreshes or follows; actions may be carried forward from it.",
    )
    vision = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True, help_text="The document it came from.")

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-first_year", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="plan_unique_slug"),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")), name="plan_years_in_order"
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.DRAFT) | Q(is_published=False),
                name="plan_draft_not_published",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="plan_not_own_parent"),
            models.CheckConstraint(
                condition=~Q(predecessor=F("id")), name="plan_not_own_predecessor"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[Period]:
        """The financial years the plan covers."""
        return [Period(PeriodKind.YEAR, y, 0) for y in range(self.first_year, self.last_year + 1)]

    def read_timescale(self, text: str) -> FuzzyDate:
        """A timescale of this plan read against its period: "Year 1" and "Within 6 months"
        count from its first day, "through the plan period" ends on its last."""
        years = self.years
        return parse_fuzzy_date(text, plan_start=years[0].start, period_end=years[-1].end)

    @property
    def period_label(self) -> str:
        """The plan's span as councils write it: "2019/20" or "2019/20 to 2022/23"."""
        years = self.years
        return years[0].label if len(years) == 1 else f"{years[0].label} to {years[-1].label}"


class ThemeKind(models.TextChoices):
    """What a node of the theme tree is called in its plan."""

    THEME = "theme", "Theme"
    PRIORITY = "priority", "Priority"
    OBJECTIVE = "objective", "Objective"
    OUTCOME = "outcome", "Outcome"
    FOCUS_AREA = "focus_area", "Focus area"


class Theme(models.Model):
    """A node of a plan's theme tree: theme -> outcome / focus area, any depth, ordered."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    kind = models.CharField(max_length=16, choices=ThemeKind.choices, default=ThemeKind.THEME)
    reference = models.CharField(
        max_length=20, blank=True, help_text='e.g. "CYP1" in a Local Area Agreement.'
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    contributes_to = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="contributions",
        help_text="Outcomes of other plans it serves, e.g. an LAA outcome to a council objective.",
    )

    class Meta:
        ordering = ["plan_id", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "parent", "title"], name="theme_unique_title_under_parent"
            ),
            models.UniqueConstraint(
                fields=["plan", "title"],
                condition=Q(parent__isnull=True),
                name="theme_unique_top_level_title",
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="theme_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.title
