"""A council's year, as a performance team runs it: a small plan written in the CSV template
(as a council we have never seen would fill it in), imported, then a quarter's updates and
values imported each quarter, and the statuses read through the API, the quarterly report and
the public page as at each quarter.

What each quarter must show (issue 13):
- an action reported Completed in Q1 stays completed (Blue) in Q2, Q3 and Q4;
- an action due December 2020 and on track is not overdue as at Q2 or Q3, whenever the test
  runs, and is overdue as at Q4 when no update says it is done;
- a quarter without an update is a missing update, shown with the last update and its period;
- a quarterly measure with a target for the year is judged against it in every quarter: a
  snapshot (households, lower is better) by its value, a sum (homes delivered) by its year to
  date against the target profiled to date; a suspended target is neither Red nor "No target";
- timescales as other councils write them ("Qtr 3 20/21", "Year 1", "Feb-21 (was Nov-20)");
- a locked quarter reads the same after later quarters' imports.
"""

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from councilplan.accounts.models import Membership, Role
from councilplan.core import clock
from councilplan.domain.periods import Period
from councilplan.domain.status import RagStatus
from councilplan.imports.template.columns import TABLES
from councilplan.monitoring import services
from councilplan.monitoring.models import ReportingPeriod, SnapshotCause, StatusSnapshot
from councilplan.plans.models import Plan
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.renderers import FORMATS
from tests.council import user

pytestmark = pytest.mark.django_db

QUARTERS = [Period.quarter(2020, n) for n in (1, 2, 3, 4)]
PLAN = "corporate-plan-2020-24"

BASE: dict[str, list[dict[str, str]]] = {
    "Organisation": [{"Name": "Tillingham District Council", "Slug": "tillingham"}],
    "Officers": [{"Name": "Asha Patel", "Job title": "Head of Place"}],
    "Plans": [
        {
            "Slug": PLAN,
            "Title": "Corporate Plan 2020-2024",
            "Kind": "Corporate plan",
            "First year": "2020/21",
            "Last year": "2023/24",
            "Status": "Approved",
            "Published": "Yes",
        }
    ],
    "Themes": [{"Plan": PLAN, "Path": "Thriving places", "Kind": "Priority"}],
    "Actions": [
        {
            "Plan": PLAN,
            "Reference": "TP1",
            "Title": "Open the new library",
            "Themes": "Thriving places",
            "Lead officers": "Asha Patel",
            "Expected completion": "March 2021",
        },
        {
            "Plan": PLAN,
            "Reference": "TP2",
            "Title": "Resurface the high street",
            "Themes": "Thriving places",
            "Lead officers": "Asha Patel",
            "Expected completion": "December 2020",
        },
        {
            "Plan": PLAN,
            "Reference": "TP3",
            "Title": "Review the local plan",
            "Themes": "Thriving places",
            "Lead officers": "Asha Patel",
            "Expected completion": "March 2022",
        },
        # Timescales as other councils write them, read against this plan's start.
        {
            "Plan": PLAN,
            "Reference": "TP4",
            "Title": "Pilot a repair café",
            "Expected completion": "Qtr 3 20/21",
        },
        {
            "Plan": PLAN,
            "Reference": "TP5",
            "Title": "Set up the youth forum",
            "Expected completion": "Year 1",
        },
        {
            "Plan": PLAN,
            "Reference": "TP6",
            "Title": "Open the skills hub",
            "Expected completion": "Feb-21 (was Nov-20)",
        },
    ],
    "Reporting periods": [{"Period": q.label} for q in QUARTERS],
    "Measures": [
        {
            "Code": "TA1",
            "Title": "Households in temporary accommodation",
            "Polarity": "Lower is better",
            "Frequency": "Quarterly",
            "Aggregation": "Latest value",
            "Themes": f"{PLAN}: Thriving places",
        },
        {
            "Code": "HD1",
            "Title": "New homes delivered",
            "Polarity": "Higher is better",
            "Frequency": "Quarterly",
            "Aggregation": "Sum of the periods",
            "Themes": f"{PLAN}: Thriving places",
        },
        {
            "Code": "SAT",
            "Title": "Residents satisfied with their area",
            "Unit": "Percentage",
            "Polarity": "Higher is better",
            "Frequency": "Quarterly",
            "Aggregation": "Average of the periods",
            "Themes": f"{PLAN}: Thriving places",
        },
    ],
    "Targets": [
        {"Measure": "TA1", "Period": "2020/21", "Value": "100"},
        {"Measure": "HD1", "Period": "2020/21", "Value": "400"},
        {"Measure": "SAT", "Period": "2020/21", "Suspended reason": "not set due to COVID-19"},
    ],
}

