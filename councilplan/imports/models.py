"""Imports in the browser: a file read in the background, mapped by a person, then applied.

An ``ImportJob`` keeps the uploaded file's bytes (within ``COUNCILPLAN_IMPORT_MAX_BYTES``) and
goes through the steps a person sees (``JobState``): the background worker reads it and proposes
a mapping; the person confirms the mapping; the worker checks what applying would change; the
person answers the uncertain matches and applies it. A ``SavedMapping`` is a confirmed mapping
kept under a name ("Housing KPI return"), to read next quarter's file of the same shape in one
step. Both belong to one council and are only seen by its performance team (``for_user``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from councilplan.accounts.permissions import organisations_configurable
from councilplan.domain.vocabulary import Vocabulary

if TYPE_CHECKING:
    from councilplan.accounts.models import User


class JobState(Vocabulary):
    """Where an import is: the worker's steps (queued, reading, checking, applying) and the
    person's (a mapping to confirm, a preview to apply)."""

    QUEUED = "queued", "Waiting for the worker"
    READING = "reading", "Reading the file"
    READ = "read", "Read: check how its tables map"
    CHECKING = "checking", "Checking what would change"
    CHECKED = "checked", "Checked: ready to apply"
    APPLYING = "applying", "Applying"
    APPLIED = "applied", "Applied"
    FAILED = "failed", "Could not be read"

    @property
    def is_running(self) -> bool:
        """The worker has this step in hand (or will): the page shows progress."""
        return self in RUNNING


RUNNING = frozenset({JobState.QUEUED, JobState.READING, JobState.CHECKING, JobState.APPLYING})


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def for_user(self, user: User) -> ImportJobQuerySet:
        """Imports of the councils whose performance team the user is in."""
        return self.filter(organisation__in=organisations_configurable(user))


class ImportJob(models.Model):
    """One uploaded file on its way from the upload form to the database."""

    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField(editable=False)
    size = models.PositiveIntegerField()
    format = models.CharField(max_length=16, blank=True, help_text="As told from the content.")
    state = models.CharField(max_length=16, choices=JobState.choices(), default=JobState.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True, help_text="What went wrong, for people.")
    error_place = models.CharField(
        max_length=300, blank=True, help_text="Where in the file: page, sheet, line, cell."
    )
    saved_mapping = models.ForeignKey(
        "SavedMapping",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The saved mapping chosen at upload, laid over this file.",
    )
    proposed_mapping = models.JSONField(null=True, blank=True)
    mapping = models.JSONField(null=True, blank=True, help_text="The mapping as confirmed.")
    note = models.CharField(max_length=300, blank=True, help_text="Why the mapping is asked for.")
    tables = models.JSONField(
        default=list, blank=True, help_text="Each table found: place, heading, header, 5 rows."
    )
    preview = models.JSONField(null=True, blank=True, help_text="What applying would do.")
    answers = models.JSONField(
        default=list, blank=True, help_text="The person's answer to each uncertain match."
    )
    record_corrections = models.BooleanField(default=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def job_state(self) -> JobState:
        return JobState(self.state)

    @property
    def percent(self) -> int:
        """How far the running step is, 0-100, for the progress bar."""
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class SavedMappingQuerySet(models.QuerySet["SavedMapping"]):
    def for_user(self, user: User) -> SavedMappingQuerySet:
        """Saved mappings of the councils whose performance team the user is in."""
        return self.filter(organisation__in=organisations_configurable(user))


class SavedMapping(models.Model):
    """A confirmed mapping kept under a name, for the next file of the same shape."""

    organisation = models.ForeignKey(
        "plans.Organisation", on_delete=models.CASCADE, related_name="saved_mappings"
    )
    name = models.CharField(max_length=100, help_text='e.g. "Housing KPI return".')
    mapping = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SavedMappingQuerySet.as_manager()

    class Meta:
        ordering = ["organisation_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="saved_mapping_name_once")
        ]

    def __str__(self) -> str:
        return self.name
