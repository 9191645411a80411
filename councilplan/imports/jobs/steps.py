"""The worker's steps of an import: read the file, check what applying would do, apply it.

Each step loads the job, does its work and leaves the job in the state the next page needs: a
mapping to confirm (``read``), a preview (``checked``), done (``applied``), or why not (the error
with its place). A file the extractors refuse fails the job; a mapping that reads into a problem
goes back to the mapping form; an apply that fails goes back to the preview. The writer applies
in one transaction, so a failure writes nothing. The file is extracted again for each step
rather than kept between them: its bytes are on the job, and nothing of our own is unpickled.
"""

import logging
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from councilplan.imports.answers import answers_from, with_answers
from councilplan.imports.context import ReadContext
from councilplan.imports.extract import ExtractedDocument, Limits, Progress, extract
from councilplan.imports.models import ImportJob, JobState
from councilplan.imports.preview import preview_data
from councilplan.imports.problems import ImportProblem
from councilplan.imports.structure import PlanDocument
from councilplan.imports.understand import Mapping, Unused, fit, propose, read
from councilplan.imports.writer import apply_document

from .fitting import misfits
from .summary import summarise

logger = logging.getLogger(__name__)

READ, CHECK, APPLY = "read", "check", "apply"
PROGRESS_EVERY = 0.25  # seconds between progress writes: a page of a PDF can take less


def run_step(job_id: int, step: str) -> None:
    """Run one step of an import; an unexpected error fails the job, saying so, and is raised
    again so the task's own result records it."""
    job = ImportJob.objects.select_related("organisation", "saved_mapping", "applied_by").get(
        pk=job_id
    )
    try:
        if step == READ:
            _read(job)
        elif step == CHECK:
            _check(job)
        else:
            _apply(job)
    except Exception:
        logger.exception("Import %s failed in its %s step", job.pk, step)
        problem = ImportProblem(
            "Something went wrong that the file does not explain; nothing was written. "
            "Try again, and tell your administrator if it happens again.",
            file=job.file_name,
        )
        _stop(job, JobState.FAILED, problem)
        raise


def _read(job: ImportJob) -> None:
    _start(job, JobState.READING)
    try:
        document = _extracted(job)
    except ImportProblem as problem:
        _stop(job, JobState.FAILED, problem)
        return
    context = _context(job)
    saved = job.saved_mapping
    if saved is not None:
        mapping = fit(Mapping.model_validate(saved.mapping), document, context)
        job.note = misfits(Mapping.model_validate(saved.mapping), mapping)
    else:
        mapping = propose(document, context)
    job.format = document.format
    job.proposed_mapping = job.mapping = mapping.model_dump(mode="json")
    job.tables = summarise(document, mapping)
    if saved is not None and not job.note:
        # The saved mapping fits every table: straight on to the preview, one step.
        _check(job, document)
        return
    job.state = JobState.READ
    job.save()


def _check(job: ImportJob, document: ExtractedDocument | None = None) -> None:
    _start(job, JobState.CHECKING)
    try:
        plan, unused = _reading(job, document or _extracted(job))
        result = apply_document(plan, dry_run=True)
    except ImportProblem as problem:
        _stop(job, JobState.READ, problem)
        return
    job.preview = preview_data(plan, result, unused)
    job.state = JobState.CHECKED
    job.save()


def _apply(job: ImportJob) -> None:
    _start(job, JobState.APPLYING)
    corrector = job.applied_by if job.record_corrections else None
    try:
        plan, unused = _reading(job, _extracted(job))
        result = apply_document(plan, corrector=corrector)
    except ImportProblem as problem:
        _stop(job, JobState.CHECKED, problem)
        return
    job.preview = preview_data(plan, result, unused)
    job.state, job.applied_at = JobState.APPLIED, timezone.now()
    job.save()


def _reading(
    job: ImportJob, document: ExtractedDocument
) -> tuple[PlanDocument, tuple[Unused, ...]]:
    """The plan document the confirmed mapping reads, for this job's council only, with the
    person's answers to uncertain matches."""
    assert job.mapping is not None
    reading = read(document, Mapping.model_validate(job.mapping), _context(job))
    plan = reading.document
    if plan.organisation.slug != job.organisation.slug:
        raise ImportProblem(
            f'The file is read as being for "{plan.organisation.name}", '
            f"not {job.organisation.name}: nothing was written.",
            file=job.file_name,
        )
    return with_answers(plan, answers_from(job.answers)), tuple(reading.unused)


def _context(job: ImportJob) -> ReadContext:
    return ReadContext(
        organisation_slug=job.organisation.slug, organisation_name=job.organisation.name
    )


def _extracted(job: ImportJob) -> ExtractedDocument:
    limits = Limits(max_bytes=settings.COUNCILPLAN_IMPORT_MAX_BYTES)
    with _file(job) as path:
        return extract(path, limits=limits, progress=_reporter(job))


@contextmanager
def _file(job: ImportJob) -> Iterator[Path]:
    """The uploaded bytes as a file of the name it was uploaded as (the name sources cite)."""
    with tempfile.TemporaryDirectory(prefix="councilplan-import-") as folder:
        path = Path(folder) / safe_name(job.file_name)
        path.write_bytes(bytes(job.content))
        yield path


def safe_name(name: str) -> str:
    """A file name that is only a name: no folders, no characters a file system minds."""
    base = re.sub(r"[^\w.\- ()]+", "_", Path(name.replace("\\", "/")).name).strip(" .")
    return base[-120:] or "upload"


def _reporter(job: ImportJob) -> Progress:
    """Progress of the step, written to the job at most every PROGRESS_EVERY seconds."""
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        job.progress_done, job.progress_total = done, total
        now = time.monotonic()
        if (done < total and now - last < PROGRESS_EVERY) or connection.in_atomic_block:
            return
        last = now
        ImportJob.objects.filter(pk=job.pk).update(progress_done=done, progress_total=total)

    return report


def _start(job: ImportJob, state: JobState) -> None:
    job.state, job.progress_done, job.progress_total = state, 0, 0
    job.error = job.error_place = ""
    job.save(update_fields=["state", "progress_done", "progress_total", "error", "error_place"])


def _stop(job: ImportJob, state: JobState, problem: ImportProblem) -> None:
    job.state, job.error, job.error_place = state, problem.message, problem.place[:300]
    job.save(update_fields=["state", "error", "error_place", "updated_at"])
