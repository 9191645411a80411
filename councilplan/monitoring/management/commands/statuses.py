"""`councilplan statuses recompute`: store a period's statuses afresh and say what changed."""

from datetime import date
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress

from councilplan.core import clock
from councilplan.core.models import period_lookup
from councilplan.domain.periods import Period, PeriodError
from councilplan.monitoring.models import ReportingPeriod, SnapshotCause
from councilplan.monitoring.snapshots import take_snapshots
from councilplan.plans.models import Organisation


class Command(BaseCommand):
    help = (
        "Rebuild the stored statuses (snapshots) of every action, measure and theme for a "
        "reporting period, after a rule change or a correction, and print each status that "
        "changed. Locked periods show the stored statuses, so this is how what they show is "
        "deliberately brought up to date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["recompute"], help="What to do.")
        parser.add_argument(
            "--period", required=True, help='The reporting period, e.g. "2020/21-Q4".'
        )
        parser.add_argument(
            "--organisation",
            help="The council's slug; by default every council with that reporting period.",
        )
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="The date to judge a period still open at (YYYY-MM-DD); by default today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = Period.parse(options["period"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        with_period = ReportingPeriod.objects.filter(**period_lookup(period))
        councils = Organisation.objects.filter(
            pk__in=with_period.values("organisation_id")
        ).order_by("slug")
        if options["organisation"]:
            councils = councils.filter(slug=options["organisation"])
            if not councils.exists():
                raise CommandError(
                    f'No council "{options["organisation"]}" has the reporting period '
                    f"{period.label}."
                )
        today = options["today"] or clock.today()
        console = Console(file=cast(IO[str], self.stdout), highlight=False, width=140)
        changed = 0
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Recomputing", total=councils.count())
            for council in councils:
                progress.update(task, description=f"Recomputing {council.name}")
                for change in take_snapshots(
                    organisation=council,
                    period=period,
                    today=today,
                    cause=SnapshotCause.RECOMPUTED,
                ):
                    changed += 1
                    console.print(f"{council.name}: {change}", markup=False)
                progress.advance(task)
        console.print(f"{changed} stored status{'es' if changed != 1 else ''} changed.")
