"""Time to read and import each source document (and to re-import it, which changes nothing).

Run: `.venv/bin/python bench/import_bench.py` (a fresh SQLite file; set DATABASE_URL to use
PostgreSQL). Prints one row per document: read time, first apply, second apply (idempotent),
and how many rows were created. Figures, not pass/fail; see bench/RESULTS.md.
"""

import time

from scratch import ROOT, scratch_database

SEEDS = ROOT.parent / "shared" / "seeds"
DOCUMENTS = [  # results need their plan, so 000 comes before 004
    "000_a81e811cd8c78bb5.txt",
    "004_c94268a988d2687a.txt",
    "001_39c9c36a00977c36.txt",
    "002_c3520500f95d0464.txt",
    "003_7f427dc7f844e011.txt",
]


def main() -> None:
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


if __name__ == "__main__":
    main()
