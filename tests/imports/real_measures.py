"""Other councils' measures: KPI tables, comparator extracts and target lists, and what a
performance officer expects from each (see ``real_facts``). Sources: ``files/real/README.md``.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from councilplan.imports.understand import Mapping

from .real_facts import REAL, Fact, num

# --- Trafford Council: NEET, long rows per area and year, CIPFA nearest neighbours ----------

NEET_KNOWN = (
    "16 to 17 year olds not in education, employment or training (NEET) or whose activity is "
    "not known"
)
NEET = "16-17 year olds not in education, employment or training (NEET)"


def neet_expected() -> frozenset[Fact]:
    """Trafford's rows are its values; England a national comparator; the 15 CIPFA neighbours
    other areas' comparators, each with its GSS code; years are the financial year they start."""
    expected: set[Fact] = set()
    with (REAL / "trafford_neet_cipfa.csv").open(newline="") as rows:
        for row in csv.DictReader(rows):
            title, year = row["indicator"], int(row["period"])
            period = f"{year}/{str(year + 1)[2:]}"
            value = num(row["value"])
            if row["area_name"] == "Trafford":
                expected.add(("obs", title, period, value))
            else:
                kind = "national" if row["area_name"] == "England" else "other"
                expected.add(("comparator", title, period, row["area_name"], kind, value))
                expected.add(("comparator.gss", title, row["area_name"], row["area_code"]))
    for title in (NEET_KNOWN, NEET):
        expected |= {
            ("measure", title, title),
            ("measure.unit", title, "percent"),
            ("measure.frequency", title, "annual"),
        }
    return frozenset(expected)


# --- Trafford Council: the Corporate Plan's indicators, a Markdown table --------------------


def _markdown_rows(name: str, header: str = "Priority |Indicator") -> list[list[str]]:
    """A Markdown table's body rows as a person reads them (links as their words)."""
    rows = []
    for line in (REAL / name).read_text().splitlines():
        if "|" in line and not set(line) <= set("|:- ") and header not in line:
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _link_words(cell: str) -> str:
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell).strip().rstrip(",").strip()


def indicators_expected() -> frozenset[Fact]:
    """Each row an indicator: its title (a sentence's full stop is no part of it), the priority
    it measures, the source of its data."""
    expected: set[Fact] = set()
    for row in _markdown_rows("trafford_corporate_plan_indicators.md"):
        priority, title, source = row[0], row[1].removesuffix("."), _link_words(row[2])
        expected |= {
            ("measure", title, title),
            ("measure.theme", title, priority),
            ("measure.data_source", title, source),
        }
    return frozenset(expected)


CORPORATE_PLAN = Mapping(plan_slug="corporate-plan", first_year=2022, last_year=2024)


# --- Leeds City Council (LEEDS 2023): media coverage KPI, months down, measures across -------

LEEDS = {
    "count": ["24", "18", "29", "28", "9", "36", "26", "12"],
    "cumulative count": ["24", "42", "71", "99", "108", "144", "170", "182"],
    "reach": [
        "6274376",
        "2925855",
        "4683951",
        "28372509",
        "1025265",
        "17220002",
        "2265520",
        "1649670",
    ],
    "cumulative reach": [
        "6274376",
        "9200231",
        "13884182",
        "42256691",
        "43281956",
        "60501958",
        "62767478",
        "64417148",
    ],
}
MONTHS = [
    "August 2021", "September 2021", "October 2021", "November 2021", "December 2021",
    "January 2022", "February 2022", "March 2022",
]  # fmt: skip


def leeds_expected() -> frozenset[Fact]:
    expected: set[Fact] = set()
    for title, values in LEEDS.items():
        expected |= {("measure", title, title), ("measure.frequency", title, "monthly")}
        expected |= {("obs", title, m, v) for m, v in zip(MONTHS, values, strict=True)}
    return frozenset(expected)


# --- Ngoma District (Rwanda): Imihigo targets per quarter in "Q1: 3,340" cells ---------------

