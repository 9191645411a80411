"""Timescales as councils write them ("Summer 2019", "April 2006 - ongoing", "Tbc"), kept as
written and read into the range of days they mean.

``parse_fuzzy_date`` never raises: text it cannot read is kept with precision ``unknown``.
``start`` and ``end`` are the first and last day the text covers, each ``None`` where the text
gives no bound ("Ongoing" has neither; "From February 2020" has no end). ``open_ended`` says
the work carries on ("ongoing", "from ..."). ``note`` keeps the qualifying words around the main
date ("Review", "ongoing to deliverable deadline of 2032"). Precision is that of the main date.

A revised timescale ("June 2024 (was March 2024)") means the revised date; the original one is
kept, read, in ``revised_from``. Dates relative to the plan ("Year 1", "Within 6 months") are
read against ``plan_start`` when the caller knows the plan, and are unknown otherwise. The
grammar of the dates themselves is described in ``date_atoms``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from councilplan.domain.date_atoms import DateAtom, Grain, find_date_atoms
from councilplan.domain.date_revisions import RevisionWords, split_revision
from councilplan.domain.vocabulary import Vocabulary, unify_dashes


class Precision(Vocabulary):
    """How exactly a timescale pins down a date."""

    DAY = "day", "Day"
    MONTH = "month", "Month"
    SEASON = "season", "Season"
    QUARTER = "quarter", "Quarter"
    TERM = "term", "School term"
    PART_OF_YEAR = "part_of_year", "Early, mid or late in a year"
    HALF_YEAR = "half_year", "Half year"
    FINANCIAL_YEAR = "financial_year", "Financial year"
    YEAR = "year", "Year"
    OPEN = "open", "Open-ended"
    UNKNOWN = "unknown", "Unknown"


_PRECISION_OF_GRAIN = {
    Grain.DAY: Precision.DAY,
    Grain.MONTH: Precision.MONTH,
    Grain.QUARTER: Precision.QUARTER,
    Grain.SEASON: Precision.SEASON,
    Grain.TERM: Precision.TERM,
    Grain.PART_OF_YEAR: Precision.PART_OF_YEAR,
    Grain.HALF_YEAR: Precision.HALF_YEAR,
    Grain.FINANCIAL_YEAR: Precision.FINANCIAL_YEAR,
    Grain.YEAR: Precision.YEAR,
}


@dataclass(frozen=True)
class FuzzyDate:
    """A timescale: the text as written and the range of days it means.

    ``revised_from`` is the original timescale of a revised one ("March 2024" in "June 2024
    (was March 2024)"), whose own dates are those of the revision.
    """

    text: str
    start: date | None
    end: date | None
    precision: Precision
    open_ended: bool
    note: str
    revised_from: FuzzyDate | None = None

    @property
    def display(self) -> str:
        """The timescale as the council wrote it, which is what people should see."""
        return self.text

    @property
    def is_known(self) -> bool:
        """Whether the text was understood at all (precision is not ``unknown``)."""
        return self.precision != Precision.UNKNOWN

    def __str__(self) -> str:
        return self.text

    def to_dict(self) -> dict[str, object]:
        """The JSON form (ISO dates) a model stores in one column; ``revised_from`` only when
        there is one, so dates stored before revisions were read stay as they were."""
        stored: dict[str, object] = {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision.value,
            "open_ended": self.open_ended,
            "note": self.note,
        }
        if self.revised_from is not None:
            stored["revised_from"] = self.revised_from.to_dict()
        return stored

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> FuzzyDate:
        """Read the stored JSON form back; raise ``ValueError`` saying what is wrong."""
        try:
            return cls(
                text=str(data["text"]),
                start=_iso_date(data.get("start")),
                end=_iso_date(data.get("end")),
                precision=Precision(str(data.get("precision", Precision.UNKNOWN))),
                open_ended=bool(data.get("open_ended", False)),
                note=str(data.get("note", "")),
                revised_from=_revised_from(data.get("revised_from")),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"Not a stored fuzzy date: {dict(data)!r} ({error})") from error


def _revised_from(value: object) -> FuzzyDate | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"a revised timescale must be stored as a mapping, not {value!r}")
    return FuzzyDate.from_dict(value)


def _iso_date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise TypeError(f"a date must be written as YYYY-MM-DD, not {value!r}")
    return date.fromisoformat(value)


_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|br|li|ul|ol|div|tr|td)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]{0,200}>")
_LIST_BREAK = re.compile(r"\n|\t| {2,}")
_ONGOING = re.compile(r"\bon[\s-]?going\b|\bcontinu(?:ing|ous|ously)\b", re.IGNORECASE)
_PLAN_PERIOD = re.compile(
    r"\bplan(?:ning)?\s+period\b|\bperiod\s+of\s+(?:the|this)\s+plan\b", re.IGNORECASE
)
_FROM = re.compile(r"(?:^|\s)(?:from|starting|beginning|commencing)\s*$", re.IGNORECASE)
_UNDATED_MEANING = re.compile(
    r"^(?:as\s+soon\s+as\s+(?:possible|practicable)|asap|immediately|already\s+started"
    r"|started|commenced|under\s*way)\.?$",
    re.IGNORECASE,
)
_SAYS_NOTHING = frozenset(
    {"tbc", "tbd", "tba", "to be confirmed", "to be decided", "to be determined", "to be agreed"}
    | {"n/a", "na", "none", "not known", "unknown", "not applicable"}
)
# Words that tie a date to another one ("by", "deadline of") rather than make it the main date.
_LINKING_WORDS = frozenset(
    {"by", "of", "to", "until", "till", "through", "before", "end", "deadline", "due", "from"}
    | {"review", "delivery", "completion", "and"}
)
# Words a note should not start or end with once the main date is taken out of it.
_EDGE_WORDS = frozenset(
    {"-", ",", ";", ":", "and", "by", "of", "to", "the", "end", "from", "until", "till"}
    | {"through", "in", "before"}
)
_RANGE_GAP = re.compile(r"^\s*(?:-|/|to|until|till|through)\s*$", re.IGNORECASE)
_FINANCIAL_YEAR_WORDS = re.compile(
    r"(?<![0-9])(?:19|20)[0-9]{2}\s*[/-]\s*(?:(?:19|20)[0-9]{2}|[0-9]{2})(?![0-9/-])"
)
_WHOLE_YEARS = frozenset({Precision.FINANCIAL_YEAR, Precision.YEAR, Precision.UNKNOWN})
_EMPTY_BRACKETS = re.compile(r"\(\s*\)")


def clean_timescale(text: str) -> str:
    """Return the text without HTML tags or entities and with single spaces."""
    plain = _ANY_TAG.sub(" ", _BLOCK_TAG.sub(" ", html.unescape(text)))
    return " ".join(plain.split())


def says_nothing(text: str) -> bool:
    """Whether a timescale gives no date or meaning at all ("Tbc", "-", "", "N/A")."""
    cleaned = clean_timescale(text).lower().strip(" .")
    return cleaned in _SAYS_NOTHING or not any(char.isalnum() for char in cleaned)


def split_timescales(text: str) -> list[str]:
    """Split a table cell holding several timescales (one per milestone) into single ones.

    Cells separate them with HTML paragraphs or list items, line breaks or runs of spaces;
    a cell made only of dates ("October 2022 March 2023") is split at each date.
    """
    blocked = _BLOCK_TAG.sub("\n", html.unescape(text))
    pieces: list[str] = []
    for part in _LIST_BREAK.split(_ANY_TAG.sub(" ", blocked)):
        cleaned = " ".join(part.split())
        if cleaned:
            pieces.extend(_split_bare_dates(cleaned))
    return pieces


def _split_bare_dates(cleaned: str) -> list[str]:
    atoms = find_date_atoms(unify_dashes(cleaned))
    if len(atoms) < 2:
        return [cleaned]
    edges = [0, *(edge for atom in atoms for edge in (atom.begin, atom.finish)), len(cleaned)]
    gaps = [cleaned[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2)]
    if any(gap.strip() for gap in gaps):
        return [cleaned]
    return [cleaned[atom.begin : atom.finish] for atom in atoms]


def parse_fuzzy_date(
    text: str, *, period_end: date | None = None, plan_start: date | None = None
) -> FuzzyDate:
    """Read a timescale into a date range with a precision, keeping the text; never raises.

    ``period_end`` is the last day of the plan period, used for "Ongoing through the Council
    Plan period"; without it such text has no end date. ``plan_start`` is the plan's first
    day, which "Year 1" (its first twelve months) and "Within 6 months" count from; without
    it such text is unknown.
    """
    cleaned = clean_timescale(text)
    if says_nothing(cleaned):
        return FuzzyDate(text, None, None, Precision.UNKNOWN, False, cleaned)
    revision = split_revision(cleaned)
    if revision is not None:
        revised = _read_revision(revision, text, period_end=period_end, plan_start=plan_start)
        if revised is not None:
            return revised
    return _parse_cleaned(cleaned, text, period_end=period_end, plan_start=plan_start)


def _read_revision(
    revision: RevisionWords, text: str, *, period_end: date | None, plan_start: date | None
) -> FuzzyDate | None:
    """The revised timescale with its original, or None unless both words give dates."""
    revised = _parse_cleaned(revision.revised, text, period_end=period_end, plan_start=plan_start)
    original = _parse_cleaned(
        revision.original, revision.original, period_end=period_end, plan_start=plan_start
    )
    year = _FINANCIAL_YEAR_WORDS.findall(revision.revised)
    if _dated(revised) and not _dated(original) and year:
        # "Q4 2025/26 (previously Q2)": the original is a part of the same financial year.
        in_year = _parse_cleaned(
            f"{revision.original} {year[-1]}",
            revision.original,
            period_end=period_end,
            plan_start=plan_start,
        )
        if in_year.precision not in _WHOLE_YEARS:
            original = in_year
    if _dated(revised) and _dated(original):
        return replace(revised, revised_from=original)
    return None


def _dated(parsed: FuzzyDate) -> bool:
    return parsed.start is not None or parsed.end is not None


def _parse_cleaned(
    cleaned: str, text: str, *, period_end: date | None, plan_start: date | None
) -> FuzzyDate:
    """Read cleaned words into the timescale ``text`` (as written) means."""
    matchable = unify_dashes(cleaned)
    found = find_date_atoms(matchable, plan_start=plan_start, plan_end=period_end)
    atoms = _merge_ranges(found, matchable)
    ongoing = _ONGOING.search(matchable)
    plan_end = period_end if _PLAN_PERIOD.search(matchable) else None
    if not atoms:
        if ongoing:
            return FuzzyDate(text, None, plan_end, Precision.OPEN, True, cleaned)
        if _UNDATED_MEANING.match(cleaned):
            return FuzzyDate(text, None, None, Precision.OPEN, False, cleaned)
        return FuzzyDate(text, None, None, Precision.UNKNOWN, False, cleaned)

    main = _main_atom(atoms, matchable)
    note = _note_without(cleaned, main)
    precision = _PRECISION_OF_GRAIN[main.grain]
    if ongoing:
        before = [atom for atom in atoms if atom.finish <= ongoing.start()]
        after = [atom for atom in atoms if atom.begin >= ongoing.end()]
        start = min((atom.start for atom in before), default=None)
        end = max((atom.end for atom in after), default=plan_end)
        return _consistent(
            text=text,
            atoms=atoms,
            start=start,
            end=end,
            precision=precision,
            note=note,
            open_ended=True,
        )
    if len(found) == 1 and _FROM.search(matchable[: atoms[0].begin]):
        return FuzzyDate(text, atoms[0].start, None, precision, True, note)
    start = min(atom.start for atom in atoms)
    end = max(atom.end for atom in atoms)
    return FuzzyDate(text, start, end, precision, False, note)


def _consistent(
    *,
    text: str,
    atoms: list[DateAtom],
    start: date | None,
    end: date | None,
    precision: Precision,
    note: str,
    open_ended: bool,
) -> FuzzyDate:
    """Fall back to the full span of the dates when the words put them in the wrong order."""
    if start is not None and end is not None and start > end:
        start, end = (
            min(end, *(atom.start for atom in atoms)),
            max(start, *(atom.end for atom in atoms)),
        )
    return FuzzyDate(text, start, end, precision, open_ended, note)


def _merge_ranges(atoms: list[DateAtom], text: str) -> list[DateAtom]:
    """Join "April 2006 - March 2007" (two dates linked by a dash or "to") into one range."""
    merged: list[DateAtom] = []
    for atom in atoms:
        if not merged or not _RANGE_GAP.match(text[merged[-1].finish : atom.begin]):
            merged.append(atom)
            continue
        first = merged.pop()
        merged.append(
            DateAtom(
                first.begin,
                atom.finish,
                min(first.start, atom.start),
                max(first.end, atom.end),
                max(first.grain, atom.grain),
            )
        )
    return merged


def _main_atom(atoms: list[DateAtom], text: str) -> DateAtom:
    """The first date not tied to another by a linking word ("by", "deadline of"...) nor put
    in brackets after it."""
    previous_finish = 0
    for atom in atoms:
        words = text[previous_finish : atom.begin].lower().split()
        aside = bool(words) and words[-1].endswith("(")  # "March 2027 (Year 3)"
        if not aside and (not words or words[-1].strip("(),;:") not in _LINKING_WORDS):
            return atom
        previous_finish = atom.finish
    return atoms[0]


def _note_without(cleaned: str, main: DateAtom) -> str:
    """The qualifying words: the text without its main date and without dangling links."""
    words = _EMPTY_BRACKETS.sub(" ", cleaned[: main.begin] + " " + cleaned[main.finish :]).split()
    while words and unify_dashes(words[0].lower()) in _EDGE_WORDS:
        words.pop(0)
    while words and unify_dashes(words[-1].lower()) in _EDGE_WORDS:
        words.pop()
    note = " ".join(words)
    if note.startswith("(") and note.endswith(")") and note.count("(") == 1:
        note = note[1:-1].strip()
    return note
