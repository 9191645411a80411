"""An action's status from its latest update and its dates, judged as at a given date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.action_status import (
    MilestoneState,
    ProgressThresholds,
    Reported,
    action_status,
    expected_progress,
    is_overdue,
    milestone_state,
    progress_status,
    stage_as_at,
)
from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.domain.periods import Period
from councilplan.domain.status import ProgressRating, RagStatus, Stage, StatusResult

N = Decimal
# Seed 003: "Review constitution and scheme of delegation ... June 2020 - June 2021, In Progress".
JUNE_2021 = parse_fuzzy_date("June 2021").end


@pytest.mark.parametrize(
    ("completion", "stage", "as_at", "expected"),
    [
        (JUNE_2021, Stage.IN_PROGRESS, date(2021, 7, 1), True),
        (JUNE_2021, Stage.IN_PROGRESS, date(2021, 6, 30), False),
        (JUNE_2021, Stage.COMPLETED, date(2021, 7, 1), False),
        (JUNE_2021, Stage.NOT_STARTED, date(2021, 7, 1), True),
        (JUNE_2021, None, date(2021, 7, 1), True),
        (None, Stage.IN_PROGRESS, date(2031, 1, 1), False),
    ],
)
def test_overdue_when_completion_passed_and_not_completed(
    completion: date | None, stage: Stage | None, as_at: date, expected: bool
) -> None:
    assert is_overdue(expected_completion=completion, stage=stage, as_at=as_at) is expected


def test_open_ended_timescale_is_never_overdue() -> None:
    ongoing = parse_fuzzy_date("April 2006 - ongoing")

    assert not is_overdue(expected_completion=ongoing.end, stage=None, as_at=date(2030, 1, 1))


# Seed 000: "Secure planning consent - September 2019", reported in 2019/20 Q2 (Jul-Sep 2019).
Q2 = Period.quarter(2019, 2)
SEPTEMBER_2019 = date(2019, 9, 30)


@pytest.mark.parametrize(
    ("due", "completed_on", "as_at", "expected"),
    [
        (SEPTEMBER_2019, None, date(2019, 8, 15), MilestoneState.DUE_THIS_PERIOD),
        (SEPTEMBER_2019, None, date(2019, 9, 30), MilestoneState.DUE_THIS_PERIOD),
        (SEPTEMBER_2019, None, date(2019, 10, 1), MilestoneState.MISSED),
        (date(2019, 7, 31), None, date(2019, 8, 15), MilestoneState.MISSED),
        (date(2019, 12, 31), None, date(2019, 8, 15), MilestoneState.UPCOMING),
        (SEPTEMBER_2019, date(2019, 9, 1), date(2019, 10, 1), MilestoneState.COMPLETED),
        (SEPTEMBER_2019, date(2019, 11, 1), date(2019, 12, 1), MilestoneState.COMPLETED_LATE),
        (None, None, date(2019, 8, 15), MilestoneState.UNDATED),
        (None, date(2019, 8, 1), date(2019, 8, 15), MilestoneState.COMPLETED),
    ],
)
def test_milestone_due_this_period_or_missed(
    due: date | None, completed_on: date | None, as_at: date, expected: MilestoneState
) -> None:
    state = milestone_state(
        due=due, completed_on=completed_on, period_start=Q2.start, period_end=Q2.end, as_at=as_at
    )

    assert state is expected


START, END = date(2020, 4, 1), date(2021, 3, 31)


@pytest.mark.parametrize(
    ("as_at", "expected"),
    [
        (date(2020, 3, 1), N(0)),
        (START, N(0)),
        (date(2020, 9, 30), N(182) * 100 / 364),
        (END, N(100)),
        (date(2022, 1, 1), N(100)),
    ],
)
def test_expected_progress_is_linear_between_start_and_completion(
    as_at: date, expected: Decimal
) -> None:
    assert expected_progress(start=START, end=END, as_at=as_at) == expected


@pytest.mark.parametrize(
    ("percent", "status", "word"),
    [
        (N(45), RagStatus.GREEN, "on track"),
        (N(40), RagStatus.GREEN, "on track"),
        (N(39), RagStatus.AMBER, "monitor"),
        (N(25), RagStatus.AMBER, "monitor"),
        (N(24), RagStatus.RED, "off track"),
        (N(100), RagStatus.BLUE, "complete"),
    ],
)
def test_progress_against_expected_is_on_track_monitor_or_off_track(
    percent: Decimal, status: RagStatus, word: str
) -> None:
    # Half way through: 50% expected; 10 and 25 point thresholds.
    result = progress_status(
        percent_complete=percent, start=START, end=date(2020, 4, 21), as_at=date(2020, 4, 11)
    )

    assert result.status == status
    assert word in result.explanation


def test_progress_explanation_gives_the_figures() -> None:
    result = progress_status(
        percent_complete=N(30), start=START, end=date(2020, 4, 21), as_at=date(2020, 4, 11)
    )

    assert result == StatusResult(
        RagStatus.AMBER,
        "Amber: monitor, 30% complete against 50% expected by 11 April 2020 "
        "(1 April 2020 to 21 April 2020)",
    )


def test_progress_thresholds_are_configurable_and_stored_as_a_dict() -> None:
    strict = ProgressThresholds(N(5), N(10))
    result = progress_status(
        percent_complete=N(39),
        start=START,
        end=date(2020, 4, 21),
        as_at=date(2020, 4, 11),
        thresholds=strict,
    )

    assert result.status == RagStatus.RED
    assert ProgressThresholds.from_dict(strict.to_dict()) == strict
    assert ProgressThresholds.from_dict({}) == ProgressThresholds()


@pytest.mark.parametrize(
    "stored", [{"monitor_gap": "30", "off_track_gap": "20"}, {"monitor_gap": "lots"}]
)
def test_progress_thresholds_refuse_nonsense(stored: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="Progress thresholds"):
        ProgressThresholds.from_dict(stored)


AS_AT = date(2021, 4, 15)


@dataclass(frozen=True)
class Update:
    """What an officer's update may say about an action."""

    stage: Stage | None = None
    expected_completion: date | None = None
    reported_status: RagStatus | None = None
    progress_rating: ProgressRating | None = None
    percent_complete: Decimal | None = None
    start: date | None = None
    carried: bool = False

    @property
    def reported(self) -> Reported | None:
        """What the update reported, if it reported anything."""
        if not (self.reported_status or self.progress_rating or self.percent_complete):
            return None
        return Reported(
            status=self.reported_status,
            progress_rating=self.progress_rating,
            percent_complete=self.percent_complete,
            carried_from="2020/21 Q2" if self.carried else None,
        )


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (Update(stage=Stage.COMPLETED, expected_completion=date(2020, 1, 1)), RagStatus.BLUE),
        (Update(progress_rating=ProgressRating.COMPLETED), RagStatus.BLUE),
        (
            Update(stage=Stage.IN_PROGRESS, expected_completion=date(2021, 3, 31)),
            RagStatus.RED,
        ),
        (
            Update(
                stage=Stage.IN_PROGRESS,
                expected_completion=date(2021, 3, 31),
                reported_status=RagStatus.GREEN,
            ),
            RagStatus.GREEN,
        ),
        (Update(stage=Stage.ACTIVITY_PAUSED, reported_status=RagStatus.RED), RagStatus.GREY),
        (Update(progress_rating=ProgressRating.ACTIVITY_PAUSED), RagStatus.GREY),
        (
            Update(reported_status=RagStatus.AMBER_RED, progress_rating=ProgressRating.ON_TRACK),
            RagStatus.AMBER_RED,
        ),
        (Update(progress_rating=ProgressRating.SOME_SLIPPAGE), RagStatus.AMBER),
        (Update(progress_rating=ProgressRating.MAJOR_SLIPPAGE), RagStatus.RED),
        (
            Update(
                percent_complete=N(10),
                start=date(2020, 4, 1),
                expected_completion=date(2022, 4, 1),
            ),
            RagStatus.RED,
        ),
        (Update(stage=Stage.NOT_STARTED), RagStatus.GREY),
        (Update(), RagStatus.MISSING_UPDATE),
        (Update(percent_complete=N(50)), RagStatus.NOT_ASSESSED),
        (Update(reported_status=RagStatus.GREEN, carried=True), RagStatus.MISSING_UPDATE),
        (Update(progress_rating=ProgressRating.COMPLETED, carried=True), RagStatus.BLUE),
        (Update(reported_status=RagStatus.BLUE, carried=True), RagStatus.BLUE),
        (
            Update(
                progress_rating=ProgressRating.ON_TRACK,
                expected_completion=date(2021, 3, 31),
                carried=True,
            ),
            RagStatus.RED,
        ),
        (Update(start=date(2021, 6, 1)), RagStatus.GREY),
    ],
)
def test_action_status_takes_the_first_rule_that_applies(
    update: Update, expected: RagStatus
) -> None:
    result = action_status(
        as_at=AS_AT,
        stage=update.stage,
        expected_completion=update.expected_completion,
        reported=update.reported,
        start=update.start,
    )

    assert result.status == expected


