"""Bulk entry of measure values through the API: the upload page's checks, all rows or none.

The rows become the values spreadsheet (the template's Observations table) and go through
``monitoring.bulk`` exactly as an uploaded file does: every bad row is named and nothing is
written if any row is bad (422); otherwise every changed value is saved and approved.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpRequest
from ninja import Router

from councilplan.api.auth import WRITE, writer
from councilplan.api.schemas.common import WRITE_ERRORS, ProblemOut, period_out
from councilplan.api.schemas.monitoring import BulkIn, BulkOut, BulkRowIn, BulkRowOut
from councilplan.imports.problems import ImportProblem
from councilplan.monitoring import bulk
from councilplan.monitoring.value_sheet import OBSERVATIONS

router = Router(tags=["monitoring"], auth=WRITE)
FILE_NAME = "request.csv"
_KEYS = {f"{OBSERVATIONS.name}.{column.header}": column.key for column in OBSERVATIONS.columns}


class BulkRejectedError(Exception):
    """Rows with problems: nothing was written; ``problems`` names each row and field."""

    def __init__(self, problems: list[ProblemOut]) -> None:
        super().__init__(f"{len(problems)} problem(s): nothing was saved.")
        self.problems = problems


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


def as_sheet(rows: list[BulkRowIn]) -> bytes:
    """The rows as the values spreadsheet in CSV: the header, then row 2 for the first row."""
    out = io.StringIO()
    writer_ = csv.writer(out)
    writer_.writerow([column.header for column in OBSERVATIONS.columns])
    for row in rows:
        data = row.model_dump()
        writer_.writerow([_cell(data[column.key]) for column in OBSERVATIONS.columns])
    return out.getvalue().encode("utf-8")


def problem_out(problem: ImportProblem) -> ProblemOut:
    """A problem at its row of the request (the spreadsheet's row less its header)."""
    row = problem.line - 1 if problem.line else None
    return ProblemOut(row=row, field=_KEYS.get(problem.field, ""), message=problem.message)


@router.post("/observations/bulk", response={200: BulkOut, **WRITE_ERRORS})
def bulk_values(request: HttpRequest, body: BulkIn) -> BulkOut:
    """Check many values at once and, unless ``dry_run``, save and approve them all; if any
    row is bad nothing is saved and each bad row is named (422). Performance team only."""
    user = writer(request)
    content = as_sheet(body.rows)
    preview = bulk.preview_values(
        user=user, file_name=FILE_NAME, content=content, correction_reason=body.correction_reason
    )
    if preview.problems:
        raise BulkRejectedError([problem_out(p) for p in preview.problems])
    written = 0
    if not body.dry_run:
        try:
            written = bulk.apply_values(
                user=user,
                file_name=FILE_NAME,
                content=content,
                correction_reason=body.correction_reason,
            )
        except bulk.UploadRejectedError as error:
            raise BulkRejectedError([problem_out(p) for p in error.problems]) from error
    rows = [
        BulkRowOut(
            row=row.line - 1,
            measure_id=row.measure.pk,
            period=period_out(row.period),
            outcome=row.outcome.value,
        )
        for row in preview.rows
    ]
    return BulkOut(applied=not body.dry_run, written=written, rows=rows)
