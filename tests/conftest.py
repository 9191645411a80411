"""Fixtures shared by the whole suite."""

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


# The council fixture (a user in each role) serves the monitoring, web and browser tests.
from tests.council import council  # noqa: E402, F401

# The background worker as its own process, for the tests of imports in the browser.
from tests.worker import worker  # noqa: E402, F401
