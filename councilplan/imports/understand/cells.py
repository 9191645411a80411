"""What a cell's content looks like: a number, a status, a date, a reference, a name, prose.

The reader scores a column's roles from its header and from these kinds of content: a column
of "Green"/"Amber" is a status whatever its header says, and a header "Q2" over numbers is an
actual value. Each classifier reads one cell and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from councilplan.domain.fuzzy_dates import Precision, parse_fuzzy_date
from councilplan.domain.reported_values import parse_reported_value
from councilplan.domain.status import ProgressRating, RagStatus, Stage, parse_rating
from councilplan.domain.vocabulary import VocabularyError
from councilplan.imports.extract.shape import Cell

from .headers import period_in

REFERENCE = re.compile(
    r"^(?:[A-Z][A-Za-z]{0,5}[ .\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}[a-z]?$|^[A-Z]{1,4}\d{0,3}[a-z]?$"
)
REFERENCE_AND_TITLE = re.compile(
    r"^(?P<reference>(?:[A-Z][A-Za-z]{0,5}[ .\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}[a-z]?)"
    r"\s*(?:[:.)\u2013\-]\s+|\s+(?=[A-Z]))(?P<title>\S.{3,})$",
    re.DOTALL,
)
_PERSON = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Prof)\.?\s+)?[A-Z][a-z'\-]+(?:\s+[A-Z]\.?)?"
    r"(?:\s+[A-Z][a-zA-Z'\-]+){1,2}(?:\s*[,(].*)?$"
)
_JOB_WORDS = re.compile(
    r"\b(?:director|head of|manager|officer|chief|lead|executive|assistant director|"
    r"strategic director|service director|coordinator|team)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"^(?:monthly|quarterly|annual(?:ly)?|yearly|termly|weekly|bi-?annual(?:ly)?|"
    r"half[- ]yearly|six[- ]monthly|biennial)$",
    re.IGNORECASE,
)
_POLARITY = re.compile(
    r"^(?:(?:higher|bigger|larger|more|lower|smaller|less|high|low)(?: is (?:better|good))?|"
    r"increase|decrease|up|down|aim (?:high|low|to (?:increase|reduce|maintain))|"
    r"neither|contextual|n/a - contextual)$",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"^(?:%|percent(?:age)?|number|no\.?|count|£|pounds|cash|days?|weeks?|rate|ratio|"
    r"per (?:1,?000|10,?000|100,?000)|hours?|minutes?|score|index)$",
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"^(?:improv(?:ed|ing)|better|worse(?:ning)?|declin(?:ed|ing)|deteriorat(?:ed|ing)|"
    r"(?:no change|same|stable|static|maintained)|up|down|[\u2191\u2193\u2190\u2192\u2197\u2198"
    r"\u25b2\u25bc\u2b06\u2b07\u21e7\u21e9=]+)$",
    re.IGNORECASE,
)
_REGIONS = (
    "england",
    "north east",
    "north west",
    "yorkshire and the humber",
    "yorkshire and humber",
    "east midlands",
    "west midlands",
    "east of england",
    "eastern",
    "london",
    "inner london",
    "outer london",
    "south east",
    "south west",
    "wales",
    "scotland",
    "northern ireland",
    "united kingdom",
    "uk",
    "great britain",
    "england and wales",
    "nearest neighbours",
    "statistical neighbours",
    "cipfa nearest neighbours",
    "cipfa neighbours",
    "all english",
    "english unitary authorities",
    "unitary authorities",
    "shire counties",
    "metropolitan",
    "county councils",
    "district councils",
    "london boroughs",
    "national",
    "regional",
)
HINT_WORDS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "grey": "Grey",
    "gray": "Grey",
    "up": "Up",
    "down": "Down",
    "improving": "Improving",
    "declining": "Declining",
}
_HINT_SPLIT = re.compile(r"[^a-z]+")


def text_of(cell: Cell | None) -> str:
    """A cell's text, or the word its styling says where it shows only a colour or an icon."""
    if cell is None:
        return ""
    if cell.text.strip():
        return cell.text.strip()
    if isinstance(cell.value, (int, float, Decimal)) and not isinstance(cell.value, bool):
        return str(cell.value)
    if isinstance(cell.value, (date, datetime)):
        return cell.value.strftime("%d/%m/%Y")
    return hinted_word(cell.hints)


