"""The quarterly report to Cabinet: summary, exceptions with mitigations, then each portfolio."""

from datetime import date

import pytest
from django.utils import timezone

from councilplan.domain.periods import Period
from councilplan.monitoring.models import ActionUpdate
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.shape import Report, Table
from tests.council import Q1, Council
from tests.factories import ObservationFactory, TargetFactory

TODAY = date(2021, 7, 15)
LAST_Q4 = Period.parse("2020/21-Q4")


def quarter(kind: str, number: int, year: int = 2021) -> dict[str, object]:
    return {"period_kind": kind, "period_year": year, "period_number": number}


@pytest.fixture
def reported(council: Council) -> Council:
    """Q1 2021/22: homelessness reported red with a mitigation; its measure over a lower-is-
    better target and worse than last quarter; the trees action not reported."""
    ActionUpdate.objects.create(
        action=council.own_action,
        reporting_period=council.q1,
        progress_rating="major_slippage",
        status="red",
        commentary="Approaches rose after the eviction ban ended.",
        mitigation="Two more housing options officers from August.",
        state="approved",
        approved_at=timezone.now(),
    )
    measure = council.own_measure
    TargetFactory(measure=measure, value=100, **quarter("quarter", 1))
    ObservationFactory(measure=measure, value=120, **quarter("quarter", 1))
    ObservationFactory(measure=measure, value=110, **quarter("quarter", 4, 2020))
    return council


def report_for(council: Council, user=None) -> Report:
    scope = report_scope(council.own_action.plan, user)
    return build_report("quarterly", scope, Q1, today=TODAY)


def table(report: Report, heading: str, caption: str) -> Table:
    (section,) = [s for s in report.sections if s.heading == heading]
    (found,) = [t for t in section.tables if t.caption == caption]
    return found


@pytest.mark.django_db
def test_summary_counts_actions_and_measures_by_status(reported: Council) -> None:
    summary = table(report_for(reported), "Summary", "Actions and measures by status")

    assert summary.header == ("Status", "Actions", "Measures")
    assert ("Red", "1", "1") in summary.rows
    assert summary.rows[-1] == ("Total", "2", "2")


@pytest.mark.django_db
def test_exceptions_lead_with_commentary_and_mitigations(reported: Council) -> None:
    rows = table(report_for(reported), "Exceptions", "Exceptions").rows

    # Red and worsening before red alone; a measure's commentary is why it has its status.
    assert rows[0][:4] == ("Measure", "Homeless approaches", "Red", "Worsening")
    assert rows[0][4].startswith("Red: 120 against a target of 100")
    assert rows[1] == (
        "Action",
        "Reduce homelessness",
        "Red",
        "Not comparable",
        "Approaches rose after the eviction ban ended.",
        "Two more housing options officers from August.",
    )
    assert "Plant more trees" not in {row[1] for row in rows}


@pytest.mark.django_db
def test_each_portfolio_lists_every_action_and_measure_with_direction(reported: Council) -> None:
    report = report_for(reported)

    actions = table(report, "Adults, Health and Housing", "Actions")
    assert actions.rows == (
        (
            "Reduce homelessness",
            "Major slippage",
            "Red",
            "Not comparable",
            "Approaches rose after the eviction ban ended.",
        ),
    )
    measures = table(report, "Adults, Health and Housing", "Measures")
    assert measures.rows == (("Homeless approaches", "120", "100", "Red", "Worsening"),)
    unassigned = table(report, "Not in a portfolio", "Actions")
    assert [row[0] for row in unassigned.rows] == ["Plant more trees"]


@pytest.mark.django_db
def test_a_cabinet_member_reports_only_on_their_portfolio(reported: Council) -> None:
    report = report_for(reported, reported.cabinet)

    titles = {row[0] for t in report.tables for row in t.rows}
    assert "Reduce homelessness" in titles
    assert "Plant more trees" not in titles
    assert "Trees planted" not in titles
