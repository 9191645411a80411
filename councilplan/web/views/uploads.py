"""Bulk entry of measure values: upload a file, see what every row will do, apply them all.

The file is checked on upload; if every row is good its preview is shown and the file is kept in
the session (at most 2 MB), so "Apply these values" applies exactly what was previewed.
"""

import base64
import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from councilplan.accounts.models import User
from councilplan.imports.problems import ImportProblem
from councilplan.monitoring import bulk
from councilplan.monitoring.value_sheet import row_message
from councilplan.web.upload_limit import LimitedUploadHandler, limit_uploads, refuse_too_large
from councilplan.web.views.common import staff_user

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
TOO_LARGE = "The selected file is larger than 2 MB: split it into smaller files."
SESSION_KEY = "councilplan_values_upload"
TEMPLATE = "web/staff/upload_values.html"


class UploadValuesForm(forms.Form):
    """A file of measure values, and the reason for a correction to a locked period."""

    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "A CSV file (UTF-8) or an Excel workbook (.xlsx), up to 2 MB, with the columns "
            "Measure, Period and Value, and if you need them No-value reason, Numerator, "
            "Denominator, Data note and Provisional."
        ),
        error_messages={
            "required": "Select a CSV or Excel file of values.",
            "empty": "The selected file is empty.",
        },
    )
    correction_reason = forms.CharField(
        label="Reason for a correction (if any)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only if the file changes a locked period: say why. The history keeps it.",
    )


@csrf_exempt
@login_required
def upload_values(request: HttpRequest) -> HttpResponse:
    """GET the upload form; POST a file to check it and preview it; POST "apply" to apply it."""
    user = staff_user(request)
    bulk.require_uploader(user)
    # Before anything reads the body: a file over the limit is refused as it streams in.
    handler = limit_uploads(request, MAX_UPLOAD_BYTES)
    return _upload_values(request, user, handler)


@csrf_protect
def _upload_values(request: HttpRequest, user: User, handler: LimitedUploadHandler) -> HttpResponse:
    if request.method == "POST" and "apply" in request.POST:
        return _apply(request, user)
    form = UploadValuesForm(request.POST, request.FILES) if request.method == "POST" else None
    context: dict[str, object] = {"form": form or UploadValuesForm()}
    if form is not None and handler.too_large:
        refuse_too_large(form, "file", TOO_LARGE)
    elif form is not None and form.is_valid():
        upload, reason = form.cleaned_data["file"], form.cleaned_data["correction_reason"]
        content = upload.read()
        preview = bulk.preview_values(
            user=user, file_name=upload.name, content=content, correction_reason=reason
        )
        context |= {"file_name": upload.name, "problems": _messages(preview.problems)}
        if not preview.problems:
            context |= {"preview": preview, "digest": _keep(request, upload.name, content, reason)}
    return render(request, TEMPLATE, context)


def _messages(problems: tuple[ImportProblem, ...]) -> list[str]:
    return [row_message(problem) for problem in problems]


def _keep(request: HttpRequest, name: str, content: bytes, reason: str) -> str:
    """Keep the previewed file in the session; the digest the apply button sends back."""
    digest = hashlib.sha256(content).hexdigest()
    request.session[SESSION_KEY] = {
        "name": name,
        "content": base64.b64encode(content).decode("ascii"),
        "reason": reason,
        "digest": digest,
    }
    return digest


def _apply(request: HttpRequest, user: User) -> HttpResponse:
    """Apply the previewed file; back to the form if it was not kept or is bad now."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept["digest"] != request.POST.get("digest"):
        messages.error(request, "The previewed file is no longer kept: upload it again.")
        return redirect("staff:upload-values")
    content = base64.b64decode(kept["content"])
    try:
        count = bulk.apply_values(
            user=user, file_name=kept["name"], content=content, correction_reason=kept["reason"]
        )
    except bulk.UploadRejectedError as error:
        context = {
            "form": UploadValuesForm(),
            "file_name": kept["name"],
            "problems": _messages(error.problems),
        }
        return render(request, TEMPLATE, context)
    del request.session[SESSION_KEY]
    values = "value" if count == 1 else "values"
    messages.success(request, f"{count} {values} from {kept['name']} applied and approved.")
    return redirect("staff:approvals")