# Each quarter's updates, added to the file the quarter after (as councils do).
UPDATES = {
    QUARTERS[0]: [
        ("TP1", "Completed", "Opened on 1 June."),
        ("TP3", "On track", "Consultation started."),
    ],
    QUARTERS[1]: [("TP2", "On track", "Works under way.")],
    QUARTERS[2]: [("TP2", "On track", "Final section in December.")],
    QUARTERS[3]: [],
}


@dataclass(frozen=True)
class Expected:
    """An action's status in a quarter and words its explanation must hold."""

    status: str
    words: tuple[str, ...]


EXPECTED = {
    QUARTERS[0]: {
        "TP1": Expected("blue", ("completed", "as at 30 June 2020")),
        "TP2": Expected("missing_update", ("Missing update", "none before it")),
        "TP3": Expected("green", ("On track", "as at 30 June 2020")),
    },
    QUARTERS[1]: {
        "TP1": Expected("blue", ("as reported in 2020/21 Q1", "as at 30 September 2020")),
        "TP2": Expected("green", ("On track", "as at 30 September 2020")),
        "TP3": Expected("missing_update", ("last updated 2020/21 Q1: On track",)),
    },
    QUARTERS[2]: {
        "TP1": Expected("blue", ("as reported in 2020/21 Q1", "as at 31 December 2020")),
        "TP2": Expected("green", ("On track", "as at 31 December 2020")),
        "TP3": Expected("missing_update", ("last updated 2020/21 Q1",)),
    },
    QUARTERS[3]: {
        "TP1": Expected("blue", ("as reported in 2020/21 Q1", "as at 31 March 2021")),
        "TP2": Expected(
            "red",
            (
                "overdue as at 31 March 2021",
                "expected completion 31 December 2020 has passed",
                "last updated 2020/21 Q3",
            ),
        ),
        "TP3": Expected("missing_update", ("last updated 2020/21 Q1",)),
    },
}


# Each quarter's values: households (a snapshot), homes (summed to the year), satisfaction.
VALUES = {
    QUARTERS[0]: {"TA1": "95", "HD1": "100", "SAT": "81"},
    QUARTERS[1]: {"TA1": "98", "HD1": "100", "SAT": "80"},
    QUARTERS[2]: {"TA1": "104", "HD1": "80", "SAT": "79"},
    QUARTERS[3]: {"TA1": "99", "HD1": "150", "SAT": "82"},
}
MEASURES_EXPECTED = {
    QUARTERS[0]: {
        "TA1": Expected("green", ("95 against the 2020/21 target of 100",)),
        "HD1": Expected("green", ("100 in the year to 2020/21 Q1 against 100 profiled (400",)),
        "SAT": Expected("target_suspended", ("not set due to COVID-19",)),
    },
    QUARTERS[1]: {
        "TA1": Expected("green", ("98 against the 2020/21 target of 100",)),
        "HD1": Expected("green", ("200 in the year to 2020/21 Q2 against 200 profiled (400",)),
        "SAT": Expected("target_suspended", ("not set due to COVID-19",)),
    },
    QUARTERS[2]: {
        "TA1": Expected("red", ("104 against the 2020/21 target of 100",)),
        "HD1": Expected("red", ("280 in the year to 2020/21 Q3 against 300 profiled (400",)),
        "SAT": Expected("target_suspended", ("not set due to COVID-19",)),
    },
    QUARTERS[3]: {
        "TA1": Expected("green", ("99 against the 2020/21 target of 100",)),
        "HD1": Expected("green", ("430 in the year to 2020/21 Q4 against 400",)),
        "SAT": Expected("target_suspended", ("not set due to COVID-19",)),
    },
}


