"""`councilplan generate-data`: made-up councils at the scale of every council in England."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from councilplan.generator.generate import PASSWORD, Counts, Shape, council_slug, generate
from councilplan.generator.snapshots import SNAPSHOT_QUARTERS


class Command(BaseCommand):
    help = (
        "Add made-up councils for load testing: each a published council plan with about 6 "
        "themes, 150 actions, 450 milestones and 400 measures, and a quarter's updates and "
        "values for every quarter, all but the last quarter locked. Seeded: the same seed gives "
        "the same councils. Councils already generated are kept, so a larger --councils adds "
        "to a smaller run. The status snapshots of each council's most recent locked quarters "
        "are stored as if it had locked them (--snapshot-quarters, default the dashboard's "
        "trend of 8); older locked quarters have none and are worked out when read. A council "
        "generated before without them gets them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--councils", type=int, default=1, help="How many (default 1).")
        parser.add_argument("--years", type=int, default=10, help="Financial years (10).")
        parser.add_argument(
            "--first-year", type=int, default=2016, help="First financial year (2016: 2016/17)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (1).")
        parser.add_argument(
            "--actions", type=int, default=Shape.actions, help="Actions per council (150)."
        )
        parser.add_argument(
            "--measures", type=int, default=Shape.measures, help="Measures per council (400)."
        )
        parser.add_argument(
            "--snapshot-quarters",
            type=int,
            default=SNAPSHOT_QUARTERS,
            help=f"Locked quarters, the most recent, to store status snapshots of "
            f"({SNAPSHOT_QUARTERS}: the dashboard's trend; 0 none; 40 all of 10 years).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        councils, years = options["councils"], options["years"]
        if councils < 1 or years < 1 or options["actions"] < 1 or options["measures"] < 1:
            raise CommandError("--councils, --years, --actions and --measures must be at least 1.")
        if options["snapshot_quarters"] < 0:
            raise CommandError("--snapshot-quarters must be 0 or more.")
        shape = Shape(actions=options["actions"], measures=options["measures"])
        started = time.perf_counter()
        with Progress(
            TextColumn("Generating councils"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rows]:,} rows"),
            TimeElapsedColumn(),
            console=None,
            disable=not self.stdout.isatty(),
        ) as progress:
            task = progress.add_task("councils", total=councils, rows=0)

            def advance(number: int, counts: Counts) -> None:
                progress.update(task, completed=number, rows=counts.total)

            counts = generate(
                councils=councils,
                years=years,
                first_year=options["first_year"],
                seed=options["seed"],
                shape=shape,
                snapshot_quarters=options["snapshot_quarters"],
                on_council=advance,
            )
        seconds = time.perf_counter() - started
        for table, count in counts.rows.items():
            self.stdout.write(f"  {table}: {count:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.total:,} rows in {seconds:.1f} s for councils "
                f"{council_slug(1)} to {council_slug(councils)}"
            )
        )
        self.stdout.write(
            f"Sign in as {council_slug(1)}-performance or {council_slug(1)}-officer-01 "
            f"with the password {PASSWORD}."
        )
