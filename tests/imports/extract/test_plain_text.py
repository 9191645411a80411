"""Plain-text exports: tab-separated tables among headings, paragraphs and list items.

``files/plan-export.txt`` is written for the tests in the layout of the exports of
``../shared/seeds`` (markdown headings, tables as tab-separated lines with HTML fragments and
double spaces between a cell's lines, a running footer on every page); the seeds themselves
are read from there, not copied.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilplan.imports.extract import ExtractedDocument, extract

FILES = Path(__file__).parent / "files"


@pytest.fixture(scope="module")
def export() -> ExtractedDocument:
    return extract(FILES / "plan-export.txt")


def test_runs_of_tabbed_lines_are_tables_under_the_heading_above(export: ExtractedDocument) -> None:
    first, second = export.tables()
    assert (export.format, first.heading, first.source.line) == (
        "text",
        "A thriving town centre",
        8,
    )
    assert first.text_rows()[0] == ["Ref", "Action", "Milestones", "Lead officer", "Due"]
    assert second.heading == "A thriving town centre"  # the running footer is not a heading


def test_a_cells_items_are_lines_without_their_markup(export: ExtractedDocument) -> None:
    first, second = export.tables()
    assert first.text_rows()[1][2:] == [
        "Appoint contractor\nComplete roof repairs", "Head of Regeneration", "March 2025",
    ]  # fmt: skip
    assert first.text_rows()[2][2:] == [
        "Consult traders\nAdopt masterplan", "Head of Planning", "June 2024\nDecember 2024",
    ]  # fmt: skip
    grants = second.cells[7]
    assert (grants.text, grants.hints) == ("Grants scheme open\n50 businesses supported", ("list",))
    assert str(grants.source) == "plan-export.txt, line 16, cell column 3"


def test_other_lines_are_headings_paragraphs_and_list_items(export: ExtractedDocument) -> None:
    blocks = [(b.kind, b.level, b.marker, b.text, b.source.line) for b in export.text_blocks()]
    assert blocks[:3] == [
        ("heading", 2, "", "Corporate Plan 2024-2027", 2),
        ("paragraph", 1, "", "This plan sets out what the council will deliver over the next "
         "three years, and how we will know.", 4),
        ("heading", 3, "", "A thriving town centre", 6),
    ]  # fmt: skip
    assert ("paragraph", 1, "", "Example Borough Council", 12) in blocks
    assert blocks[-4:-1] == [
        ("list_item", 1, "-", "Fewer empty shops", 21),
        ("list_item", 2, "-", "Pop-up shops in vacant units", 22),
        ("list_item", 1, "\u2022", "Safer streets at night", 23),
    ]


def test_the_seed_exports_keep_every_table_row(seeds: Path) -> None:
    for path in sorted(seeds.glob("*.txt")):
        document = extract(path)
        tabbed = sum(1 for line in path.read_text().splitlines() if "\t" in line)
        assert sum(t.row_count for t in document.tables()) == tabbed, path.name


def test_a_seed_table_keeps_its_theme_heading_and_cell_lines(seeds: Path) -> None:
    document = extract(seeds / "000_a81e811cd8c78bb5.txt")
    table = next(t for t in document.tables() if t.text_rows()[0][:2] == ["Action", "Portfolio"])
    assert table.heading == "A city with big aspirations"
    market = next(
        row
        for t in document.tables()
        for row in t.text_rows()
        if row[0].startswith("Progress the re-opening") and len(row) > 3
    )
    assert market[1:3] == [
        "Consult public and stakeholders on the detailed design\nSecure planning consent",
        "June 2019\nSeptember 2019",
    ]
