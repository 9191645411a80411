"""Fixtures shared by the whole suite."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"


@pytest.fixture
def seeds() -> Path:
    """The folder of real council documents; tests using it skip when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not here: {SEEDS} (../shared/seeds) is absent")
    return SEEDS


DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_setup", "live_server"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With COUNCILPLAN_DATABASE_TESTS_ONLY=1 (the second database's run of ``make test``), keep
    only the tests that touch a database: a pure test (the domain rules, extraction, the general
    reader) gives the same answer whatever the database, and has run on the first."""
    if os.environ.get("COUNCILPLAN_DATABASE_TESTS_ONLY") != "1":
        return
    kept, pure = [], []
    for item in items:
        uses_database = item.get_closest_marker("django_db") is not None or bool(
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (kept if uses_database else pure).append(item)
    if pure:
        config.hook.pytest_deselected(items=pure)
        items[:] = kept


# The council fixture (a user in each role) serves the monitoring, web and browser tests.
from tests.council import council  # noqa: E402, F401

# The background worker as its own process, for the tests of imports in the browser.
from tests.worker import worker  # noqa: E402, F401