def test_overdue_action_explains_which_date_passed() -> None:
    result = action_status(
        as_at=date(2021, 7, 1), stage=Stage.IN_PROGRESS, expected_completion=JUNE_2021
    )

    assert result == StatusResult(
        RagStatus.RED,
        "Red: overdue as at 1 July 2021, expected completion 30 June 2021 has passed and the "
        "stage is In progress",
    )


def test_reported_status_wins_over_the_dates_but_says_the_action_is_overdue() -> None:
    result = action_status(
        as_at=date(2021, 7, 1),
        stage=Stage.IN_PROGRESS,
        expected_completion=JUNE_2021,
        reported=Reported(status=RagStatus.GREEN),
    )

    assert result == StatusResult(
        RagStatus.GREEN,
        "Green: as reported in the update, and overdue: "
        "expected completion 30 June 2021 has passed, as at 1 July 2021",
    )


# Worked examples from seed 004 (Q4 2020/21 progress ratings and DCA statuses).


def test_worked_example_market_hall_amber_red_dca_is_kept_as_such() -> None:
    parsed = RagStatus.parse("Amber / Red (Q4 DCA)")

    result = action_status(as_at=date(2021, 3, 31), reported=Reported(status=parsed.status))

    assert parsed.is_dca
    assert result == StatusResult(
        RagStatus.AMBER_RED, "Amber / Red: as reported in the update, as at 31 March 2021"
    )


