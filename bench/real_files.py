"""How much of other councils' real files the general reader gets right, field by field.

Run: `PYTHONPATH=. .venv/bin/python bench/real_files.py` from the repository root. For each
case of `tests/imports/real_documents.py` (real files, and Word/Excel/HTML files built from real
ones) it prints the fields right out of the fields a performance officer expects, and with
`--missed` the facts missed and any rows the reader made up. Figures, not pass/fail; see
bench/RESULTS.md ("General reader on real files").
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.imports.real_documents import CASES  # noqa: E402
from tests.imports.real_facts import score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--missed", action="store_true", help="list the facts missed")
    args = parser.parse_args()
    total_right = total = 0
    with tempfile.TemporaryDirectory() as folder:
        for case in CASES:
            right, expected, missed, extra = score(case, Path(folder))
            total_right, total = total_right + right, total + expected
            kind = "real" if case.real else "built"
            print(f"{case.name:<42} {kind:<5} {right:>4} / {expected:<4} extra {len(extra)}")
            if args.missed:
                for fact in sorted(missed)[:25]:
                    print("    missed", fact)
                for fact in sorted(extra)[:10]:
                    print("    extra ", fact)
    print(f"{'all':<48} {total_right:>4} / {total}")


if __name__ == "__main__":
    main()
