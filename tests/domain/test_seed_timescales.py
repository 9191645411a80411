"""Every timescale written in the seed documents parses to a date range, not to "unknown".

``SEED_TIMESCALES`` is the committed table of the distinct strings that
``tests/domain/seed_timescales.py`` collects from ../shared/seeds, with what each means, so the
parser is held to them even where the seeds are not checked out. When the seeds are present,
a further test checks the table is still complete.
"""

from __future__ import annotations

from datetime import date

import pytest

from councilplan.domain.fuzzy_dates import Precision, parse_fuzzy_date, split_timescales
from tests.domain.seed_timescales import distinct_timescales, seed_cells

# Strings that say nothing about a date; the only ones allowed to read as "unknown".
SAYS_NOTHING = frozenset({"-", "Tbc"})

# (text as written, precision, first day, last day)
SEED_TIMESCALES: list[tuple[str, Precision, str | None, str | None]] = [
    ("-", Precision.UNKNOWN, None, None),
    ("2009", Precision.YEAR, "2009-01-01", "2009-12-31"),
    ("2018", Precision.YEAR, "2018-01-01", "2018-12-31"),
    ("2021", Precision.YEAR, "2021-01-01", "2021-12-31"),
    ("2023", Precision.YEAR, "2023-01-01", "2023-12-31"),
    ("2024", Precision.YEAR, "2024-01-01", "2024-12-31"),
    ("2030", Precision.YEAR, "2030-01-01", "2030-12-31"),
    ("2037", Precision.YEAR, "2037-01-01", "2037-12-31"),
    ("April - Aug 2006", Precision.MONTH, "2006-04-01", "2006-08-31"),
    ("April 06 - ongoing", Precision.MONTH, "2006-04-01", None),
    ("April 2006", Precision.MONTH, "2006-04-01", "2006-04-30"),
    ("April 2006 - March 2007", Precision.MONTH, "2006-04-01", "2007-03-31"),
    ("April 2006 - ongoing", Precision.MONTH, "2006-04-01", None),
    ("April 2006 - Ongoing", Precision.MONTH, "2006-04-01", None),
    ("April 2006 \u2013 April 2007", Precision.MONTH, "2006-04-01", "2007-04-30"),
    ("April 2006 \u2013 July 2007", Precision.MONTH, "2006-04-01", "2007-07-31"),
    ("April 2006 \u2013 March 2007", Precision.MONTH, "2006-04-01", "2007-03-31"),
    ("April 2006-March 2007", Precision.MONTH, "2006-04-01", "2007-03-31"),
    ("April 2007 - ongoing", Precision.MONTH, "2007-04-01", None),
    ("April 2008", Precision.MONTH, "2008-04-01", "2008-04-30"),
    ("April 2014", Precision.MONTH, "2014-04-01", "2014-04-30"),
    ("April 2018", Precision.MONTH, "2018-04-01", "2018-04-30"),
    ("April 2019", Precision.MONTH, "2019-04-01", "2019-04-30"),
    ("April 2023", Precision.MONTH, "2023-04-01", "2023-04-30"),
    ("April \u2013 December 2006", Precision.MONTH, "2006-04-01", "2006-12-31"),
    ("April \u2013 October 2006", Precision.MONTH, "2006-04-01", "2006-10-31"),
    ("As soon as possible", Precision.OPEN, None, None),
    ("August 2007", Precision.MONTH, "2007-08-01", "2007-08-31"),
    ("August 2019", Precision.MONTH, "2019-08-01", "2019-08-31"),
    ("August 2020", Precision.MONTH, "2020-08-01", "2020-08-31"),
    ("August 2021", Precision.MONTH, "2021-08-01", "2021-08-31"),
    ("August 2022", Precision.MONTH, "2022-08-01", "2022-08-31"),
    ("Coalite 2017", Precision.YEAR, "2017-01-01", "2017-12-31"),
    ("December 2019", Precision.MONTH, "2019-12-01", "2019-12-31"),
    ("December 2020", Precision.MONTH, "2020-12-01", "2020-12-31"),
    ("December 2021", Precision.MONTH, "2021-12-01", "2021-12-31"),
    ("December 2022", Precision.MONTH, "2022-12-01", "2022-12-31"),
    ("Delivery June 2024", Precision.MONTH, "2024-06-01", "2024-06-30"),
    ("February 2019", Precision.MONTH, "2019-02-01", "2019-02-28"),
    ("February 2020", Precision.MONTH, "2020-02-01", "2020-02-29"),
    ("From February 2020", Precision.MONTH, "2020-02-01", None),
    ("January 2006 \u2013 March 2007", Precision.MONTH, "2006-01-01", "2007-03-31"),
    ("January 2019", Precision.MONTH, "2019-01-01", "2019-01-31"),
    ("January 2020", Precision.MONTH, "2020-01-01", "2020-01-31"),
    ("January \u2013 December 2006", Precision.MONTH, "2006-01-01", "2006-12-31"),
    ("July 2006", Precision.MONTH, "2006-07-01", "2006-07-31"),
    ("July 2006 - Ongoing", Precision.MONTH, "2006-07-01", None),
    ("July 2018", Precision.MONTH, "2018-07-01", "2018-07-31"),
    ("July 2019", Precision.MONTH, "2019-07-01", "2019-07-31"),
    (
        "July 2020 \u2013 with agreed actions undertaken by end March 2021",
        Precision.MONTH,
        "2020-07-01",
        "2021-03-31",
    ),
    ("July 2022", Precision.MONTH, "2022-07-01", "2022-07-31"),
    ("June 2006", Precision.MONTH, "2006-06-01", "2006-06-30"),
    ("June 2006 - ongoing", Precision.MONTH, "2006-06-01", None),
    ("June 2007", Precision.MONTH, "2007-06-01", "2007-06-30"),
    ("June 2008", Precision.MONTH, "2008-06-01", "2008-06-30"),
    ("June 2018", Precision.MONTH, "2018-06-01", "2018-06-30"),
    ("June 2019", Precision.MONTH, "2019-06-01", "2019-06-30"),
    ("June 2020", Precision.MONTH, "2020-06-01", "2020-06-30"),
    ("June 2021", Precision.MONTH, "2021-06-01", "2021-06-30"),
    ("June 2022", Precision.MONTH, "2022-06-01", "2022-06-30"),
    ("March 2007", Precision.MONTH, "2007-03-01", "2007-03-31"),
    ("March 2008", Precision.MONTH, "2008-03-01", "2008-03-31"),
    ("March 2019", Precision.MONTH, "2019-03-01", "2019-03-31"),
    ("March 2020", Precision.MONTH, "2020-03-01", "2020-03-31"),
    ("March 2021", Precision.MONTH, "2021-03-01", "2021-03-31"),
    (
        "March 2021 (Initial emergency active travel fund)",
        Precision.MONTH,
        "2021-03-01",
        "2021-03-31",
    ),
    ("March 2021 and ongoing", Precision.MONTH, "2021-03-01", None),
    (
        "March 2021 and ongoing to deliverable deadline of 2032",
        Precision.MONTH,
        "2021-03-01",
        "2032-12-31",
    ),
    ("March 2022", Precision.MONTH, "2022-03-01", "2022-03-31"),
    ("March 2023", Precision.MONTH, "2023-03-01", "2023-03-31"),
    ("March 2023 Delivery July 2023", Precision.MONTH, "2023-03-01", "2023-07-31"),
    ("March 2024", Precision.MONTH, "2024-03-01", "2024-03-31"),
    ("March 2024/25", Precision.MONTH, "2025-03-01", "2025-03-31"),
    ("March 2025", Precision.MONTH, "2025-03-01", "2025-03-31"),
    ("March 2035", Precision.MONTH, "2035-03-01", "2035-03-31"),
    ("Markham 2006", Precision.YEAR, "2006-01-01", "2006-12-31"),
    ("May 2006", Precision.MONTH, "2006-05-01", "2006-05-31"),
    ("May 2017", Precision.MONTH, "2017-05-01", "2017-05-31"),
    ("May 2019", Precision.MONTH, "2019-05-01", "2019-05-31"),
    ("May 2020", Precision.MONTH, "2020-05-01", "2020-05-31"),
    ("November 2006", Precision.MONTH, "2006-11-01", "2006-11-30"),
    ("November 2019", Precision.MONTH, "2019-11-01", "2019-11-30"),
    ("October 2006 - ongoing", Precision.MONTH, "2006-10-01", None),
    ("October 2018", Precision.MONTH, "2018-10-01", "2018-10-31"),
    ("October 2019", Precision.MONTH, "2019-10-01", "2019-10-31"),
    ("October 2021", Precision.MONTH, "2021-10-01", "2021-10-31"),
    (
        "October 2021 and ongoing to deliverable deadline of 2050",
        Precision.MONTH,
        "2021-10-01",
        "2050-12-31",
    ),
    ("October 2022", Precision.MONTH, "2022-10-01", "2022-10-31"),
    ("October 2023", Precision.MONTH, "2023-10-01", "2023-10-31"),
    ("On-going to the end of March 2020", Precision.MONTH, None, "2020-03-31"),
    ("Ongoing", Precision.OPEN, None, None),
    ("Ongoing depending on projects", Precision.OPEN, None, None),
    ("Ongoing through plan period", Precision.OPEN, None, None),
    ("Ongoing through the Council Plan period", Precision.OPEN, None, None),
    ("Ongoing through to March 2022", Precision.MONTH, None, "2022-03-31"),
    ("Review March 2023", Precision.MONTH, "2023-03-01", "2023-03-31"),
    ("September - November 2019", Precision.MONTH, "2019-09-01", "2019-11-30"),
    ("September 2006", Precision.MONTH, "2006-09-01", "2006-09-30"),
    ("September 2006 - ongoing", Precision.MONTH, "2006-09-01", None),
    ("September 2009", Precision.MONTH, "2009-09-01", "2009-09-30"),
    ("September 2019", Precision.MONTH, "2019-09-01", "2019-09-30"),
    ("September 2020", Precision.MONTH, "2020-09-01", "2020-09-30"),
    ("September 2021", Precision.MONTH, "2021-09-01", "2021-09-30"),
    ("September 2022", Precision.MONTH, "2022-09-01", "2022-09-30"),
    ("September 2024", Precision.MONTH, "2024-09-01", "2024-09-30"),
    (
        "Short-term - Lobby for additional funding to cover Covid- 19 by December 2020 March 2021",
        Precision.MONTH,
        "2020-12-01",
        "2021-03-31",
    ),
    ("Started", Precision.OPEN, None, None),
    ("Summer 2019", Precision.SEASON, "2019-06-01", "2019-08-31"),
    ("Summer 2020", Precision.SEASON, "2020-06-01", "2020-08-31"),
    ("Tbc", Precision.UNKNOWN, None, None),
]


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@pytest.mark.parametrize(("text", "precision", "start", "end"), SEED_TIMESCALES)
def test_seed_timescale_parses_to_its_range(
    text: str, precision: Precision, start: str | None, end: str | None
) -> None:
    parsed = parse_fuzzy_date(text)

    assert (parsed.precision, parsed.start, parsed.end) == (precision, _day(start), _day(end))
    assert parsed.display == text


