"""Units of measures and how their values read in text ("£1,490,000", "29.3%", "10.5 days")."""

from __future__ import annotations

from decimal import Decimal

from councilplan.domain.vocabulary import Vocabulary


class Unit(Vocabulary):
    """What a measure's value counts. A rate's base (per 1,000, 10,000 or 100,000 of a
    population) is stored beside it, since it varies by measure."""

    NUMBER = "number", "Number"
    PERCENT = "percent", "Percentage"
    POUNDS = "pounds", "Pounds (£)"
    DAYS = "days", "Days"
    RATE = "rate", "Rate per population"


def format_number(value: Decimal, decimals: int | None = None) -> str:
    """Write a number with thousands separators, to ``decimals`` places or as precise as given."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    else:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent > 0:
            value = value.quantize(Decimal(1))
    return f"{value:,f}"


def format_value(value: Decimal, unit: Unit = Unit.NUMBER, decimals: int | None = None) -> str:
    """Write a measure's value as a report shows it, with its unit."""
    number = format_number(abs(value), decimals)
    sign = "-" if value < 0 and number.strip("0.,") else ""
    if unit == Unit.PERCENT:
        return f"{sign}{number}%"
    if unit == Unit.POUNDS:
        return f"{sign}£{number}"
    if unit == Unit.DAYS:
        return f"{sign}{number} {'day' if number == '1' else 'days'}"
    return f"{sign}{number}"
