"""Reading PDFs into blocks and tables: layouts councils publish, imitated (see pdf_layouts).

No real council PDF can be fetched here, so each PDF is printed at test time, once per module,
from HTML that copies a real layout (named in each builder of ``pdf_layouts``).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from councilplan.imports.extract import pdf
from councilplan.imports.extract.limits import Limits, no_progress
from councilplan.imports.extract.shape import ExtractedDocument, Table
from councilplan.imports.problems import ImportProblem

from . import pdf_layouts as layouts


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


def read(path: Path, limits: Limits | None = None) -> ExtractedDocument:
    return pdf.extract(path, limits or Limits(), no_progress)


@pytest.fixture(scope="module")
def kpi_report(folder: Path) -> ExtractedDocument:
    return read(layouts.kpi_report(folder / "q3-performance.pdf"))


@pytest.fixture(scope="module")
def delivery_plan_file(folder: Path) -> Path:
    return layouts.delivery_plan(folder / "delivery-plan.pdf")


@pytest.fixture(scope="module")
def delivery_plan(delivery_plan_file: Path) -> ExtractedDocument:
    return read(delivery_plan_file)


@pytest.fixture(scope="module")
def summary(folder: Path) -> ExtractedDocument:
    return read(layouts.performance_summary(folder / "summary.pdf"))


@pytest.fixture(scope="module")
def two_columns(folder: Path) -> ExtractedDocument:
    return read(layouts.two_column_plan(folder / "council-plan.pdf"))


def only_table(document: ExtractedDocument) -> Table:
    tables = list(document.tables())
    assert len(tables) == 1
    return tables[0]


def outline(document: ExtractedDocument) -> list[tuple[str, int, str]]:
    return [
        ("table", 0, b.heading) if isinstance(b, Table) else (b.kind, b.level, b.text)
        for b in document.blocks
    ]


# -- A ruled quarterly KPI report (imitates Derby's Annual Performance Results and the quarterly
# scorecards councils publish).


def test_ruled_kpi_table_keeps_its_two_row_header_with_the_year_over_two_columns(
    kpi_report: ExtractedDocument,
) -> None:
    table = only_table(kpi_report)
    assert table.text_rows()[:2] == [
        ["Code", "Measure", "2022/23", "2023/24 Q3", "2023/24 Q3", "Status"],
        ["Code", "Measure", "2022/23", "Actual", "Target", "Status"],
    ]
    year = next(c for c in table.cells if c.text == "2023/24 Q3")
    assert (year.row, year.column, year.row_span, year.column_span) == (0, 3, 1, 2)
    code = next(c for c in table.cells if c.text == "Code")
    assert (code.row_span, code.column_span) == (2, 1)


def test_ruled_kpi_table_reads_every_measure_row_cell_by_cell(
    kpi_report: ExtractedDocument,
) -> None:
    rows = only_table(kpi_report).text_rows()[3:]
    assert rows == [
        [code, name, last, actual, target, status if shown else ""]
        for code, name, last, actual, target, status, shown in layouts.KPI_ROWS
    ]


def test_rag_status_shown_by_a_cells_colour_is_kept_as_a_hint_even_with_no_word(
    kpi_report: ExtractedDocument,
) -> None:
    table = only_table(kpi_report)
    status = [c for c in table.cells if c.column == 5 and c.row >= 3]
    assert [(c.text, c.hints) for c in status] == [
        ("Green", ("fill #00B050", "fill green")),
        ("", ("fill #FF0000", "fill red")),
        ("Amber", ("fill #FFC000", "fill amber")),
        ("", ("fill #00B050", "fill green")),
    ]
    assert not any(c.hints for c in table.cells if c.column != 5)  # grey header: no hint


def test_a_row_printed_across_the_whole_table_is_one_cell_spanning_every_column(
    kpi_report: ExtractedDocument,
) -> None:
    portfolio = [c for c in only_table(kpi_report).cells if c.row == 2]
    assert [(c.text, c.column, c.column_span) for c in portfolio] == [
        ("Portfolio: Housing and Communities", 0, 6)
    ]


def test_headings_are_told_by_size_and_a_table_takes_the_nearest_heading_above(
    kpi_report: ExtractedDocument,
) -> None:
    assert outline(kpi_report) == [
        ("heading", 1, "Quarter 3 Performance Report 2023/24"),
        (
            "paragraph",
            1,
            "This report shows the council's performance against its key indicators at the "
            "end of December 2023.",
        ),
        ("heading", 2, "Housing"),
        ("table", 0, "Housing"),
    ]


def test_every_block_and_cell_says_which_file_page_line_and_box_it_came_from(
    kpi_report: ExtractedDocument,
) -> None:
    table = only_table(kpi_report)
    places = [b.source for b in kpi_report.blocks] + [c.source for c in table.cells]
    assert {(p.file, p.page) for p in places} == {("q3-performance.pdf", 1)}
    assert all(p.bbox is not None for p in places)
    assert [b.source.line for b in kpi_report.blocks] == [1, 2, 3, 4]
    measure = next(c for c in table.cells if c.text.startswith("Average days"))
    assert measure.source.line == 8  # heading, paragraph, heading, 2 header lines, 3 rows
    assert measure.source.cell == "row 5, column 2"
    assert str(measure.source) == "q3-performance.pdf, page 1, line 8, cell row 5, column 2"


# -- A ruled delivery plan over three pages (imitates Derby's Council Delivery Plan 2022/23 and
# Derbyshire's delivery plan): header repeated per page, outcome merged down its actions,
# milestones as bullets, a long action broken by the page.


def test_a_table_over_three_pages_is_one_table_with_its_repeated_header_once(
    delivery_plan: ExtractedDocument,
) -> None:
    assert delivery_plan.pages == 3
    table = only_table(delivery_plan)
    rows = table.text_rows()
    header = ["Our outcomes", "Ref", "Our must do's", "Key milestones", "Cabinet portfolio"]
    assert rows[0][:5] == header
    assert sum(1 for row in rows if row[1] == "Ref") == 1
    assert [row[1] for row in rows[1:]] == [str(n) for n in range(1, layouts.ACTIONS + 1)]
    assert {c.source.page for c in table.cells} == {1, 2, 3}


def test_a_row_broken_by_the_page_is_one_row_with_its_wrapped_text_whole(
    delivery_plan_file: Path, delivery_plan: ExtractedDocument
) -> None:
    with pdfplumber.open(delivery_plan_file) as printed:
        pages = [" ".join(page.extract_text().split()) for page in printed.pages]
    long = layouts.LONG_ACTION
    assert f"Deliver action {long} " in pages[0]
    assert f"ending with item {long}." in pages[1]  # the page broke the row
    table = only_table(delivery_plan)
    assert [row[2] for row in table.text_rows()[1:]] == [
        layouts.action(n) for n in range(1, layouts.ACTIONS + 1)
    ]


def test_bullets_in_a_cell_are_one_line_each_and_wrapped_words_are_joined_by_spaces(
    delivery_plan: ExtractedDocument,
) -> None:
    rows = only_table(delivery_plan).text_rows()[1:]
    assert [row[3] for row in rows] == [
        "\n".join(f"• {m}" for m in layouts.milestones(n)) for n in range(1, layouts.ACTIONS + 1)
    ]
    assert {row[4] for row in rows} == {"Regeneration and Transport"}


def test_a_cell_merged_down_its_rows_spans_them_even_over_a_page_break(
    delivery_plan: ExtractedDocument,
) -> None:
    outcomes = [c for c in only_table(delivery_plan).cells if c.column == 0 and c.row > 0]
    assert [(c.text, c.row, c.row_span) for c in outcomes] == [
        (layouts.OUTCOMES[0], 1, 4),
        (layouts.OUTCOMES[1], 5, 4),
    ]


def test_running_headers_and_footers_are_read_once_and_page_numbers_not_at_all(
    delivery_plan: ExtractedDocument,
) -> None:
    assert [b.text for b in delivery_plan.text_blocks()] == [
        "Derby City Council Delivery Plan",
        "Council Delivery Plan 2023/24",
        "A green city",
        "Strategic Planning and Performance Page 1 of 3",
    ]


def test_progress_is_told_page_by_page(delivery_plan_file: Path) -> None:
    calls: list[tuple[int, int]] = []
    pdf.extract(delivery_plan_file, Limits(), lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_too_many_pages_are_refused_before_any_page_is_read(delivery_plan_file: Path) -> None:
    calls: list[tuple[int, int]] = []
    with pytest.raises(ImportProblem) as problem:
        pdf.extract(delivery_plan_file, Limits(max_pages=2), lambda *call: calls.append(call))
    assert str(problem.value) == ("delivery-plan.pdf: The PDF has 3 pages, over the limit of 2.")
    assert calls == []


def test_too_many_table_cells_are_refused(delivery_plan_file: Path) -> None:
    with pytest.raises(ImportProblem) as problem:
        read(delivery_plan_file, Limits(max_cells=20))
    assert str(problem.value).startswith("delivery-plan.pdf: The file has more than 20 table cells")


# -- An unruled performance summary (imitates the key measures tables of cabinet reports).


def test_unruled_table_takes_columns_from_gutters_and_rows_from_baselines(
    summary: ExtractedDocument,
) -> None:
    assert only_table(summary).text_rows() == [
        ["Code", "Measure", "2023/24", "2023/24", "Trend"],
        ["", "", "Actual", "Target", ""],
        *[list(row) for row in layouts.SUMMARY_ROWS],
    ]


def test_values_on_staggered_baselines_stay_in_their_row(summary: ExtractedDocument) -> None:
    table = only_table(summary)
    cost = [c for c in table.cells if c.row == 2]
    tops = {c.text: c.source.bbox[1] for c in cost if c.source.bbox}
    assert tops["£16.00K"] > tops["CHN 03"] + 2  # set lower than the row's first line
    assert tops["£15.20K"] > tops["£16.00K"] + 2  # and lower again
    assert [c.text for c in cost] == list(layouts.SUMMARY_ROWS[0])


def test_text_around_an_unruled_table_stays_text(summary: ExtractedDocument) -> None:
    assert outline(summary) == [
        ("heading", 1, "Key performance measures"),
        (
            "paragraph",
            1,
            "The measures below show progress towards the priority for the year to date.",
        ),
        ("table", 0, "Key performance measures"),
        ("paragraph", 1, "Source: council performance system, January 2024."),
    ]


def test_a_table_shaded_but_unruled_is_one_table_with_its_coloured_dots_in_their_column(
    folder: Path,
) -> None:
    """Imitates a Word "Grid Table" style: shaded header, banded rows, RAG as coloured dots."""
    table = only_table(read(layouts.banded_table(folder / "banded.pdf")))
    assert table.text_rows() == [
        ["Ref", "Indicator", "Actual", "Target", "RAG"],
        *[[ref, name, actual, target, ""] for ref, name, actual, target, _ in layouts.BANDED_ROWS],
    ]
    assert [c.hints[1:] for c in table.cells if c.column == 4] == [
        (),  # the header's shading is styling, not a status
        *[(f"fill {status.lower()}",) for *_, status in layouts.BANDED_ROWS],
    ]


def test_an_unruled_table_over_two_pages_is_one_table_with_the_broken_row_whole(
    folder: Path,
) -> None:
    """Imitates a performance report's appendix listing every measure, printed unruled."""
    path = layouts.unruled_over_pages(folder / "appendix.pdf")
    with pdfplumber.open(path) as printed:
        second = " ".join(printed.pages[1].extract_text().split())
    assert second.startswith("Code Measure Actual Target the service in neighbourhood")
    table = only_table(read(path))
    assert table.text_rows() == [
        ["Code", "Measure", "Actual", "Target"],
        *[
            [f"KPI {n:02d}", layouts.measure(n), f"{40 + n}.5%", f"{45 + n}%"]
            for n in range(1, layouts.LONG_LIST + 1)
        ],
    ]
    assert {c.source.page for c in table.cells} == {1, 2}


