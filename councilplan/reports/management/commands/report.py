"""`councilplan report`: a plan's annual results, quarterly report or delivery plan as a file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from councilplan.core import clock
from councilplan.domain.periods import Period, PeriodError
from councilplan.reports.builders import BUILDERS, build_report, report_scope
from councilplan.reports.renderers import FORMATS
from councilplan.reports.selectors import ReportProblem, find_plan


class Command(BaseCommand):
    help = (
        "Write a plan's report: annual-results (as the Annual Performance Results), quarterly "
        "(the Cabinet report) or delivery-plan (the plan document), as PDF, Word, Excel, CSV "
        "or HTML."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=list(BUILDERS), help="Which report.")
        parser.add_argument("--plan", required=True, help="The plan's id or slug.")
        parser.add_argument(
            "--period",
            required=True,
            help='The quarter reported, e.g. "2020/21-Q4" (a year, "2020/21", means its Q4).',
        )
        parser.add_argument(
            "--format",
            choices=list(FORMATS),
            help="The file format; by default the output file's extension.",
        )
        parser.add_argument("-o", "--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"]
        format_name = options["format"] or path.suffix.lstrip(".").lower()
        if format_name not in FORMATS:
            raise CommandError(f"Give --format ({', '.join(FORMATS)}): no format for {path}.")
        try:
            plan = find_plan(options["plan"])
            period = Period.parse(options["period"])
        except (ReportProblem, PeriodError) as exc:
            raise CommandError(str(exc)) from exc
        progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        with progress:
            task = progress.add_task(f"Building {options['report']}", total=3)
            try:
                report = build_report(
                    options["report"], report_scope(plan), period, today=clock.today()
                )
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
            progress.update(task, advance=1, description=f"Rendering {format_name}")
            content = FORMATS[format_name].render(report)
            progress.update(task, advance=1, description=f"Writing {path.name}")
            try:
                path.write_bytes(content)
            except OSError as exc:
                raise CommandError(f"Could not write {path}: {exc}") from exc
            progress.update(task, advance=1)
        rows = sum(len(t.rows) for t in report.tables)
        self.stdout.write(f"Wrote {path}: {report.title}, {rows} rows, {len(content):,} bytes.")
