"""The audit trail: one row per state change, shown as the history of an action or measure."""

from django.conf import settings
from django.db import models


class Verb(models.TextChoices):
    """What happened."""

    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"
    LOCKED = "locked", "Period locked"
    UNLOCKED = "unlocked", "Period unlocked"
    CORRECTED = "corrected", "Corrected after locking"
    COMMENTED = "commented", "Commented"


class AuditEntry(models.Model):
    """A change by a person to an action's or a measure's reported data (or to a period)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    measure = models.ForeignKey(
        "measures.Measure", on_delete=models.CASCADE, null=True, blank=True, related_name="history"
    )
    period = models.CharField(max_length=20, blank=True, help_text='e.g. "2020/21 Q4".')
    verb = models.CharField(max_length=16, choices=Verb.choices)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True, help_text='{"field": ["old", "new"]}')
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user}: {self.summary}"