# -- A council plan page in two columns (imitates the designed priorities pages of council
# plans).


def test_a_page_in_two_columns_is_read_down_one_column_then_the_next(
    two_columns: ExtractedDocument,
) -> None:
    assert outline(two_columns) == [
        ("heading", 1, "Our Council Plan 2024 to 2028"),
        ("heading", 2, "A thriving economy"),
        ("paragraph", 1, layouts.PRIORITY_TEXT),
        ("list_item", 1, "Support 200 new businesses to start up"),
        ("list_item", 1, "Deliver the town centre masterplan with our partners by March 2026"),
        ("heading", 2, "Healthy communities"),
        (
            "paragraph",
            1,
            "Healthy lives start in strong communities, so we will invest in leisure, parks "
            "and the support people need to live well at every age, working closely with the "
            "NHS.",
        ),
        ("list_item", 1, "Open two new leisure centres"),
        ("list_item", 1, "Reduce smoking rates to below 10%"),
        ("heading", 2, "A green borough"),
        ("paragraph", 1, layouts.PRIORITY_TEXT),
        (
            "paragraph",
            1,
            "We will plant 20,000 trees and make the council's own buildings carbon neutral.",
        ),
        (
            "paragraph",
            1,
            "This plan was approved by Full Council on 12 March 2024 and is reviewed every year.",
        ),
    ]


