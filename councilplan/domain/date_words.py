"""The words and numbers councils date things with, as regular-expression pieces and lookups.

Shared by ``date_atoms`` (which reads whole date expressions) so that each spelling is listed
once: month names and abbreviations, seasons and school terms, ordinals ("third", "3rd"),
small numbers written as words ("six months"), and two-digit years ("Nov-23").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {name.lower()[:3]: number for number, name in enumerate(calendar.month_name) if name}

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
YEAR = r"(?:19|20)[0-9]{2}"
# Not followed by a letter or digit: the end of a word.
END = r"(?![a-z0-9])"

# First month and length in months of each season (UK convention) and school term (England:
# autumn term September-December, spring term January to Easter, summer term after Easter to
# July; Easter moves, so spring is read as January-March and summer as April-July).
SEASONS = {"spring": (3, 3), "summer": (6, 3), "autumn": (9, 3), "fall": (9, 3), "winter": (12, 3)}
TERMS = {"autumn": (9, 4), "spring": (1, 3), "summer": (4, 4)}

ORDINAL = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final)"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_ORDINALS |= {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}

NUMBER = (
    r"(?:[0-9]{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|eighteen|twenty[\s-]?four|thirty[\s-]?six)"
)
# A year of a plan: "Year 2", "Years one to three".
SMALL_NUMBER = r"(?:10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)(?![0-9])"
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twentyfour": 24,
    "thirtysix": 36,
}


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern of the grammar: case-blind, and ``\\s`` and ``[a-z]`` in ASCII only."""
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


def month_number(word: str) -> int:
    """The month (1-12) a month name or abbreviation names ("Sept." -> 9)."""
    return MONTHS[word.lower()[:3]]


def ordinal(word: str, last: int) -> int:
    """The number an ordinal names; "last" and "final" are ``last``."""
    folded = word.lower()
    return last if folded in {"last", "final"} else _ORDINALS[folded]


def number(word: str) -> int:
    """The value of a number written in figures or words ("6", "six", "twenty-four")."""
    folded = "".join(word.lower().replace("-", " ").split())
    return int(folded) if folded.isdigit() else _NUMBER_WORDS[folded]


def two_digit_year(text: str) -> int:
    """The year a two-digit year means: 00-69 this century, 70-99 the last."""
    value = int(text.lstrip("'"))
    return 2000 + value if value < 70 else 1900 + value


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or that month's last day if it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_span(first: date, months: int) -> tuple[date, date]:
    """The first and last day of the ``months`` months that start on ``first``."""
    return first, add_months(first, months) - timedelta(days=1)
