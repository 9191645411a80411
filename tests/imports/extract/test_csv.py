"""CSV files: one table, whatever the encoding and delimiter, rows located by their first line.

``files/lgbf-indicator-information.csv`` is real: the first rows of "Data Files/Indicator
Information.csv" of github.com/SC-TPP/LGBF (MIT licence), the Scottish councils' Local
Government Benchmarking Framework indicators as published by the Improvement Service, with
quoted cells holding commas and line breaks. The other files are written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from councilplan.imports.extract import ExtractedDocument, Table, extract
from councilplan.imports.extract.limits import Limits
from councilplan.imports.problems import ImportProblem

FILES = Path(__file__).parent / "files"
WINDOWS_1252_ROWS = (
    "Indicator;Target;Actual\r\nRecycling;50,0%;48,2%\r\nCaf\u00e9 visits;1\u00a0200;1\u00a0350\r\n"
)


def _table(document: ExtractedDocument) -> Table:
    (table,) = document.tables()
    return table


def test_a_real_benchmarking_file_is_one_table_with_multi_line_cells() -> None:
    document = extract(FILES / "lgbf-indicator-information.csv")
    table = _table(document)
    rows = table.text_rows()
    assert (document.format, table.row_count, table.column_count) == ("csv", 8, 22)
    assert rows[0][:3] == ["Title", "Code", "Code_Sortable"]
    assert rows[3][:6] == [
        "The % of total household waste arising that is recycled",
        "ENV6", "ENV 06", "Annual", "Percentage", "0.0%",
    ]  # fmt: skip
    assert rows[1][10] == (
        "Environmental, Culture & Leisure, Economic Development, Corporate and Property indicators"
    )
    assert rows[1][14].splitlines()[1].startswith("http://www.scotland.gov.uk/Topics/Statistics")


def test_rows_are_located_at_the_line_they_start_on() -> None:
    table = _table(extract(FILES / "lgbf-indicator-information.csv"))
    starts = [c.source.line for c in table.cells if c.column == 0]
    assert starts == [1, 2, 7, 12, 14, 16, 19, 21]
    cell = next(c for c in table.cells if (c.row, c.column) == (3, 1))
    assert str(cell.source) == "lgbf-indicator-information.csv, line 12, cell row 4, column 2"


@pytest.mark.parametrize(
    ("data", "rows"),
    [
        pytest.param(
            WINDOWS_1252_ROWS.encode("cp1252"),
            [
                ["Indicator", "Target", "Actual"],
                ["Recycling", "50,0%", "48,2%"],
                ["Caf\u00e9 visits", "1\u00a0200", "1\u00a0350"],
            ],
            id="Windows-1252, semicolons, decimal commas",
        ),
        pytest.param(
            '\ufeffMeasure,Target\nSpend (\u00a3000),"1,200"\n'.encode(),
            [["Measure", "Target"], ["Spend (\u00a3000)", "1,200"]],
            id="UTF-8 with a byte order mark",
        ),
        pytest.param(
            "Measure\tQ1\tQ2\nHomes\t61\t70\nBins\t35\t38\n".encode("utf-16"),
            [["Measure", "Q1", "Q2"], ["Homes", "61", "70"], ["Bins", "35", "38"]],
            id="UTF-16 tab-separated, as Excel's Unicode text",
        ),
        pytest.param(
            b"Ref|Action|Due\n1.1|Reopen the market|March 2025\n1.2|Adopt the plan|June 2024\n",
            [
                ["Ref", "Action", "Due"],
                ["1.1", "Reopen the market", "March 2025"],
                ["1.2", "Adopt the plan", "June 2024"],
            ],
            id="pipes",
        ),
    ],
)
def test_encodings_and_delimiters_are_detected(
    tmp_path: Path, data: bytes, rows: list[list[str]]
) -> None:
    path = tmp_path / "kpis.csv"
    path.write_bytes(data)
    assert _table(extract(path)).text_rows() == rows


def test_title_lines_above_the_header_become_headings(tmp_path: Path) -> None:
    path = tmp_path / "kpis.csv"
    path.write_text(
        "Housing KPIs 2023/24,,\nQuarter 2,,\n\nMeasure,Target,Actual\nRelets (days),28,31.5\n"
    )
    document = extract(path)
    headings = [(b.text, b.source.line) for b in document.text_blocks()]
    table = _table(document)
    assert headings == [("Housing KPIs 2023/24", 1), ("Quarter 2", 2)]
    assert (table.heading, table.source.line) == ("Quarter 2", 4)
    assert table.text_rows()[0] == ["Measure", "Target", "Actual"]


def test_a_csv_file_over_the_cell_limit_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("a,b,c\n" * 10)
    with pytest.raises(ImportProblem, match=r"big.csv, line 4: The file has more than 10"):
        extract(path, limits=Limits(max_cells=10))


def test_a_file_of_blank_lines_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(",,\n,,\n")
    with pytest.raises(ImportProblem, match=r"blank.csv: The file has no rows"):
        extract(path)
