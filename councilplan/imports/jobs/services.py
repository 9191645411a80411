"""Every change a person makes to an import, checked and queued for the worker.

Views call these; each takes the acting user, checks they are in the council's performance team,
moves the job on only from the state the page showed (so a second click or a second tab does
nothing twice), and queues the worker's step once the transaction commits.
"""

from dataclasses import asdict
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction

from councilplan.accounts.models import User
from councilplan.accounts.permissions import is_performance_team
from councilplan.imports.answers import Answer
from councilplan.imports.models import ImportJob, JobState, SavedMapping
from councilplan.imports.understand import Mapping
from councilplan.plans.models import Organisation

from .steps import APPLY, CHECK, READ
from .tasks import run_import_step


class JobMovedOn(Exception):  # noqa: N818 - it says what happened, not that it is an error
    """The job is no longer where the person's page showed it (another tab, a second click)."""


def _require_team(user: User, organisation_id: int) -> None:
    if not is_performance_team(user, organisation_id):
        raise PermissionDenied


def _queue(job: ImportJob, step: str) -> None:
    transaction.on_commit(partial(run_import_step.enqueue, job.pk, step))


@transaction.atomic
def start_import(
    *,
    user: User,
    organisation: Organisation,
    file_name: str,
    content: bytes,
    saved_mapping: SavedMapping | None = None,
) -> ImportJob:
    """Keep an uploaded file and queue its reading."""
    _require_team(user, organisation.pk)
    if saved_mapping is not None and saved_mapping.organisation_id != organisation.pk:
        raise PermissionDenied
    job = ImportJob.objects.create(
        organisation=organisation,
        created_by=user,
        file_name=file_name[:255],
        content=content,
        size=len(content),
        saved_mapping=saved_mapping,
    )
    _queue(job, READ)
    return job


def _move(
    job: ImportJob, user: User, states: set[JobState], to: JobState, **values: object
) -> None:
    """Move the job on, only from one of ``states``, with ``values`` set."""
    _require_team(user, job.organisation_id)
    # One conditional UPDATE: of two clicks, or two tabs, only the first finds the state.
    moved = ImportJob.objects.filter(pk=job.pk, state__in=states).update(
        state=to, error="", error_place="", progress_done=0, progress_total=0, **values
    )
    if not moved:
        raise JobMovedOn
    job.refresh_from_db()


@transaction.atomic
def confirm_mapping(*, user: User, job: ImportJob, mapping: Mapping, save_as: str = "") -> str:
    """Take the person's mapping, save it under a name if they gave one, and queue the check.

    Returns what was saved, for the page to say: "" or 'Saved as "Housing KPI return".'
    """
    answers: list[object] = []  # a new mapping reads new rows: earlier answers no longer apply
    data = mapping.model_dump(mode="json")
    _move(
        job, user, {JobState.READ, JobState.CHECKED}, JobState.QUEUED, mapping=data, answers=answers
    )
    said = ""
    if save_as:
        named = mapping.model_copy(update={"name": save_as}).model_dump(mode="json")
        saved, created = SavedMapping.objects.update_or_create(
            organisation_id=job.organisation_id,
            name=save_as,
            defaults={"mapping": named},
            create_defaults={"mapping": named, "created_by": user},
        )
        said = (
            f'Mapping saved as "{saved.name}".' if created else f'Mapping "{saved.name}" replaced.'
        )
    _queue(job, CHECK)
    return said


@transaction.atomic
def apply_import(
    *, user: User, job: ImportJob, answers: list[Answer], record_corrections: bool
) -> None:
    """Queue applying the checked file, with the person's answers to its uncertain matches."""
    _move(
        job,
        user,
        {JobState.CHECKED},
        JobState.QUEUED,
        answers=[asdict(a) for a in answers],
        record_corrections=record_corrections,
        applied_by=user,
    )
    _queue(job, APPLY)
