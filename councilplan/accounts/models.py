"""Users and what they may do: a role in an organisation, scoped to a department or portfolio."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q


class User(AbstractUser):
    """A person who signs in: performance officer, accountable officer, councillor, viewer."""


class Role(models.TextChoices):
    """What a membership lets a person do (DOMAIN.md, "Who uses it")."""

    PERFORMANCE_TEAM = "performance_team", "Performance team"
    DEPARTMENT_LEAD = "department_lead", "Department lead"
    ACCOUNTABLE_OFFICER = "accountable_officer", "Accountable officer"
    CABINET_MEMBER = "cabinet_member", "Cabinet member"
    VIEWER = "viewer", "Viewer"


class Membership(models.Model):
    """A user's role in one organisation; a department lead has a department, a cabinet member
    a portfolio. An accountable officer's own actions and measures come from their Officer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=24, choices=Role.choices)
    department = models.ForeignKey(
        "plans.Department", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    portfolio = models.ForeignKey(
        "plans.Portfolio", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "department", "portfolio"],
                name="membership_once",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.DEPARTMENT_LEAD) | Q(department__isnull=False),
                name="membership_department_lead_has_department",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.CABINET_MEMBER) | Q(portfolio__isnull=False),
                name="membership_cabinet_member_has_portfolio",
            ),
        ]

    def __str__(self) -> str:
        scope = self.department or self.portfolio
        return f"{self.user} - {self.get_role_display()}" + (f" ({scope})" if scope else "")


class LoginFailure(models.Model):
    """A failed sign-in, kept briefly to slow down password guessing."""

    username = models.CharField(max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A user's key to the API, named for what uses it; only its SHA-256 digest is stored.

    The key itself is shown once, when it is made (``accounts.tokens.create_token``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text='What uses it, e.g. "Power BI dashboard".')
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The key's first characters, to recognise it."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_revoked = models.BooleanField("revoked", default=False)

    class Meta:
        ordering = ["user_id", "-created_at", "id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}...)"
