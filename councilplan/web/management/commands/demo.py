"""`councilplan demo`: migrate, load the demo council, create an admin, print its login, serve."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from councilplan.accounts.services import ensure_admin
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document

DEMO_FILES = sorted((Path(settings.PROJECT_DIR) / "examples").glob("*.json"))


class Command(BaseCommand):
    help = "Set up and serve the demo council."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set up, then stop.")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        for path in DEMO_FILES:
            result = apply_document(read_file(path))
            self.stdout.write(
                f"Loaded {path.name}: {result.total('created')} created, "
                f"{result.total('updated')} updated, {result.total('unchanged')} unchanged"
            )
        user, password = ensure_admin(username="admin", password="councilplan-demo")  # noqa: S106
        url = f"http://127.0.0.1:{options['port']}/admin/"
        self.stdout.write(self.style.SUCCESS(f"Sign in at {url} as {user.username} / {password}"))
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
