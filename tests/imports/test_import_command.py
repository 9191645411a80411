"""`councilplan import`: preview by default, --apply to write, --dump json to inspect."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from councilplan.plans.models import Action, Organisation
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db
DEMO = FIXTURES / "derby-demo.json"


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def test_preview_shows_what_would_be_created_and_writes_nothing() -> None:
    output = run(str(DEMO))
    assert "preview, nothing written (add --apply)" in output
    assert "action" in output
    assert not Organisation.objects.exists()


def test_apply_writes_and_second_apply_changes_nothing() -> None:
    run(str(DEMO), "--apply")
    assert Action.objects.count() == 6
    output = run(str(DEMO), "--apply")
    assert "applied" in output
    assert Action.objects.count() == 6


def test_dump_prints_the_normalised_structure() -> None:
    dumped = json.loads(run(str(DEMO), "--dump", "json"))
    assert dumped["organisation"]["slug"] == "derby"
    assert len(dumped["plans"][0]["actions"]) == 6
    assert not Organisation.objects.exists()


def test_wrong_organisation_is_refused() -> None:
    with pytest.raises(CommandError, match='is for "derby", not "derbyshire"'):
        run(str(DEMO), "--organisation", "derbyshire", "--apply")
    assert not Organisation.objects.exists()


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "nope.json"))


def test_predecessor_option_links_a_refresh_to_the_plan_it_continues(tmp_path) -> None:
    run(str(DEMO), "--apply")
    data = json.loads(DEMO.read_text())
    plan = data["plans"][0]
    plan.update(
        slug="refresh-2020-21",
        title="Delivery Plan refresh 2020/21",
        first_year=2020,
        last_year=2020,
    )
    for action in plan["actions"]:
        action["reference"] = "R-" + action["reference"]
    data["updates"], data["measures"] = [], []
    refresh = tmp_path / "refresh.json"
    refresh.write_text(json.dumps(data))
    run(str(refresh), "--predecessor", "delivery-plan-2019-20", "--apply")
    new = Action.objects.get(reference="R-AHH5")
    assert new.carried_forward_from == Action.objects.get(reference="AHH5")
