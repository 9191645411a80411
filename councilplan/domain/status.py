"""The status vocabularies of DOMAIN.md: polarity, status colours, progress ratings, stages.

Each is defined once here, with its label, sort order and GOV.UK tag colour, and can be read
back from the words the source documents use ("Amber / Red (Q4 DCA)", "Ontrack",
"Activity currently paused due to Covid-19"). The rules that compute a status live in
``measure_status`` and ``action_status``; every computed status is a ``StatusResult`` carrying
a short explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from councilplan.domain.vocabulary import (
    StatusVocabulary,
    Vocabulary,
    match_prefix,
    normalise_words,
    unknown_term,
)


class Polarity(Vocabulary):
    """Which direction of a measure's value is better."""

    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    NONE = "none", "Neither (contextual)"

    @property
    def sign(self) -> int:
        """+1 when higher is better, -1 when lower is better, 0 when neither."""
        return {Polarity.HIGHER: 1, Polarity.LOWER: -1}.get(self, 0)

    def better_by(self, value: Decimal, reference: Decimal) -> Decimal:
        """How far ``value`` is better than ``reference`` (negative when worse, 0 for none)."""
        return (value - reference) * self.sign

    @property
    def phrase(self) -> str:
        """The polarity as it reads inside a sentence ("lower is better")."""
        return self.label[0].lower() + self.label[1:]


class RagStatus(StatusVocabulary):
    """A status colour: the five-point scale, Blue for completed, and the uncoloured states.

    The combined ratings sit between their parts in ``order`` (Green, Amber / Green, Amber,
    Amber / Red, Red), so sorting by order reads from best to worst.
    """

    GREEN = "green", "Green", 10, "green"
    AMBER_GREEN = "amber_green", "Amber / Green", 20, "turquoise"
    AMBER = "amber", "Amber", 30, "yellow"
    AMBER_RED = "amber_red", "Amber / Red", 40, "orange"
    RED = "red", "Red", 50, "red"
    BLUE = "blue", "Blue", 60, "blue"
    GREY = "grey", "Monitored only", 70, "grey"
    NO_TARGET = "no_target", "No target set", 80, "grey"
    TARGET_SUSPENDED = "target_suspended", "Target suspended", 85, "grey"
    NO_DATA = "no_data", "No data", 90, "grey"
    MISSING_UPDATE = "missing_update", "Missing update", 95, "purple"
    NOT_ASSESSED = "not_assessed", "Cannot be assessed", 100, "grey"

    @classmethod
    def five_point(cls) -> list[RagStatus]:
        """The Delivery Confidence Assessment scale, best first."""
        return [cls.GREEN, cls.AMBER_GREEN, cls.AMBER, cls.AMBER_RED, cls.RED]

    @property
    def severity(self) -> int:
        """How much attention the status calls for: 4 for Red down to 0 for Green and uncoloured."""
        return {
            RagStatus.RED: 4,
            RagStatus.AMBER_RED: 3,
            RagStatus.AMBER: 2,
            RagStatus.AMBER_GREEN: 1,
        }.get(self, 0)

    @property
    def is_rated(self) -> bool:
        """Whether the status is a colour judgement (the five-point scale or Blue)."""
        return self in _RATED

    @classmethod
    def parse(cls, text: str) -> ParsedRating:
        """Read a status as documents write it: "Amber/Red", "Red (Q4 DCA)", "No target set"."""
        return parse_rating(text)


_RATED = frozenset({*RagStatus.five_point(), RagStatus.BLUE})


@dataclass(frozen=True)
class ParsedRating:
    """A status read from a document, with whether it was a Delivery Confidence Assessment."""

    status: RagStatus
    is_dca: bool
    qualifier: str


_QUALIFIER = re.compile(r"^(?P<rating>[^()]*?)\s*\((?P<qualifier>[^()]*)\)\s*$")
_DCA = re.compile(r"\bdca\b|delivery confidence", re.IGNORECASE)
_RATING_WORDS = {
    "green": RagStatus.GREEN,
    "amber/green": RagStatus.AMBER_GREEN,
    "green/amber": RagStatus.AMBER_GREEN,
    "amber": RagStatus.AMBER,
    "amber/red": RagStatus.AMBER_RED,
    "red/amber": RagStatus.AMBER_RED,
    "red": RagStatus.RED,
    "blue": RagStatus.BLUE,
    "grey": RagStatus.GREY,
    "gray": RagStatus.GREY,
    "monitored only": RagStatus.GREY,
    "no target set": RagStatus.NO_TARGET,
    "no target": RagStatus.NO_TARGET,
    "target suspended": RagStatus.TARGET_SUSPENDED,
    "missing update": RagStatus.MISSING_UPDATE,
    "no data": RagStatus.NO_DATA,
    "cannot be assessed": RagStatus.NOT_ASSESSED,
    "not assessed": RagStatus.NOT_ASSESSED,
}


