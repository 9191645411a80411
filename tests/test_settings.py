"""Settings: DATABASE_URL chooses the database; production is clean under check --deploy."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from councilplan.settings.base import database_from_environment
from tests.conftest import REPO


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        (
            "sqlite:////srv/councilplan/x.sqlite3",
            "django.db.backends.sqlite3",
            "/srv/councilplan/x.sqlite3",
        ),
        ("postgres://u:p@127.0.0.1:5432/plans", "django.db.backends.postgresql", "plans"),
    ],
)
def test_database_url_selects_the_database(monkeypatch, url, engine, name) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    config = database_from_environment()
    assert (config["ENGINE"], config["NAME"]) == (engine, name)


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_production_settings_pass_check_deploy() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="councilplan.settings.production",
        DJANGO_SECRET_KEY="x" * 30 + "-production-secret-key-for-check-only-" + "y" * 20,
        DJANGO_ALLOWED_HOSTS="plans.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="councilplan.settings.production",
        DJANGO_ALLOWED_HOSTS="x.gov.uk",
    )
    assert result.returncode != 0
    assert "Set the DJANGO_SECRET_KEY environment variable" in result.stderr


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit() -> None:
    if connection.vendor != "postgresql":
        assert "options" not in database_from_environment().get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