TITLES = {row["Reference"]: row["Title"] for row in BASE["Actions"]} | {
    row["Code"]: row["Title"] for row in BASE["Measures"]
}


def expected_label(status: str) -> str:
    """A status value as the report labels it."""
    return RagStatus(status).label


def report_row(report: str, title: str) -> str:
    """The text of the report's row in the portfolio's actions table for the action."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", report, flags=re.DOTALL)
    found = [r for r in rows if f">{title}<" in r and "<td" in r]
    assert found, title
    return re.sub(r"<[^>]+>", " ", found[-1])


def write_template(folder: Path, rows: dict[str, list[dict[str, str]]]) -> Path:
    """The template as a folder of CSV files: every table, each with every column."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        with (folder / table.file).open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=[c.header for c in table.columns])
            writer.writeheader()
            writer.writerows(rows.get(table.name, []))
    return folder


def document_up_to(quarter: Period) -> dict[str, list[dict[str, str]]]:
    """The plan with every quarter's updates up to ``quarter``."""
    updates = [
        {
            "Plan": PLAN,
            "Action": reference,
            "Period": period.label,
            "Progress rating": rating,
            "Commentary": commentary,
        }
        for period in QUARTERS
        if period <= quarter
        for reference, rating, commentary in UPDATES[period]
    ]
    values = [
        {"Measure": code, "Period": period.label, "Value": value}
        for period in QUARTERS
        if period <= quarter
        for code, value in VALUES[period].items()
    ]
    return {**BASE, "Updates": updates, "Observations": values}


def api_statuses(client: Client, plan: Plan, quarter: Period) -> dict[str, dict[str, object]]:
    """Each action's status for the quarter, by reference, as the REST API gives it."""
    code = quarter.code.replace("/", "-")
    found = client.get(f"/api/v1/actions?plan={plan.pk}&period={code}").json()
    return {item["reference"]: item["latest_status"] for item in found["items"]}


def api_measures(client: Client, plan: Plan, quarter: Period) -> dict[str, dict[str, Any]]:
    """Each measure with its result for the quarter, by code, as the REST API gives it."""
    code = quarter.code.replace("/", "-")
    found = client.get(f"/api/v1/measures?plan={plan.pk}&period={code}").json()
    return {item["code"]: item for item in found["items"]}


def report_text(plan: Plan, quarter: Period) -> str:
    """The quarterly report for the quarter, as the HTML Cabinet is sent."""
    report = build_report("quarterly", report_scope(plan), quarter, today=clock.today())
    return FORMATS["html"].render(report).decode()


def run_quarters(tmp_path: Path, client: Client) -> Iterator[tuple[Period, Plan]]:
    """Import the document as it stands after each quarter; yield the quarter and the plan."""
    for quarter in QUARTERS:
        folder = write_template(tmp_path / quarter.code.replace("/", "-"), document_up_to(quarter))
        call_command("import", str(folder), "--apply", stdout=io.StringIO())
        yield quarter, Plan.objects.get(slug=PLAN)


