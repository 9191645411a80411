"""`councilplan statuses recompute`: store a period's statuses afresh and say what changed, or
store the statuses missing from locked periods."""

from collections.abc import Iterator
from datetime import date
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from rich.console import Console
from rich.progress import Progress

from councilplan.core import clock
from councilplan.core.models import period_lookup
from councilplan.domain.periods import Period, PeriodError
from councilplan.monitoring.models import ReportingPeriod, SnapshotCause
from councilplan.monitoring.snapshots import store_missing, take_snapshots
from councilplan.plans.models import Organisation


class Command(BaseCommand):
    help = (
        "Rebuild the stored statuses (snapshots) of every action, measure and theme for a "
        "reporting period, after a rule change or a correction, and print each status that "
        "changed. Locked periods show the stored statuses, so this is how what they show is "
        "deliberately brought up to date. With --missing, or with no --period, only store the "
        "statuses missing from locked periods (periods locked before statuses were stored, "
        "actions and measures added since), leaving every stored status as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["recompute"], help="What to do.")
        parser.add_argument(
            "--period",
            help=(
                'The reporting period, e.g. "2020/21-Q4"; by default every locked period, '
                "for the missing statuses only."
            ),
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only store the statuses a locked period lacks; change none that is stored.",
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
        period = None
        if options["period"]:
            try:
                period = Period.parse(options["period"])
            except PeriodError as exc:
                raise CommandError(str(exc)) from exc
        councils = self._councils(period, options["organisation"])
        today = options["today"] or clock.today()
        console = Console(file=cast(IO[str], self.stdout), highlight=False, width=140)
        if period is None or options["missing"]:
            self._fill(console, councils, period, today)
        else:
            self._recompute(console, councils, period, today)

    def _councils(self, period: Period | None, slug: str | None) -> QuerySet[Organisation]:
        """The councils asked for: with the period (if one is given), or the one named."""
        with_period = ReportingPeriod.objects.all()
        if period is not None:
            with_period = with_period.filter(**period_lookup(period))
        councils = Organisation.objects.filter(
            pk__in=with_period.values("organisation_id")
        ).order_by("slug")
        if slug:
            councils = councils.filter(slug=slug)
            if not councils.exists():
                having = f"the reporting period {period.label}" if period else "reporting periods"
                raise CommandError(f'No council "{slug}" has {having}.')
        return councils

    def _recompute(
        self, console: Console, councils: QuerySet[Organisation], period: Period, today: date
    ) -> None:
        changed = 0
        for council in _each(console, councils, "Recomputing"):
            for change in take_snapshots(
                organisation=council, period=period, today=today, cause=SnapshotCause.RECOMPUTED
            ):
                changed += 1
                console.print(f"{council.name}: {change}", markup=False)
        console.print(f"{changed} stored status{'es' if changed != 1 else ''} changed.")

    def _fill(
        self,
        console: Console,
        councils: QuerySet[Organisation],
        period: Period | None,
        today: date,
    ) -> None:
        which = f"{period.label}, if locked" if period else "every locked period"
        console.print(
            f"Storing the statuses missing from {which}; stored statuses are left as they are.",
            markup=False,
        )
        stored = periods = 0
        for council in _each(console, councils, "Storing"):
            for filled in store_missing(
                organisation=council, today=today, periods=None if period is None else [period]
            ):
                stored += filled.total
                periods += 1
                console.print(f"{council.name}: {filled}", markup=False)
        if not stored:
            console.print("No locked period lacks a stored status.")
            return
        console.print(
            f"Stored {stored} missing status{'es' if stored != 1 else ''} in {periods} locked "
            f"period{'s' if periods != 1 else ''}; no stored status changed."
        )


def _each(console: Console, councils: QuerySet[Organisation], verb: str) -> Iterator[Organisation]:
    """The councils one by one, with a progress bar naming the one being worked on."""
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(verb, total=councils.count())
        for council in councils:
            progress.update(task, description=f"{verb} {council.name}")
            yield council
            progress.advance(task)
