"""Reporting periods and the quarterly updates officers give on their actions."""

from django.db import models
from django.db.models import Q

from councilplan.core.models import PeriodFields, Reviewed, Timestamped
from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.plans.models import Action, Organisation


class ReportingPeriod(PeriodFields):
    """A round of updates (usually a quarter) with its deadline; locked once reported."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    deadline = models.DateField(null=True, blank=True, help_text="When updates are due.")
    is_locked = models.BooleanField(
        "locked",
        default=False,
        help_text="Once published, changes only through a recorded correction.",
    )

    class Meta(PeriodFields.Meta):
        ordering = ["organisation_id", "period_year", "period_kind", "period_number"]
        indexes = [
            # The latest period across councils (the API's default) without a scan of all.
            models.Index(
                fields=["period_kind", "-period_year", "-period_number"],
                name="reporting_period_latest",
            )
        ]
        constraints = [
            *PeriodFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["organisation", "period_kind", "period_year", "period_number"],
                name="reporting_period_once_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.period.label


class ActionUpdate(Reviewed, Timestamped):
    """An officer's report on an action for a period: progress, status colour and commentary.

    Reviewed: drafted and submitted by the officer, approved or returned by the performance team.
    """

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    reporting_period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="action_updates"
    )
    progress_rating = models.CharField(max_length=16, choices=ProgressRating.choices(), blank=True)
    status = models.CharField(max_length=16, choices=RagStatus.choices(), blank=True)
    is_dca = models.BooleanField(
        "delivery confidence assessment",
        default=False,
        help_text='The status is a major project\'s DCA, shown as "Red (Q4 DCA)".',
    )
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    commentary = models.TextField(blank=True)
    mitigation = models.TextField("issues and mitigations", blank=True)
    next_steps = models.TextField(blank=True)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it was read from: file and line."
    )

    class Meta(Reviewed.Meta):
        ordering = ["action_id", "reporting_period_id", "version"]
        constraints = [
            *Reviewed.Meta.constraints,
            models.UniqueConstraint(
                fields=["action", "reporting_period", "version"],
                name="update_version_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__isnull=True) | Q(percent_complete__lte=100),
                name="update_percent_complete_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} - {self.reporting_period} v{self.version}"