NGOMA = {
    "Economic Transformation": [
        ("Ha of land meeting FOBASI operationalization criteria with agronomic KPIs",
         [None, None, None, "18713"], "18713"),
        ("Ha of Land meeting FOBASI Operationalization criteria with Agronomic and Managerial KPIs",
         [None, None, None, "1740"], "1740"),
        ("Area under land use consolidation for Maize(Ha)", ["3340", "17568", "335", "0"], "21243"),
        ("Area under land use consolidation for Cassava(Ha)", ["250", "1250", "0", "0"], "1500"),
        ("Quantity of improved maize seeds used (Kg)", ["25122", "167762", "6040", "0"], "198924"),
        ("Area under progressive terraces developed (Ha)", ["50", "20", "80", None], "150"),
        ("Number of cows inseminated", ["1000", "1000", "1000", "581"], "3581"),
        ("Quantity of Fish produced (MT)", ["70", "100", "100", "30"], "300"),
        ("Number of productive jobs created", ["840", "840", "1820", "1000"], "4500"),
        ("Number of new households connected to electricity", ["50", "50", "500", "4400"], "5000"),
    ],
    "Social Transformation": [
        ("Percentage of works for 9 km of Nyuruvumu Gahushyi-Gituku feeder road rehabilitated",
         ["62", "65", "70", "100"], "100"),
        ("Level of compliance of developed land use plan", ["50", None, None, None], "50"),
        ("Number of eligible/poor families received cows through Girinka program",
         ["158", "175", "192", "104"], "629"),
        ("Percentage of eligible population covered by CBHI", ["85", "90", "95", "100"], "100"),
        ("Percentage of Dropout rate decrease in primary", ["4.9", None, None, None], "4.9"),
        ("Teenage Pregnancy Rate", [None, None, None, "20"], "20"),
    ],
}  # fmt: skip
NGOMA_PERCENT = {
    "Percentage of works for 9 km of Nyuruvumu Gahushyi-Gituku feeder road rehabilitated",
    "Level of compliance of developed land use plan",
    "Percentage of eligible population covered by CBHI",
    "Percentage of Dropout rate decrease in primary",
}


def ngoma_expected() -> frozenset[Fact]:
    """Targets per quarter (a "-" is no target) and for the year; themes from the headings.
    The district's year (July to June) is confirmed by a person as 2025/26."""
    expected: set[Fact] = set()
    for theme, rows in NGOMA.items():
        for title, quarters, annual in rows:
            expected |= {
                ("measure", title, title),
                ("measure.theme", title, theme),
                ("measure.frequency", title, "quarterly"),
                ("target", title, "2025/26", num(annual)),
            }
            expected |= {
                ("target", title, f"2025/26 Q{q}", num(v))
                for q, v in enumerate(quarters, start=1)
                if v is not None
            }
            if title in NGOMA_PERCENT:
                expected.add(("measure.unit", title, "percent"))
    return frozenset(expected)


NGOMA_YEAR = Mapping(period="2025/26", plan_slug="imihigo-2025-26", first_year=2025, last_year=2025)


# --- Royal Borough of Kingston upon Thames: "Where are we now?", a bulleted list of KPIs -----

KINGSTON = {
    "Approximately 75% of A/B/C roads are in good condition": "percent",
    "Crime rate of 75.1 per 1,000 persons - lower than the London and England averages": "rate",
    "20.2 violence and sexual offences per 1,000 persons - lower than the London and England "
    "averages": "rate",
    "19.3 anti-social behaviour offences per 1,000 persons - lower than the London average": "rate",
    "A survey on the safety of women and girls in the borough found that the biggest barrier to "
    "seeking support (72%) is the fear of not being believed": "percent",
}


def kingston_expected() -> frozenset[Fact]:
    """Where the council stands, as measures of the Safer theme (the page names no period, so
    the figures in them are no observations)."""
    expected: set[Fact] = set()
    for title, unit in KINGSTON.items():
        expected |= {
            ("measure", title, title),
            ("measure.unit", title, unit),
            ("measure.theme", title, "Safer"),
        }
    return frozenset(expected)


