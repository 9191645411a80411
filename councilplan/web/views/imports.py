"""Import any file in the browser: upload, watch it read, confirm the mapping, preview, apply.

The worker reads, checks and applies (``councilplan.imports.jobs``); these pages show where the
job is and take the person's decisions. One address per import shows its current step: the
progress bar while the worker has it, the mapping form, the preview, or the outcome. Only the
council's performance team sees its imports (``ImportJob.objects.for_user``); anyone else gets
404 for a job and 403 for the upload page.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from councilplan.accounts.models import User
from councilplan.accounts.permissions import organisations_configurable
from councilplan.imports.jobs import services
from councilplan.imports.models import ImportJob, JobState, SavedMapping
from councilplan.imports.preview import count_rows
from councilplan.imports.understand import Mapping
from councilplan.web.import_forms import ApplyForm, MappingForm, UploadForm
from councilplan.web.upload_limit import (
    LimitedUploadHandler,
    limit_uploads,
    refuse_too_large,
    size_in_words,
)
from councilplan.web.views.common import staff_user

RECENT = 10
FUTURE = ("Create", "Update", "No change", "Skip: not matched")
PAST = ("Created", "Updated", "Unchanged", "Skipped: not matched")
OWN_LAYOUT = "This file is in one of councilplan's own layouts: it is read without a mapping."
MOVED_ON = "This import has moved on since the page was shown: here is where it is now."


def _upload_form(request: HttpRequest, user: User, data: bool = False) -> UploadForm:
    organisations = organisations_configurable(user)
    return UploadForm(
        request.POST if data else None,
        request.FILES if data else None,
        organisations=organisations,
        saved_mappings=SavedMapping.objects.for_user(user),
        max_bytes=settings.COUNCILPLAN_IMPORT_MAX_BYTES,
    )


@csrf_exempt
@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """GET the upload form with recent imports; POST a file to start an import."""
    user = staff_user(request)
    if not organisations_configurable(user).exists():
        raise PermissionDenied
    # Before anything reads the body: a file over the limit is refused as it streams in.
    handler = limit_uploads(request, settings.COUNCILPLAN_IMPORT_MAX_BYTES)
    return _upload(request, user, handler)


@csrf_protect
def _upload(request: HttpRequest, user: User, handler: LimitedUploadHandler) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request, user, _upload_form(request, user))
    form = _upload_form(request, user, data=True)
    if handler.too_large:
        limit = size_in_words(settings.COUNCILPLAN_IMPORT_MAX_BYTES)
        refuse_too_large(form, "file", f"The selected file must be smaller than {limit}")
    if not form.is_valid():
        return _upload_page(request, user, form, status=400)
    upload = form.cleaned_data["file"]
    job = services.start_import(
        user=user,
        organisation=form.cleaned_data["organisation"],
        file_name=upload.name or "upload",
        content=upload.read(),
        saved_mapping=form.cleaned_data["saved_mapping"],
    )
    return redirect("staff:import", job_id=job.pk)


def _upload_page(
    request: HttpRequest, user: User, form: UploadForm, status: int = 200
) -> HttpResponse:
    jobs = ImportJob.objects.for_user(user).select_related("organisation").defer("content")
    context = {"form": form, "jobs": jobs[:RECENT]}
    return render(request, "web/staff/imports/upload.html", context, status=status)


def _job(request: HttpRequest, job_id: int) -> tuple[User, ImportJob]:
    user = staff_user(request)
    jobs = ImportJob.objects.for_user(user).select_related(
        "organisation", "saved_mapping", "applied_by"
    )
    return user, get_object_or_404(jobs.defer("content"), pk=job_id)


@login_required
@require_GET
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    """The import's current step: progress, mapping form, preview, or outcome."""
    _, found = _job(request, job_id)
    state = found.job_state
    if state.is_running:
        return render(request, "web/staff/imports/progress.html", {"job": found})
    if state == JobState.READ:
        return _mapping_page(request, found, _mapping_form(found))
    if state == JobState.CHECKED:
        return _preview_page(request, found, ApplyForm(preview=found.preview or {}))
    context = {"job": found, **_preview_context(found, PAST)}
    return render(request, "web/staff/imports/outcome.html", context)


@login_required
@require_GET
def progress(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress bar alone, polled by HTMX; once the step is done, the whole page again."""
    _, found = _job(request, job_id)
    response = render(request, "web/staff/imports/includes/progress.html", {"job": found})
    if not found.job_state.is_running:
        response["HX-Redirect"] = reverse("staff:import", args=[found.pk])
    return response


def _mapping_form(job: ImportJob, data: QueryDict | None = None) -> MappingForm:
    assert job.mapping is not None
    return MappingForm(
        data,
        mapping=Mapping.model_validate(job.mapping),
        proposed=Mapping.model_validate(job.proposed_mapping or job.mapping),
        tables=job.tables,
    )


def _mapping_page(
    request: HttpRequest, job: ImportJob, form: MappingForm, status: int = 200
) -> HttpResponse:
    context = {"job": job, "form": form, "tables": form.tables()}
    return render(request, "web/staff/imports/mapping.html", context, status=status)


@login_required
def mapping(request: HttpRequest, job_id: int) -> HttpResponse:
    """GET the mapping form again from the preview; POST the person's mapping to check it."""
    user, found = _job(request, job_id)
    if found.job_state not in (JobState.READ, JobState.CHECKED):
        messages.info(request, MOVED_ON)
        return redirect("staff:import", job_id=found.pk)
    if found.mapping is None:
        messages.info(request, OWN_LAYOUT)
        return redirect("staff:import", job_id=found.pk)
    if request.method != "POST":
        return _mapping_page(request, found, _mapping_form(found))
    form = _mapping_form(found, request.POST)
    if not form.is_valid():
        return _mapping_page(request, found, form, status=400)
    try:
        said = services.confirm_mapping(
            user=user, job=found, mapping=form.to_mapping(), save_as=form.cleaned_data["save_as"]
        )
    except services.JobMovedOn:
        messages.info(request, MOVED_ON)
    else:
        if said:
            messages.success(request, said)
    return redirect("staff:import", job_id=found.pk)


def _preview_context(job: ImportJob, verbs: tuple[str, ...]) -> dict[str, object]:
    preview = job.preview or {}
    return {
        "preview": preview,
        "counts": count_rows(preview) if preview else [],
        "verbs": verbs,
        "not_used": preview.get("unused_count", 0),
    }


def _preview_page(
    request: HttpRequest, job: ImportJob, form: ApplyForm, status: int = 200
) -> HttpResponse:
    context = {"job": job, "form": form, **_preview_context(job, FUTURE)}
    return render(request, "web/staff/imports/preview.html", context, status=status)


@login_required
@require_POST
def apply(request: HttpRequest, job_id: int) -> HttpResponse:
    """Apply the checked file with the person's answers to its uncertain matches."""
    user, found = _job(request, job_id)
    if found.job_state != JobState.CHECKED:
        messages.info(request, MOVED_ON)
        return redirect("staff:import", job_id=found.pk)
    form = ApplyForm(request.POST, preview=found.preview or {})
    if not form.is_valid():
        return _preview_page(request, found, form, status=400)
    try:
        services.apply_import(
            user=user,
            job=found,
            answers=form.answers(),
            record_corrections=form.record_corrections,
        )
    except services.JobMovedOn:
        messages.info(request, MOVED_ON)
    return redirect("staff:import", job_id=found.pk)
