"""Admin for reporting periods and action updates."""

from django.contrib import admin

from .models import ActionUpdate, ReportingPeriod


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin[ReportingPeriod]):
    list_display = ["__str__", "organisation", "deadline", "is_locked"]
    list_filter = ["organisation", "period_kind", "period_year", "is_locked"]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(admin.ModelAdmin[ActionUpdate]):
    list_display = ["action", "reporting_period", "version", "progress_rating", "status", "state"]
    list_filter = [
        "action__plan__organisation",
        "action__plan",
        "action__themes",
        "action__portfolios",
        "action__departments",
        "reporting_period",
        "status",
        "progress_rating",
        "state",
    ]
    search_fields = ["action__title", "action__reference", "commentary"]
    autocomplete_fields = ["action"]
    raw_id_fields = ["submitted_by", "approved_by"]
    list_select_related = ["action", "reporting_period"]