def test_statuses_as_at_each_quarter_through_api_report_and_public_page(
    tmp_path: Path, client: Client
) -> None:
    for quarter, plan in run_quarters(tmp_path, client):
        statuses = api_statuses(client, plan, quarter)
        report = report_text(plan, quarter)
        for reference, expected in EXPECTED[quarter].items():
            status = statuses[reference]
            assert status["status"] == expected.status, (quarter.label, reference, status)
            for words in expected.words:
                assert words in status["explanation"], (quarter.label, reference, status)
            assert expected_label(expected.status) in report_row(report, TITLES[reference])
        as_at = {1: "30 June 2020", 2: "30 September 2020", 3: "31 December 2020"}
        assert f"Statuses as at {as_at.get(quarter.number, '31 March 2021')}." in report
        measures = api_measures(client, plan, quarter)
        for code, expected in MEASURES_EXPECTED[quarter].items():
            status = measures[code]["result"]["status"]
            assert status["status"] == expected.status, (quarter.label, code, status)
            for words in expected.words:
                assert words in status["explanation"], (quarter.label, code, status)
            assert expected_label(expected.status) in report_row(report, TITLES[code])
        page = client.get(f"/plans/tillingham/{PLAN}/").content.decode()
        # The public page shows the latest quarter with an approved update.
        latest = max(p for p in QUARTERS if p <= quarter and UPDATES[p])
        assert f"Progress as approved for {latest.label}" in page
        assert "Open the new library" in page
        assert "Households in temporary accommodation" in page


def test_a_missing_update_is_shown_with_the_last_update_and_its_period(
    tmp_path: Path, client: Client
) -> None:
    *_, (quarter, plan) = run_quarters(tmp_path, client)
    status = api_statuses(client, plan, QUARTERS[1])["TP3"]
    assert status["missing_update"] is True
    assert status["update_period"]["code"] == "2020/21-Q1"
    report = report_text(plan, QUARTERS[1])
    assert "On track (last updated 2020/21 Q1)" in report
    assert "No update for 2020/21 Q2; last updated 2020/21 Q1: Consultation started." in report
    del quarter


def test_a_locked_quarter_reads_as_it_was_after_later_quarters(
    tmp_path: Path, client: Client
) -> None:
    team = user("performance")
    quarters = run_quarters(tmp_path, client)
    _, plan = next(quarters)
    Membership.objects.create(user=team, organisation=plan.organisation, role=Role.PERFORMANCE_TEAM)
    q1 = ReportingPeriod.objects.get(organisation=plan.organisation, period_number=1)
    services.set_period_lock(user=team, reporting_period=q1, locked=True)
    before = report_text(plan, QUARTERS[0])
    for _ in quarters:  # later quarters' imports
        pass
    assert report_text(plan, QUARTERS[0]) == before


def test_imported_results_and_an_imported_lock_store_the_statuses(tmp_path: Path) -> None:
    rows = document_up_to(QUARTERS[1])
    folder = write_template(tmp_path / "q2", rows)
    call_command("import", str(folder), "--apply", stdout=io.StringIO())
    stored = StatusSnapshot.objects.get(action__reference="TP2", period_number=2)
    assert (stored.status, stored.cause) == ("green", SnapshotCause.APPROVED)
    locked = {**rows, "Reporting periods": [{"Period": "2020/21 Q1", "Locked": "Yes"}]}
    call_command(
        "import", str(write_template(tmp_path / "lock", locked)), "--apply", stdout=io.StringIO()
    )
    q1 = StatusSnapshot.objects.filter(period_number=1, cause=SnapshotCause.LOCKED)
    assert {s.action.reference: s.status for s in q1 if s.action}.items() >= {
        "TP1": "blue",
        "TP2": "missing_update",
        "TP3": "green",
    }.items()
    assert {s.as_at for s in q1} == {QUARTERS[0].end}


@pytest.mark.parametrize(
    ("reference", "end", "precision"),
    [
        ("TP4", "2020-12-31", "quarter"),
        ("TP5", "2021-03-31", "financial_year"),
        ("TP6", "2021-02-28", "month"),
    ],
)
def test_timescales_beyond_the_seeds_reach_the_api_with_their_dates(
    tmp_path: Path, client: Client, reference: str, end: str, precision: str
) -> None:
    _, plan = next(run_quarters(tmp_path, client))
    found = client.get(f"/api/v1/actions?plan={plan.pk}").json()["items"]
    [action] = [a for a in found if a["reference"] == reference]
    assert (action["expected_completion"]["end"], action["expected_completion"]["precision"]) == (
        end,
        precision,
    )
    if reference == "TP6":
        assert action["expected_completion"]["revised_from"] == "Nov-20"