KINGSTON_PLAN = Mapping(plan_slug="council-plan", first_year=2023, last_year=2026)


# --- Leeds City Council (LEEDS 2023): the KPIs, a Markdown table after a bulleted list -------


def leeds_kpis_expected() -> frozenset[Fact]:
    """Each KPI with the source of its data (its target is in its words; the bullets above
    repeat the table)."""
    expected: set[Fact] = set()
    for row in _markdown_rows("leeds2023_kpi_tracker.md", header="KPI | Data Source"):
        expected |= {("measure", row[0], row[0]), ("measure.data_source", row[0], row[1])}
    return frozenset(expected)


# --- Derby City Council: Oflog's adult social care measure for every council, one row each ---


def oflog_expected() -> frozenset[Fact]:
    """Derby's row is its value; every other council's a comparator with its GSS code."""
    expected: set[Fact] = {
        ("measure", "ASC1", "Outcome, ASC Carer Quality of Life"),
        ("measure.frequency", "ASC1", "annual"),
    }
    with (REAL / "oflog_asc_carer_quality.csv").open(newline="") as rows:
        for row in csv.DictReader(rows):
            name, value = row["Local authority name"], num(row["Value"])
            if name == "Derby":
                expected.add(("obs", "ASC1", "2016/17", value))
            else:
                expected.add(("comparator", "ASC1", "2016/17", name, "other", value))
                expected.add(("comparator.gss", "ASC1", name, row["Local authority code"]))
    return frozenset(expected)


# --- Aberdeen City Council: LGBF latest values, one row per indicator and period -------------

LGBF = {  # code: (period, value, numerator, denominator)
    "C&L 01": ("2023/24", "3.01", "5956000", "1978218"),
    "C&L 02": ("2023/24", "2.31", "4061000", "1761467"),
    "C&L 03": ("2023/24", "3.53", "4880000", "1380916"),
    "C&L 04": ("2023/24", "24575.19", "5597000", "227.75"),
}


def lgbf_expected() -> frozenset[Fact]:
    """The council's value with its numerator and denominator; the codes are the indicators
    (their titles are in another file); "2021-24" is a three-year span, not a reporting period,
    so C&L 05a has no observation."""
    expected: set[Fact] = set()
    for code, (period, value, numerator, denominator) in LGBF.items():
        expected |= {
            ("measure", code, code),
            ("measure.frequency", code, "annual"),
            ("obs", code, period, num(value)),
            ("obs.numerator", code, period, num(numerator)),
            ("obs.denominator", code, period, num(denominator)),
        }
    expected.add(("measure", "C&L 05a", "C&L 05a"))
    return frozenset(expected)


# --- Hart District Council: KPI return for Quarter 1 2014/15, as a workbook ------------------

