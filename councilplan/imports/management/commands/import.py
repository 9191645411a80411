"""`councilplan import FILE`: preview what a file would change, and apply it with --apply."""

import getpass
import json
from pathlib import Path
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from councilplan.accounts.models import User
from councilplan.imports.general import load_mapping, read_general
from councilplan.imports.models import SavedMapping
from councilplan.imports.preview import preview_data
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext, own_reader, read_file
from councilplan.imports.structure import PlanDocument
from councilplan.imports.understand import Mapping
from councilplan.imports.writer import (
    OUTCOMES,
    ApplyResult,
    LockedChange,
    LockedPeriodChanges,
    MatchNote,
    apply_document,
)


class Command(BaseCommand):
    help = (
        "Read a plan or results file (a council document's text export, the Excel or CSV "
        "template, or the normalised JSON); "
        "show what it would create, update, match and skip, and each change it would make to a "
        "locked period; apply it with --apply."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--organisation", default="", help="Slug of the council the file is for."
        )
        parser.add_argument(
            "--predecessor",
            default="",
            help="Slug of the plan this one refreshes: actions are linked to those they continue.",
        )
        parser.add_argument(
            "--apply", action="store_true", help="Write the changes (one transaction)."
        )
        parser.add_argument(
            "--corrections",
            action="store_true",
            help="With --apply: record each change to approved data of a locked period as a "
            'correction (a new version, approved, with "Imported from FILE line N" as its reason, '
            "in the history). Without it such changes stop the import and nothing is written.",
        )
        parser.add_argument(
            "--user",
            default="",
            metavar="USERNAME",
            help="Username of the performance team member the corrections are recorded as "
            "(default: the login name running the command).",
        )
        parser.add_argument(
            "--details", action="store_true", help="List every item with its source line."
        )
        parser.add_argument(
            "--mapping",
            default="",
            metavar="NAME|FILE.json",
            help="Read a council's own file with this mapping: the name of one the council saved "
            "in the browser (needs --organisation), or a JSON file (each table's columns and what "
            "they hold, as --dump mapping prints it and a person corrected it); laid over the "
            "file's tables by their header words. Without it the general reader proposes one.",
        )
        parser.add_argument(
            "--dump",
            choices=["json", "mapping", "preview"],
            help="Print JSON and stop. json: the normalised structure, touching no database; "
            "mapping: how the general reader reads a council's own file (tables, column roles, "
            "confidence and why), to correct and pass back with --mapping; "
            "preview: what applying would do (counts, matches, changes to locked periods), "
            "writing nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), width=140)
        path, slug = options["file"], options["organisation"]
        apply = options["apply"] and options["dump"] != "preview"
        corrector = correcting_user(options["user"]) if apply and options["corrections"] else None
        try:
            context = ReadContext(organisation_slug=slug)
            if options["dump"] == "mapping":
                self.stdout.write(general_mapping(path, context, options["mapping"]))
                return
            saved = chosen_mapping(options["mapping"], slug)
            document = read_file(path, context, saved=saved)
            if options["dump"] == "json":
                self.stdout.write(document.model_dump_json(indent=2))
                return
            if options["predecessor"]:
                document = with_predecessor(document, options["predecessor"])
            if slug and slug != document.organisation.slug:
                message = f'The file is for "{document.organisation.slug}", not "{slug}".'
                raise ImportProblem(message, file=path.name)
            quiet = bool(options["dump"])  # JSON only on stdout
            with Progress(console=console, transient=True, disable=quiet) as progress:
                task = progress.add_task("Applying" if apply else "Checking", total=None)
                result = apply_document(
                    document,
                    dry_run=not apply,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                    corrector=corrector,
                )
        except LockedPeriodChanges as problem:
            raise CommandError(f"{problem}\n{REFUSED}") from problem
        except ImportProblem as problem:
            raise CommandError(str(problem)) from problem
        if options["dump"] == "preview":
            self.stdout.write(json.dumps(preview_data(document, result), indent=2))
            return
        show(console, document, result, applied=apply, details=options["details"])


def general_mapping(path: Path, context: ReadContext, mapping: str) -> str:
    """The mapping the general reader reads a file with, as JSON to correct."""
    if own_reader(path, context) is not None:
        raise ImportProblem(
            "This file is in one of councilplan's own layouts: it needs no mapping.",
            file=path.name,
        )
    saved = chosen_mapping(mapping, context.organisation_slug)
    return read_general(path, context, saved=saved).mapping.model_dump_json(indent=2)


def chosen_mapping(name_or_file: str, organisation_slug: str) -> Mapping | None:
    """The mapping --mapping names: a JSON file, or a mapping the council saved by that name."""
    if not name_or_file:
        return None
    path = Path(name_or_file)
    if path.suffix.lower() == ".json" or path.is_file():
        return load_mapping(path)
    saved = SavedMapping.objects.filter(
        organisation__slug=organisation_slug, name=name_or_file
    ).first()
    if saved is None:
        names = ", ".join(
            f'"{n}"'
            for n in SavedMapping.objects.filter(organisation__slug=organisation_slug).values_list(
                "name", flat=True
            )
        )
        where = (
            f" of {organisation_slug}"
            if organisation_slug
            else " (name the council with --organisation)"
        )
        raise ImportProblem(
            f'No saved mapping "{name_or_file}"{where}. Saved: {names or "none"}.',
            field="mapping",
        )
    return Mapping.model_validate(saved.mapping)


REFUSED = (
    "Check each change; record them as corrections with --apply --corrections "
    "(--user USERNAME), or leave those rows out of the file."
)


def correcting_user(username: str) -> User:
    """Who corrections are recorded as: the --user named, or the login running the command."""
    name = username or _login_name()
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None:
        raise CommandError(
            f'No active user "{name}" to record the corrections as: name one with --user.'
        )
    return user


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in this environment
        return ""


def with_predecessor(document: PlanDocument, slug: str) -> PlanDocument:
    """The document with ``slug`` as the predecessor of each plan of actions that names none."""
    plans = [
        p.model_copy(update={"predecessor": slug}) if p.actions and not p.predecessor else p
        for p in document.plans
    ]
    return document.model_copy(update={"plans": plans})


def show(
    console: Console, document: PlanDocument, result: ApplyResult, *, applied: bool, details: bool
) -> None:
    """The preview (or confirmation): counts, then what a person should check, with lines."""
    title = (
        f"{document.source}: applied"
        if applied
        else f"{document.source}: preview, nothing written (add --apply)"
    )
    console.print(title, style="bold", soft_wrap=True)
    counts = Table()
    counts.add_column("Kind")
    for outcome in OUTCOMES:
        counts.add_column(outcome.capitalize(), justify="right")
    for kind, tally in sorted(result.counts.items()):
        counts.add_row(kind, *(str(tally[o]) for o in OUTCOMES))
    console.print(counts)
    _locked(console, result.locked_changes, applied=applied)
    _matches(console, "Matched by similar title: please confirm", result.uncertain)
    _matches(console, "Not matched to anything in the plan: not applied", result.unmatched)
    if document.skipped:
        skipped = Table(title="Lines skipped by the reader")
        for column in ("Line", "Reason", "Text"):
            skipped.add_column(column)
        for line in document.skipped:
            skipped.add_row(str(line.line or ""), line.reason, line.text[:70])
        console.print(skipped)
    if details:
        items = Table(title="Every item")
        for column in ("Line", "Kind", "Outcome", "Item"):
            items.add_column(column)
        for entry in result.entries:
            items.add_row(str(entry.line or ""), entry.kind, entry.outcome, entry.label[:70])
        console.print(items)


def _locked(console: Console, changes: list[LockedChange], *, applied: bool) -> None:
    """Each change to approved data of a locked period, one a line, with its file and line."""
    if not changes:
        return
    title = (
        "Recorded as corrections of locked periods:"
        if applied
        else "Changes to approved data of locked periods "
        "(--apply refuses them; --apply --corrections records each as a correction):"
    )
    console.print(title, style="bold", soft_wrap=True)
    for change in changes:
        console.print(f"  {change}", markup=False, highlight=False, soft_wrap=True)


def _matches(console: Console, title: str, notes: list[MatchNote]) -> None:
    if not notes:
        return
    table = Table(title=title)
    for column in ("Line", "Kind", "In the file", "In the database", "Alike %"):
        table.add_column(column)
    for note in notes:
        table.add_row(
            str(note.line or ""), note.kind, note.given[:50], note.matched[:50], f"{note.score:.0f}"
        )
    console.print(table)
