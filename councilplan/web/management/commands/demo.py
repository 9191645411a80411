"""`councilplan demo`: migrate, load the demo councils, create demo logins, print them, serve."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Count

from councilplan.accounts.models import Role
from councilplan.accounts.services import ensure_admin, ensure_member, ensure_officer_login
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Officer, Organisation

DEMO_FILES = sorted((Path(settings.PROJECT_DIR) / "examples").glob("*.json"))
PASSWORD = "councilplan-demo"  # noqa: S105 - the demo's published password, on loopback only


class Command(BaseCommand):
    help = "Set up and serve the demo councils (their published plans and results)."

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
        admin, _ = ensure_admin(username="admin", password=PASSWORD)
        for organisation in Organisation.objects.all():
            ensure_member(user=admin, organisation_id=organisation.pk, role=Role.PERFORMANCE_TEAM)
        officer = (
            Officer.objects.filter(actions__plan__is_published=True)
            .annotate(n=Count("actions"))
            .order_by("-n", "name")
            .first()
        )
        url = f"http://127.0.0.1:{options['port']}"
        self.stdout.write(self.style.SUCCESS(f"Sign in at {url}/sign-in/ as admin / {PASSWORD}"))
        self.stdout.write(f"  (performance team; the admin is at {url}/admin/)")
        if officer is not None:
            ensure_officer_login(officer=officer, username="officer", password=PASSWORD)
            self.stdout.write(f"  or as officer / {PASSWORD} ({officer.name}, accountable officer)")
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
