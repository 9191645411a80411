"""`councilplan send-reminders`: email officers whose updates are due soon or overdue (for cron)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from councilplan.monitoring.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email each officer who still owes updates or values for the current reporting period, "
        "when it is due within --days days or overdue; each email links to the forms."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="Remind when due within this many days."
        )

        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Act as if it were this date (YYYY-MM-DD), e.g. to check what would be sent.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(today=options["today"] or date.today(), within_days=options["days"])
        for owed in sent:
            self.stdout.write(
                f"Reminded {owed.user.email}: {len(owed.items)} due for {owed.reporting_period}"
            )
        self.stdout.write(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} sent.")
