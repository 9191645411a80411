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
from councilplan.imports.extract import Limits, Progress, extract
from councilplan.imports.general import map_general
from councilplan.imports.models import ImportJob, JobState
from councilplan.imports.preview import UnusedText, preview_data
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import own_reader
from councilplan.imports.structure import PlanDocument
from councilplan.imports.understand import Mapping, read
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
    context = _context(job)
    saved = Mapping.model_validate(job.saved_mapping.mapping) if job.saved_mapping else None
    try:
        with _file(job) as path:
            own = own_reader(path, context)
            if own is not None:
                # One of councilplan's own layouts (the template, normalised JSON, the known
                # text exports): its reader needs no mapping, so on to the preview.
                job.format = path.suffix.lstrip(".").lower()[:16]
                _check(job, (own(), ()))
                return
            extracted, mapping = map_general(
                path, context, saved=saved, limits=_limits(), progress=_reporter(job)
            )
    except ImportProblem as problem:
        _stop(job, JobState.FAILED, problem)
        return
    job.format = extracted.format
    job.proposed_mapping = job.mapping = mapping.model_dump(mode="json")
    job.tables = summarise(extracted, mapping)
    job.note = misfits(saved, mapping) if saved else ""
    if saved is not None and not job.note:
        # The saved mapping fits every table: straight on to the preview, one step; if reading
        # with it fails, the mapping form opens with the problem.
        try:
            reading = read(extracted, mapping, context)
        except ImportProblem as problem:
            _stop(job, JobState.READ, problem)
            return
        _check(job, (reading.document, tuple(reading.unused)))
        return
    job.state = JobState.READ
    job.save()


Read = tuple[PlanDocument, tuple[UnusedText, ...]]


def _check(job: ImportJob, done: Read | None = None) -> None:
    _start(job, JobState.CHECKING)
    try:
        plan, unused = _for_council(job, done or _read_again(job))
        result = apply_document(plan, dry_run=True)
    except ImportProblem as problem:
        _stop(job, JobState.READ if job.mapping else JobState.FAILED, problem)
        return
    job.preview = preview_data(plan, result, unused)
    job.state = JobState.CHECKED
    job.save()


def _apply(job: ImportJob) -> None:
    _start(job, JobState.APPLYING)
    corrector = job.applied_by if job.record_corrections else None
    try:
        plan, unused = _for_council(job, _read_again(job))
        result = apply_document(plan, corrector=corrector)
    except ImportProblem as problem:
        _stop(job, JobState.CHECKED, problem)
        return
    job.preview = preview_data(plan, result, unused)
    job.state, job.applied_at = JobState.APPLIED, timezone.now()
    job.save()


def _read_again(job: ImportJob) -> Read:
    """The file read as confirmed: with the person's mapping, or by its own layout's reader."""
    context = _context(job)
    with _file(job) as path:
        if job.mapping is None:
            own = own_reader(path, context)
            if own is None:
                raise ImportProblem("The file needs a mapping: upload it again.", file=path.name)
            return own(), ()
        extracted = extract(path, limits=_limits(), progress=_reporter(job))
        reading = read(extracted, Mapping.model_validate(job.mapping), context)
        return reading.document, tuple(reading.unused)


def _for_council(job: ImportJob, done: Read) -> Read:
    """The plan document for this job's council only, with the person's answers to uncertain
    matches laid over it."""
    plan, unused = done
    if plan.organisation.slug != job.organisation.slug:
        raise ImportProblem(
            f'The file is read as being for "{plan.organisation.name}", '
            f"not {job.organisation.name}: nothing was written.",
            file=job.file_name,
        )
    return with_answers(plan, answers_from(job.answers)), unused


def _limits() -> Limits:
    return Limits(max_bytes=settings.COUNCILPLAN_IMPORT_MAX_BYTES)


def _context(job: ImportJob) -> ReadContext:
    return ReadContext(
        organisation_slug=job.organisation.slug, organisation_name=job.organisation.name
    )


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
    # Everything, not the error alone: a saved mapping's check that fails goes back to the
    # mapping form, which needs the mapping and tables read just before.
    job.state, job.error, job.error_place = state, problem.message, problem.place[:300]
    job.save()
