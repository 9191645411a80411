"""An action's status from its latest update and its dates, with the reason in words.

All rules take ``today`` as an argument (never the clock), so a report for a past quarter is
computed exactly as it was then.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from councilplan.domain.status import ProgressRating, RagStatus, Stage, StatusResult
from councilplan.domain.vocabulary import StatusVocabulary

_HUNDRED = Decimal(100)


def format_date(d: date) -> str:
    """A date as GOV.UK writes it: "31 March 2020"."""
    return f"{d.day} {d:%B %Y}"


def is_overdue(*, expected_completion: date | None, stage: Stage | None, today: date) -> bool:
    """An action is overdue once its expected completion date has passed and it is not completed."""
    if expected_completion is None or stage == Stage.COMPLETED:
        return False
    return expected_completion < today


class MilestoneState(StatusVocabulary):
    """Where a milestone stands in a reporting period."""

    MISSED = "missed", "Missed", 10, "red"
    DUE_THIS_PERIOD = "due_this_period", "Due this period", 20, "yellow"
    UPCOMING = "upcoming", "Upcoming", 30, "grey"
    COMPLETED_LATE = "completed_late", "Completed late", 40, "blue"
    COMPLETED = "completed", "Completed", 50, "blue"
    UNDATED = "undated", "No date set", 60, "grey"


def milestone_state(
    *,
    due: date | None,
    completed_on: date | None,
    period_start: date,
    period_end: date,
    today: date,
) -> MilestoneState:
    """Classify a milestone for the reporting period ``period_start``-``period_end`` on ``today``.

    A milestone is missed once its due date has passed without completion, even within the
    period; it is due this period if it falls due between today and the period's end.
    """
    if completed_on is not None:
        late = due is not None and completed_on > due
        return MilestoneState.COMPLETED_LATE if late else MilestoneState.COMPLETED
    if due is None:
        return MilestoneState.UNDATED
    if due < today:
        return MilestoneState.MISSED
    if period_start <= due <= period_end:
        return MilestoneState.DUE_THIS_PERIOD
    return MilestoneState.UPCOMING


@dataclass(frozen=True)
class ProgressThresholds:
    """How far (in percentage points) actual progress may lag the expected before it is
    "monitor" (Amber) and "off track" (Red)."""

    monitor_gap: Decimal = Decimal(10)
    off_track_gap: Decimal = Decimal(25)

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.monitor_gap <= self.off_track_gap:
            raise ValueError(
                "Progress thresholds need 0 <= monitor gap <= off-track gap, "
                f"not {self.monitor_gap} and {self.off_track_gap}."
            )

    def to_dict(self) -> dict[str, str]:
        """The thresholds as stored in a JSON field."""
        return {"monitor_gap": str(self.monitor_gap), "off_track_gap": str(self.off_track_gap)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> ProgressThresholds:
        """Load thresholds from their stored dict; missing values take the defaults."""
        try:
            return cls(
                Decimal(str(data.get("monitor_gap", cls.monitor_gap))),
                Decimal(str(data.get("off_track_gap", cls.off_track_gap))),
            )
        except InvalidOperation as error:
            raise ValueError(f"Progress thresholds must be numbers, not {dict(data)!r}.") from error


DEFAULT_THRESHOLDS = ProgressThresholds()


def expected_progress(*, start: date, end: date, today: date) -> Decimal:
    """Percentage complete expected by ``today`` if work runs evenly from ``start`` to ``end``."""
    if today >= end:
        return _HUNDRED
    if today <= start:
        return Decimal(0)
    return _HUNDRED * (today - start).days / (end - start).days


def progress_status(
    *,
    percent_complete: Decimal,
    start: date,
    end: date,
    today: date,
    thresholds: ProgressThresholds = DEFAULT_THRESHOLDS,
) -> StatusResult:
    """Judge reported % complete against linear expected progress: on track, monitor, off track."""
    if percent_complete >= _HUNDRED:
        return StatusResult(RagStatus.BLUE, "Blue: 100% complete")
    expected = expected_progress(start=start, end=end, today=today)
    gap = expected - percent_complete
    facts = (
        f"{_percent(percent_complete)} complete against {_percent(expected)} expected by "
        f"{format_date(today)} ({format_date(start)} to {format_date(end)})"
    )
    if gap <= thresholds.monitor_gap:
        return StatusResult(RagStatus.GREEN, f"Green: on track, {facts}")
    if gap <= thresholds.off_track_gap:
        return StatusResult(RagStatus.AMBER, f"Amber: monitor, {facts}")
    return StatusResult(RagStatus.RED, f"Red: off track, {facts}")


def _percent(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1)):f}%"


def action_status(
    *,
    today: date,
    stage: Stage | None = None,
    expected_completion: date | None = None,
    reported_status: RagStatus | None = None,
    progress_rating: ProgressRating | None = None,
    percent_complete: Decimal | None = None,
    start: date | None = None,
    thresholds: ProgressThresholds = DEFAULT_THRESHOLDS,
) -> StatusResult:
    """An action's status for a report, first rule that applies wins:

    completed (Blue); paused (grey); the colour reported in the update (incl. a Delivery
    Confidence Assessment); the progress rating's colour; overdue (Red); % complete against
    expected progress; not started (grey); otherwise "cannot be assessed". A reported colour wins
    over the dates because councils carry actions past their timescale and report on them; the
    explanation then says the action is overdue too.
    """
    completed = stage == Stage.COMPLETED or progress_rating == ProgressRating.COMPLETED
    if completed or reported_status == RagStatus.BLUE:
        return StatusResult(RagStatus.BLUE, "Blue: completed")
    overdue = expected_completion is not None and is_overdue(
        expected_completion=expected_completion, stage=stage, today=today
    )
    late = ""
    if overdue and expected_completion is not None:
        late = f", and overdue: expected completion {format_date(expected_completion)} has passed"
    if stage == Stage.ACTIVITY_PAUSED or progress_rating == ProgressRating.ACTIVITY_PAUSED:
        return StatusResult(RagStatus.GREY, f"{RagStatus.GREY.label}: activity paused")
    if reported_status is not None:
        return StatusResult(
            reported_status, f"{reported_status.label}: as reported in the update{late}"
        )
    if progress_rating is not None:
        colour = progress_rating.default_status
        return StatusResult(colour, f"{colour.label}: progress rated {progress_rating.label}{late}")
    if overdue and expected_completion is not None:
        stage_words = f"the stage is {stage.label}" if stage else "it is not reported completed"
        return StatusResult(
            RagStatus.RED,
            f"Red: overdue, expected completion {format_date(expected_completion)} has passed "
            f"and {stage_words}",
        )
    if percent_complete is not None and start is not None and expected_completion is not None:
        return progress_status(
            percent_complete=percent_complete,
            start=start,
            end=expected_completion,
            today=today,
            thresholds=thresholds,
        )
    if stage == Stage.NOT_STARTED:
        return StatusResult(RagStatus.GREY, f"{RagStatus.GREY.label}: not started")
    return StatusResult(
        RagStatus.NOT_ASSESSED,
        "Cannot be assessed: no status, progress rating or % complete reported",
    )
