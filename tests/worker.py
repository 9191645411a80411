"""The real background worker, `councilplan db_worker`, as its own process on the test database.

Tests that use it are transactional (``django_db(transaction=True)``): what they write is
committed, so the worker's own connection sees it, as it would in production. The test settings
keep SQLite's test database in a file (``councilplan/settings/test.py``) for this: a database in
memory is seen by one process only.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from tests.conftest import REPO

WAIT_SECONDS = 120  # the most a test waits for a job: far more than any takes, never a measure


def database_url(settings: dict[str, Any]) -> str:
    """DATABASE_URL for the database Django is connected to (the test database)."""
    if settings["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings["USER"] or "", safe="")
    password = quote(settings["PASSWORD"] or "", safe="")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgres://{login}{settings['HOST']}{port}/{settings['NAME']}"


@pytest.fixture
def worker(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """Start the worker for one test; yields the file its output goes to.

    One worker per test, not per session: on SQLite the worker takes the database's exclusive
    lock to claim a job, and a later test of the same process, holding its own transaction
    open, would make that fail ("database is locked") and the worker stop."""
    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env |= {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "councilplan.settings.test"}
    command = [
        *(sys.executable, "-m", "councilplan.cli", "db_worker", "--no-reload"),
        *("--interval", "0.1", "--no-startup-delay", "--worker-id", "tests"),
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        yield log
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until(condition: Callable[[], bool], log: Path, what: str) -> None:
    """Wait for the worker to make ``condition`` true; fail, with its output, if it never does."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"the worker did not {what}:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
