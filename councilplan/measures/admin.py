"""Admin for measures, with their targets, observations and comparators inline."""

from django.contrib import admin

from .models import ComparatorValue, Measure, Observation, Target

PERIOD_FIELDS = ["period_kind", "period_year", "period_number"]


class TargetInline(admin.TabularInline[Target, Measure]):
    model = Target
    fields = [
        *PERIOD_FIELDS,
        "value",
        "suspended_reason",
        "tolerance",
        "tolerance_is_percent",
        "baseline",
        "baseline_year",
        "interpolate",
        "reward_threshold",
    ]
    extra = 0


class ObservationInline(admin.TabularInline[Observation, Measure]):
    model = Observation
    fields = [
        *PERIOD_FIELDS,
        "value",
        "no_value_reason",
        "numerator",
        "denominator",
        "data_note",
        "is_provisional",
    ]
    extra = 0


class ComparatorValueInline(admin.TabularInline[ComparatorValue, Measure]):
    model = ComparatorValue
    fields = [*PERIOD_FIELDS, "kind", "area_name", "gss_code", "value"]
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin[Measure]):
    list_display = ["title", "code", "national_id", "unit", "polarity", "frequency", "organisation"]
    list_filter = [
        "organisation",
        "actions__plan",
        "themes",
        "actions__portfolios",
        "owner",
        "polarity",
        "frequency",
        "reporting_level",
    ]
    search_fields = ["title", "code", "national_id", "definition"]
    autocomplete_fields = ["owner", "actions", "themes"]
    inlines = [TargetInline, ObservationInline, ComparatorValueInline]
