"""A council's quarterly housing KPI return as a CSV file, for the import pages' tests.

Made for these tests, in the layout such returns are kept in (a title line, then one row per
indicator: reference, indicator, lead officer, the year's target, the quarter's value, the RAG
status the service gave it, a comment); no real council's file.
"""

import csv
import io

INDICATORS = [
    ("HSG01", "Households in temporary accommodation", "Clare Mehrbani", "250"),
    ("HSG02", "Homes delivered", "Ian Fullagar", "400"),
    ("HSG03", "Average days to re-let council homes", "Clare Mehrbani", "30"),
]
Q1_VALUES = ("268", "96", "28.5")
Q2_VALUES = ("255", "190", "27")


def kpi_return(quarter: int, values: tuple[str, ...]) -> bytes:
    """The return for a quarter of 2024/25, with one value per indicator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"Housing KPI return 2024/25 Q{quarter}"])
    writer.writerow(
        ["Ref", "Indicator", "Lead officer", "Target 2024/25", f"Q{quarter} 2024/25", "RAG"]
    )
    for (ref, title, officer, target), value in zip(INDICATORS, values, strict=True):
        rag = "Green" if title == "Homes delivered" or float(value) <= float(target) else "Red"
        writer.writerow([ref, title, officer, target, value, rag])
    return out.getvalue().encode("utf-8")
