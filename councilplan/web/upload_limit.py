"""Uploads refused while they stream in, past a size limit, before anything is stored.

Django keeps a small upload in memory and writes a large one to a temporary file, and a view
that checks ``upload.size`` afterwards has already stored it. ``LimitedUploadHandler`` keeps the
file in memory only up to the limit and stops reading it there (the rest of the request is read
and thrown away, so the browser gets the page that says why). A view installs it before anything
reads the request's body, so it is ``csrf_exempt`` outside and ``csrf_protect`` inside (Django's
documentation, "Modifying upload handlers on the fly").
"""

from io import BytesIO
from typing import Any

from django import forms
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest


class LimitedUploadHandler(FileUploadHandler):
    """Keep an uploaded file in memory up to ``max_bytes``; past that, stop and say so."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self.buffer = BytesIO()

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],  # noqa: N803 - Django's name
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        # A body longer than the limit and a generous allowance for the form's other fields
        # holds a file over it: refuse at once, reading nothing into memory.
        self.too_large = content_length > self.max_bytes + 1024 * 1024

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        if self.too_large:
            raise StopUpload(connection_reset=False)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.max_bytes:
            self.too_large = True
            self.buffer = BytesIO()
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def limit_uploads(request: HttpRequest, max_bytes: int) -> LimitedUploadHandler:
    """Make the request's file uploads go through a ``LimitedUploadHandler`` alone."""
    handler = LimitedUploadHandler(request, max_bytes)
    request.upload_handlers = [handler]
    return handler


def size_in_words(size: int) -> str:
    """A limit as people read it: "20 MB", "500 KB"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{max(1, round(size / 1024))} KB"


def refuse_too_large(form: forms.Form, field: str, message: str) -> None:
    """Put the size limit's message on the file field, in place of "no file chosen"."""
    form.is_valid()
    form.errors.pop(field, None)
    form.add_error(field, message)
