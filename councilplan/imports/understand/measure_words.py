"""Words councils use for a measure's unit, polarity, frequency and comparator areas."""

from __future__ import annotations

from councilplan.domain.periods import Frequency
from councilplan.domain.status import Polarity
from councilplan.domain.units import Unit

from .cells import is_area
from .headers import fold

_UNITS = (
    (("%", "percent", "percentage", "pct", "proportion"), Unit.PERCENT),
    (("£", "pounds", "cash", "gbp", "money", "cost", "spend"), Unit.POUNDS),
    (("days", "day", "working days", "calendar days"), Unit.DAYS),
    (("rate", "per 1000", "per 10000", "per 100000", "rate per 1000"), Unit.RATE),
    (("number", "no", "count", "total", "nos", "people", "households", "homes"), Unit.NUMBER),
)
_POLARITY = (
    (
        (
            "higher",
            "high",
            "bigger",
            "larger",
            "more",
            "increase",
            "up",
            "higher is better",
            "bigger is better",
            "high is good",
            "aim high",
            "aim to increase",
            "maximise",
        ),
        Polarity.HIGHER,
    ),
    (
        (
            "lower",
            "low",
            "smaller",
            "less",
            "decrease",
            "down",
            "lower is better",
            "smaller is better",
            "low is good",
            "aim low",
            "aim to reduce",
            "reduce",
            "minimise",
        ),
        Polarity.LOWER,
    ),
    (("neither", "contextual", "n a", "na", "none", "maintain", "aim to maintain"), Polarity.NONE),
)
_FREQUENCIES = (
    (("monthly", "month", "every month"), Frequency.MONTHLY),
    (("quarterly", "quarter", "every quarter", "qtrly"), Frequency.QUARTERLY),
    (("biennial", "every two years", "every 2 years"), Frequency.BIENNIAL),
    (
        (
            "annual",
            "annually",
            "yearly",
            "year",
            "every year",
            "bi annual",
            "bi annually",
            "half yearly",
            "six monthly",
            "termly",
        ),
        Frequency.ANNUAL,
    ),
)


def _read(text: str, table: tuple[tuple[tuple[str, ...], object], ...], what: str) -> object:
    words = fold(text.replace("£", " £ ").replace("%", " % "))
    for phrases, member in table:
        if words in phrases or any(words.startswith(f"{p} ") for p in phrases if len(p) > 2):
            return member
    raise ValueError(f'"{text}" is not {what} councilplan knows.')


def read_unit(text: str) -> Unit:
    """ "%", "Percentage", "£", "Days", "Number" -> the unit."""
    return _read(text, _UNITS, "a unit")  # type: ignore[return-value]


def read_polarity(text: str) -> Polarity:
    """ "Higher is better", "Low", "Aim to reduce" -> the polarity."""
    return _read(text, _POLARITY, "a polarity")  # type: ignore[return-value]


def read_frequency(text: str) -> Frequency:
    """ "Quarterly", "Annual", "Monthly" -> the frequency (half-yearly and termly: annual)."""
    return _read(text, _FREQUENCIES, "a frequency")  # type: ignore[return-value]


def comparator_kind(area: str) -> str:
    """Which kind of comparator an area is: England, a region, nearest neighbours or other.
    A council's own name is other, even one naming a place in a region ("City of London",
    "East Riding of Yorkshire")."""
    words = f" {fold(area)} "
    if any(f" {w} " in words for w in ("nearest", "statistical", "cipfa", "similar", "neighbours")):
        return "nearest_neighbours"
    if any(f" {w} " in words for w in _NATIONAL):
        return "national"
    if is_area(area) or " region " in words or " regional " in words:
        return "regional"
    return "other"


_NATIONAL = (
    "england",
    "national",
    "uk",
    "united kingdom",
    "great britain",
    "england and wales",
    "all england",
)
