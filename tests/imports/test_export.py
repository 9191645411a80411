"""Exporting from the database: what the writer wrote comes back out, in a fixed few queries."""

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councilplan.core.models import ReviewState
from councilplan.imports.export import document_from_database
from councilplan.imports.structure import PlanDocument
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Observation
from councilplan.monitoring.models import ActionUpdate
from councilplan.plans.models import Organisation, Plan
from tests.imports.template_documents import (
    PLAN,
    REFRESH,
    comparable,
    demo,
    demo_data,
    empty_the_database,
    fuller,
    row_counts,
)

pytestmark = pytest.mark.django_db
DOCUMENTS = [pytest.param(demo, id="demo"), pytest.param(fuller, id="fuller")]


def export(slug: str = "derby", plans: list[str] | None = None) -> PlanDocument:
    organisation = Organisation.objects.get(slug=slug)
    chosen = None if plans is None else [Plan.objects.get(slug=p) for p in plans]
    return document_from_database(organisation, plans=chosen)


@pytest.mark.parametrize("make", DOCUMENTS)
def test_applying_an_export_to_its_own_database_changes_nothing(make: Any) -> None:
    apply_document(make())
    counts = row_counts()
    result = apply_document(export())
    assert not result.changed
    assert row_counts() == counts


@pytest.mark.parametrize("make", DOCUMENTS)
def test_an_export_applied_to_an_empty_database_makes_the_same_rows(make: Any) -> None:
    apply_document(make())
    first, counts = export(), row_counts()
    empty_the_database()
    apply_document(first)
    assert comparable(export()) == comparable(first)
    assert row_counts() == counts


def test_the_export_holds_what_the_demo_says() -> None:
    apply_document(demo())
    exported = comparable(export())
    original = comparable(demo())
    assert exported["plans"][0]["actions"] == original["plans"][0]["actions"]
    assert [m["code"] for m in exported["measures"]] == sorted(
        m["code"] for m in original["measures"]
    )
    assert exported["reporting_periods"] == original["reporting_periods"]
    assert exported["updates"] == original["updates"]


def test_fuzzy_dates_export_as_their_original_text() -> None:
    apply_document(fuller())
    plan = next(p for p in export().plans if p.slug == REFRESH)
    action = plan.actions[0]
    assert (action.start, action.expected_completion) == (
        "Summer 2020",
        "Ongoing through the Council Plan period",
    )
    assert [m.due for m in action.milestones] == ["September 2020", "Tbc"]


def test_the_fuller_document_comes_back_whole() -> None:
    apply_document(fuller())
    exported = comparable(export())
    refresh = comparable(fuller())["plans"][1]
    assert exported["plans"][1]["themes"] == refresh["themes"]
    action = exported["plans"][1]["actions"][0]
    assert action["carried_forward_from"] == "AHH4"
    assert action["sub_actions"][1]["sub_actions"][0]["reference"] == "R1.2.1"
    measure = next(m for m in exported["measures"] if m["code"] == "AHH-RS")
    assert measure["owner"] == "Clare Mehrbani"
    assert [c["area_name"] for c in measure["comparators"]] == ["England", "East Midlands"]
    targets = {t["period"]: t for t in measure["targets"]}
    assert targets["2020/21"]["reward_threshold"] == Decimal("0.6")
    assert targets["2019/20"]["suspended_reason"] == "not set due to COVID-19"
    assert targets["2019/20"]["value"] is None
    assert (targets["2024/25"]["baseline_year"], targets["2024/25"]["interpolate"]) == (2019, True)
    assert measure["target_profile"] == [20, 25, 25, 30]
    assert {a["title"] or a["reference"] for a in measure["actions"]} == {
        "AHH4",
        "R1.2.1",
        "An action with no reference",
    }


def test_plans_and_departments_come_after_those_they_name() -> None:
    data = demo_data()
    data["plans"].append(dict(data["plans"][0], slug="a-refresh", predecessor=PLAN, actions=[]))
    data["organisation"]["departments"].insert(0, {"name": "A unit", "directorate": "Zeta"})
    data["organisation"]["departments"].insert(0, {"name": "Zeta"})
    apply_document(PlanDocument.model_validate(data))
    exported = export()
    assert [p.slug for p in exported.plans] == [PLAN, "a-refresh"]
    names = [d.name for d in exported.organisation.departments]
    assert names.index("Zeta") < names.index("A unit")


def test_only_the_chosen_plans_and_what_evidences_them() -> None:
    apply_document(fuller())
    exported = export(plans=[REFRESH])
    assert [p.slug for p in exported.plans] == [REFRESH]
    assert [m.code for m in exported.measures] == ["AHH-RS"]
    assert [u.action.plan for u in exported.updates] == [REFRESH]
    assert len(exported.organisation.officers) == 6


def test_a_plan_of_another_organisation_is_refused() -> None:
    apply_document(demo())
    other = Organisation.objects.create(name="Derbyshire County Council", slug="derbyshire")
    with pytest.raises(ValueError, match="must be one of"):
        document_from_database(other, plans=list(Plan.objects.all()))


