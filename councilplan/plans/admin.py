"""Admin for the plan register, laid out for a performance officer: search, filters, inlines."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from councilplan.core import clock

from .models import (
    Action,
    ActionBudget,
    Councillor,
    Department,
    Milestone,
    Officer,
    Organisation,
    Plan,
    Portfolio,
    Theme,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "gss_code"]
    search_fields = ["name", "gss_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Councillor)
class CouncillorAdmin(admin.ModelAdmin[Councillor]):
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "role"]


@admin.register(Portfolio)
class PortfolioAdmin(admin.ModelAdmin[Portfolio]):
    list_display = ["name", "short_name", "cabinet_member", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "short_name", "cabinet_member__name"]
    autocomplete_fields = ["cabinet_member"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin[Department]):
    list_display = ["name", "abbreviation", "parent", "organisation"]
    list_filter = ["organisation", "parent"]
    search_fields = ["name", "abbreviation"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin[Officer]):
    list_display = ["name", "job_title", "email", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["name", "job_title", "email"]
    raw_id_fields = ["user"]


class ThemeInline(admin.TabularInline[Theme, Plan]):
    model = Theme
    fields = ["title", "kind", "reference", "parent", "order"]
    extra = 0
    show_change_link = True


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["title", "organisation", "kind", "period_label", "status", "is_published"]
    list_filter = ["organisation", "kind", "status", "is_published"]
    search_fields = ["title", "vision"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["parent", "predecessor"]
    inlines = [ThemeInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin[Theme]):
    list_display = ["title", "kind", "parent", "plan", "order"]
    list_filter = ["plan__organisation", "plan", "kind"]
    search_fields = ["title", "reference"]
    autocomplete_fields = ["parent", "contributes_to"]


class MilestoneInline(admin.TabularInline[Milestone, Action]):
    model = Milestone
    fields = ["title", "due", "completed_on", "order"]
    extra = 1


class ActionBudgetInline(admin.TabularInline[ActionBudget, Action]):
    model = ActionBudget
    extra = 0


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin[Action]):
    list_display = ["__str__", "plan", "officers", "expected_completion_text", "stage"]
    list_filter = [
        "plan__organisation",
        "plan",
        "themes",
        "portfolios",
        "departments",
        "stage",
        "funding_category",
    ]
    search_fields = ["reference", "title", "success_criteria", "lead_officers__name"]
    autocomplete_fields = [
        "themes",
        "portfolios",
        "departments",
        "lead_officers",
        "parent",
        "carried_forward_from",
    ]
    inlines = [MilestoneInline, ActionBudgetInline]
    list_select_related = ["plan"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Action]:
        return super().get_queryset(request).prefetch_related("lead_officers")

    @admin.display(description="Accountable officer")
    def officers(self, action: Action) -> str:
        return ", ".join(officer.name for officer in action.lead_officers.all())

    @admin.display(description="Timescale")
    def expected_completion_text(self, action: Action) -> str:
        return action.expected_completion.text

    def save_model(self, request: HttpRequest, obj: Action, form: Any, change: bool) -> None:
        """A stage changed without a date of its own holds from today: earlier periods keep
        what was reported then."""
        if "stage" in form.changed_data and "stage_since" not in form.changed_data:
            obj.stage_since = clock.today() if obj.stage else None
        super().save_model(request, obj, form, change)
