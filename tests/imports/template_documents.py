"""Documents for the template and export tests: the Derby demo, and a fuller one that uses
every field the template has (a refresh carrying actions forward, sub-actions, milestones,
comparators, stretch targets, reasons for no value, awkward text)."""

import json
from typing import Any

from councilplan.imports.structure import PlanDocument
from councilplan.measures.models import ComparatorValue, Measure, Observation, Target
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

DEMO = FIXTURES / "derby-demo.json"
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
    ComparatorValue,
    ReportingPeriod,
    ActionUpdate,
]
PLAN = "delivery-plan-2019-20"
REFRESH = "delivery-plan-2020-21"


def row_counts() -> dict[str, int]:
    """How many rows each model has, to compare databases."""
    return {model.__name__: model.objects.count() for model in MODELS}


def demo_data() -> dict[str, Any]:
    """tests/fixtures/derby-demo.json as loaded."""
    return json.loads(DEMO.read_text())


def demo() -> PlanDocument:
    """The Derby demo document."""
    return PlanDocument.model_validate(demo_data())


def comparable(document: PlanDocument) -> Any:
    """The document as plain data without where it was read from (its source, items' lines)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    return strip(document.model_copy(update={"source": ""}).model_dump())


def _refresh(data: dict[str, Any]) -> dict[str, Any]:
    earlier = data["plans"][0]
    return {
        "slug": REFRESH,
        "title": "Council Delivery Plan 2020/21; refreshed",
        "kind": "refresh",
        "first_year": 2020,
        "last_year": 2020,
        "predecessor": PLAN,
        "vision": "A city with big ambitions.\nSecond line of the vision.",
        "themes": [
            {
                "title": "Recovery > renewal",
                "kind": "priority",
                "reference": "R",
                "description": "After Covid-19",
                "contributes_to": [{"plan": PLAN, "path": ["A city of health and happiness"]}],
                "children": [
                    {"title": "Housing; homes", "kind": "outcome", "children": [{"title": "Deep"}]}
                ],
            }
        ],
        "actions": [
            {
                "reference": "R1",
                "title": earlier["actions"][3]["title"],
                "carried_forward_from": "AHH4",
                "themes": [["Recovery > renewal", "Housing; homes"]],
                "portfolios": ["Adults, Health and Housing"],
                "departments": ["Derby Homes", "Public Health"],
                "lead_officers": ["Clare Mehrbani", "Ian Fullagar"],
                "start": "Summer 2020",
                "expected_completion": "Ongoing through the Council Plan period",
                "stage": "in_progress",
                "funding_category": "B",
                "success_criteria": "=Fewer people sleeping rough",
                "expected_differences": "Homes — “better” ones, at £100k",
                "other_links": ["Housing Strategy", "Derby Plan; 2030", '"Quoted" plan'],
                "milestones": [
                    {"title": "Secure planning consent", "due": "September 2020"},
                    {"title": "Start on site", "due": "Tbc", "completed_on": "2020-11-02"},
                ],
                "sub_actions": [
                    {"title": "Highways review", "expected_completion": "March 2021"},
                    {
                        "title": "Library Service review",
                        "sub_actions": [{"reference": "R1.2.1", "title": "Branch consultation"}],
                    },
                ],
            },
            {"title": "An action with no reference", "description": "Line one\nLine two"},
        ],
    }


def fuller() -> PlanDocument:
    """The demo with a refresh plan and every field of the template filled in somewhere."""
    data = demo_data()
    org = data["organisation"]
    org["councillors"].append({"name": "Baggy Shanker", "role": "Leader of the Council"})
    org["departments"].append({"name": "Homelessness", "directorate": "Derby Homes"})
    org["departments"].append({"name": "Rough sleeping", "directorate": "Homelessness"})
    org["officers"][0].update(job_title="Director", email="phil.taylor@derby.gov.uk")
    data["plans"].append(_refresh(data))
    measure = data["measures"][3]
    measure.update(
        definition="Counted on one night",
        numerator_definition="People",
        denominator_definition="Population",
        data_source="Street count",
        owner="Clare Mehrbani",
        reporting_level="directorate",
        target_profile=["20", "25", "25", "30"],
    )
    measure["actions"].append({"plan": REFRESH, "title": "An action with no reference"})
    measure["actions"].append({"plan": REFRESH, "reference": "R1.2.1"})
    measure["themes"].append({"plan": REFRESH, "path": ["Recovery > renewal", "Housing; homes"]})
    measure["targets"] = [
        {
            "period": "2020/21",
            "value": "12.5",
            "tolerance": "2",
            "rationale": "Stretch",
            "baseline": "20",
            "reward_threshold": "0.6",
        },
        {"period": "2019/20", "suspended_reason": "not set due to COVID-19"},
        {
            "period": "2024/25",
            "value": "8",
            "baseline": "14",
            "baseline_year": 2019,
            "interpolate": True,
        },
    ]
    measure["observations"] = [
        {"period": "2019/20-Q3", "value": "14", "data_note": "Q3 data", "is_provisional": True},
        {"period": "2020/21-M10", "no_value_reason": "No survey in 2020-21"},
        {"period": "2020/21-Q1", "numerator": "3", "denominator": "1000"},
    ]
    measure["comparators"] = [
        {"period": "2019/20", "kind": "national", "area_name": "England", "value": "10.25"},
        {"period": "2019/20", "kind": "regional", "area_name": "East Midlands", "value": "9"},
    ]
    data["measures"].append({"title": "A measure with no code", "unit": "percent"})
    data["updates"].append(
        {
            "action": {"plan": REFRESH, "title": "An action with no reference"},
            "period": "2020/21-Q2",
            "progress_rating": "some_slippage",
            "status": "amber_red",
            "is_dca": True,
            "percent_complete": 40,
            "commentary": "Delayed, by Covid-19",
            "mitigation": "More staff",
            "next_steps": "Consult",
        }
    )
    data["reporting_periods"].append({"period": "2021/22-Q1"})
    return PlanDocument.model_validate(data)


def empty_the_database() -> None:
    """Delete every organisation and what it holds, leaving the database as a new one is."""
    ActionUpdate.objects.all().delete()
    Department.objects.update(parent=None)
    Plan.objects.update(parent=None)
    Organisation.objects.all().delete()
    assert set(row_counts().values()) == {0}