def test_list_items_keep_their_bullet_or_number(two_columns: ExtractedDocument) -> None:
    items = [b for b in two_columns.text_blocks() if b.kind == "list_item"]
    assert [b.marker for b in items] == ["•", "•", "1.", "2."]


def test_the_second_column_is_on_the_right_and_starts_higher_than_the_first_ends(
    two_columns: ExtractedDocument,
) -> None:
    blocks = {b.text: b for b in two_columns.text_blocks()}
    left, right = blocks["A thriving economy"], blocks["A green borough"]
    assert left.source.bbox
    assert right.source.bbox
    assert right.source.bbox[0] > left.source.bbox[2]
    assert right.source.line is not None
    assert left.source.line is not None
    assert right.source.line > left.source.line


def test_a_committee_reports_bold_numbered_headings_and_dashed_items_are_told_apart(
    folder: Path,
) -> None:
    """Imitates a cabinet report: bold title block, bold numbered headings, dash items."""
    report = read(layouts.committee_report(folder / "cabinet.pdf"))
    assert outline(report) == [
        ("heading", 1, "COUNTY COUNCIL"),
        ("heading", 1, "CABINET"),
        ("paragraph", 1, "9 July 2020"),
        ("heading", 1, "Report of the Executive Director Commissioning, Communities and Policy"),
        ("heading", 1, "1. Purpose of the Report"),
        (
            "paragraph",
            1,
            "To recommend the revised Council Plan refresh 2020/21 for approval by Full Council.",
        ),
        ("heading", 1, "2. Information and Analysis"),
        (
            "paragraph",
            1,
            "The Council Plan sets out the future direction of the Council, the outcomes that "
            "the authority is seeking to achieve and priorities to focus effort and resource.",
        ),
        ("paragraph", 1, "The Plan will ensure the Council continues to:"),
        *[("list_item", 1, item) for item in layouts.REPORT_ITEMS],
    ]
    assert {b.marker for b in report.text_blocks() if b.kind == "list_item"} == {"-"}