HART = [  # ref, description, service, 2013/14 outturn, 2013/14 Q4, Q1 actual, Q1 target, RAG, note
    ("CS01", "Quality of Customer Service Call Handling - % score from monitoring sample",
     "Customer Services", "94.8", "95.3", "95.9", "90", "Green", "", "%"),
    ("CS02a", "% of telephone calls answered by Contact Centre in 15 seconds",
     "Customer Services", "77.1", "79.6", "78.5", "80", "Amber", "", "%"),
    ("FI06", "% of undisputed invoices paid on time (old BVPI8)",
     "Finance, Revs and Bens", "97.7", "98.2", "97.4", "97", "Green", "", "%"),
    ("HR02", "% of cases not dealt with by HR front office and which are not treated as HRP work "
     "requests that are dealt with in 3 working days", "HR", "98.3", "99.3", "65.3", "95", "Red",
     "Introduction of CoreHR and transition of HR back office to Belfast caused disruption to the "
     "service which should be temporary", "%"),
    ("HR11", "Working Days (per FTE) Lost Due to Sickness Absence (Cumulative)", "HR", "17",
     "8.1", "2.6", "1.58", "Red",
     "Long term sickness absences make up a high proportion of this (47%)", ""),
    ("HS01", "Average time (in days) taken to decide whether to accept people as homeless",
     "Housing Services", "15", "14", "11", "15", "Green", "", ""),
    ("HS16", "Number of affordable homes delivered (gross)", "Housing Services", "80", "7", "28",
     "18", "Green", "Outturn for the quarter is 28 units \u2013 12 Lismoyne House and 16 Swan Lake "
     "View \u2013 5 s/o and 11 rent", ""),
    ("IT01", "% registered controllable incidents resolved at first point of contact",
     "IT Services", "51.6", "45.8", "42.5", "60", "Amber", "", "%"),
    ("LS05", "Summary of Projects status - Number of days ahead / behind project timetable",
     "Leisure Services", "0", "0", "-28", "0", "Red", "", ""),
    ("PS01", "Processing of planning applications: Major applications", "Planning Services",
     "68.4", "75.2", "63.6", "70", "Amber", "", "%"),
    ("RB07", "Time taken to process Housing Benefit/Council Tax Benefit new claims.",
     "Finance, Revs and Bens", "19.08", "19.85", "19.94", "23", "Green", "", ""),
    ("SNH03", "Number of Domestic Abuse incidents - domestic crimes", "Safer North Hants",
     "1284", "283", "376", "", "", "", ""),
]  # fmt: skip
FILLS = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}


def build_hart_xlsx(folder: Path) -> Path:
    """Hart's Q1 2014/15 KPIs (the values of its published KPI tiles) as a council's Excel
    return: a title row, a merged two-row header (years over what each column holds), the
    percentages formatted as such, the RAG status as a word on its colour."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Q1 2014-15"
    sheet["A1"] = "Hart District Council - Key Performance Indicators, Quarter 1 2014/15"
    sheet.merge_cells("A1:I1")
    header = {
        "A2": "KPI", "C2": "Service", "D2": "2013/14", "F2": "Q1 2014/15", "I2": "Notes",
        "A3": "Ref", "B3": "Description", "D3": "Outturn", "E3": "Q4", "F3": "Actual",
        "G3": "Target", "H3": "Status",
    }  # fmt: skip
    for ref, text in header.items():
        sheet[ref] = text
    for merged in ("A2:B2", "C2:C3", "D2:E2", "F2:H2", "I2:I3"):
        sheet.merge_cells(merged)
    for row, (ref, title, service, year, q4, q1, target, rag, note, unit) in enumerate(HART, 4):
        sheet.cell(row, 1, ref)
        sheet.cell(row, 2, title)
        sheet.cell(row, 3, service)
        for column, value in ((4, year), (5, q4), (6, q1), (7, target)):
            if value:
                cell = sheet.cell(row, column, float(value))
                cell.number_format = '0.0"%"' if unit else "General"
        if rag:
            status = sheet.cell(row, 8, rag)
            status.fill = PatternFill("solid", fgColor=FILLS[rag])
        if note:
            sheet.cell(row, 9, note)
    path = folder / "hart_kpis_q1_2014_15.xlsx"
    book.save(path)
    return path


def hart_expected() -> frozenset[Fact]:
    """Each KPI by its reference: title, unit, the year's outturn, last quarter's and this
    quarter's values, this quarter's target. (The owning service is listed as not kept: a
    measure's owner in councilplan is an officer.)"""
    expected: set[Fact] = set()
    for ref, title, _, year, q4, q1, target, _, _, unit in HART:
        expected |= {
            ("measure", ref, title.removesuffix(".")),
            ("measure.frequency", ref, "quarterly"),
            ("obs", ref, "2013/14", num(year)),
            ("obs", ref, "2013/14 Q4", num(q4)),
            ("obs", ref, "2014/15 Q1", num(q1)),
        }
        if target:
            expected.add(("target", ref, "2014/15 Q1", num(target)))
        if unit:
            expected.add(("measure.unit", ref, "percent"))
    return frozenset(expected)
