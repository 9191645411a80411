"""Fixtures for the report tests: Derby's plan and results imported as the demo loads them."""

from datetime import date
from pathlib import Path

import pytest

from councilplan.domain.periods import Period
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Plan
from councilplan.reports.builders import build_report, report_scope
from councilplan.reports.shape import Report
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
DELIVERY_PLAN = EXAMPLES / "1-derby-council-delivery-plan-2019-20.json"
RESULTS = EXAMPLES / "2-derby-annual-performance-results-2020-21.json"
PLAN = "council-delivery-plan-2019-20"
Q4 = Period.parse("2020/21-Q4")
TODAY = date(2021, 6, 30)


def apply(*paths: Path) -> None:
    """Import the files in order, as `councilplan import --apply` does."""
    for path in paths:
        apply_document(read_file(path))


@pytest.fixture
def derby_plan(db) -> Plan:
    """Derby's Council Delivery Plan 2019/20 with its Annual Performance Results 2020/21."""
    apply(DELIVERY_PLAN, RESULTS)
    return Plan.objects.get(slug=PLAN)


@pytest.fixture
def annual_results(derby_plan: Plan) -> Report:
    """The annual results report of the demo plan at 2020/21 Q4, everything in it."""
    return build_report("annual-results", report_scope(derby_plan), Q4, today=TODAY)
