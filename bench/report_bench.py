"""Time to build each report and render it in each format, for the demo council and ten times it.

Run: `.venv/bin/python bench/report_bench.py` (a fresh SQLite file; set DATABASE_URL to use
PostgreSQL). Loads Derby's Council Delivery Plan 2019/20 and its 2020/21 results as the demo
does, then a second council holding ten copies of them under new titles (one plan of ten
times the actions and measures), and prints, per council, report and format, the seconds to build
the report (queries and statuses) and to render it. Figures, not pass/fail; see RESULTS.md.
"""

import copy
import json
import time
from datetime import date
from typing import Any

from scratch import ROOT, scratch_database

EXAMPLES = ROOT / "examples"
DOCUMENTS = [
    "1-derby-council-delivery-plan-2019-20.json",
    "2-derby-annual-performance-results-2020-21.json",
]
COPIES = 10
PERIOD = "2020/21-Q4"


def copied(document: dict[str, Any], copies: int) -> dict[str, Any]:
    """The document for another council, its actions and measures repeated under new titles."""
    big = copy.deepcopy(document)
    big["organisation"] |= {"name": f"Derby x{copies}", "slug": f"derby-x{copies}"}

    def titled(item: dict[str, Any], n: int) -> dict[str, Any]:
        item = copy.deepcopy(item)
        if "title" in item:
            item["title"] = f"{item['title']} ({n})"
        for ref in item.get("actions", []):
            ref["title"] = f"{ref['title']} ({n})"
        if "action" in item:
            item["action"]["title"] = f"{item['action']['title']} ({n})"
        if "match_by_title" in item:
            item["match_by_title"] = False  # the copies' titles are exact
        return item

    for plan in big["plans"]:
        plan["actions"] = [titled(a, n) for n in range(1, copies + 1) for a in plan["actions"]]
    big["measures"] = [titled(m, n) for n in range(1, copies + 1) for m in big["measures"]]
    big["updates"] = [titled(u, n) for n in range(1, copies + 1) for u in big["updates"]]
    return big


def load(documents: list[dict[str, Any]]) -> None:
    """Apply the documents in order, as `councilplan import --apply` does."""
    from councilplan.imports.structure import PlanDocument
    from councilplan.imports.writer import apply_document

    for document in documents:
        apply_document(PlanDocument.model_validate(document))


def time_reports(organisation: str) -> None:
    """Build each report of the organisation's plan and render it in each format, timed."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from councilplan.domain.periods import Period
    from councilplan.plans.models import Plan
    from councilplan.reports.builders import BUILDERS, build_report, report_scope
    from councilplan.reports.renderers import FORMATS

    plan = Plan.objects.get(organisation__slug=organisation)
    scope = report_scope(plan)
    actions, measures = scope.actions.count(), scope.measures.count()
    print(f"\n{organisation}: {plan.title}, {actions} actions, {measures} measures")
    print(
        f"{'report':<16} {'rows':>6} {'queries':>7} {'build s':>8} "
        + " ".join(f"{f:>7}" for f in FORMATS)
    )
    for kind in BUILDERS:
        reset_queries()  # the import filled the query log
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            report = build_report(kind, scope, Period.parse(PERIOD), today=date(2021, 6, 30))
        built = time.perf_counter() - started
        rendered = []
        for chosen in FORMATS.values():
            started = time.perf_counter()
            chosen.render(report)
            rendered.append(time.perf_counter() - started)
        rows = sum(len(t.rows) for t in report.tables)
        print(
            f"{kind:<16} {rows:>6} {len(queries):>7} {built:>8.2f} "
            + " ".join(f"{s:>7.2f}" for s in rendered)
        )


def main() -> None:
    """Migrate a scratch database, load both councils, and time every report and format."""
    print(f"database: {scratch_database()}")
    documents = [json.loads((EXAMPLES / name).read_text()) for name in DOCUMENTS]
    started = time.perf_counter()
    load(documents)
    load([copied(d, COPIES) for d in documents])
    print(f"loaded both councils in {time.perf_counter() - started:.1f} s")
    time_reports(documents[0]["organisation"]["slug"])
    time_reports(f"derby-x{COPIES}")


if __name__ == "__main__":
    main()
