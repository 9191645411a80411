"""Timescales as councils write them parse into a date range with a precision, keeping the text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councilplan.domain.fuzzy_dates import (
    FuzzyDate,
    Precision,
    parse_fuzzy_date,
    says_nothing,
    split_timescales,
)

PLAN_END = date(2023, 3, 31)
D = date

# text, start, end, precision, open_ended, note
FORMS: list[FuzzyDate] = [
    FuzzyDate("March 2020", D(2020, 3, 1), D(2020, 3, 31), Precision.MONTH, False, ""),
    FuzzyDate("December 2019", D(2019, 12, 1), D(2019, 12, 31), Precision.MONTH, False, ""),
    FuzzyDate("Summer 2019", D(2019, 6, 1), D(2019, 8, 31), Precision.SEASON, False, ""),
    FuzzyDate("Autumn 2020", D(2020, 9, 1), D(2020, 11, 30), Precision.SEASON, False, ""),
    FuzzyDate("Spring 2023", D(2023, 3, 1), D(2023, 5, 31), Precision.SEASON, False, ""),
    FuzzyDate("Winter 2019", D(2019, 12, 1), D(2020, 2, 29), Precision.SEASON, False, ""),
    FuzzyDate("Winter 2019/20", D(2019, 12, 1), D(2020, 2, 29), Precision.SEASON, False, ""),
    FuzzyDate("2037", D(2037, 1, 1), D(2037, 12, 31), Precision.YEAR, False, ""),
    FuzzyDate("2024", D(2024, 1, 1), D(2024, 12, 31), Precision.YEAR, False, ""),
    FuzzyDate("March 2024/25", D(2025, 3, 1), D(2025, 3, 31), Precision.MONTH, False, ""),
    FuzzyDate("April 2024/25", D(2024, 4, 1), D(2024, 4, 30), Precision.MONTH, False, ""),
    FuzzyDate("2024/25", D(2024, 4, 1), D(2025, 3, 31), Precision.FINANCIAL_YEAR, False, ""),
    FuzzyDate("2020-21", D(2020, 4, 1), D(2021, 3, 31), Precision.FINANCIAL_YEAR, False, ""),
    FuzzyDate("2020/2021", D(2020, 4, 1), D(2021, 3, 31), Precision.FINANCIAL_YEAR, False, ""),
    FuzzyDate("2006-09", D(2006, 4, 1), D(2009, 3, 31), Precision.FINANCIAL_YEAR, False, ""),
    FuzzyDate("Q3 2020/21", D(2020, 10, 1), D(2020, 12, 31), Precision.QUARTER, False, ""),
    FuzzyDate("2020/21 Q4", D(2021, 1, 1), D(2021, 3, 31), Precision.QUARTER, False, ""),
    FuzzyDate("Quarter 1 2021/22", D(2021, 4, 1), D(2021, 6, 30), Precision.QUARTER, False, ""),
    FuzzyDate("30 June 2006", D(2006, 6, 30), D(2006, 6, 30), Precision.DAY, False, ""),
    FuzzyDate("Ongoing", None, None, Precision.OPEN, True, "Ongoing"),
    FuzzyDate("On-going", None, None, Precision.OPEN, True, "On-going"),
    FuzzyDate(
        "On-going to the end of March 2020",
        None,
        D(2020, 3, 31),
        Precision.MONTH,
        True,
        "On-going",
    ),
    FuzzyDate(
        "Ongoing through the Council Plan period",
        None,
        PLAN_END,
        Precision.OPEN,
        True,
        "Ongoing through the Council Plan period",
    ),
    FuzzyDate(
        "Ongoing depending on projects",
        None,
        None,
        Precision.OPEN,
        True,
        "Ongoing depending on projects",
    ),
    FuzzyDate(
        "Ongoing through to March 2022", None, D(2022, 3, 31), Precision.MONTH, True, "Ongoing"
    ),
    FuzzyDate(
        "September - November 2019", D(2019, 9, 1), D(2019, 11, 30), Precision.MONTH, False, ""
    ),
    FuzzyDate(
        "November - February 2020", D(2019, 11, 1), D(2020, 2, 29), Precision.MONTH, False, ""
    ),
    FuzzyDate(
        "April \u2013 October 2006", D(2006, 4, 1), D(2006, 10, 31), Precision.MONTH, False, ""
    ),
    FuzzyDate("April - Aug 2006", D(2006, 4, 1), D(2006, 8, 31), Precision.MONTH, False, ""),
    FuzzyDate("From February 2020", D(2020, 2, 1), None, Precision.MONTH, True, ""),
    FuzzyDate("As soon as possible", None, None, Precision.OPEN, False, "As soon as possible"),
    FuzzyDate("Started", None, None, Precision.OPEN, False, "Started"),
    FuzzyDate("Tbc", None, None, Precision.UNKNOWN, False, "Tbc"),
    FuzzyDate("-", None, None, Precision.UNKNOWN, False, "-"),
    FuzzyDate("", None, None, Precision.UNKNOWN, False, ""),
    FuzzyDate("April 2006 - March 2007", D(2006, 4, 1), D(2007, 3, 31), Precision.MONTH, False, ""),
    FuzzyDate(
        "April 2006 \u2013 March 2007", D(2006, 4, 1), D(2007, 3, 31), Precision.MONTH, False, ""
    ),
    FuzzyDate("April 2006-March 2007", D(2006, 4, 1), D(2007, 3, 31), Precision.MONTH, False, ""),
    FuzzyDate("April 2006 - ongoing", D(2006, 4, 1), None, Precision.MONTH, True, "ongoing"),
    FuzzyDate("April 06 - ongoing", D(2006, 4, 1), None, Precision.MONTH, True, "ongoing"),
    FuzzyDate(
        "Short-term - Lobby for additional funding to cover Covid- 19 by December 2020 March 2021",
        D(2020, 12, 1),
        D(2021, 3, 31),
        Precision.MONTH,
        False,
        "Short-term - Lobby for additional funding to cover Covid- 19 by December 2020",
    ),
    FuzzyDate(
        "March 2021 and ongoing to deliverable deadline of 2032",
        D(2021, 3, 1),
        D(2032, 12, 31),
        Precision.MONTH,
        True,
        "ongoing to deliverable deadline of 2032",
    ),
    FuzzyDate("March 2021 and ongoing", D(2021, 3, 1), None, Precision.MONTH, True, "ongoing"),
    FuzzyDate(
        "July 2020 \u2013 with agreed actions undertaken by end March 2021",
        D(2020, 7, 1),
        D(2021, 3, 31),
        Precision.MONTH,
        False,
        "with agreed actions undertaken by end March 2021",
    ),
    FuzzyDate(
        "March 2021 (Initial emergency active travel fund)",
        D(2021, 3, 1),
        D(2021, 3, 31),
        Precision.MONTH,
        False,
        "Initial emergency active travel fund",
    ),
    FuzzyDate("Review March 2023", D(2023, 3, 1), D(2023, 3, 31), Precision.MONTH, False, "Review"),
    FuzzyDate(
        "Delivery June 2024", D(2024, 6, 1), D(2024, 6, 30), Precision.MONTH, False, "Delivery"
    ),
    FuzzyDate(
        "March 2023 Delivery July 2023",
        D(2023, 3, 1),
        D(2023, 7, 31),
        Precision.MONTH,
        False,
        "Delivery July 2023",
    ),
    # 003 labels two sites' start years: "Markham 2006" over "Coalite 2017".
    FuzzyDate("Markham 2006", D(2006, 1, 1), D(2006, 12, 31), Precision.YEAR, False, "Markham"),
    FuzzyDate("Coalite 2017", D(2017, 1, 1), D(2017, 12, 31), Precision.YEAR, False, "Coalite"),
    FuzzyDate("<p>March 2020</p>", D(2020, 3, 1), D(2020, 3, 31), Precision.MONTH, False, ""),
    FuzzyDate(
        "Something else entirely", None, None, Precision.UNKNOWN, False, "Something else entirely"
    ),
    FuzzyDate("End of March", None, None, Precision.UNKNOWN, False, "End of March"),
]


@pytest.mark.parametrize("expected", FORMS, ids=[form.text for form in FORMS])
def test_timescale_parses_to_range_precision_and_note(expected: FuzzyDate) -> None:
    assert parse_fuzzy_date(expected.text, period_end=PLAN_END) == expected


@pytest.mark.parametrize("parsed", FORMS, ids=[form.text for form in FORMS])
def test_fuzzy_date_round_trips_through_its_stored_dict(parsed: FuzzyDate) -> None:
    assert FuzzyDate.from_dict(parsed.to_dict()) == parsed


def test_stored_dict_uses_iso_dates_and_the_precision_value() -> None:
    assert parse_fuzzy_date("From February 2020").to_dict() == {
        "text": "From February 2020",
        "start": "2020-02-01",
        "end": None,
        "precision": "month",
        "open_ended": True,
        "note": "",
    }


@pytest.mark.parametrize(
    "stored",
    [
        {},
        {"text": "x", "precision": "fortnight"},
        {"text": "x", "start": "1 April 2020"},
        {"text": "x", "end": 20200401},
    ],
)
def test_from_dict_refuses_what_is_not_a_stored_fuzzy_date(stored: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="Not a stored fuzzy date"):
        FuzzyDate.from_dict(stored)


def test_plan_period_has_no_end_without_the_plan_end_date() -> None:
    parsed = parse_fuzzy_date("Ongoing through plan period")

    assert (parsed.end, parsed.open_ended) == (None, True)


def test_display_keeps_the_text_as_written() -> None:
    parsed = parse_fuzzy_date("April 2006 \u2013 March 2007")

    assert parsed.display == "April 2006 \u2013 March 2007"
    assert str(parsed) == "April 2006 \u2013 March 2007"


def test_unparseable_text_is_kept_as_unknown() -> None:
    parsed = parse_fuzzy_date("When funding allows")

    assert not parsed.is_known
    assert parsed.text == "When funding allows"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("June 2019  September 2019", ["June 2019", "September 2019"]),
        ("August 2019  March 2020  March 2020", ["August 2019", "March 2020", "March 2020"]),
        (
            "<p>October 2019</p> <p>December 2019</p> <p>March 2020</p>",
            ["October 2019", "December 2019", "March 2020"],
        ),
        (
            '<ul style="list-style-type: none"> <li>September 2019</li> <li>October 2019</li>'
            " </ul>",
            ["September 2019", "October 2019"],
        ),
        ("<p>As soon as possible</p> <p>August 2019</p>", ["As soon as possible", "August 2019"]),
        ("March 2023\nDelivery July 2023", ["March 2023", "Delivery July 2023"]),
        ("October 2022 March 2023", ["October 2022", "March 2023"]),
        ("March 2023 Delivery July 2023", ["March 2023 Delivery July 2023"]),
        ("September - November 2019", ["September - November 2019"]),
        ("April 2006 \u2013 March 2007", ["April 2006 \u2013 March 2007"]),
        ("March 2020", ["March 2020"]),
        ("", []),
        ("<p></p>", []),
    ],
)
def test_split_timescales_separates_the_dates_of_one_cell(cell: str, expected: list[str]) -> None:
    assert split_timescales(cell) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tbc", True),
        ("TBC", True),
        ("-", True),
        ("", True),
        ("N/A", True),
        ("To be confirmed", True),
        ("\u2022", True),
        ("Ongoing", False),
        ("March 2020", False),
    ],
)
def test_says_nothing_only_for_placeholders(text: str, expected: bool) -> None:
    assert says_nothing(text) is expected


MONTH_WORDS = ["January", "Feb", "March", "Sept", "December", "June", "Aug"]
PIECES = st.one_of(
    st.sampled_from(MONTH_WORDS),
    st.sampled_from(["Spring", "Summer", "Autumn", "Winter", "Q1", "Q4", "Quarter 3"]),
    st.integers(1890, 2110).map(str),
    st.integers(0, 99).map(lambda n: f"{n:02d}"),
    st.tuples(st.integers(1990, 2060), st.integers(0, 99)).map(lambda p: f"{p[0]}/{p[1]:02d}"),
    st.sampled_from(["-", "\u2013", "to", "and", "ongoing", "On-going", "from", "by", "end of"]),
    st.sampled_from(["Review", "Delivery", "Tbc", "plan period", "(", ")", "<p>", "31", "/"]),
)
TIMESCALE_LIKE = st.lists(PIECES, max_size=8).map(" ".join)


@given(st.one_of(st.text(max_size=80), TIMESCALE_LIKE))
def test_parsing_never_raises_and_keeps_the_text(text: str) -> None:
    parsed = parse_fuzzy_date(text, period_end=PLAN_END)

    assert parsed.text == text


@given(st.one_of(st.text(max_size=80), TIMESCALE_LIKE), st.none() | st.dates())
def test_start_is_never_after_end(text: str, period_end: date | None) -> None:
    parsed = parse_fuzzy_date(text, period_end=period_end)

    if parsed.start is not None and parsed.end is not None:
        assert parsed.start <= parsed.end


@given(TIMESCALE_LIKE)
def test_unknown_precision_means_no_dates(text: str) -> None:
    parsed = parse_fuzzy_date(text)

    if parsed.precision == Precision.UNKNOWN:
        assert (parsed.start, parsed.end, parsed.open_ended) == (None, None, False)


@given(st.one_of(st.text(max_size=80), TIMESCALE_LIKE))
def test_split_timescales_never_raises_and_returns_clean_pieces(text: str) -> None:
    pieces = split_timescales(text)

    assert all(piece == piece.strip() and piece for piece in pieces)
