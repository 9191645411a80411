"""How each kind of value is written in a template cell, and read back from one.

A kind turns a value of the normalised structure into what a cell holds (text, a whole number,
a decimal, a date) and reads a cell back, accepting what a person is likely to type: labels or
stored values of a vocabulary, "2019/20" or 2019 for a financial year, "Yes" or "y". A cell it
cannot read raises ``ValueError`` with a message for that person; the caller adds the place.
Lists sit in one cell, items separated by "; " (theme paths by " > "); an item that holds the
separator is written in double quotes, as in CSV.
"""

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from councilplan.domain.periods import Period, PeriodError, PeriodKind, financial_year_label
from councilplan.domain.targets import TargetError, parse_profile, profile_text
from councilplan.domain.vocabulary import normalise_words

CellValue = str | int | Decimal | date | None

ITEMS = "; "
LEVELS = " > "
_PLAN_REF = re.compile(r"^\s*(?P<plan>[-a-z0-9]+)\s*:\s*(?P<rest>.*)$", re.DOTALL)


def as_text(raw: object) -> str:
    """Any cell as text: numbers without a spurious ".0", dates as YYYY-MM-DD."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, bool):
        return "Yes" if raw else "No"
    return str(raw).strip()


def join_items(items: Sequence[str], joiner: str = ITEMS) -> str:
    """Items in one cell, quoting any that holds the separator (or starts with a quote)."""
    delimiter = joiner.strip()
    quoted = [
        '"' + item.replace('"', '""') + '"' if delimiter in item or item.startswith('"') else item
        for item in items
    ]
    return joiner.join(quoted)


def split_items(text: str, joiner: str = ITEMS) -> list[str]:
    """The items of a cell written by ``join_items``; line breaks separate items too."""
    items: list[str] = []
    for line in text.splitlines():
        row = next(csv.reader([line], delimiter=joiner.strip(), skipinitialspace=True), [])
        items.extend(cell.strip() for cell in row)
    return [item for item in items if item]


def plain_number(value: Decimal) -> str:
    """A decimal as people write it: no exponent, no trailing zeros ("590", "594.6")."""
    return format(value.normalize(), "f")


class Kind:
    """A kind of column: how its values are written to a cell and read from a non-blank one."""

    hint = ""

    def describe(self) -> str:
        """How to fill in a cell of this kind, for the Read me sheet and docs/template.md."""
        return self.hint

    def write(self, value: Any) -> CellValue:
        """The cell for ``value``; None for nothing to write."""
        return value or None

    def read(self, raw: object) -> Any:
        """The value in a non-blank cell; ValueError saying what is wrong."""
        return as_text(raw)


class Text(Kind):
    """Free text."""


class Names(Kind):
    """A list of names or tags in one cell."""

    hint = 'Several are separated by "; ".'

    def write(self, value: Any) -> CellValue:
        return join_items(value) if value else None

    def read(self, raw: object) -> Any:
        return split_items(as_text(raw))


class Whole(Kind):
    """A whole number."""

    hint = "A whole number."

    def write(self, value: Any) -> CellValue:
        return value

    def read(self, raw: object) -> Any:
        text = as_text(raw).replace(",", "")
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f'"{as_text(raw)}" is not a whole number.')
        return int(text)


class Number(Kind):
    """A decimal number: a value, target, tolerance."""

    hint = "A number, e.g. 594.6."

    def write(self, value: Any) -> CellValue:
        return value

    def read(self, raw: object) -> Any:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        text = as_text(raw).replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            raise ValueError(f'"{as_text(raw)}" is not a number.')
        return number


class YesNo(Kind):
    """Yes or no."""

    hint = '"Yes" or "No"; blank is "No".'

    def write(self, value: Any) -> CellValue:
        return "Yes" if value else "No"

    def read(self, raw: object) -> Any:
        word = as_text(raw).lower()
        if word in {"yes", "y", "true", "1"}:
            return True
        if word in {"no", "n", "false", "0"}:
            return False
        raise ValueError(f'"{as_text(raw)}" is not "Yes" or "No".')


class Day(Kind):
    """A calendar date."""

    hint = "A date, e.g. 2019-07-10 or 10/07/2019."

    def write(self, value: Any) -> CellValue:
        return value

    def read(self, raw: object) -> Any:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = as_text(raw)
        for layout in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, layout).date()
            except ValueError:
                continue
        raise ValueError(f'"{text}" is not a date: write it as 2019-07-10 or 10/07/2019.')


class FinancialYear(Kind):
    """A financial year, named by the year it starts in."""

    hint = 'A financial year, e.g. "2019/20".'

    def write(self, value: Any) -> CellValue:
        return financial_year_label(value)

    def read(self, raw: object) -> Any:
        text = as_text(raw)
        if re.fullmatch(r"\d{4}", text):
            return int(text)
        try:
            period = Period.parse(text)
        except PeriodError:
            period = None
        if period is None or period.kind != PeriodKind.YEAR:
            raise ValueError(f'"{text}" is not a financial year: write it as "2019/20".')
        return period.year


class TargetProfile(Kind):
    """A measure's target profile: the year's share by quarter (4) or month (12), in percent."""

    hint = 'Percentages adding up to 100, e.g. "20/25/25/30"; blank is pro rata.'

    def write(self, value: Any) -> CellValue:
        return profile_text([Decimal(str(part)) for part in value]) if value else None

    def read(self, raw: object) -> Any:
        try:
            return list(parse_profile(as_text(raw)))
        except TargetError as exc:
            raise ValueError(str(exc)) from exc


class ReportingPeriod(Kind):
    """A financial year, quarter or month, stored as its code."""

    hint = 'A period: "2020/21", "2020/21 Q4" or "January 2021".'

    def write(self, value: Any) -> CellValue:
        return Period.parse(value).label

    def read(self, raw: object) -> Any:
        try:
            return Period.parse(as_text(raw)).code
        except PeriodError as exc:
            raise ValueError(str(exc)) from exc


@dataclass(frozen=True)
class Choice(Kind):
    """One of a vocabulary, written as its label; its stored value is read too."""

    what: str
    choices: tuple[tuple[str, str], ...]

    def describe(self) -> str:
        return "One of: " + ", ".join(label for _, label in self.choices) + "."

    def write(self, value: Any) -> CellValue:
        return dict(self.choices).get(str(value), str(value)) if value else None

    def read(self, raw: object) -> Any:
        words = normalise_words(as_text(raw).replace("_", " "))
        for value, label in self.choices:
            if words in {normalise_words(value.replace("_", " ")), normalise_words(label)}:
                return value
        labels = ", ".join(label for _, label in self.choices)
        raise ValueError(f'Unknown {self.what} "{as_text(raw)}". Use one of: {labels}.')


class ThemePath(Kind):
    """A theme's place in its plan's tree, top level first."""

    hint = 'Titles from the top level down, separated by " > ".'

    def write(self, value: Any) -> CellValue:
        return join_items(value, LEVELS)

    def read(self, raw: object) -> Any:
        return split_items(as_text(raw), LEVELS)


class ThemePaths(Kind):
    """Several theme paths in one plan."""

    hint = 'Theme paths (levels separated by " > "), separated by "; ".'

    def write(self, value: Any) -> CellValue:
        return join_items([join_items(path, LEVELS) for path in value]) if value else None

    def read(self, raw: object) -> Any:
        return [split_items(item, LEVELS) for item in split_items(as_text(raw))]


class PlanRefs(Kind):
    """Things of any plan, each "plan-slug: thing", separated by "; "."""

    def __init__(self, thing: str, joiner: str | None) -> None:
        self.thing = thing
        self.joiner = joiner
        self.hint = f'Each written "plan-slug: {thing}", separated by "; ".'

    def write(self, value: Any) -> CellValue:
        items = [f"{plan}: {self._join(rest)}" for plan, rest in value]
        return join_items(items) if items else None

    def read(self, raw: object) -> Any:
        refs = []
        for item in split_items(as_text(raw)):
            found = _PLAN_REF.match(item)
            if found is None or not found["rest"].strip():
                raise ValueError(f'"{item}" should be written "plan-slug: {self.thing}".')
            rest = found["rest"].strip()
            refs.append((found["plan"], split_items(rest, self.joiner) if self.joiner else rest))
        return refs

    def _join(self, rest: Any) -> str:
        return join_items(rest, self.joiner) if self.joiner else str(rest)
