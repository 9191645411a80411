"""Each status vocabulary is defined once, with stored value, label, order and colour, and
reads back the words the source documents use."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from councilplan.domain.action_status import MilestoneState
from councilplan.domain.fuzzy_dates import Precision
from councilplan.domain.periods import Aggregation, Frequency, PeriodKind
from councilplan.domain.status import (
    ParsedRating,
    Polarity,
    ProgressRating,
    RagStatus,
    Stage,
)
from councilplan.domain.trends import Direction
from councilplan.domain.units import Unit
from councilplan.domain.vocabulary import StatusVocabulary, Vocabulary, VocabularyError

VOCABULARIES: list[type[Vocabulary]] = [
    Precision,
    PeriodKind,
    Frequency,
    Aggregation,
    Polarity,
    RagStatus,
    ProgressRating,
    Stage,
    Direction,
    MilestoneState,
    Unit,
]
STATUS_VOCABULARIES = [v for v in VOCABULARIES if issubclass(v, StatusVocabulary)]
GOV_UK_TAG_COLOURS = {"grey", "green", "turquoise", "blue", "light-blue", "purple", "pink"} | {
    "red",
    "orange",
    "yellow",
}


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_choices_pair_each_stored_value_with_its_label(vocabulary: type[Vocabulary]) -> None:
    choices = vocabulary.choices()

    assert choices == [(member.value, member.label) for member in vocabulary]
    assert len({label for _, label in choices}) == len(choices)
    assert all(isinstance(value, str) and value == value.lower() for value, _ in choices)


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_member_is_found_from_its_stored_value(vocabulary: type[Vocabulary]) -> None:
    assert all(vocabulary(member.value) is member for member in vocabulary)


@pytest.mark.parametrize("vocabulary", STATUS_VOCABULARIES)
def test_status_vocabulary_has_distinct_orders_and_gov_uk_colours(
    vocabulary: type[StatusVocabulary],
) -> None:
    orders = [member.order for member in vocabulary]

    assert len(set(orders)) == len(orders)
    assert {member.colour for member in vocabulary} <= GOV_UK_TAG_COLOURS


def test_stored_values_and_labels_are_those_of_the_interface() -> None:
    assert RagStatus.choices() == [
        ("green", "Green"),
        ("amber_green", "Amber / Green"),
        ("amber", "Amber"),
        ("amber_red", "Amber / Red"),
        ("red", "Red"),
        ("blue", "Blue"),
        ("grey", "Monitored only"),
        ("no_target", "No target set"),
        ("target_suspended", "Target suspended"),
        ("no_data", "No data"),
        ("missing_update", "Missing update"),
        ("not_assessed", "Cannot be assessed"),
    ]
    assert [p.value for p in Precision] == [
        "day",
        "month",
        "season",
        "quarter",
        "term",
        "part_of_year",
        "half_year",
        "financial_year",
        "year",
        "open",
        "unknown",
    ]
    assert [p.value for p in ProgressRating] == [
        "on_track",
        "some_slippage",
        "major_slippage",
        "completed",
        "not_started",
        "activity_paused",
    ]
    assert [s.value for s in Stage] == [
        "not_started",
        "in_progress",
        "completed",
        "activity_paused",
    ]
    assert [d.value for d in Direction] == ["improving", "no_change", "worsening", "not_comparable"]
    assert [p.value for p in Polarity] == ["higher", "lower", "none"]


@pytest.mark.parametrize(
    ("combined", "better", "worse"),
    [
        (RagStatus.AMBER_GREEN, RagStatus.GREEN, RagStatus.AMBER),
        (RagStatus.AMBER_RED, RagStatus.AMBER, RagStatus.RED),
    ],
)
def test_combined_rating_orders_between_its_parts(
    combined: RagStatus, better: RagStatus, worse: RagStatus
) -> None:
    assert better.order < combined.order < worse.order
    assert better.severity < combined.severity < worse.severity


def test_five_point_scale_runs_best_to_worst() -> None:
    scale = RagStatus.five_point()

    assert [s.label for s in scale] == ["Green", "Amber / Green", "Amber", "Amber / Red", "Red"]
    assert scale == sorted(scale, key=lambda status: status.order)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green", ParsedRating(RagStatus.GREEN, False, "")),
        ("Amber", ParsedRating(RagStatus.AMBER, False, "")),
        ("Red", ParsedRating(RagStatus.RED, False, "")),
        ("Blue", ParsedRating(RagStatus.BLUE, False, "")),
        ("No target set", ParsedRating(RagStatus.NO_TARGET, False, "")),
        ("Amber / Red (Q4 DCA)", ParsedRating(RagStatus.AMBER_RED, True, "Q4 DCA")),
        ("Red (Q4 DCA)", ParsedRating(RagStatus.RED, True, "Q4 DCA")),
        ("Green (Q4 DCA)", ParsedRating(RagStatus.GREEN, True, "Q4 DCA")),
        ("Amber (Q2 status)", ParsedRating(RagStatus.AMBER, False, "Q2 status")),
        ("Amber/Red", ParsedRating(RagStatus.AMBER_RED, False, "")),
        ("amber / green", ParsedRating(RagStatus.AMBER_GREEN, False, "")),
        ("Red/Amber", ParsedRating(RagStatus.AMBER_RED, False, "")),
        ("AMBER-GREEN", ParsedRating(RagStatus.AMBER_GREEN, False, "")),
        ("Monitored only", ParsedRating(RagStatus.GREY, False, "")),
        ("Cannot be assessed", ParsedRating(RagStatus.NOT_ASSESSED, False, "")),
    ],
)
def test_status_is_read_from_document_text(text: str, expected: ParsedRating) -> None:
    assert RagStatus.parse(text) == expected


@pytest.mark.parametrize("text", ["-", "", "Purple", "On track"])
def test_status_parse_rejects_other_text_listing_the_choices(text: str) -> None:
    with pytest.raises(VocabularyError, match="Amber / Red"):
        RagStatus.parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On track", ProgressRating.ON_TRACK),
        ("Ontrack", ProgressRating.ON_TRACK),
        ("On-track", ProgressRating.ON_TRACK),
        ("on  TRACK", ProgressRating.ON_TRACK),
        ("Some slippage", ProgressRating.SOME_SLIPPAGE),
        ("Major slippage", ProgressRating.MAJOR_SLIPPAGE),
        ("Completed", ProgressRating.COMPLETED),
        ("Not started", ProgressRating.NOT_STARTED),
        ("Activity paused", ProgressRating.ACTIVITY_PAUSED),
        ("Activity currently paused due to Covid-19", ProgressRating.ACTIVITY_PAUSED),
    ],
)
def test_progress_rating_is_read_as_officers_write_it(text: str, expected: ProgressRating) -> None:
    assert ProgressRating.parse(text) is expected


@pytest.mark.parametrize(
    ("rating", "status"),
    [
        (ProgressRating.ON_TRACK, RagStatus.GREEN),
        (ProgressRating.SOME_SLIPPAGE, RagStatus.AMBER),
        (ProgressRating.MAJOR_SLIPPAGE, RagStatus.RED),
        (ProgressRating.COMPLETED, RagStatus.BLUE),
        (ProgressRating.NOT_STARTED, RagStatus.GREY),
        (ProgressRating.ACTIVITY_PAUSED, RagStatus.GREY),
    ],
)
def test_progress_rating_maps_to_its_default_colour(
    rating: ProgressRating, status: RagStatus
) -> None:
    assert rating.default_status is status
    assert rating.colour == status.colour


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In progress", Stage.IN_PROGRESS),
        ("In Progress", Stage.IN_PROGRESS),
        ("Completed", Stage.COMPLETED),
        ("Not started", Stage.NOT_STARTED),
        ("Activity currently paused", Stage.ACTIVITY_PAUSED),
        ("Activity currently paused following the Covid-19 outbreak", Stage.ACTIVITY_PAUSED),
        ("Activity currently paused due to Covid-19", Stage.ACTIVITY_PAUSED),
    ],
)
def test_stage_is_read_from_the_delivery_plan(text: str, expected: Stage) -> None:
    assert Stage.parse(text) is expected


@pytest.mark.parametrize("parse", [Stage.parse, ProgressRating.parse])
def test_unknown_words_are_refused_with_the_choices(parse: Callable[[str], object]) -> None:
    with pytest.raises(VocabularyError, match="Use one of"):
        parse("Going swimmingly")


def test_polarity_phrase_reads_inside_a_sentence() -> None:
    assert Polarity.LOWER.phrase == "lower is better"
    assert (Polarity.HIGHER.sign, Polarity.LOWER.sign, Polarity.NONE.sign) == (1, -1, 0)


def test_units_are_those_the_measures_app_stores() -> None:
    assert [unit.value for unit in Unit] == ["number", "percent", "pounds", "days", "rate"]
