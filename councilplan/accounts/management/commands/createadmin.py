"""`councilplan createadmin`: create (or reset) an administrator and print the login."""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from councilplan.accounts.services import ensure_admin


class Command(BaseCommand):
    help = "Create or reset an administrator account and print its login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password",
            default=os.environ.get("COUNCILPLAN_ADMIN_PASSWORD"),
            help="Defaults to $COUNCILPLAN_ADMIN_PASSWORD, else a new random one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user, password = ensure_admin(
            username=options["username"], email=options["email"], password=options["password"]
        )
        self.stdout.write(f"Administrator: username {user.username}  password {password}")
