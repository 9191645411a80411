"""`councilplan import FILE`: preview what a file would change, and apply it with --apply."""

from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.table import Table

from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import read_file
from councilplan.imports.writer import OUTCOMES, ApplyResult, apply_document


class Command(BaseCommand):
    help = "Read a plan or results file; show what it would change; apply it with --apply."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", default="", help="Slug the file must belong to.")
        parser.add_argument(
            "--apply", action="store_true", help="Write the changes (one transaction)."
        )
        parser.add_argument(
            "--dump", choices=["json"], help="Print the normalised structure; touch no database."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            document = read_file(options["file"])
            if options["dump"]:
                self.stdout.write(document.model_dump_json(indent=2))
                return
            slug = options["organisation"]
            if slug and slug != document.organisation.slug:
                raise ImportProblem(
                    f'The file is for "{document.organisation.slug}", not "{slug}".',
                    file=str(options["file"]),
                )
            result = apply_document(document, dry_run=not options["apply"])
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        self.show(result, applied=options["apply"])

    def show(self, result: ApplyResult, *, applied: bool) -> None:
        console = Console(file=cast(IO[str], self.stdout), width=100)
        table = Table(title="Applied" if applied else "Preview (nothing written; add --apply)")
        table.add_column("Kind")
        for outcome in OUTCOMES:
            table.add_column(outcome.capitalize(), justify="right")
        for kind, counts in sorted(result.counts.items()):
            table.add_row(kind, *(str(counts[o]) for o in OUTCOMES))
        console.print(table)
