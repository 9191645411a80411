"""A report as CSV: one row per table row, led by its section and table, under one header."""

import csv
import io

from councilplan.reports.shape import Report

FIRST_COLUMNS = ("Section", "Table")


def render(report: Report) -> bytes:
    """Every table's rows in one sheet; each table's own header comes before its rows, since the
    tables of a report have different columns. UTF-8 with a byte-order mark, for Excel."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([report.title])
    for section in report.sections:
        for table in section.tables:
            writer.writerow([*FIRST_COLUMNS, *table.header])
            for row in table.rows:
                writer.writerow([section.heading, table.caption, *row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
