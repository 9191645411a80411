"""Everything a person can call or set is documented: commands, settings."""

import re

import pytest

from councilplan.clidocs import cli_reference, our_commands
from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def test_cli_reference_is_up_to_date(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert (REPO / "docs" / "cli.md").read_text() == cli_reference(), (
        "run `make docs` and commit docs/cli.md"
    )


@pytest.mark.parametrize("command", our_commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"`councilplan {command}`" in README


def environment_variables() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "councilplan").rglob("*.py"):
        names |= set(re.findall(r'(?:environ\.get|_required)\(\s*"([A-Z_]+)"', path.read_text()))
    return names


@pytest.mark.parametrize("name", sorted(environment_variables()))
def test_every_environment_variable_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README
