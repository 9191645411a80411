"""`councilplan serve`: run the site under gunicorn (static files through WhiteNoise), and the
background worker beside it (`councilplan db_worker`, which reads and applies imports)."""

import subprocess
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication

from councilplan.wsgi import application


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return application


def start_worker() -> subprocess.Popen[bytes]:
    """The background worker as a child process, with this process's settings and database."""
    command = [sys.executable, "-m", "councilplan.cli", "db_worker", "--no-reload"]
    return subprocess.Popen(command)  # noqa: S603 - our own command, no input from outside


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn, with the background worker that reads and applies "
        "imports (unless --no-worker: then run `councilplan db_worker` yourself)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start the background worker (run `councilplan db_worker` apart).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        bind = f"{options['host']}:{options['port']}"
        worker = None if options["no_worker"] else start_worker()
        self.stdout.write(f"Serving councilplan at http://{bind}/ (Ctrl+C to stop)")
        try:
            _Server({"bind": bind, "workers": options["workers"], "accesslog": "-"}).run()
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
