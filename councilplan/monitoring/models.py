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


class SnapshotCause(models.TextChoices):
    """Why a status snapshot was taken."""

    APPROVED = "approved", "An update or value was approved"
    LOCKED = "locked", "The period was locked"
    RECOMPUTED = "recomputed", "Recomputed after a rule change"


class StatusSnapshot(PeriodFields):
    """The status of one action, measure or theme for a period, as worked out when it was
    stored, with its explanation and the rules' version. Pages and reports of a locked period
    read these, so they show what Cabinet saw, whatever changes later."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="status_snapshots"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="status_snapshots"
    )
    measure = models.ForeignKey(
        "measures.Measure",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_snapshots",
    )
    theme = models.ForeignKey(
        "plans.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="status_snapshots",
    )
    status = models.CharField(max_length=16, choices=RagStatus.choices())
    explanation = models.TextField()
    overdue = models.BooleanField(default=False)
    as_at = models.DateField(help_text="The date the status was judged at.")
    rules_version = models.CharField(max_length=20)
    action_update = models.ForeignKey(
        ActionUpdate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The update shown: the period's own, or an earlier one carried forward.",
    )
    observation = models.ForeignKey(
        "measures.Observation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.JSONField(
        default=dict, blank=True, help_text="What else the pages show: figures, directions."
    )
    cause = models.CharField(max_length=12, choices=SnapshotCause.choices)
    taken_at = models.DateTimeField()

    class Meta(PeriodFields.Meta):
        ordering = ["organisation_id", "period_year", "period_kind", "period_number", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "period_kind", "period_year", "period_number"],
                name="snapshot_by_period",
            )
        ]
        constraints = [
            *PeriodFields.Meta.constraints,
            models.CheckConstraint(
                condition=(
                    Q(action__isnull=False, measure__isnull=True, theme__isnull=True)
                    | Q(action__isnull=True, measure__isnull=False, theme__isnull=True)
                    | Q(action__isnull=True, measure__isnull=True, theme__isnull=False)
                ),
                name="snapshot_of_one_thing",
            ),
            *(
                models.UniqueConstraint(
                    fields=[subject, "period_kind", "period_year", "period_number"],
                    condition=Q(**{f"{subject}__isnull": False}),
                    name=f"snapshot_once_per_{subject}_and_period",
                )
                for subject in ("action", "measure", "theme")
            ),
        ]

    def __str__(self) -> str:
        subject = self.action or self.measure or self.theme
        return f"{subject}: {self.get_status_display()} in {self.period.label}"
