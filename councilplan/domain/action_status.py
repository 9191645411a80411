"""An action's status from its latest update and its dates, with the reason in words.

Every rule is judged *as at* a date passed in (the end of the reporting period looked at, or
today while it is open; never the clock), so a report of a past quarter reads the same whenever
it is printed. A completed action stays completed; a period with no update of its own is a
missing update, shown with the latest earlier update and its period.
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


def stage_as_at(stage: Stage | None, *, since: date | None, as_at: date) -> Stage | None:
    """The plan's stage of an action as at ``as_at``: it holds from ``since`` (the day it was
    recorded, or the date the council gave). Before then it was not known, so a period judged
    as at an earlier date reads only what was reported up to it: an update reporting the action
    completed, carried forward. A stage with no date holds at every date."""
    if stage is None or since is None or since <= as_at:
        return stage
    return None


def is_overdue(*, expected_completion: date | None, stage: Stage | None, as_at: date) -> bool:
    """An action is overdue once its expected completion date has passed (as at ``as_at``) and
    it is not completed."""
    if expected_completion is None or stage == Stage.COMPLETED:
        return False
    return expected_completion < as_at


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
    as_at: date,
) -> MilestoneState:
    """Classify a milestone for the reporting period ``period_start``-``period_end`` as at
    ``as_at``.

    A milestone is missed once its due date has passed without completion, even within the
    period; it is due this period if it falls due between ``as_at`` and the period's end.
    Completion after ``as_at`` is not yet known then.
    """
    if completed_on is not None and completed_on > as_at:
        completed_on = None
    if completed_on is not None:
        late = due is not None and completed_on > due
        return MilestoneState.COMPLETED_LATE if late else MilestoneState.COMPLETED
    if due is None:
        return MilestoneState.UNDATED
    if due < as_at:
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


def expected_progress(*, start: date, end: date, as_at: date) -> Decimal:
    """Percentage complete expected by ``as_at`` if work runs evenly from ``start`` to ``end``."""
    if as_at >= end:
        return _HUNDRED
    if as_at <= start:
        return Decimal(0)
    return _HUNDRED * (as_at - start).days / (end - start).days


def progress_status(
    *,
    percent_complete: Decimal,
    start: date,
    end: date,
    as_at: date,
    thresholds: ProgressThresholds = DEFAULT_THRESHOLDS,
) -> StatusResult:
    """Judge reported % complete against linear expected progress: on track, monitor, off track."""
    if percent_complete >= _HUNDRED:
        return StatusResult(RagStatus.BLUE, "Blue: 100% complete")
    expected = expected_progress(start=start, end=end, as_at=as_at)
    gap = expected - percent_complete
    facts = (
        f"{_percent(percent_complete)} complete against {_percent(expected)} expected by "
        f"{format_date(as_at)} ({format_date(start)} to {format_date(end)})"
    )
    if gap <= thresholds.monitor_gap:
        return StatusResult(RagStatus.GREEN, f"Green: on track, {facts}")
    if gap <= thresholds.off_track_gap:
        return StatusResult(RagStatus.AMBER, f"Amber: monitor, {facts}")
    return StatusResult(RagStatus.RED, f"Red: off track, {facts}")


def _percent(value: Decimal) -> str:
    return f"{value.quantize(Decimal(1)):f}%"


@dataclass(frozen=True)
class Reported:
    """What an approved update reported: its colour (or DCA), progress rating and % complete,
    and ``carried_from``, the label of its period when it is an earlier period's update carried
    forward into one with none of its own ("2020/21 Q1")."""

    status: RagStatus | None = None
    progress_rating: ProgressRating | None = None
    percent_complete: Decimal | None = None
    carried_from: str | None = None

    @property
    def completed(self) -> bool:
        """Whether the update reports the action completed."""
        return self.progress_rating == ProgressRating.COMPLETED or self.status == RagStatus.BLUE

    @property
    def paused(self) -> bool:
        """Whether the update reports the activity paused."""
        return self.progress_rating == ProgressRating.ACTIVITY_PAUSED

    def describe(self) -> str:
        """What it reported, in words: "Green", "On track (Amber)"."""
        words = [self.progress_rating.label] if self.progress_rating else []
        if self.status is not None:
            words.append(f"({self.status.label})" if words else self.status.label)
        if self.percent_complete is not None:
            words.append(f"{_percent(self.percent_complete)} complete")
        return " ".join(words) or "no status"


def action_status(
    *,
    as_at: date,
    stage: Stage | None = None,
    expected_completion: date | None = None,
    start: date | None = None,
    reported: Reported | None = None,
    thresholds: ProgressThresholds = DEFAULT_THRESHOLDS,
) -> StatusResult:
    """An action's status as at ``as_at``, first rule that applies wins:

    completed (Blue), by its stage or by any approved update up to the period, carried forward;
    paused (grey); with an update of the period's own: the colour reported (incl. a Delivery
    Confidence Assessment), the progress rating's colour, % complete against expected progress;
    without one: overdue (Red), not due to start yet (grey), not started (grey), or else a
    missing update, shown with the latest earlier update and its period, never Green or Red by
    default. A reported colour wins over the dates because councils carry actions past their
    timescale and report on them; the explanation then says the action is overdue too.
    """
    when = f"as at {format_date(as_at)}"
    own = reported if reported is not None and reported.carried_from is None else None
    carried = reported if reported is not None and reported.carried_from is not None else None
    if stage == Stage.COMPLETED or (own is not None and own.completed):
        return StatusResult(RagStatus.BLUE, f"Blue: completed, {when}")
    if carried is not None and carried.completed:
        return StatusResult(
            RagStatus.BLUE, f"Blue: completed, as reported in {carried.carried_from}, {when}"
        )
    overdue = is_overdue(expected_completion=expected_completion, stage=stage, as_at=as_at)
    late = ""
    if overdue and expected_completion is not None:
        late = f", and overdue: expected completion {format_date(expected_completion)} has passed"
    if stage == Stage.ACTIVITY_PAUSED or (own is not None and own.paused):
        return StatusResult(RagStatus.GREY, f"{RagStatus.GREY.label}: activity paused, {when}")
    if own is not None and (own.status is not None or own.progress_rating is not None):
        return _reported_status(own, late=late, when=when)
    last = f"; last updated {carried.carried_from}: {carried.describe()}" if carried else ""
    if overdue and expected_completion is not None:
        stage_words = f"the stage is {stage.label}" if stage else "it is not reported completed"
        return StatusResult(
            RagStatus.RED,
            f"Red: overdue {when}, expected completion {format_date(expected_completion)} has "
            f"passed and {stage_words}{last}",
        )
    if own is not None:
        if own.percent_complete is not None and start is not None and expected_completion:
            return progress_status(
                percent_complete=own.percent_complete,
                start=start,
                end=expected_completion,
                as_at=as_at,
                thresholds=thresholds,
            )
        return StatusResult(
            RagStatus.NOT_ASSESSED,
            f"Cannot be assessed: no status, progress rating or % complete reported, {when}",
        )
    if start is not None and start > as_at:
        return StatusResult(
            RagStatus.GREY, f"{RagStatus.GREY.label}: not due to start until {format_date(start)}"
        )
    if stage == Stage.NOT_STARTED:
        return StatusResult(RagStatus.GREY, f"{RagStatus.GREY.label}: not started, {when}")
    return StatusResult(
        RagStatus.MISSING_UPDATE,
        f"Missing update: no approved update for the period {when}{last or '; none before it'}",
    )


def _reported_status(own: Reported, *, late: str, when: str) -> StatusResult:
    """The status an update of the period's own reports: its colour, else its rating's."""
    if own.status is not None:
        return StatusResult(
            own.status, f"{own.status.label}: as reported in the update{late}, {when}"
        )
    assert own.progress_rating is not None  # the caller checks one of the two is there
    colour = own.progress_rating.default_status
    return StatusResult(
        colour, f"{colour.label}: progress rated {own.progress_rating.label}{late}, {when}"
    )
