"""Workbooks: every visible sheet as headings and tables, values typed, text as Excel shows it.

The workbooks are built here, imitating a council's quarterly KPI return (a title cell, a
two-row header of merged cells "2023/24" over Q1-Q4, percentages, days, dates, a status shown
only as a fill, a hidden row of an old measure, a hidden column of workings, a hidden lookup
sheet, a second titled table): no real .xlsx, .xls or .ods file can be had from the text-only
public sources used for the other formats. The .xls and .ods files are written byte by byte
(office97.py, opendocument.py), since nothing installed writes those formats.
"""

from __future__ import annotations

import struct
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

from councilplan.imports.extract import ExtractedDocument, Table, extract
from councilplan.imports.extract.limits import Limits
from councilplan.imports.problems import ImportProblem

from .office97 import xls_workbook
from .opendocument import write_ods


def _return(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Q2 return"
    sheet["A1"] = "Council Plan performance 2023/24"
    sheet["A1"].font = Font(bold=True)
    sheet.merge_cells("A3:A4")
    sheet["A3"] = "Measure"
    sheet.merge_cells("B3:E3")
    sheet["B3"] = "2023/24"
    for column, quarter in enumerate(["Q1", "Q2", "Q3", "Q4"], start=2):
        sheet.cell(4, column, quarter)
    sheet.merge_cells("F3:F4")
    sheet["F3"] = "Status"
    sheet.append(["Household waste recycled", 0.294, 0.301, None, None, "Amber"])
    sheet.append(["Superseded measure", 1, 2, 3, 4, "Green"])
    sheet.append(["Days to process new benefit claims", 10.5, 9.25, None, None, None])
    for column in "BCDE":
        sheet[f"{column}5"].number_format = "0.0%"
        sheet[f"{column}7"].number_format = '0.0 "days"'
    sheet.row_dimensions[6].hidden = True
    sheet["F7"].fill = PatternFill("solid", fgColor="FF00B050")
    sheet["G5"] = "workings"
    sheet.column_dimensions["G"].hidden = True
    sheet["A9"] = "Milestones"
    sheet["A10"], sheet["B10"], sheet["C10"] = "Milestone", "Due", "Budget"
    sheet["A11"], sheet["B11"], sheet["C11"] = "Open the library", date(2024, 3, 31), 1250000
    sheet["B11"].number_format = "dd/mm/yyyy"
    sheet["C11"].number_format = '"£"#,##0'
    lookups = workbook.create_sheet("Lookups")
    lookups["A1"] = "not for reading"
    lookups.sheet_state = "hidden"
    workbook.create_sheet("Notes")["A1"] = "Figures are provisional."
    workbook.save(path / "return.xlsx")
    return path / "return.xlsx"


@pytest.fixture
def kpis(tmp_path: Path) -> ExtractedDocument:
    return extract(_return(tmp_path))


def test_each_visible_sheet_is_read_and_hidden_sheets_are_not(kpis: ExtractedDocument) -> None:
    sheets = [b.text for b in kpis.text_blocks() if b.kind == "heading" and b.level == 1]
    assert (kpis.format, kpis.pages, sheets) == ("xlsx", 2, ["Q2 return", "Notes"])
    assert "not for reading" not in str(kpis.blocks)


def test_title_cells_head_the_tables_below_them(kpis: ExtractedDocument) -> None:
    first, second = list(kpis.tables())
    assert (first.heading, str(first.source)) == (
        "Council Plan performance 2023/24",
        "return.xlsx, sheet Q2 return, cell A3:F7",
    )
    assert (second.heading, second.source.cell) == ("Milestones", "A10:C11")


def test_merged_two_row_headers_keep_their_spans(kpis: ExtractedDocument) -> None:
    table = next(kpis.tables())
    assert table.text_rows()[:2] == [
        ["Measure", "2023/24", "2023/24", "2023/24", "2023/24", "Status"],
        ["Measure", "Q1", "Q2", "Q3", "Q4", "Status"],
    ]
    year = next(c for c in table.cells if c.text == "2023/24")
    assert (year.row, year.column, year.row_span, year.column_span) == (0, 1, 1, 4)
    assert next(c for c in table.cells if c.text == "Measure").row_span == 2


def test_hidden_rows_and_columns_are_left_out(kpis: ExtractedDocument) -> None:
    table = next(kpis.tables())
    assert [row[0] for row in table.text_rows()[2:]] == [
        "Household waste recycled",
        "Days to process new benefit claims",
    ]
    assert table.column_count == 6
    assert "workings" not in str(table)


def test_numbers_and_dates_stay_typed_and_show_as_formatted(kpis: ExtractedDocument) -> None:
    cells = {c.source.cell: c for t in kpis.tables() for c in t.cells}
    shown = {ref: (cells[ref].text, cells[ref].value) for ref in ("B5", "C7", "B11", "C11")}
    assert shown == {
        "B5": ("29.4%", Decimal("0.294")),
        "C7": ("9.3 days", Decimal("9.25")),
        "B11": ("31/03/2024", date(2024, 3, 31)),
        "C11": ("£1,250,000", 1250000),
    }


def test_a_status_shown_only_as_a_fill_is_a_hint(kpis: ExtractedDocument) -> None:
    status = next(c for t in kpis.tables() for c in t.cells if c.source.cell == "F7")
    assert (status.text, status.hints) == ("", ("fill #00B050", "fill green"))


def test_an_xls_workbook_is_read_with_merges_and_dates(tmp_path: Path) -> None:
    cells = {
        (0, 0): "Performance indicators",
        (2, 0): "Indicator", (2, 1): "2023/24",
        (3, 1): "Target", (3, 2): "Actual",
        (4, 0): "Affordable homes delivered", (4, 1): 250, (4, 2): 261,
        (5, 0): "Report to Cabinet", (5, 1): date(2023, 11, 14),
    }  # fmt: skip
    path = tmp_path / "indicators.xls"
    path.write_bytes(
        xls_workbook(
            {"Indicators": cells, "Old": {(0, 0): "hidden sheet"}},
            merges={"Indicators": [(2, 1, 2, 2)]},
            hidden=("Old",),
        )
    )
    document = extract(path)
    table = next(document.tables())
    assert (document.format, document.pages, table.heading) == ("xls", 1, "Performance indicators")
    assert table.text_rows() == [
        ["Indicator", "2023/24", "2023/24"],
        ["", "Target", "Actual"],
        ["Affordable homes delivered", "250", "261"],
        ["Report to Cabinet", "2023-11-14", ""],
    ]
    values = {c.source.cell: c.value for c in table.cells}
    assert (values["B5"], values["B6"]) == (250, date(2023, 11, 14))


def test_an_ods_spreadsheet_keeps_merges_shown_text_and_hidden_rows(tmp_path: Path) -> None:
    path = tmp_path / "kpis.ods"
    write_ods(
        path,
        {
            "KPIs": [
                ["Measure", ("2023/24", "2023/24", 2), None],
                ["", "Q1", "Q2"],
                ["Recycling", (0.294, "29.4%", 1), (0.301, "30.1%", 1)],
                ["Review due", date(2024, 1, 31), ""],
            ]
        },
    )
    table = next(extract(path).tables())
    assert table.text_rows() == [
        ["Measure", "2023/24", "2023/24"],
        ["", "Q1", "Q2"],
        ["Recycling", "29.4%", "30.1%"],
        ["Review due", "2024-01-31", ""],
    ]
    recycling = next(c for c in table.cells if c.source.cell == "B3")
    assert recycling.value == Decimal("0.294")


def test_a_damaged_xls_file_is_refused_not_crashed_on(tmp_path: Path) -> None:
    data = bytearray(xls_workbook({"KPIs": {(0, 0): "Measure", (1, 0): 1}}))
    data[1540:1900] = b"\xff" * 360  # the workbook stream's records
    path = tmp_path / "damaged.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportProblem, match=r"damaged.xls.*damaged"):
        extract(path)


def test_a_damaged_xlsx_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(_return(tmp_path)) as good, zipfile.ZipFile(path, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            bad.writestr(item, data[:40] if item.filename.endswith("sheet1.xml") else data)
    with pytest.raises(ImportProblem, match=r"damaged.xlsx: The Excel workbook is damaged"):
        extract(path)


def test_workbooks_over_the_cell_or_sheet_limits_are_refused(tmp_path: Path) -> None:
    path = _return(tmp_path)
    with pytest.raises(ImportProblem, match=r"sheet Q2 return: The file has more than 10 table"):
        extract(path, limits=Limits(max_cells=10))
    with pytest.raises(ImportProblem, match=r"has 2 sheets, over the limit of 1"):
        extract(path, limits=Limits(max_pages=1))


def test_progress_is_reported_sheet_by_sheet(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    extract(_return(tmp_path), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_a_new_header_band_starts_a_new_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    rows = [
        ["Action", "Lead"], ["Reopen the market", "Head of Regeneration"],
        ["Measure", "Target"], ["Market occupancy", 0.9],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    for cell in (*sheet[1], *sheet[3]):
        cell.font = Font(bold=True)
    workbook.save(tmp_path / "bands.xlsx")
    tables: list[Table] = list(extract(tmp_path / "bands.xlsx").tables())
    assert [t.text_rows()[0] for t in tables] == [["Action", "Lead"], ["Measure", "Target"]]


def test_an_xls_file_that_makes_the_reader_panic_is_refused(tmp_path: Path) -> None:
    data = bytearray(xls_workbook({"KPIs": {(0, 0): "Measure"}}))
    struct.pack_into("<I", data, 1024 + 128 + 120, 100)  # stream size: now in a missing mini stream
    path = tmp_path / "panics.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportProblem, match=r"panics.xls: The workbook is damaged"):
        extract(path)