def hinted_word(hints: Sequence[str]) -> str:
    """ "rag-red" or "arrow_up.png" -> "Red" / "Up": the status or direction styling shows."""
    for hint in hints:
        for word in _HINT_SPLIT.split(hint.lower()):
            if word in HINT_WORDS:
                return HINT_WORDS[word]
    return ""


def is_number(cell: Cell | None, text: str) -> bool:
    if cell is not None and isinstance(cell.value, (int, float, Decimal)):
        return not isinstance(cell.value, bool)
    read = parse_reported_value(text)
    return read.value is not None


def is_status(text: str) -> bool:
    try:
        rating = parse_rating(text)
    except VocabularyError:
        return False
    return rating.status is not RagStatus.MISSING_UPDATE or "missing" in text.lower()


def is_progress(text: str) -> bool:
    try:
        ProgressRating.parse(text)
    except VocabularyError:
        return False
    return True


def is_stage(text: str) -> bool:
    try:
        Stage.parse(text)
    except VocabularyError:
        return False
    return True


def is_date(cell: Cell | None, text: str) -> bool:
    if cell is not None and isinstance(cell.value, (date, datetime)):
        return True
    if re.fullmatch(r"[\d.,%£\s]+", text):  # a bare number is not a timescale
        return False
    read = parse_fuzzy_date(text)
    return read.precision is not Precision.UNKNOWN and len(read.note) < max(12, len(text) // 3)


def is_reference(text: str) -> bool:
    return len(text) <= 12 and bool(REFERENCE.match(text))


def is_reference_and_title(text: str) -> bool:
    return bool(REFERENCE_AND_TITLE.match(text)) and not is_date(None, text.split(" ", 1)[0])


def is_person(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    return len(first) <= 60 and (bool(_PERSON.match(first)) or bool(_JOB_WORDS.search(first)))


def is_area(text: str) -> bool:
    words = " ".join(text.lower().split())
    return words.removesuffix(" average") in _REGIONS


def is_period(text: str) -> bool:
    """A cell that is only a reporting period ("2023/24 Q2", "Sep-23", "2022/23")."""
    period, rest = period_in(text)
    return period is not None and not rest.strip()


@dataclass(frozen=True)
class ColumnContent:
    """Shares of a column's non-blank body cells of each kind, and its texts' shape."""

    filled: int
    shares: dict[str, float]
    distinct: float  # distinct texts / filled
    mean_length: float

    def share(self, kind: str) -> float:
        return self.shares.get(kind, 0.0)


CLASSIFIERS = {
    "number": is_number,
    "status": lambda c, t: is_status(t),
    "progress": lambda c, t: is_progress(t),
    "stage": lambda c, t: is_stage(t),
    "date": is_date,
    "reference": lambda c, t: is_reference(t),
    "reference_title": lambda c, t: is_reference_and_title(t),
    "person": lambda c, t: is_person(t),
    "frequency": lambda c, t: bool(_FREQUENCY.match(t)),
    "polarity": lambda c, t: bool(_POLARITY.match(t)),
    "unit": lambda c, t: bool(_UNIT.match(t)),
    "direction": lambda c, t: bool(_DIRECTION.match(t)),
    "area": lambda c, t: is_area(t),
    "period": lambda c, t: is_period(t),
}


def column_content(cells: Sequence[Cell | None]) -> ColumnContent:
    """Classify a column's body cells (at most the first 200, for speed on long sheets)."""
    texts = [(cell, text_of(cell)) for cell in cells[:200]]
    texts = [(cell, text) for cell, text in texts if text]
    if not texts:
        return ColumnContent(0, {}, 0.0, 0.0)
    shares = {
        kind: sum(1 for cell, text in texts if test(cell, text)) / len(texts)
        for kind, test in CLASSIFIERS.items()
    }
    distinct = len({text for _, text in texts}) / len(texts)
    mean_length = sum(len(text) for _, text in texts) / len(texts)
    return ColumnContent(len(texts), shares, distinct, mean_length)