def test_a_table_printed_sideways_is_read_as_its_reader_turns_the_page(folder: Path) -> None:
    """Imitates a landscape appendix table set sideways on a portrait page."""
    document = read(layouts.sideways_table(folder / "sideways.pdf"))
    assert outline(document) == [
        ("heading", 1, "Appendix B"),
        ("heading", 2, "Delivery plan"),
        ("table", 0, "Delivery plan"),
    ]
    table = only_table(document)
    assert table.text_rows() == [
        ["Ref", "Action", "Lead", "RAG"],
        *[[*row, "Red"] for row in layouts.SIDEWAYS_ROWS],
    ]
    action = next(c for c in table.cells if c.text == layouts.SIDEWAYS_ROWS[0][1])
    assert action.source.bbox
    x0, top, x1, bottom = action.source.bbox
    assert bottom - top > 3 * (x1 - x0)  # its box as printed: running down the page
    assert "fill red" in next(c for c in table.cells if c.row == 1 and c.column == 3).hints


# -- Files that cannot be read.


def test_a_scanned_pdf_with_no_text_layer_is_refused_as_such(folder: Path) -> None:
    path = layouts.scanned(folder / "scan.pdf")
    with pytest.raises(ImportProblem) as problem:
        read(path)
    assert problem.value.file == "scan.pdf"
    assert problem.value.message.startswith("Scanned PDF: no text to read")


def test_a_pdf_locked_with_a_password_is_refused_naming_the_file(folder: Path) -> None:
    path = layouts.hand_made_pdf(folder / "locked.pdf", "Hello", user_password="secret")
    with pytest.raises(ImportProblem) as problem:
        read(path)
    assert str(problem.value) == (
        "locked.pdf: The PDF is password-protected: save it without a password and try again."
    )


def test_an_encrypted_pdf_anyone_may_open_is_read(folder: Path) -> None:
    path = layouts.hand_made_pdf(folder / "restricted.pdf", "Council plan", user_password="")
    assert outline(read(path)) == [("paragraph", 1, "Council plan")]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n", "damaged", id="no pages"),
        pytest.param(b"%PDF-1.4\n" + bytes(range(256)) * 20, "damaged", id="garbage"),
    ],
)
def test_a_damaged_pdf_is_refused_naming_the_file(folder: Path, content: bytes, says: str) -> None:
    path = folder / "damaged.pdf"
    path.write_bytes(content)
    with pytest.raises(ImportProblem) as problem:
        read(path)
    assert problem.value.file == "damaged.pdf"
    assert says in problem.value.message


def test_a_pdf_cut_short_is_refused_naming_the_file(folder: Path, delivery_plan_file: Path) -> None:
    path = folder / "cut.pdf"
    path.write_bytes(delivery_plan_file.read_bytes()[: delivery_plan_file.stat().st_size // 2])
    with pytest.raises(ImportProblem) as problem:
        read(path)
    assert problem.value.file == "cut.pdf"
    assert "damaged" in problem.value.message