def parse_rating(text: str) -> ParsedRating:
    """Read a status colour from document text; raise ``VocabularyError`` if it names none."""
    cleaned = " ".join(text.split())
    qualifier = ""
    found = _QUALIFIER.match(cleaned)
    if found:
        cleaned, qualifier = found["rating"], found["qualifier"].strip()
    words = normalise_words(cleaned).replace(" & ", "/").replace(" and ", "/")
    status = _RATING_WORDS.get(words) or _RATING_WORDS.get(words.replace(" ", "/"))
    if status is None:
        raise unknown_term(
            text, "a status", RagStatus, ' A Delivery Confidence Assessment may add "(Q4 DCA)".'
        )
    return ParsedRating(status, bool(_DCA.search(qualifier)), qualifier)


class ProgressRating(StatusVocabulary):
    """An officer's rating of an action's progress in an update, with its default colour."""

    ON_TRACK = "on_track", "On track", 10, "green"
    SOME_SLIPPAGE = "some_slippage", "Some slippage", 20, "yellow"
    MAJOR_SLIPPAGE = "major_slippage", "Major slippage", 30, "red"
    COMPLETED = "completed", "Completed", 40, "blue"
    NOT_STARTED = "not_started", "Not started", 50, "grey"
    ACTIVITY_PAUSED = "activity_paused", "Activity paused", 60, "grey"

    @property
    def default_status(self) -> RagStatus:
        """The status colour this rating shows when no other colour is reported."""
        return {
            ProgressRating.ON_TRACK: RagStatus.GREEN,
            ProgressRating.SOME_SLIPPAGE: RagStatus.AMBER,
            ProgressRating.MAJOR_SLIPPAGE: RagStatus.RED,
            ProgressRating.COMPLETED: RagStatus.BLUE,
        }.get(self, RagStatus.GREY)

    @classmethod
    def parse(cls, text: str) -> ProgressRating:
        """Read a rating as written ("On track", "Ontrack", "On-track", "Some slippage"...)."""
        return match_prefix(text, _RATING_PREFIXES, "a progress rating")


_RATING_PREFIXES: tuple[tuple[str, ProgressRating], ...] = (
    ("on track", ProgressRating.ON_TRACK),
    ("ontrack", ProgressRating.ON_TRACK),
    ("some slippage", ProgressRating.SOME_SLIPPAGE),
    ("minor slippage", ProgressRating.SOME_SLIPPAGE),
    ("major slippage", ProgressRating.MAJOR_SLIPPAGE),
    ("significant slippage", ProgressRating.MAJOR_SLIPPAGE),
    ("completed", ProgressRating.COMPLETED),
    ("complete", ProgressRating.COMPLETED),
    ("not started", ProgressRating.NOT_STARTED),
    ("not yet started", ProgressRating.NOT_STARTED),
    ("activity paused", ProgressRating.ACTIVITY_PAUSED),
    ("activity currently paused", ProgressRating.ACTIVITY_PAUSED),
    ("paused", ProgressRating.ACTIVITY_PAUSED),
)


class Stage(StatusVocabulary):
    """Where an action is in its life (the Derbyshire delivery plan's "Stage" column)."""

    NOT_STARTED = "not_started", "Not started", 10, "grey"
    IN_PROGRESS = "in_progress", "In progress", 20, "light-blue"
    COMPLETED = "completed", "Completed", 30, "blue"
    ACTIVITY_PAUSED = "activity_paused", "Activity paused", 40, "purple"

    @classmethod
    def parse(cls, text: str) -> Stage:
        """Read a stage as written ("In Progress", "Activity currently paused due to Covid-19")."""
        return match_prefix(text, _STAGE_PREFIXES, "a stage")


_STAGE_PREFIXES: tuple[tuple[str, Stage], ...] = (
    ("not started", Stage.NOT_STARTED),
    ("not yet started", Stage.NOT_STARTED),
    ("in progress", Stage.IN_PROGRESS),
    ("started", Stage.IN_PROGRESS),
    ("completed", Stage.COMPLETED),
    ("complete", Stage.COMPLETED),
    ("activity paused", Stage.ACTIVITY_PAUSED),
    ("activity currently paused", Stage.ACTIVITY_PAUSED),
    ("paused", Stage.ACTIVITY_PAUSED),
)


@dataclass(frozen=True)
class StatusResult:
    """A computed status and the one-line reason for it, shown next to the colour."""

    status: RagStatus
    explanation: str


RULES_VERSION = "2026-12"
"""The version of the status rules stored with each snapshot: change it with any rule whose
result can change, so `councilplan statuses recompute` can say which snapshots an older rule
made."""
