"""Measure values as results reports write them, read into a number or the reason for none.

A results table mixes numbers with their unit ("£1,490,000", "81%", "26 days", "2,531"), notes
on the data ("£1,490,000 (Q3 data)") and sentences saying why there is no value ("No survey in
2020- 21", "Data due April 2021", "Not measured this year"). ``parse_reported_value`` reads any
cell without raising: what is not a number is kept as the reason, with the PDF's broken
hyphens ("2020- 21") folded back; an empty cell or a dash reports nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from councilplan.domain.units import Unit
from councilplan.domain.vocabulary import unify_dashes

NOTHING = frozenset({"", "-", "--"})

_NUMBER = re.compile(
    r"(?P<sign>[-+])?\s*(?P<pounds>£)?\s*(?P<sign_after>-)?\s*"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<fraction>\d+))?"
    r"(?P<scale>\s?(?:k|m|bn|million|billion)\b)?"
    r"\s*(?P<unit>%|days?\b)?"
    r"\s*(?:\((?P<note>[^()]*)\))?",
    re.IGNORECASE,
)
_BROKEN_HYPHEN = re.compile(r"(?<=[A-Za-z0-9])- (?=[a-z0-9])")


@dataclass(frozen=True)
class ReportedValue:
    """A reported cell read: a number with its unit and decimal places, a note, or a reason."""

    value: Decimal | None = None
    unit: Unit | None = None
    decimals: int = 0
    data_note: str = ""
    no_value_reason: str = ""

    @property
    def is_nothing(self) -> bool:
        """Whether the cell reported nothing at all (empty or a dash): no observation."""
        return self.value is None and not self.no_value_reason


def fold_broken_hyphens(text: str) -> str:
    """Join words a PDF line break split after a hyphen: "2020- 21" -> "2020-21"."""
    return _BROKEN_HYPHEN.sub("-", text)


def parse_reported_value(text: str) -> ReportedValue:
    """Read a reported value ("£1,490,000 (Q3 data)", "81%", "No survey in 2020- 21").

    Never raises: a cell that is not a number is the reason there is no value.
    """
    cleaned = fold_broken_hyphens(" ".join(unify_dashes(text).split()))
    if cleaned in NOTHING:
        return ReportedValue()
    found = _NUMBER.fullmatch(cleaned)
    if found is None or not (found["whole"] or found["fraction"]):
        return ReportedValue(no_value_reason=cleaned)
    digits = (found["whole"] or "0").replace(",", "")
    fraction = found["fraction"] or ""
    negative = "-" in (found["sign"] or "", found["sign_after"] or "")
    number = f"{'-' if negative else ''}{digits}{'.' if fraction else ''}{fraction}"
    scale = _scale(found["scale"], pounds=bool(found["pounds"]))
    if scale is None:
        return ReportedValue(no_value_reason=cleaned)
    value = Decimal(number) * scale
    if scale > 1 and value == value.to_integral_value():
        value, fraction = value.quantize(Decimal(1)), ""
    return ReportedValue(
        value=value,
        unit=_unit(found["pounds"], found["unit"]),
        decimals=len(fraction),
        data_note=" ".join((found["note"] or "").split()),
    )


_SCALES = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 10**9, "billion": 10**9}


def _scale(suffix: str | None, *, pounds: bool) -> int | None:
    """ "£16.00K" is 16,000 and "£1.2m" 1,200,000; "10m" without £ may be metres: not read."""
    if not suffix:
        return 1
    word = suffix.strip().lower()
    if word != "k" and not pounds:
        return None
    return _SCALES[word]


def _unit(pounds: str | None, suffix: str | None) -> Unit:
    if pounds:
        return Unit.POUNDS
    if suffix == "%":
        return Unit.PERCENT
    if suffix:
        return Unit.DAYS
    return Unit.NUMBER
