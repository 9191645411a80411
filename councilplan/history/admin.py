"""The audit trail, read-only in the admin."""

from django.contrib import admin
from django.http import HttpRequest

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    list_display = ["at", "user", "verb", "summary", "action", "measure", "period"]
    list_filter = ["organisation", "verb"]
    search_fields = ["summary", "reason", "action__title", "measure__title"]
    list_select_related = ["user", "action", "measure"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
