"""The annual results in every format, opened back and read: PDF, Word, Excel, CSV, HTML."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from councilplan.reports.renderers import FORMATS, render
from councilplan.reports.shape import Report
from tests.conftest import REPO

PDFTOPPM = shutil.which("pdftoppm") or "/usr/bin/pdftoppm"  # Debian's poppler-utils
SCREENSHOT = REPO / "docs" / "screenshots" / "annual-results-pdf.png"
MARKET_HALL = ("On track", "Amber / Red (Q4 DCA)")
INVESTMENT = "£26,466,208"


@pytest.mark.django_db
def test_pdf_reads_back_tagged_and_is_saved_as_a_page_image(
    annual_results: Report, tmp_path: Path
) -> None:
    pdf = render(annual_results, "pdf")
    path = tmp_path / "annual-results.pdf"
    path.write_bytes(pdf)

    with pdfplumber.open(path) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        words = set(text.split())  # cells wrap, so their words are checked
        catalog = document.doc.catalog
        assert "StructTreeRoot" in catalog  # tagged: headings and tables for screen readers
        assert catalog["MarkInfo"]["Marked"]
    assert "Derby City Council Annual Performance Results 2020/21" in text
    assert {"Amber", "/", "Red", "(Q4", "DCA)", INVESTMENT, "Completed"} <= words
    assert "Governance and Licensing" in text
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-r",
            "80",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    image = (tmp_path / "page.png").read_bytes()
    assert image.startswith(b"\x89PNG")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.write_bytes(image)


@pytest.mark.django_db
def test_word_reads_back_with_headings_and_every_row(annual_results: Report) -> None:
    document = Document(io.BytesIO(render(annual_results, "docx")))

    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Strategy and Policy", "Regeneration, Planning and Transportation"]
    assert document.core_properties.title == annual_results.title
    rows = [tuple(c.text for c in row.cells) for table in document.tables for row in table.rows]
    expected = [row for table in annual_results.tables for row in (table.header, *table.rows)]
    assert rows == expected
    assert any(
        row[0].startswith("Progress the transformation of the Market Hall")
        and row[1:3] == MARKET_HALL
        for row in rows
    )


@pytest.mark.django_db
def test_excel_has_a_sheet_per_portfolio_with_its_rows(annual_results: Report) -> None:
    book = load_workbook(io.BytesIO(render(annual_results, "xlsx")))

    assert book.sheetnames[:3] == [
        "Report",
        "Strategy and Policy",
        "Regeneration, Planning and Tran",  # cut to Excel's 31 characters
    ]
    values = [
        c
        for row in book["Regeneration, Planning and Tran"].iter_rows(values_only=True)
        for c in row
    ]
    assert INVESTMENT in values
    assert "Amber / Red (Q4 DCA)" in values


@pytest.mark.django_db
def test_csv_has_every_row_led_by_its_portfolio_and_table(annual_results: Report) -> None:
    text = render(annual_results, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))

    data = [r for r in rows[1:] if r[0] != "Section"]
    assert len(data) == sum(len(t.rows) for t in annual_results.tables)
    assert [
        "Governance and Licensing",
        "Measures of the Council Delivery Plan 2019/20",
        "Average time taken to issue a Local Land Charges search",
        "26 days",
        "14 days",
        "No target set",
        "A council focussed on the things that matter",
    ] in data


@pytest.mark.django_db
def test_html_tables_are_captioned_with_header_cells(annual_results: Report) -> None:
    html = render(annual_results, "html").decode()

    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB"' in html
    assert html.count("<caption") == len(annual_results.tables)
    assert '<th scope="col" class="govuk-table__header">Q4 status</th>' in html
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in html
    assert "<script" not in html


def test_every_format_has_a_content_type_and_extension() -> None:
    assert {f.extension for f in FORMATS.values()} == {"html", "pdf", "docx", "xlsx", "csv"}
    assert FORMATS["docx"].content_type.endswith("wordprocessingml.document")
    assert FORMATS["xlsx"].content_type.endswith("spreadsheetml.sheet")
