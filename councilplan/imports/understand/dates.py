"""Dates written in the words of an action or milestone, and titles tidied of their full stop.

Plans put an action's date at the end of its sentence ("Open the library by April 2024.",
"Deliver a remediated depot site by early 2027.") or inside it ("Phase 1 expected to go live
27 May 2025 (with possible reset of timeline)"). Either way the date is kept as written, and
the timescale grammar of ``councilplan.domain.fuzzy_dates`` says what it means.
"""

from __future__ import annotations

import re

from councilplan.domain.fuzzy_dates import Precision, parse_fuzzy_date

_TAIL = re.compile(r"(?:\s+by\s+|\s+in\s+|\s+from\s+|\s*[:\u2013\u2014]\s*|\s+-\s+|\s*\()")
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19|20)\d{2}(?:/\d{2})?"
# Dates inside a sentence, most precise first: "27 May 2025", "September 2025", "Summer 2025",
# "early 2027", "Q3 2024/25". A bare year or "06/25" is too easily something else.
_WITHIN = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?\s+{_YEAR}"
    rf"|{_MONTH}\.?\s+{_YEAR}"
    rf"|(?:early|mid|late|end of|spring|summer|autumn|winter)\s+{_YEAR}"
    rf"|q[1-4]\s+{_YEAR})\b",
    re.IGNORECASE,
)
_FULL_STOP = re.compile(r"(?<=[\w)%])\.$")


def tidy_title(text: str) -> str:
    """A title as one line, without the full stop ending its sentence."""
    return _FULL_STOP.sub("", " ".join(text.split()))


def split_trailing_date(text: str) -> tuple[str, str]:
    """ "Open the new library by April/May 2024." -> ("Open the new library", "April/May 2024");
    text that does not end with a date comes back whole (tidied), with no date."""
    body = text.strip().rstrip(".;")
    for found in reversed(list(_TAIL.finditer(body))):
        tail = body[found.end() :].strip().rstrip(")")
        read = parse_fuzzy_date(tail)
        if tail and (
            read.open_ended or (read.precision is not Precision.UNKNOWN and not read.note)
        ):
            return body[: found.start()].strip(), tail
    return tidy_title(text), ""


def milestone_and_date(text: str) -> tuple[str, str]:
    """A milestone's title and due date: the date ending it split off, else the last date
    written inside it (the title then kept whole), else no date."""
    title, due = split_trailing_date(text)
    if due:
        return title, due
    found = [m for m in _WITHIN.finditer(text) if _is_date(m.group(0))]
    return title, found[-1].group(0) if found else ""


def _is_date(text: str) -> bool:
    read = parse_fuzzy_date(text)
    return read.precision is not Precision.UNKNOWN and not read.note
