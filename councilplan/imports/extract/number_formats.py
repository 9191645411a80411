"""A workbook cell's value as Excel shows it, from its number format ("0.0%" shows 0.294 as 29.4%).

The value stays typed (a number, a date); the text is what the person who wrote the workbook
saw, which is what a person checking the import compares with. The common formats are
covered: General, fixed decimals, thousands separators, percentages, currency symbols and
literal text, a separate format for negative numbers, and date and time codes. Anything more
exotic (fractions, scientific notation, conditions) shows as General would.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

_SECTION = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a ";" outside quotes
_LITERALS = re.compile(r'"([^"]*)"|\\(.)|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]|_.|\*.')
_NUMBER = re.compile(r"[#0?][#0?,]*(?:\.[#0?]*)?|\.[#0?]+")
_DATE_TOKENS = re.compile(
    r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|\.0+|.",
    re.IGNORECASE,
)


def display_text(value: object, number_format: str = "General") -> str:
    """The text Excel shows for a typed value under a number format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime | date | time):
        return _date_text(value, number_format)
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return _number_text(value, number_format)
    return str(value)


def general(number: float | int | Decimal) -> str:
    """A number as Excel's General format shows it: no trailing zeros, ten significant digits."""
    if isinstance(number, int) or (isinstance(number, float) and number.is_integer()):
        return str(int(number)) if abs(number) < 1e15 else f"{number:.10g}"
    return f"{number:.10g}" if isinstance(number, float) else str(number)


def exact(number: float) -> int | Decimal:
    """A workbook's binary number as the decimal it was typed as (0.294, not 0.29399999...)."""
    return int(number) if number.is_integer() and abs(number) < 1e15 else Decimal(repr(number))


def _number_text(number: float | int | Decimal, number_format: str) -> str:
    sections = _SECTION.split(number_format or "General")
    section = sections[0]
    if number < 0 and len(sections) > 1 and sections[1].strip():
        section, number = sections[1], -number
    plain = _LITERALS.sub(_literal, section)
    found = _NUMBER.search(plain)
    if found is None or "general" in section.lower() or "E+" in section.upper():
        return general(number)
    pattern = found.group()
    decimals = len(pattern.split(".", 1)[1]) if "." in pattern else 0
    exact_number = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    scaled = exact_number * (100 if "%" in plain else 1)
    rounded = abs(scaled).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    body = f"{rounded:{',' if ',' in pattern.split('.')[0] else ''}.{decimals}f}"
    sign = "-" if scaled < 0 and rounded != 0 else ""
    return f"{sign}{plain[: found.start()]}{body}{plain[found.end() :]}".strip()


def _literal(found: re.Match[str]) -> str:
    """The text a literal part of a format shows: quoted text, an escaped character, a symbol."""
    if found[1] is not None:
        return found[1]
    if found[2] is not None:
        return found[2]
    if found[3] is not None:
        return found[3]
    return " " if found[0].startswith("_") else ""


def _date_text(value: datetime | date | time, number_format: str) -> str:
    """A date or time in its format's day, month and year codes; ISO where there are none."""
    section = _SECTION.split(number_format or "")[0]
    section = re.sub(r'\[[^\]]*\]|"([^"]*)"|\\(.)', lambda m: m[1] or m[2] or "", section)
    if not re.search(r"[dmyhs]", section, re.IGNORECASE):
        return value.isoformat() if not isinstance(value, datetime) else _iso(value)
    tokens = _DATE_TOKENS.findall(section)
    out: list[str] = []
    for index, token in enumerate(tokens):
        out.append(_date_token(value, token, tokens, index))
    return "".join(out)


def _iso(value: datetime) -> str:
    return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")


def _date_token(value: datetime | date | time, token: str, tokens: list[str], index: int) -> str:
    lower = token.lower()
    day = value if isinstance(value, date) else None
    clock = (
        value.time() if isinstance(value, datetime) else value if isinstance(value, time) else None
    )
    if lower.startswith("m") and lower in ("m", "mm") and _is_minute(tokens, index):
        return (
            f"{clock.minute:02d}" if clock and lower == "mm" else str(clock.minute if clock else 0)
        )
    if day is not None:
        names = {
            "yyyy": f"{day.year:04d}", "yy": f"{day.year % 100:02d}",
            "mmmmm": day.strftime("%B")[0], "mmmm": day.strftime("%B"),
            "mmm": day.strftime("%b"), "mm": f"{day.month:02d}", "m": str(day.month),
            "dddd": day.strftime("%A"), "ddd": day.strftime("%a"),
            "dd": f"{day.day:02d}", "d": str(day.day),
        }  # fmt: skip
        if lower in names:
            return names[lower]
    if clock is not None:
        twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
        hour = (clock.hour % 12 or 12) if twelve else clock.hour
        names = {
            "hh": f"{hour:02d}", "h": str(hour), "ss": f"{clock.second:02d}",
            "s": str(clock.second), "am/pm": "AM" if clock.hour < 12 else "PM",
            "a/p": "A" if clock.hour < 12 else "P",
        }  # fmt: skip
        if lower in names:
            return names[lower]
    return "" if lower in ("yyyy", "yy", "dd", "d", "hh", "h", "ss", "s") else token


def _is_minute(tokens: list[str], index: int) -> bool:
    """Whether an "m" or "mm" code means minutes: right after hours or right before seconds."""
    codes = [(i, t.lower()) for i, t in enumerate(tokens) if t.isalpha() or "/" in t]
    place = next(n for n, (i, _) in enumerate(codes) if i == index)
    before = codes[place - 1][1] if place > 0 else ""
    after = codes[place + 1][1] if place + 1 < len(codes) else ""
    return before in ("h", "hh") or after in ("s", "ss")
