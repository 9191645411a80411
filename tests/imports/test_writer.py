"""Applying a normalised document: complete, idempotent, and all-or-nothing."""

import datetime as dt
import json
from pathlib import Path

import pytest
import time_machine

from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import read_file
from councilplan.imports.structure import PlanDocument
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import (
    Action,
    Councillor,
    Department,
    Milestone,
    Officer,
    Organisation,
    Plan,
    Portfolio,
    Theme,
)
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

MODELS = [
    Organisation,
    Councillor,
    Officer,
    Portfolio,
    Department,
    Plan,
    Theme,
    Action,
    Milestone,
    Measure,
    Target,
    Observation,
    ReportingPeriod,
    ActionUpdate,
]


def row_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def demo() -> dict:
    return json.loads((FIXTURES / "derby-demo.json").read_text())


def document(data: dict) -> PlanDocument:
    return PlanDocument.model_validate(data)


def test_demo_document_applies_completely() -> None:
    data = demo()
    result = apply_document(document(data))
    plan = Plan.objects.get(slug="delivery-plan-2019-20")
    assert plan.actions.count() == len(data["plans"][0]["actions"])
    assert Measure.objects.count() == len(data["measures"])
    assert Observation.objects.count() == sum(len(m["observations"]) for m in data["measures"])
    assert ActionUpdate.objects.filter(state="approved").count() == len(data["updates"])
    assert result.total("created") == sum(row_counts().values())
    action = Action.objects.get(reference="AHH2")
    assert action.expected_completion.text == "On-going to the end of March 2020"
    assert [o.name for o in action.lead_officers.all()] == ["Kirsty McMillan"]
    assert [t.title for t in action.themes.all()] == ["Social care"]
    assert Department.objects.get(name="Adult Services").parent.name == "People Services"


def test_applying_the_same_document_twice_changes_nothing() -> None:
    apply_document(document(demo()))
    before = row_counts()
    again = apply_document(document(demo()))
    assert not again.changed
    assert again.total("unchanged") == sum(before.values())
    assert row_counts() == before


def test_dry_run_reports_changes_and_writes_nothing() -> None:
    result = apply_document(document(demo()), dry_run=True)
    assert result.total("created") > 0
    assert all(count == 0 for count in row_counts().values())


def test_changed_title_updates_the_action_it_names() -> None:
    apply_document(document(demo()))
    data = demo()
    data["plans"][0]["actions"][0]["title"] = "Review the Local Area Coordination team"
    result = apply_document(document(data))
    assert result.counts["action"]["updated"] == 1
    assert Action.objects.get(reference="AHH1").title == "Review the Local Area Coordination team"


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        pytest.param(
            lambda d: d["plans"][0]["actions"][3].update(portfolios=["Pets"], line=42),
            'line 42, portfolios: Unknown portfolio "Pets"',
            id="unknown portfolio",
        ),
        pytest.param(
            lambda d: d["plans"][0]["actions"][1].update(lead_officers=["Nobody"], line=7),
            'line 7, lead_officers: Unknown officer "Nobody"',
            id="unknown officer",
        ),
        pytest.param(
            lambda d: d["measures"][2]["observations"][0].update(period="2020/99", line=9),
            "line 9, period:",
            id="bad period",
        ),
        pytest.param(
            lambda d: d["measures"][0]["actions"][0].update(reference="ZZ9", line=3),
            'line 3, action: No action "ZZ9"',
            id="unknown action",
        ),
        pytest.param(
            lambda d: d["plans"][0]["actions"][2]["themes"][0].append("Nowhere"),
            "themes: Unknown theme",
            id="unknown theme",
        ),
    ],
)
def test_bad_document_names_the_place_and_leaves_the_database_unchanged(break_it, message) -> None:
    apply_document(document(demo()))
    before = row_counts()
    data = demo()
    data["source"] = "demo.json"
    data["plans"][0]["actions"][0]["title"] = "A change that must not land"
    break_it(data)
    with pytest.raises(ImportProblem) as caught:
        apply_document(document(data))
    assert message in str(caught.value)
    assert str(caught.value).startswith("demo.json")
    assert row_counts() == before
    assert Action.objects.get(reference="AHH1").title != "A change that must not land"


