"""The tables of bench/RESULTS.md's scale section, from the JSON files ``bench/scale.sh`` wrote.

Run: ``.venv/bin/python bench/scale_report.py [folder, default var/scale]``.
"""

import json
import sys
from pathlib import Path
from typing import Any

RUNS = [
    ("SQLite, 1", "sqlite-1.json"),
    ("PostgreSQL, 1", "postgresql-1.json"),
    ("PostgreSQL, 30", "postgresql-30.json"),
    ("PostgreSQL, 317", "postgresql-317.json"),
]
GOAL_MS = 150.0
GOAL_RATIO = 1.5


def load(folder: Path) -> dict[str, dict[str, Any]]:
    """Each run's figures by label, those present."""
    found = {}
    for label, name in RUNS:
        path = folder / name
        if path.exists():
            found[label] = json.loads(path.read_text())
    return found


def by_target(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A run's figures keyed by target name."""
    return {t["name"]: t for t in run["targets"]}


def number(value: float | None) -> str:
    """A time in ms as the tables show it."""
    return "-" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def times_table(runs: dict[str, dict[str, Any]], field: str) -> None:
    """p50 / p95 of ``field`` ("client" or "http") for every target and run."""
    labels = list(runs)
    print(
        "| target | queries | KB | " + " | ".join(f"{label} p50 / p95" for label in labels) + " |"
    )
    print("|---|---:|---:|" + "---:|" * len(labels))
    first = by_target(runs[labels[0]])
    for name, target in first.items():
        cells = []
        for label in labels:
            t = by_target(runs[label]).get(name, {})
            cells.append(f"{number(t.get(f'{field}_p50'))} / {number(t.get(f'{field}_p95'))}")
        print(
            f"| {name} | {target['queries']} | {target['kilobytes']:.0f} | "
            + " | ".join(cells)
            + " |"
        )


def goals_table(runs: dict[str, dict[str, Any]]) -> None:
    """At 317 councils on PostgreSQL over HTTP: p95, the goal, the ratio to 1 council and to
    the floor."""
    one, big = by_target(runs["PostgreSQL, 1"]), by_target(runs["PostgreSQL, 317"])
    print(
        "| target | p95 at 317 (ms) | under 150 ms | p95 317 / p95 1 | within 1.5x "
        "| floor (ms) | p50 / floor |"
    )
    print("|---|---:|:-:|---:|:-:|---:|---:|")
    for name, t in big.items():
        p95, base = t["http_p95"], one[name]["http_p95"]
        ratio = p95 / base if base else None
        floor = t.get("floor")
        over_floor = f"{t['http_p50'] / floor:.1f}x" if floor else "-"
        print(
            f"| {name} | {number(p95)} | {'yes' if p95 < GOAL_MS else '**no**'} | "
            f"{ratio:.2f} | {'yes' if ratio is not None and ratio <= GOAL_RATIO else '**no**'} | "
            f"{number(floor)} | {over_floor} |"
        )


def reports_table(runs: dict[str, dict[str, Any]]) -> None:
    """Seconds to build and render the annual results per format, per run that timed them."""
    timed = {label: run["reports"] for label, run in runs.items() if run.get("reports")}
    if not timed:
        return
    formats = list(next(iter(timed.values())))
    print("| database, councils | " + " | ".join(formats) + " |")
    print("|---|" + "---:|" * len(formats))
    for label, seconds in timed.items():
        print(f"| {label} | " + " | ".join(f"{seconds[f]:.2f}" for f in formats) + " |")


def main() -> None:
    """Print every table for the runs in the folder."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "var/scale")
    runs = load(folder)
    print("Server time through Django's test client, ms:\n")
    times_table(runs, "client")
    print("\nServer time under gunicorn (2 workers, loopback), from Server-Timing, ms:\n")
    times_table(runs, "http")
    if "PostgreSQL, 1" in runs and "PostgreSQL, 317" in runs:
        print("\nGoals at 317 councils (PostgreSQL, gunicorn):\n")
        goals_table(runs)
    print("\nAnnual results report for one council, build and render, seconds:\n")
    reports_table(runs)


if __name__ == "__main__":
    main()
