"""Web pages: tables under their headings, spans, statuses shown only as icons or classes.

``files/performance-page.html`` imitates a council's published KPI page (GOV.UK Frontend
classes, a two-row header, RAG shown only by classes, icons and a background colour, an
undeclared Windows-1252 encoding): no real council page with such tables could be found in the
public repositories searched, so it is written for the tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilplan.imports.extract import ExtractedDocument, Table, extract

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="module")
def page() -> ExtractedDocument:
    return extract(FILES / "performance-page.html")


def _tables(document: ExtractedDocument) -> list[Table]:
    return list(document.tables())


def test_each_table_has_the_heading_above_it_and_its_caption(page: ExtractedDocument) -> None:
    housing, environment = _tables(page)
    assert (housing.heading, housing.caption) == ("Housing", "Housing key performance indicators")
    assert (environment.heading, environment.caption) == ("Environment and waste", "")
    assert str(housing.source) == "performance-page.html, line 15, cell table 1"


def test_colspans_and_rowspans_place_cells_on_the_grid(page: ExtractedDocument) -> None:
    housing = _tables(page)[0]
    assert housing.text_rows()[:3] == [
        ["Indicator", "2023/24", "2023/24", "Status", "Direction of travel"],
        ["Indicator", "Target", "Q2 actual", "Status", "Direction of travel"],
        ["HOU 01: Households in temporary accommodation", "120", "134", "", ""],
    ]
    year = next(c for c in housing.cells if c.text == "2023/24")
    assert (year.row_span, year.column_span) == (1, 2)


def test_statuses_shown_only_as_styling_are_hints_not_text(page: ExtractedDocument) -> None:
    cells = {(c.row, c.column): c for c in _tables(page)[0].cells}
    assert [(cells[r, 3].text, cells[r, 3].hints) for r in range(2, 6)] == [
        ("", ("rag", "rag-red", "govuk-visually-hidden")),
        ("", ("rag", "rag-green")),
        ("", ("status", "status--amber", "Amber: within tolerance")),
        ("", ("fill #D4351C", "fill red")),
    ]
    assert [(cells[r, 4].text, cells[r, 4].hints) for r in range(2, 6)] == [
        ("", ("arrow-down.png",)),
        ("", ("Improving", "arrow-up.png")),
        ("", ("fa", "fa-arrow-right", "No change")),
        ("\u2013", ()),
    ]
    assert (
        str(cells[2, 3].source) == "performance-page.html, line 23, cell table 1, row 3, column 4"
    )


def test_an_undeclared_windows_1252_page_reads_its_pound_signs(page: ExtractedDocument) -> None:
    row = _tables(page)[0].text_rows()[5]
    assert row[:3] == [
        "HOU 04: Spend on bed and breakfast (\u00a3000)",
        "\u00a31,200",
        "\u00a31,350",
    ]


def test_cell_paragraphs_lists_and_breaks_are_lines(page: ExtractedDocument) -> None:
    environment = _tables(page)[1]
    commentary = [c for c in environment.cells if c.column == 3]
    assert [(c.text, c.hints) for c in commentary[1:]] == [
        (
            "Garden waste tonnage fell in a dry summer.\nNew food waste round from January\n"
            "Campaign in flats",
            ("list",),
        ),
        ("On target\nLowest since 2019", ()),
    ]


def test_text_outside_tables_is_headings_paragraphs_and_list_items(page: ExtractedDocument) -> None:
    blocks = [(b.kind, b.level, b.marker, b.text) for b in page.text_blocks()]
    assert blocks[1:3] == [
        ("heading", 1, "", "Council performance: quarter 2 2023/24"),
        (
            "paragraph", 1, "",
            "These are the key performance indicators reported to Cabinet on 14 November 2023. "
            "Figures for the quarter to 30 September 2023; spend in \u00a3 thousands.",
        ),
    ]  # fmt: skip
    assert ("heading", 3, "", "Environment and waste") in blocks
    assert blocks[-6:-1] == [
        ("list_item", 1, "\u2022", "Targets are for the year."),
        ("list_item", 2, "\u2022", "Quarterly targets are profiled."),
        ("list_item", 1, "\u2022", "Provisional figures are marked (P)."),
        ("list_item", 1, "a.", "Data owner: Performance team"),
        ("list_item", 1, "b.", "Next update: February 2024"),
    ]
    assert not any("dataLayer" in b[3] or "background" in b[3] for b in blocks)


def test_nested_and_layout_tables(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body>'
        '<table role="presentation"><tr><td><h2>Priority 1: homes</h2>'
        "<table><tr><th>Action</th><th>Milestones</th></tr>"
        "<tr><td>Build council homes</td><td><table><tr><td>2024</td><td>100 homes</td></tr>"
        "</table></td></tr></table></td></tr></table></body></html>",
        encoding="utf-8",
    )
    outer, inner = extract(path).tables()
    assert (outer.heading, outer.text_rows()) == (
        "Priority 1: homes",
        [["Action", "Milestones"], ["Build council homes", ""]],
    )
    assert outer.cells[-1].hints == ("nested table",)
    assert (inner.caption, inner.text_rows()) == (
        "in table 1, row 2, column 2",
        [["2024", "100 homes"]],
    )


def test_entities_are_not_expanded_beyond_html_and_nothing_is_fetched(tmp_path: Path) -> None:
    path = tmp_path / "entities.html"
    path.write_text(
        '<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>Rent &amp; service &pound;5 &secret;</p>"
        '<img src="http://example.invalid/track.png"></body></html>'
    )
    texts = [b.text for b in extract(path).text_blocks()]
    assert "Rent & service \u00a35 &secret;" in texts
    assert not any("root:" in text for text in texts)
