"""Admin for users and their roles."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Membership, User


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
