"""Reporting periods, action updates, and what writes accept."""

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field

from councilplan.monitoring.models import ActionUpdate, ReportingPeriod

from .common import Out, PeriodOut, period_out

BIG = Decimal("1e12")
# A figure as a number, or as a spreadsheet cell holds it ("1,250", "12.5%"): checked per row.
Figure = Annotated[Decimal, Field(ge=-BIG, le=BIG)] | Annotated[str, Field(max_length=40)]


class ReportingPeriodOut(Out):
    """A round of updates with its deadline; locked once reported."""

    id: int
    organisation_id: int
    period: PeriodOut
    deadline: date | None
    is_locked: bool


class UpdateOut(Out):
    """An officer's update on an action for a period; versioned and reviewed."""

    id: int
    action_id: int
    reporting_period_id: int
    period: PeriodOut
    version: int
    state: str
    progress_rating: str
    status: str
    is_dca: bool
    percent_complete: int | None
    commentary: str
    mitigation: str
    next_steps: str
    submitted_at: datetime | None
    approved_at: datetime | None
    updated_at: datetime


class Reporting(Schema):
    """What every write of reported data carries, as the web forms do."""

    seen: str = Field(
        "0:0",
        max_length=40,
        description='"version:revision" of the latest version when read ("0:0" for none); '
        "a write over someone else's newer save is refused with 409.",
    )
    submit: bool = Field(True, description="Submit for approval (false: save a draft).")
    correction_reason: str = Field("", max_length=2000, description="Needed for a locked period.")


class UpdateIn(Reporting):
    """An update on an action for a period; validated as the web's update form validates it."""

    progress_rating: str = Field(max_length=40)
    status: str = Field("", max_length=40)
    is_dca: bool = False
    percent_complete: int | None = Field(None, ge=-(10**6), le=10**6)
    commentary: str = Field(max_length=20000)
    mitigation: str = Field("", max_length=20000)
    next_steps: str = Field("", max_length=20000)
    milestones_completed: dict[int, date | None] = Field(
        default_factory=dict, description="Milestone id: the date it was completed, or null."
    )


class ValueIn(Reporting):
    """A measure's value for a period, or why there is none; validated as the value form does."""

    value: Decimal | None = Field(None, ge=-BIG, le=BIG)
    no_value_reason: str = Field("", max_length=1000)
    data_note: str = Field("", max_length=1000)
    is_provisional: bool = False


class BulkRowIn(Schema):
    """One row of a bulk upload, as the columns of the values spreadsheet."""

    measure: str = Field(max_length=300, description="The measure's code, or its exact title.")
    period: str = Field(max_length=40, description='"2021/22 Q1", "2021/22", "April 2021".')
    value: Figure | None = None
    no_value_reason: str = Field("", max_length=1000)
    numerator: Figure | None = None
    denominator: Figure | None = None
    data_note: str = Field("", max_length=1000)
    is_provisional: bool = False


class BulkIn(Schema):
    """Values for many measures and periods: all written and approved, or none."""

    rows: list[BulkRowIn] = Field(min_length=1, max_length=10000)
    correction_reason: str = Field("", max_length=2000)
    dry_run: bool = Field(False, description="Check every row and say what would happen only.")


class BulkRowOut(Out):
    """What a good row does: a new value, a new version, replaces a draft, or nothing."""

    row: int
    measure_id: int
    period: PeriodOut
    outcome: str


class BulkOut(Out):
    """A bulk upload checked (and, unless a dry run, applied)."""

    applied: bool
    written: int
    rows: list[BulkRowOut]


def reporting_period_out(reporting_period: ReportingPeriod) -> ReportingPeriodOut:
    """A reporting period for output."""
    return ReportingPeriodOut(
        id=reporting_period.pk,
        organisation_id=reporting_period.organisation_id,
        period=period_out(reporting_period.period),
        deadline=reporting_period.deadline,
        is_locked=reporting_period.is_locked,
    )


def update_out(update: ActionUpdate) -> UpdateOut:
    """An action update for output."""
    fields = {name: getattr(update, name) for name in UpdateOut.model_fields if name != "period"}
    return UpdateOut(**fields, period=period_out(update.reporting_period.period))
