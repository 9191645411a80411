"""Admin for users and their roles."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from . import tokens
from .models import ApiToken, Membership, User


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "department", "portfolio"]


@admin.register(User)
class CouncilplanUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_filter = [*UserAdmin.list_filter, "memberships__role", "memberships__organisation"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "department", "portfolio"]
    list_filter = ["organisation", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "organisation", "department", "portfolio"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """API tokens: made here for any user (the key is shown once), revoked, never edited."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "is_revoked"]
    list_filter = ["is_revoked"]
    search_fields = ["name", "user__username", "prefix"]
    autocomplete_fields = ["user"]
    fields = ["user", "name", "is_revoked"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        """Once made, a token's owner and name stay as they are; only revoking remains."""
        return ["user", "name"] if obj else ["is_revoked"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: object, change: bool) -> None:
        """A new token gets its key here, shown once in the confirmation message."""
        key = None if change else tokens.assign_key(obj)
        super().save_model(request, obj, form, change)
        if key:
            message = f"The key for {obj.name} is {key} - copy it now: it is not shown again."
            messages.warning(request, message)

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        """Revoke tokens: requests with them are refused from now on."""
        count = queryset.update(is_revoked=True)
        self.message_user(request, f"{count} token{'s' if count != 1 else ''} revoked.")
