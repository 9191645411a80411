"""Shapes shared by every concept: references, periods, fuzzy dates, statuses and errors."""

from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from councilplan.domain.fuzzy_dates import FuzzyDate
from councilplan.domain.periods import Period
from councilplan.domain.status import StatusResult
from councilplan.domain.trends import DirectionResult


class Out(BaseModel):
    """What the API returns, built by our own functions from checked data. Plain pydantic:
    ninja's ``Schema`` passes every field through a Django-aware getter, which took over half
    the time of a page of measures."""


class Ref(Out):
    """Another object named by id, with its name for display."""

    id: int
    name: str


class PeriodOut(Out):
    """A financial period: ``code`` as filters take it ("2021/22-Q1"), and its label."""

    code: str
    label: str
    start: date
    end: date


class FuzzyDateOut(Out):
    """A date as the council wrote it ("Summer 2019") and the range it means; for a revised
    one ("June 2024 (was March 2024)"), the range of the revision and the original as written."""

    text: str
    start: date | None
    end: date | None
    precision: str
    open_ended: bool
    revised_from: str | None = None


class StatusOut(Out):
    """A computed status colour with its label and the one-line reason for it."""

    status: str
    label: str
    colour: str
    explanation: str


class DirectionOut(Out):
    """A direction of travel (improving, worsening, unchanged) and why."""

    direction: str
    label: str
    explanation: str


class ProblemOut(Out):
    """One bad row of a bulk upload: its number, the field and what is wrong."""

    row: int | None
    field: str
    message: str


class ErrorOut(Out):
    """Why a request failed; ``errors`` by field name, ``problems`` by row."""

    detail: str | list[dict[str, Any]]
    errors: dict[str, list[str]] | None = None
    problems: list[ProblemOut] | None = None


def period_out(period: Period) -> PeriodOut:
    """A period for output."""
    return PeriodOut(code=period.code, label=period.label, start=period.start, end=period.end)


def fuzzy_date_out(value: FuzzyDate) -> FuzzyDateOut:
    """A fuzzy date for output."""
    return FuzzyDateOut(
        text=value.text,
        start=value.start,
        end=value.end,
        precision=str(value.precision),
        open_ended=value.open_ended,
        revised_from=value.revised_from.text if value.revised_from else None,
    )


def status_out(result: StatusResult) -> StatusOut:
    """A computed status for output."""
    status = result.status
    return StatusOut(
        status=status.value,
        label=status.label,
        colour=status.colour,
        explanation=result.explanation,
    )


def direction_out(result: DirectionResult) -> DirectionOut:
    """A direction of travel for output."""
    direction = result.direction
    return DirectionOut(
        direction=direction.value, label=direction.label, explanation=result.explanation
    )


def number(value: Decimal | None) -> float | None:
    """A decimal as a JSON number (spreadsheets and Power BI read numbers, not strings)."""
    return None if value is None else float(value)


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
