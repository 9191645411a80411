"""Find a revised timescale's two dates: "June 2024 (was March 2024)".

Councils record slippage in the timescale cell itself: "June 2024 (was March 2024)", "Revised
to June 2024 (originally March 2024)", "June 2024 - revised from March 2024", "March 2024
revised to June 2024", "Originally March 2024, now June 2024". ``split_revision`` separates the
words of the date now due from those of the original one; ``fuzzy_dates`` reads each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHANGED = (
    r"(?:revised|changed|moved|delayed|deferred|extended|slipped|put\s+back|pushed\s+back"
    r"|brought\s+forward|rescheduled|re-?profiled|re-?phased|re-?programmed|amended|updated)"
)
# Words that introduce the original date.
_ORIGINAL = re.compile(
    r"\b(?:was(?:\s+(?:due|planned|scheduled|expected))?(?:\s+(?:for|in|by))?"
    r"|originally(?:\s+(?:due|planned|scheduled|expected|set|targeted))?(?:\s+(?:for|in|by|as))?"
    r"|original(?:\s+(?:date|deadline|target|timescale|completion))*(?:\s+(?:was|of|:))?"
    r"|previously(?:\s+(?:due|planned|scheduled|expected))?(?:\s+(?:for|in|by))?"
    r"|formerly"
    rf"|{_CHANGED}(?:\s+(?:date|deadline|timescale))?\s+from)\b\s*:?\s*",
    re.IGNORECASE,
)
# Words that introduce the date now due.
_REVISED = re.compile(
    rf"\b(?:{_CHANGED}(?:\s+(?:date|deadline|timescale|completion))?\s+(?:to|until|till|into)"
    r"|now(?:\s+(?:due|expected|planned|scheduled))?(?:\s+(?:for|in|by))?"
    r"|new\s+(?:target\s+)?(?:date|deadline|timescale)"
    r"|revised(?:\s+(?:date|deadline|timescale|completion))?)\b\s*:?\s*",
    re.IGNORECASE,
)
_TO = re.compile(r"\s(?:to|until|till)\s", re.IGNORECASE)
_PUNCTUATION = " ,;:-()."


@dataclass(frozen=True)
class RevisionWords:
    """The words of a revised timescale: the date now due, and the original one."""

    revised: str
    original: str


def split_revision(text: str) -> RevisionWords | None:
    """The revised and original words of a timescale that says it was revised, else None.

    Whether both parts hold a date is for the caller to judge.
    """
    original = _ORIGINAL.search(text)
    if original is not None:
        finish = _original_end(text, original)
        revised = text[: original.start()] + " " + text[finish:]
        return RevisionWords(
            _tidy(_REVISED.sub(" ", revised)), _tidy(text[original.end() : finish])
        )
    revised_marker = _REVISED.search(text)
    if revised_marker is None or not _tidy(text[: revised_marker.start()]):
        return None
    return RevisionWords(_tidy(text[revised_marker.end() :]), _tidy(text[: revised_marker.start()]))


def _original_end(text: str, marker: re.Match[str]) -> int:
    """Where the original date's words end: its bracket's close, a comma or semicolon, the
    words of the revised date, or the end of the text."""
    opened = text.rfind("(", 0, marker.start())
    if opened != -1 and text.find(")", opened, marker.start()) == -1:
        closed = text.find(")", marker.end())
        return len(text) if closed == -1 else closed
    ends = [text.find(mark, marker.end()) for mark in ",;"]
    revised = _REVISED.search(text, marker.end())
    if revised is not None:
        ends.append(revised.start())
    if marker.group().strip().lower().endswith("from"):
        # "changed from December 2024 to March 2025"
        to = _TO.search(text, marker.end())
        if to is not None:
            ends.append(to.start())
    return min((end for end in ends if end != -1), default=len(text))


def _tidy(words: str) -> str:
    """The words without empty brackets, dangling punctuation or extra spaces."""
    tidied = re.sub(r"\(\s*\)", " ", words)
    return " ".join(tidied.split()).strip(_PUNCTUATION)
