"""Time to read and import each source document (and to re-import it, which changes nothing),
and time and memory of the general reader on a large PDF and a large workbook.

Run: `.venv/bin/python bench/import_bench.py` (a fresh SQLite file; set DATABASE_URL to use
PostgreSQL). Prints one row per document: read time, first apply, second apply (idempotent),
and how many rows were created. `--only general` makes a 50-page PDF (WeasyPrint) and a
5,000-row workbook (openpyxl) in a temporary folder and reads each in a child process
(extract, propose a mapping, read), printing seconds and the child's peak memory. Figures, not
pass/fail; see bench/RESULTS.md.
"""

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import ROOT, scratch_database

SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = [  # results need their plan, so 000 comes before 004
    "000_a81e811cd8c78bb5.txt",
    "004_c94268a988d2687a.txt",
    "001_39c9c36a00977c36.txt",
    "002_c3520500f95d0464.txt",
    "003_7f427dc7f844e011.txt",
]


def seeds() -> None:
    """Migrate a scratch database, then read and apply each document twice, timing each step."""
    print(f"database: {scratch_database()}")
    from councilplan.imports.readers import read_file
    from councilplan.imports.writer import apply_document

    columns = ("lines", "read ms", "apply ms", "again ms", "created")
    print(f"{'document':<28} " + " ".join(f"{c:>9}" for c in columns))
    for name in DOCUMENTS:
        path = SEEDS / name
        if not path.exists():
            print(f"{name:<28} missing: {SEEDS} is not here")
            continue
        started = time.perf_counter()
        document = read_file(path)
        read = time.perf_counter()
        first = apply_document(document)
        applied = time.perf_counter()
        second = apply_document(document)
        again = time.perf_counter()
        assert not second.changed, f"{name}: re-import changed {second.counts}"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        print(
            f"{name:<28} {lines:>9} {1000 * (read - started):>9.1f} {1000 * (applied - read):>9.1f}"
            f" {1000 * (again - applied):>9.1f} {first.total('created'):>9}"
        )


THEMES = ("A thriving economy", "Healthy lives", "Safe streets", "Good homes", "Clean and green")
STATUSES = ("Green", "Amber", "Red", "Blue")


def plan_pdf(path: Path, pages: int) -> None:
    """A council's delivery plan of about ``pages`` pages: a table per theme, header repeated
    on every page, commentary wrapping over several lines."""
    import weasyprint  # type: ignore[import-untyped]

    rows_per_page = 17
    sections = []
    for t, theme in enumerate(THEMES):
        rows = "".join(
            f"<tr><td>{t + 1}.{n + 1}</td><td>Deliver improvement {n + 1} for {theme.lower()}"
            f"</td><td>Officer {n % 17}</td><td>Service {n % 7}</td><td>March 202{5 + n % 3}"
            f"</td><td>{STATUSES[n % 4]}</td><td>{'Work is under way with partners. ' * 4}</td>"
            "</tr>"
            for n in range(pages * rows_per_page // len(THEMES))
        )
        sections.append(
            f"<h2>{theme}</h2><table><thead><tr><th>Ref</th><th>Action</th><th>Lead officer</th>"
            "<th>Service</th><th>Due</th><th>RAG</th><th>Commentary</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    html = (
        "<style>@page{size:A4 landscape;margin:1.5cm}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #000;padding:3px;font:9pt sans-serif;vertical-align:top}</style>"
        "<h1>Anytown Council Delivery Plan 2024-2027</h1><p>Quarter 2 2024/25 progress</p>"
        + "".join(sections)
    )
    weasyprint.HTML(string=html).write_pdf(path)


def kpi_workbook(path: Path, rows: int) -> None:
    """A KPI workbook: a two-row header (year over quarters) and ``rows`` measures."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = "KPIs"
    sheet.append(["Code", "Measure", "2024/25", None, None, None, "Target 2024/25", "Good is"])
    sheet.append([None, None, "Q1", "Q2", "Q3", "Q4", None, None])
    sheet.merge_cells("C1:F1")
    for n in range(rows):
        sheet.append(
            [
                f"K{n:05d}",
                f"Measure number {n}",
                n % 97,
                n % 89,
                n % 83,
                n % 79,
                100,
                "Higher" if n % 2 else "Lower",
            ]
        )
    book.save(path)


CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from councilplan.imports.context import ReadContext
from councilplan.imports.general import read_general
started = time.perf_counter()
result = read_general(Path({path!r}), ReadContext(organisation_slug="anytown"))
elapsed = time.perf_counter() - started
doc = result.reading.document
items = sum(len(p.actions) for p in doc.plans) + len(doc.measures)
# VmHWM: this process's own peak (ru_maxrss would carry the parent's across fork and exec)
status = Path("/proc/self/status").read_text()
peak = int(next(l for l in status.splitlines() if l.startswith("VmHWM")).split()[1]) / 1024
print(f"{{elapsed:.2f}} {{peak:.0f}} {{items}} {{result.extracted.pages}}")
"""


def general() -> None:
    """Read a 50-page PDF and a 5,000-row workbook with the general reader, each in a child."""
    with tempfile.TemporaryDirectory() as folder:
        pdf, workbook = Path(folder, "plan.pdf"), Path(folder, "kpis.xlsx")
        plan_pdf(pdf, 50)
        kpi_workbook(workbook, 5000)
        print(f"{'file':<34} {'seconds':>8} {'peak MB':>8} {'items':>7} {'pages':>6}")
        for path, label in ((pdf, "PDF plan, about 50 pages"), (workbook, "workbook, 5,000 rows")):
            code = CHILD.format(root=str(ROOT), path=str(path))
            out = subprocess.run(  # noqa: S603 - our own interpreter and code
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout.split()
            seconds, peak, items, pages = out
            print(f"{label:<34} {seconds:>8} {peak:>8} {items:>7} {pages:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["seeds", "general"], default="")
    only = parser.parse_args().only
    if only in {"", "seeds"}:
        seeds()
    if only in {"", "general"}:
        general()


if __name__ == "__main__":
    main()