def test_the_latest_approved_version_of_an_update_and_a_value_is_exported() -> None:
    apply_document(demo())
    update = ActionUpdate.objects.get(action__reference="AHH1")
    now = timezone.now()
    for version, state, text in [(2, ReviewState.APPROVED, "v2"), (3, ReviewState.DRAFT, "v3")]:
        ActionUpdate.objects.create(
            action=update.action,
            reporting_period=update.reporting_period,
            version=version,
            state=state,
            approved_at=now if state == ReviewState.APPROVED else None,
            commentary=text,
        )
    observation = Observation.objects.filter(measure__code="ASCOF 2A(2)").first()
    assert observation is not None
    observation.pk, observation.version = None, 2
    observation.state, observation.approved_at, observation.value = ReviewState.DRAFT, None, 1
    observation.save()
    exported = export()
    ahh1 = [u for u in exported.updates if u.action.reference == "AHH1"]
    assert [u.commentary for u in ahh1] == ["v2"]
    measure = next(m for m in exported.measures if m.code == "ASCOF 2A(2)")
    assert [str(o.value) for o in measure.observations] == ["594.6", "620.5"]


def _sized(n: int) -> PlanDocument:
    """A document with ``n`` of everything: plans, themes, actions, measures, values, updates."""
    data = demo_data()
    plan = data["plans"][0]
    data["organisation"]["officers"] += [{"name": f"Officer {i}"} for i in range(n)]
    data["plans"] = [
        dict(
            plan,
            slug=f"plan-{p}",
            predecessor=f"plan-{p - 1}" if p else "",
            themes=[
                dict(t, contributes_to=[{"plan": "plan-0", "path": [t["title"]]}] if p else [])
                for t in plan["themes"]
            ],
            actions=[
                dict(a, reference=f"{a['reference']}-{i}", milestones=[{"title": "Step"}])
                | {"sub_actions": [{"title": "Sub", "lead_officers": [f"Officer {i}"]}]}
                for a in plan["actions"]
                for i in range(n)
            ],
        )
        for p in range(n)
    ]
    measure = data["measures"][0]
    data["measures"] = [
        dict(
            measure,
            code=f"M{i}",
            owner=f"Officer {i}",
            actions=[{"plan": f"plan-{i}", "reference": f"AHH1-{i}"}],
            themes=[{"plan": f"plan-{i}", "path": ["A city of health and happiness"]}],
            comparators=[{"period": "2019/20", "kind": "national", "value": "1"}],
        )
        for i in range(n)
    ]
    data["updates"] = [
        {"action": {"plan": f"plan-{p}", "reference": f"AHH2-{i}"}, "period": "2020/21-Q4"}
        for p in range(n)
        for i in range(n)
    ]
    return PlanDocument.model_validate(data)


def _queries(document: PlanDocument) -> int:
    apply_document(document)
    with CaptureQueriesContext(connection) as captured:
        exported = export()
    assert comparable(exported)["plans"][-1]["actions"][-1]["sub_actions"]
    empty_the_database()
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_rows() -> None:
    small, large = _queries(_sized(2)), _queries(_sized(5))
    assert small == large
    assert small < 30  # one query per kind of row, whatever the size


# The `councilplan export` command.


def run(*args: str) -> str:
    out = StringIO()
    call_command("export", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "json"])
def test_export_command_writes_a_file_import_reads_back(tmp_path: Path, fmt: str) -> None:
    apply_document(fuller())
    first, counts = export(), row_counts()
    path = tmp_path / {"xlsx": "derby.xlsx", "csv": "derby-csv", "json": "derby.json"}[fmt]
    output = run("--organisation", "derby", "--format", fmt, "-o", str(path))
    assert f"Wrote {path}: 2 plans, 11 actions, 8 measures, 7 updates." in output
    empty_the_database()
    call_command("import", str(path), "--apply", stdout=StringIO())
    assert comparable(export()) == comparable(first)
    assert row_counts() == counts


def test_export_command_json_is_the_normalised_structure(tmp_path: Path) -> None:
    apply_document(demo())
    path = tmp_path / "derby.json"
    run("--organisation", "derby", "--plan", PLAN, "--format", "json", "-o", str(path))
    data = json.loads(path.read_text())
    assert data["organisation"]["slug"] == "derby"
    assert [p["slug"] for p in data["plans"]] == [PLAN]


def test_export_command_writes_a_zip_of_csv_files(tmp_path: Path) -> None:
    apply_document(demo())
    path = tmp_path / "derby.zip"
    run("--organisation", "derby", "--format", "csv", "-o", str(path))
    assert path.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["--organisation", "nowhere"], 'No organisation "nowhere"', id="organisation"),
        pytest.param(
            ["--organisation", "derby", "--plan", PLAN, "--plan", "nope"],
            "No plan nope in Derby City Council",
            id="plan",
        ),
    ],
)
def test_export_command_refuses_what_is_not_there(
    tmp_path: Path, args: list[str], message: str
) -> None:
    apply_document(demo())
    with pytest.raises(CommandError, match=message):
        run(*args, "--format", "xlsx", "-o", str(tmp_path / "out.xlsx"))
    assert not (tmp_path / "out.xlsx").exists()