def test_worked_example_looked_after_children_major_slippage_is_red() -> None:
    rating = ProgressRating.parse("Major slippage")

    result = action_status(as_at=date(2021, 3, 31), reported=Reported(progress_rating=rating))

    assert result == StatusResult(
        RagStatus.RED, "Red: progress rated Major slippage, as at 31 March 2021"
    )


def test_worked_example_sickness_culture_completed_is_blue() -> None:
    result = action_status(
        as_at=date(2021, 3, 31),
        reported=Reported(progress_rating=ProgressRating.parse("Completed")),
    )

    assert result == StatusResult(RagStatus.BLUE, "Blue: completed, as at 31 March 2021")


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(1, 3000),
    st.dates(min_value=date(1999, 1, 1), max_value=date(2045, 1, 1)),
)
def test_expected_progress_stays_between_0_and_100_and_never_falls(
    start: date, days: int, as_at: date
) -> None:
    end = date.fromordinal(start.toordinal() + days)
    later = date.fromordinal(min(as_at.toordinal() + 30, date.max.toordinal()))

    now = expected_progress(start=start, end=end, as_at=as_at)

    assert N(0) <= now <= N(100)
    assert expected_progress(start=start, end=end, as_at=later) >= now


@pytest.mark.parametrize(
    ("stage", "since", "as_at", "expected"),
    [
        (Stage.COMPLETED, date(2023, 5, 2), date(2021, 9, 30), None),
        (Stage.COMPLETED, date(2023, 5, 2), date(2023, 5, 1), None),
        (Stage.COMPLETED, date(2023, 5, 2), date(2023, 5, 2), Stage.COMPLETED),
        (Stage.COMPLETED, date(2023, 5, 2), date(2024, 3, 31), Stage.COMPLETED),
        (Stage.ACTIVITY_PAUSED, date(2021, 1, 4), date(2020, 12, 31), None),
        (Stage.NOT_STARTED, date(2021, 1, 4), date(2021, 3, 31), Stage.NOT_STARTED),
        (Stage.COMPLETED, None, date(2019, 6, 30), Stage.COMPLETED),
        (None, date(2023, 5, 2), date(2024, 3, 31), None),
    ],
)
def test_stage_holds_from_the_date_it_was_recorded_and_not_before(
    stage: Stage | None, since: date | None, as_at: date, expected: Stage | None
) -> None:
    assert stage_as_at(stage, since=since, as_at=as_at) == expected