def test_carried_forward_action_shares_the_lineage_of_its_predecessor() -> None:
    data = demo()
    refresh = dict(
        data["plans"][0],
        slug="refresh-2020-21",
        title="Refresh 2020/21",
        kind="refresh",
        first_year=2020,
        last_year=2020,
        predecessor="delivery-plan-2019-20",
    )
    refresh["actions"] = [
        dict(data["plans"][0]["actions"][4], reference="R1", carried_forward_from="AHH5")
    ]
    data["plans"].append(refresh)
    apply_document(document(data))
    old, new = Action.objects.get(reference="AHH5"), Action.objects.get(reference="R1")
    assert new.carried_forward_from == old
    assert new.lineage == old.lineage


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b'{"organisation": {"name": "X", "slug": "x"}', "line 1", id="truncated"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00junk", "Not UTF-8", id="binary junk"),
        pytest.param(b'{"organisation": {"name": "X"}}', "organisation.slug", id="missing field"),
        pytest.param(
            b'{"organisation": {"name": "X", "slug": "x"}, "plans": [{"slug": "p"}]}',
            "plans.0.title",
            id="plan without title",
        ),
    ],
)
def test_unreadable_json_is_reported_with_its_place(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    with pytest.raises(ImportProblem) as caught:
        read_file(path)
    assert message in str(caught.value)
    assert "broken.json" in str(caught.value)


def test_demo_file_reads_through_the_reader() -> None:
    doc = read_file(FIXTURES / "derby-demo.json")
    assert doc.organisation.slug == "derby"


def results_document(updates: list[dict], measures: list[dict] | None = None) -> PlanDocument:
    org = {"name": "Derby City Council", "slug": "derby"}
    return document(
        {
            "source": "results.txt",
            "organisation": org,
            "updates": updates,
            "measures": measures or [],
        }
    )


def update_for(title: str, line: int) -> dict:
    return {
        "action": {"plan": "delivery-plan-2019-20", "title": title},
        "period": "2020/21-Q4",
        "progress_rating": "on_track",
        "status": "green",
        "line": line,
    }


def test_results_match_actions_by_similar_title_and_list_what_to_confirm() -> None:
    data = demo()
    data["updates"], data["measures"] = [], []
    for action in data["plans"][0]["actions"]:
        action["reference"] = ""
    for period in data["reporting_periods"]:
        period["is_locked"] = False  # results for a locked period are corrections: not this test
    apply_document(document(data))
    result = apply_document(
        results_document(
            [
                update_for("Reducing homelessness and enabling access to affordable housing", 12),
                update_for(
                    "Complete the refresh of the Health and Wellbeing Strategy for Derby "
                    "(Delivery Plan Action)",
                    13,
                ),
                update_for("Build a new cathedral", 14),
            ]
        )
    )
    homelessness = Action.objects.get(title__startswith="Reduce homelessness")
    assert homelessness.updates.get().status == "green"
    assert Action.objects.get(title__startswith="Complete the refresh").updates.count() == 1
    assert [(n.line, n.matched) for n in result.matches] == [
        (12, "Reduce homelessness and enable access to affordable housing")
    ]
    assert [(n.line, n.given) for n in result.unmatched] == [(14, "Build a new cathedral")]
    assert ActionUpdate.objects.count() == 2


def test_results_add_values_to_the_measure_of_similar_title_without_redefining_it() -> None:
    apply_document(document(demo()))
    measure_row = {
        "title": "Number of people sleeping rough on a single night - official annual estimate "
        "(Council Delivery Plan)",
        "match_by_title": True,
        "polarity": "none",
        "line": 30,
        "observations": [{"period": "2021/22", "value": "9", "line": 30}],
    }
    result = apply_document(results_document([], [measure_row]))
    measure = Measure.objects.get(code="AHH-RS")
    assert measure.polarity == "lower"
    assert measure.observations.get(period_year=2021).value == 9
    assert Measure.objects.count() == len(demo()["measures"])
    assert not result.uncertain


def test_outcomes_link_to_the_outcomes_of_other_plans_they_serve() -> None:
    data = demo()
    laa = {
        "slug": "laa-2006-09",
        "title": "Local Area Agreement",
        "kind": "partnership_plan",
        "first_year": 2019,
        "last_year": 2019,
        "themes": [
            {
                "title": "Healthier communities",
                "children": [
                    {
                        "title": "HCOP1 - Support older people",
                        "reference": "HCOP1",
                        "contributes_to": [
                            {
                                "plan": "delivery-plan-2019-20",
                                "path": ["A city of health and happiness", "Social care"],
                            }
                        ],
                    }
                ],
            }
        ],
    }
    data["plans"].append(laa)
    apply_document(document(data))
    outcome = Theme.objects.get(reference="HCOP1")
    assert [t.title for t in outcome.contributes_to.all()] == ["Social care"]
    assert not apply_document(document(data)).changed


def test_refresh_links_its_actions_to_the_predecessor_actions_they_continue() -> None:
    data = demo()
    refresh = dict(
        data["plans"][0],
        slug="refresh-2020-21",
        title="Refresh 2020/21",
        kind="refresh",
        first_year=2020,
        last_year=2020,
        predecessor="delivery-plan-2019-20",
    )
    carried = dict(
        data["plans"][0]["actions"][3],
        reference="R4",
        title="Reducing homelessness and enabling access to affordable housing",
    )
    new = dict(
        data["plans"][0]["actions"][0],
        reference="R9",
        title="Open a new leisure centre in the city",
    )
    refresh["actions"] = [carried, new]
    data["plans"].append(refresh)
    apply_document(document(data))
    old = Action.objects.get(reference="AHH4")
    assert Action.objects.get(reference="R4").carried_forward_from == old
    assert Action.objects.get(reference="R4").lineage == old.lineage
    assert Action.objects.get(reference="R9").carried_forward_from is None
    assert not apply_document(document(data)).changed


@pytest.mark.parametrize(
    ("repeat", "message"),
    [
        pytest.param(
            lambda d: d["plans"][0]["actions"].append(
                dict(d["plans"][0]["actions"][1], line=77, milestones=[])
            ),
            "line 77: This action repeats the one at line 12.",
            id="action",
        ),
        pytest.param(
            lambda d: d["measures"][0]["observations"].append(
                dict(d["measures"][0]["observations"][1], line=88)
            ),
            "line 88: This observation repeats the one at line 40.",
            id="observation",
        ),
    ],
)
def test_a_duplicate_row_is_refused_naming_both_lines(repeat, message) -> None:
    data = demo()
    data["source"] = "plan.json"
    data["plans"][0]["actions"][1]["line"] = 12
    data["measures"][0]["observations"][1]["line"] = 40
    repeat(data)
    with pytest.raises(ImportProblem) as caught:
        apply_document(document(data))
    assert str(caught.value) == f"plan.json, {message}"
    assert all(count == 0 for count in row_counts().values())


def test_a_stage_holds_from_the_day_an_import_records_or_changes_it() -> None:
    data = demo()
    data["plans"][0]["actions"][0]["stage"] = "in_progress"
    with time_machine.travel(dt.date(2021, 5, 4), tick=False):
        apply_document(document(data))
    assert Action.objects.get(reference="AHH1").stage_since == dt.date(2021, 5, 4)
    assert Action.objects.get(reference="AHH2").stage_since is None  # no stage given
    with time_machine.travel(dt.date(2022, 1, 10), tick=False):
        apply_document(document(data))  # the same stage again: still known since May 2021
    assert Action.objects.get(reference="AHH1").stage_since == dt.date(2021, 5, 4)
    data["plans"][0]["actions"][0]["stage"] = "completed"
    with time_machine.travel(dt.date(2023, 5, 2), tick=False):
        apply_document(document(data))
    action = Action.objects.get(reference="AHH1")
    assert (action.stage, action.stage_since) == ("completed", dt.date(2023, 5, 2))
