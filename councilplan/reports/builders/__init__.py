"""Builders: one per report, each turning a plan (as a reader may see it) into a ``Report``."""

from datetime import date
from typing import Protocol

from councilplan.domain.periods import Period
from councilplan.reports.shape import Report

from . import annual_results, delivery_plan, quarterly
from .common import ReportScope, report_scope


class Builder(Protocol):
    """What every builder is: a plan as a reader sees it, and a period, to a report."""

    def __call__(self, scope: ReportScope, period: Period, *, today: date) -> Report: ...


# The reports by the names the command line and the download links use.
BUILDERS: dict[str, Builder] = {
    "annual-results": annual_results.build,
    "quarterly": quarterly.build,
    "delivery-plan": delivery_plan.build,
}

TITLES = {
    "annual-results": "Annual performance results",
    "quarterly": "Quarterly performance report",
    "delivery-plan": "Delivery plan",
}


def build_report(kind: str, scope: ReportScope, period: Period, *, today: date) -> Report:
    """The report called ``kind`` for the scope's plan and ``period``."""
    try:
        builder = BUILDERS[kind]
    except KeyError:
        raise ValueError(f'No report "{kind}": choose one of {", ".join(BUILDERS)}.') from None
    return builder(scope, period, today=today)


__all__ = ["BUILDERS", "TITLES", "ReportScope", "build_report", "report_scope"]
