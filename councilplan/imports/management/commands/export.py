"""`councilplan export`: a council's plans, measures and results as Excel, CSV or JSON."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from councilplan.imports.export import document_from_database
from councilplan.imports.structure import ActionIn
from councilplan.imports.template import write_csv, write_xlsx
from councilplan.plans.models import Organisation


class Command(BaseCommand):
    help = (
        "Write a council's plans, measures, values and approved updates in the CSV and Excel "
        "template (docs/template.md) or as normalised JSON; `councilplan import` reads it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="Slug of the council.")
        parser.add_argument(
            "--plan",
            action="append",
            default=[],
            help="Slug of a plan to export (repeat for several); all plans when not given.",
        )
        parser.add_argument("--format", required=True, choices=["xlsx", "csv", "json"])
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            help="The file to write; for csv a folder, or a .zip file.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f'No organisation "{options["organisation"]}".')
        plans = None
        if options["plan"]:
            plans = list(organisation.plans.filter(slug__in=options["plan"]))
            missing = sorted(set(options["plan"]) - {plan.slug for plan in plans})
            if missing:
                raise CommandError(f"No plan {', '.join(missing)} in {organisation.name}.")
        document = document_from_database(organisation, plans=plans)
        path: Path = options["output"]
        try:
            if options["format"] == "xlsx":
                write_xlsx(document, path)
            elif options["format"] == "csv":
                write_csv(document, path)
            else:
                path.write_text(document.model_dump_json(indent=2, exclude_defaults=True) + "\n")
        except (OSError, ValueError) as exc:
            raise CommandError(f"Could not write {path}: {exc}") from exc
        actions = sum(_count(plan.actions) for plan in document.plans)
        self.stdout.write(
            f"Wrote {path}: {len(document.plans)} plans, {actions} actions, "
            f"{len(document.measures)} measures, {len(document.updates)} updates."
        )


def _count(actions: list[ActionIn]) -> int:
    return sum(1 + _count(action.sub_actions) for action in actions)
