"""Word documents: headings, lists and tables (merged and nested) in reading order, located.

The document is built here, imitating a council delivery plan written in Word (a title, theme
headings, bulleted and numbered lists, a table of actions whose theme cell is merged down its
rows and whose status cells are only shaded): no real .docx can be had from the text-only
public sources used for the other formats.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from councilplan.imports.extract import ExtractedDocument, Table, extract
from councilplan.imports.problems import ImportProblem


def _plan(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Council Plan 2024-2027", 0)
    document.add_heading("A green council", 1)
    document.add_paragraph("We will halve the council's own carbon emissions by 2030.")
    document.add_paragraph("Retrofit council buildings", style="List Bullet")
    document.add_paragraph("Solar panels on the depots", style="List Bullet 2")
    document.add_paragraph("Plant 10,000 trees", style="List Number")
    document.add_paragraph("Extend the cycle network", style="List Number")
    document.add_paragraph("• Typed bullet kept as a list item")
    table = document.add_table(rows=4, cols=4)
    for column, header in enumerate(["Theme", "Action", "Lead officer", "Status"]):
        table.cell(0, column).text = header
    table.cell(1, 0).merge(table.cell(3, 0)).text = "A green council"
    table.cell(1, 1).text = "Retrofit council buildings"
    table.cell(1, 1).add_paragraph("Phase 1: depots", style="List Bullet")
    table.cell(1, 1).add_paragraph("Phase 2: offices", style="List Bullet")
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Head of Estates"
    table.cell(2, 1).text = "Plant trees"
    table.cell(3, 1).merge(table.cell(3, 3)).text = "Cycle network: see the transport plan"
    shade = f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="FFC000"/>'
    table.cell(1, 3)._tc.get_or_add_tcPr().append(parse_xml(shade))
    inner = table.cell(2, 1).add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "Year", (0, 1): "Trees", (1, 0): "2024/25"}.items():
        inner.cell(row, column).text = text
    inner.cell(1, 1).text = "2,000"
    document.add_heading("A fair council", 1)
    document.add_paragraph("Closing words.")
    document.save(path / "plan.docx")
    return path / "plan.docx"


@pytest.fixture
def plan(tmp_path: Path) -> ExtractedDocument:
    return extract(_plan(tmp_path))


def test_headings_paragraphs_and_lists_come_in_reading_order(plan: ExtractedDocument) -> None:
    text = [(b.kind, b.level, b.marker, b.text) for b in plan.text_blocks()]
    assert text[:8] == [
        ("heading", 1, "", "Council Plan 2024-2027"),
        ("heading", 1, "", "A green council"),
        ("paragraph", 1, "", "We will halve the council's own carbon emissions by 2030."),
        ("list_item", 1, "\u2022", "Retrofit council buildings"),
        ("list_item", 2, "\u2022", "Solar panels on the depots"),
        ("list_item", 1, "1.", "Plant 10,000 trees"),
        ("list_item", 1, "2.", "Extend the cycle network"),
        ("list_item", 1, "\u2022", "Typed bullet kept as a list item"),
    ]
    assert text[-2:] == [
        ("heading", 1, "", "A fair council"),
        ("paragraph", 1, "", "Closing words."),
    ]


def test_blocks_are_located_by_body_element(plan: ExtractedDocument) -> None:
    assert [b.source.line for b in plan.blocks][:3] == [1, 2, 3]
    assert str(plan.blocks[0].source) == "plan.docx, line 1"


def test_merged_cells_appear_once_with_their_spans(plan: ExtractedDocument) -> None:
    table = next(plan.tables())
    assert table.heading == "A green council"
    assert table.text_rows() == [
        ["Theme", "Action", "Lead officer", "Status"],
        ["A green council", "Retrofit council buildings\nPhase 1: depots\nPhase 2: offices",
         "Head of Estates", ""],
        ["A green council", "Plant trees", "Head of Estates", ""],
        ["A green council", "Cycle network: see the transport plan",
         "Cycle network: see the transport plan", "Cycle network: see the transport plan"],
    ]  # fmt: skip
    theme = next(c for c in table.cells if c.text == "A green council")
    assert (theme.row, theme.column, theme.row_span, theme.column_span) == (1, 0, 3, 1)
    assert sum(1 for c in table.cells if c.text == "Head of Estates") == 1
    wide = next(c for c in table.cells if c.text.startswith("Cycle network"))
    assert (wide.column_span, str(wide.source)) == (3, "plan.docx, cell table 1, row 4, column 2")


def test_cell_lists_and_shading_become_hints(plan: ExtractedDocument) -> None:
    table = next(plan.tables())
    action = next(c for c in table.cells if c.text.startswith("Retrofit"))
    status = next(c for c in table.cells if (c.row, c.column) == (1, 3))
    assert action.hints == ("list",)
    assert (status.text, status.hints) == ("", ("fill #FFC000", "fill amber"))


def test_a_nested_table_follows_its_table_naming_its_place(plan: ExtractedDocument) -> None:
    outer, inner = list(plan.tables())
    assert "nested table" in next(c for c in outer.cells if c.text == "Plant trees").hints
    assert isinstance(inner, Table)
    assert inner.caption == "in table 1, row 3, column 2"
    assert inner.text_rows() == [["Year", "Trees"], ["2024/25", "2,000"]]
    assert inner.source.cell == "table 2"


def test_a_damaged_word_document_is_refused(tmp_path: Path) -> None:
    data = _plan(tmp_path).read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(ImportProblem, match=r"broken.docx: The file is a damaged zip container"):
        extract(broken)


def test_a_document_without_its_main_part_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hollow.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types><Override ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml" PartName="/word/document.xml"/></Types>',
        )
    with pytest.raises(ImportProblem, match=r"hollow.docx: The Word document is damaged"):
        extract(path)