@pytest.mark.parametrize("text", [row[0] for row in SEED_TIMESCALES])
def test_seed_timescale_is_unknown_only_when_it_says_nothing(text: str) -> None:
    is_unknown = parse_fuzzy_date(text).precision == Precision.UNKNOWN

    assert is_unknown == (text in SAYS_NOTHING)


@pytest.mark.usefixtures("seeds")  # skips when ../shared/seeds is absent
def test_committed_table_lists_every_timescale_in_the_seeds() -> None:
    assert distinct_timescales() == [row[0] for row in SEED_TIMESCALES]


@pytest.mark.usefixtures("seeds")  # skips when ../shared/seeds is absent
def test_no_seed_timescale_cell_falls_to_unknown_unless_it_says_nothing() -> None:
    unknown = [
        (cell.document, cell.line, piece)
        for cell in seed_cells()
        for piece in split_timescales(cell.text)
        if parse_fuzzy_date(piece).precision == Precision.UNKNOWN and piece not in SAYS_NOTHING
    ]

    assert unknown == []


@pytest.mark.usefixtures("seeds")  # skips when ../shared/seeds is absent
def test_collector_finds_the_date_columns_of_each_planning_document() -> None:
    columns = {(cell.document[:3], cell.header) for cell in seed_cells()}

    assert columns == {
        ("000", "Timescale"),
        ("001", "Review Deadlines"),
        ("002", "Timescale"),
        ("002", "To be achieved by"),
        ("003", "Start/ Expected Start"),
        ("003", "Start / Expected Start"),
        ("003", "Expected Completion"),
    }


@pytest.mark.usefixtures("seeds")  # skips when ../shared/seeds is absent
def test_collector_mends_a_completion_date_split_by_a_page_break() -> None:
    texts = {cell.text for cell in seed_cells()}

    assert "March 2021 and ongoing to deliverable deadline of 2032" in {
        " ".join(text.split()) for text in texts
    }
