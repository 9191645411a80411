"""The floor: what each page and API list would cost as ONE hand-written SQL query serialised by
``json.dumps``, so the harness (``scale_bench.py``) can give every figure as a ratio to it.

Each floor reads the same rows its page or list shows (statuses are the latest approved update's
reported colour, not the domain's computed status; measure values are the latest approved value,
not aggregated) and returns JSON bytes. The SQL runs on SQLite and PostgreSQL alike.

Run: ``DATABASE_URL=sqlite:///path/to/db .venv/bin/python bench/floor.py`` on a database made by
``councilplan generate-data``: prints each floor's median time of 20 runs and its size, for
council synthetic-001.
"""

import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection

RUNS = 20
PAGE = 100
APPROVED = "approved"


@dataclass(frozen=True)
class Scope:
    """What the pages are about: a plan, one of its actions and measures, an officer, a period."""

    plan_id: int
    action_id: int
    measure_id: int
    officer_user_id: int
    period_kind: str
    period_year: int
    period_number: int

    @property
    def period(self) -> list[object]:
        """The period as three query parameters."""
        return [self.period_kind, self.period_year, self.period_number]


def rank(alias: str) -> str:
    """SQL for ``Period.rank`` of the period columns of ``alias`` (later periods rank higher)."""
    kind, number = f"{alias}.period_kind", f"{alias}.period_number"
    return (
        f"(({alias}.period_year * 12 + CASE {kind} WHEN 'month' THEN {number} "
        f"WHEN 'quarter' THEN {number} * 3 ELSE 12 END) * 16 + "
        f"CASE {kind} WHEN 'month' THEN 15 WHEN 'quarter' THEN 13 ELSE 4 END)"
    )


def _default(value: object) -> object:
    """What json.dumps cannot write itself: decimals as numbers, dates as ISO text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _query(sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one query: its column names and rows."""
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return [c[0] for c in cursor.description], cursor.fetchall()


def _dump(data: object) -> bytes:
    return json.dumps(data, default=_default).encode()


def _records(sql: str, params: Sequence[object]) -> bytes:
    """One query's rows as a JSON list of objects."""
    columns, rows = _query(sql, params)
    return _dump([dict(zip(columns, row, strict=True)) for row in rows])


def _grouped(sql: str, params: Sequence[object], fields: dict[str, list[str]]) -> bytes:
    """A UNION ALL query whose first column names what each row is (``fields`` names the columns
    after it that kind fills) as JSON: one list of objects per kind."""
    _, rows = _query(sql, params)
    out: dict[str, list[dict[str, Any]]] = {kind: [] for kind in fields}
    for row in rows:
        names = fields[row[0]]
        values = zip(names, row[1 : 1 + len(names)], strict=True)
        out[row[0]].append({name: value for name, value in values if name})
    return _dump(out)


# Latest approved version of each action's update for the period; $ACTIONS selects the actions.
LATEST_UPDATE = f"""
latest AS (
  SELECT u.action_id, u.status, u.progress_rating, u.percent_complete,
         ROW_NUMBER() OVER (PARTITION BY u.action_id ORDER BY u.version DESC) AS rn
  FROM monitoring_actionupdate u
  JOIN monitoring_reportingperiod rp ON rp.id = u.reporting_period_id
  WHERE u.state = '{APPROVED}' AND rp.period_kind = %s AND rp.period_year = %s
    AND rp.period_number = %s AND u.action_id IN ($ACTIONS)
)"""  # noqa: S608 - built from constants; values are parameters

TOP_ACTIONS = "SELECT id FROM plans_action WHERE plan_id = %s AND parent_id IS NULL"

OVERVIEW = f"""
WITH {LATEST_UPDATE.replace("$ACTIONS", TOP_ACTIONS)}
SELECT a.id, a.reference, a.title, t.id AS theme_id, t.title AS theme,
       pt.title AS parent_theme, l.status, l.progress_rating, l.percent_complete,
       COUNT(*) OVER (PARTITION BY t.id, COALESCE(l.status, '')) AS theme_status_count
FROM plans_action a
LEFT JOIN plans_action_themes at ON at.action_id = a.id
LEFT JOIN plans_theme t ON t.id = at.theme_id
LEFT JOIN plans_theme pt ON pt.id = t.parent_id
LEFT JOIN latest l ON l.action_id = a.id AND l.rn = 1
WHERE a.plan_id = %s AND a.parent_id IS NULL
ORDER BY a."order", a.id, t."order", t.id
"""  # noqa: S608 - built from constants; values are parameters


def plan_overview(scope: Scope) -> bytes:
    """The plan's top-level actions in order, with themes and this period's approved status."""
    columns, rows = _query(OVERVIEW, [*scope.period, scope.plan_id, scope.plan_id])
    return _dump([dict(zip(columns[:-1], row[:-1], strict=True)) for row in rows])


def dashboard(scope: Scope) -> bytes:
    """The overview's rows and the count of actions by status under each theme."""
    columns, rows = _query(OVERVIEW, [*scope.period, scope.plan_id, scope.plan_id])
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(str(row[3]), {})[row[6] or "none"] = row[-1]
    actions = [dict(zip(columns[:-1], row[:-1], strict=True)) for row in rows]
    return _dump({"actions": actions, "counts": counts})


ACTION = """
SELECT 'action', a.id, a.reference, a.title, a.description, CAST(a.start AS TEXT),
       CAST(a.expected_completion AS TEXT), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER),
       CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)
FROM plans_action a WHERE a.id = %s
UNION ALL
SELECT 'milestone', m.id, NULL, m.title, NULL, CAST(m.due AS TEXT),
       CAST(m.completed_on AS TEXT), m."order", NULL, NULL, NULL
FROM plans_milestone m WHERE m.action_id = %s
UNION ALL
SELECT 'update', u.id, u.state, u.commentary, u.status, u.progress_rating,
       rp.period_kind, rp.period_year, rp.period_number, u.version, u.percent_complete
FROM monitoring_actionupdate u
JOIN monitoring_reportingperiod rp ON rp.id = u.reporting_period_id
WHERE u.action_id = %s
ORDER BY 1, 2
"""
ACTION_FIELDS = {
    "action": ["id", "reference", "title", "description", "start", "expected_completion"],
    "milestone": ["id", "", "title", "", "due", "completed_on", "order"],  # "": unused
    "update": [
        "id",
        "state",
        "commentary",
        "status",
        "progress_rating",
        "period_kind",
        "period_year",
        "period_number",
        "version",
        "percent_complete",
    ],
}


def action(scope: Scope) -> bytes:
    """An action with its milestones and every update with its reporting period."""
    return _grouped(ACTION, [scope.action_id] * 3, ACTION_FIELDS)


MEASURE = f"""
SELECT 'measure', m.id, m.code, m.title, m.unit, m.polarity, m.frequency, NULL, NULL, NULL,
       NULL, m.decimals
FROM measures_measure m WHERE m.id = %s
UNION ALL
SELECT 'observation', o.id, o.period_kind, o.no_value_reason, o.data_note, NULL, NULL,
       o.value, o.numerator, o.denominator, o.period_year, o.period_number
FROM measures_observation o
WHERE o.measure_id = %s AND o.state = '{APPROVED}'
UNION ALL
SELECT 'target', t.id, t.period_kind, NULL, NULL, NULL, NULL, t.value, t.tolerance, NULL,
       t.period_year, t.period_number
FROM measures_target t WHERE t.measure_id = %s
ORDER BY 1, 11, 12, 2
"""  # noqa: S608 - built from constants; values are parameters
MEASURE_FIELDS = {
    "measure": ["id", "code", "title", "unit", "polarity", "frequency", "", "", "", "", "decimals"],
    "observation": [
        "id",
        "period_kind",
        "no_value_reason",
        "data_note",
        "",
        "",
        "value",
        "numerator",
        "denominator",
        "period_year",
        "period_number",
    ],
    "target": ["id", "period_kind", "", "", "", "", "value", "tolerance", "", "period_year"],
}


def measure(scope: Scope) -> bytes:
    """A measure with all its approved values by period and its targets."""
    return _grouped(MEASURE, [scope.measure_id] * 3, MEASURE_FIELDS)


MY_UPDATES = """
WITH mine AS (
  SELECT DISTINCT a.id FROM plans_action a
  JOIN plans_action_lead_officers lo ON lo.action_id = a.id
  JOIN plans_officer o ON o.id = lo.officer_id
  WHERE o.user_id = %s AND a.parent_id IS NULL
),
updates AS (
  SELECT u.action_id, u.state, u.version,
         ROW_NUMBER() OVER (PARTITION BY u.action_id ORDER BY u.version DESC) AS rn
  FROM monitoring_actionupdate u
  JOIN monitoring_reportingperiod rp ON rp.id = u.reporting_period_id
  WHERE rp.period_kind = %s AND rp.period_year = %s AND rp.period_number = %s
    AND u.action_id IN (SELECT id FROM mine)
),
wanted (frequency, kind, year, number) AS ($WANTED),
owned AS (
  SELECT m.id, m.code, m.title, w.kind, w.year, w.number FROM measures_measure m
  JOIN plans_officer o ON o.id = m.owner_id
  JOIN wanted w ON w.frequency = m.frequency
  WHERE o.user_id = %s
),
vals AS (
  SELECT o.measure_id, o.period_kind, o.period_year, o.period_number, o.state, o.value,
         ROW_NUMBER() OVER (PARTITION BY o.measure_id, o.period_kind, o.period_year,
                            o.period_number ORDER BY o.version DESC) AS rn
  FROM measures_observation o JOIN wanted w
    ON o.period_kind = w.kind AND o.period_year = w.year AND o.period_number = w.number
  WHERE o.measure_id IN (SELECT id FROM owned)
)
SELECT 'action', a.id, a.reference, a.title, NULL, NULL, NULL, u.state, NULL
FROM plans_action a JOIN mine ON mine.id = a.id
LEFT JOIN updates u ON u.action_id = a.id AND u.rn = 1
UNION ALL
SELECT 'measure', w.id, w.code, w.title, w.kind, w.year, w.number, v.state, v.value
FROM owned w LEFT JOIN vals v ON v.measure_id = w.id AND v.period_kind = w.kind
  AND v.period_year = w.year AND v.period_number = w.number AND v.rn = 1
ORDER BY 1, 2, 6, 7
"""
MY_UPDATES_FIELDS = {
    "action": ["id", "reference", "title", "", "", "", "state"],
    "measure": [
        "id",
        "code",
        "title",
        "period_kind",
        "period_year",
        "period_number",
        "state",
        "value",
    ],
}
WANTED_ROW = "SELECT %s, %s, CAST(%s AS INTEGER), CAST(%s AS INTEGER)"


def my_updates(scope: Scope) -> bytes:
    """The officer's actions and measures with the state of this period's update or value."""
    year, quarter = scope.period_year, scope.period_number
    wanted = [("quarterly", "quarter", year, quarter)]
    wanted += [("monthly", "month", year, (quarter - 1) * 3 + m) for m in (1, 2, 3)]
    wanted += [("annual", "year", year, 0)] if quarter == 4 else []
    sql = MY_UPDATES.replace("$WANTED", " UNION ALL ".join([WANTED_ROW] * len(wanted)))
    params = [scope.officer_user_id, *scope.period]
    params += [value for row in wanted for value in row] + [scope.officer_user_id]
    return _grouped(sql, params, MY_UPDATES_FIELDS)


PUBLISHED = "SELECT id FROM plans_plan WHERE is_published = %s AND status <> 'draft'"

PUBLIC_PLAN = f"""
WITH plan AS (
  SELECT id FROM plans_plan WHERE id = %s AND is_published = %s AND status <> 'draft'
),
acts AS MATERIALIZED (
  SELECT id FROM plans_action WHERE plan_id IN (SELECT id FROM plan) AND parent_id IS NULL
),
ranked AS (
  SELECT u.action_id, u.status, u.progress_rating, u.percent_complete, u.version,
         {rank("rp")} AS prank
  FROM monitoring_actionupdate u
  JOIN monitoring_reportingperiod rp ON rp.id = u.reporting_period_id
  WHERE u.state = '{APPROVED}' AND u.action_id IN (SELECT id FROM acts)
),
latest AS (
  SELECT r.*, ROW_NUMBER() OVER (PARTITION BY r.action_id ORDER BY r.version DESC) AS rn
  FROM ranked r WHERE r.prank = (SELECT MAX(prank) FROM ranked)
),
pm AS (
  SELECT ma.measure_id FROM measures_measure_actions ma
  JOIN plans_action a ON a.id = ma.action_id WHERE a.plan_id IN (SELECT id FROM plan)
  UNION
  SELECT mt.measure_id FROM measures_measure_themes mt
  JOIN plans_theme t ON t.id = mt.theme_id WHERE t.plan_id IN (SELECT id FROM plan)
),
best AS MATERIALIZED (
  SELECT o.measure_id, MAX({rank("o")}) AS prank FROM measures_observation o
  WHERE o.state = '{APPROVED}' AND o.measure_id IN (SELECT measure_id FROM pm)
  GROUP BY o.measure_id
),
obs AS (
  SELECT o.measure_id, o.value, o.period_kind, o.period_year, o.period_number,
         ROW_NUMBER() OVER (PARTITION BY o.measure_id ORDER BY o.version DESC) AS rn
  FROM measures_observation o JOIN best b ON b.measure_id = o.measure_id
  WHERE o.state = '{APPROVED}' AND {rank("o")} = b.prank
)
SELECT 'action', a.id, a.reference, a.title, t.title, l.status, l.progress_rating,
       l.percent_complete, NULL, a."order", l.prank
FROM plans_action a JOIN acts ON acts.id = a.id
LEFT JOIN plans_action_themes at ON at.action_id = a.id
LEFT JOIN plans_theme t ON t.id = at.theme_id
LEFT JOIN latest l ON l.action_id = a.id AND l.rn = 1
UNION ALL
SELECT 'measure', m.id, m.code, m.title, o.period_kind, NULL, NULL, o.period_year, o.value,
       o.period_number, NULL
FROM measures_measure m JOIN pm ON pm.measure_id = m.id
LEFT JOIN obs o ON o.measure_id = m.id AND o.rn = 1
ORDER BY 1, 10, 2
"""  # noqa: S608 - built from constants; values are parameters
PUBLIC_PLAN_FIELDS = {
    "action": [
        "id",
        "reference",
        "title",
        "theme",
        "status",
        "progress_rating",
        "percent_complete",
        "",
        "order",
        "period_rank",
    ],
    "measure": [
        "id",
        "code",
        "title",
        "period_kind",
        "",
        "",
        "period_year",
        "value",
        "period_number",
    ],
}


def public_plan(scope: Scope) -> bytes:
    """A published plan's actions with their approved status for the latest period with
    approved updates, and its measures with their latest approved value."""
    return _grouped(PUBLIC_PLAN, [scope.plan_id, True], PUBLIC_PLAN_FIELDS)


def visible(column: str) -> str:
    """SQL: the measure in ``column`` evidences a published plan (one correlated EXISTS, so a
    page checks only its own rows; two parameters)."""
    return f"""EXISTS (
  SELECT 1 FROM measures_measure_actions ma JOIN plans_action a ON a.id = ma.action_id
  WHERE ma.measure_id = {column} AND a.plan_id IN ({PUBLISHED})
  UNION ALL
  SELECT 1 FROM measures_measure_themes mt JOIN plans_theme t ON t.id = mt.theme_id
  WHERE mt.measure_id = {column} AND t.plan_id IN ({PUBLISHED}))"""  # noqa: S608


API_PLANS = f"""
SELECT p.id, p.organisation_id, p.title, p.slug, p.kind, p.first_year, p.last_year, p.status,
       p.approved_by, p.approved_on, p.is_published, p.parent_id, p.predecessor_id, p.vision
FROM plans_plan p WHERE p.id IN ({PUBLISHED}) ORDER BY p.id LIMIT {PAGE}
"""  # noqa: S608 - built from constants; values are parameters
API_THEMES = f"""
SELECT t.id, t.plan_id, t.parent_id, t.kind, t.reference, t.title, t.description, t."order"
FROM plans_theme t WHERE t.plan_id IN ({PUBLISHED}) ORDER BY t.id LIMIT {PAGE}
"""  # noqa: S608 - built from constants; values are parameters
API_OBSERVATIONS = f"""
SELECT o.id, o.measure_id, o.period_kind, o.period_year, o.period_number, o.value,
       o.no_value_reason, o.numerator, o.denominator, o.data_note, o.is_provisional, o.version,
       o.state
FROM measures_observation o
WHERE o.state = '{APPROVED}' AND {visible("o.measure_id")}
ORDER BY o.id LIMIT {PAGE}
"""  # noqa: S608 - built from constants; values are parameters
API_UPDATES = f"""
SELECT u.id, u.action_id, u.reporting_period_id, rp.period_kind, rp.period_year,
       rp.period_number, u.version, u.state, u.progress_rating, u.status, u.is_dca,
       u.percent_complete, u.commentary, u.mitigation, u.next_steps, u.submitted_at,
       u.approved_at, u.updated_at
FROM monitoring_actionupdate u
JOIN monitoring_reportingperiod rp ON rp.id = u.reporting_period_id
JOIN plans_action a ON a.id = u.action_id
WHERE u.state = '{APPROVED}' AND a.plan_id IN ({PUBLISHED})
ORDER BY u.id LIMIT {PAGE}
"""  # noqa: S608 - built from constants; values are parameters


def api_plans(scope: Scope) -> bytes:
    """The first page of published plans."""
    return _records(API_PLANS, [True])


def api_themes(scope: Scope) -> bytes:
    """The first page of published plans' themes."""
    return _records(API_THEMES, [True])


def api_observations(scope: Scope) -> bytes:
    """The first page of approved values of published plans' measures."""
    return _records(API_OBSERVATIONS, [True, True])


def api_updates(scope: Scope) -> bytes:
    """The first page of approved updates on published plans' actions."""
    return _records(API_UPDATES, [True])


API_ACTIONS = f"""
WITH page AS (
  SELECT a.id FROM plans_action a
  WHERE a.plan_id IN ({PUBLISHED}) ORDER BY a.id LIMIT {PAGE}
),
{LATEST_UPDATE.replace("$ACTIONS", "SELECT id FROM page")}
SELECT 'action', a.id, a.plan_id, a.parent_id, a.reference, a.title, a.description,
       a.success_criteria, CAST(a.start AS TEXT), CAST(a.expected_completion AS TEXT),
       a.funding_category, a.stage, l.status, l.progress_rating, l.percent_complete
FROM plans_action a JOIN page ON page.id = a.id
LEFT JOIN latest l ON l.action_id = a.id AND l.rn = 1
UNION ALL
SELECT 'milestone', m.id, m.action_id, NULL, NULL, m.title, NULL, NULL, CAST(m.due AS TEXT),
       CAST(m.completed_on AS TEXT), NULL, NULL, NULL, NULL, NULL
FROM plans_milestone m WHERE m.action_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.action_id, x.theme_id, NULL, 'theme', NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL
FROM plans_action_themes x WHERE x.action_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.action_id, p.id, NULL, 'portfolio', p.name, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL
FROM plans_action_portfolios x JOIN plans_portfolio p ON p.id = x.portfolio_id
WHERE x.action_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.action_id, d.id, NULL, 'department', d.name, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL
FROM plans_action_departments x JOIN plans_department d ON d.id = x.department_id
WHERE x.action_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.action_id, o.id, NULL, 'lead_officer', o.name, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL
FROM plans_action_lead_officers x JOIN plans_officer o ON o.id = x.officer_id
WHERE x.action_id IN (SELECT id FROM page)
ORDER BY 1, 2, 3
"""  # noqa: S608 - built from constants; values are parameters
API_ACTIONS_FIELDS = {
    "action": [
        "id",
        "plan_id",
        "parent_id",
        "reference",
        "title",
        "description",
        "success_criteria",
        "start",
        "expected_completion",
        "funding_category",
        "stage",
        "status",
        "progress_rating",
        "percent_complete",
    ],
    "milestone": ["id", "action_id", "", "", "title", "", "", "due", "completed_on"],
    "link": ["action_id", "id", "", "kind", "name"],
}


def api_actions(scope: Scope) -> bytes:
    """The first page of published plans' actions with milestones, links and approved status
    for the period."""
    return _grouped(API_ACTIONS, [True, *scope.period], API_ACTIONS_FIELDS)


API_MEASURES = f"""
WITH page AS (
  SELECT m.id FROM measures_measure m
  WHERE {visible("m.id")} ORDER BY m.id LIMIT {PAGE}
),
vals AS (
  SELECT o.measure_id, o.value,
         ROW_NUMBER() OVER (PARTITION BY o.measure_id ORDER BY o.version DESC) AS rn
  FROM measures_observation o
  WHERE o.state = '{APPROVED}' AND o.period_kind = %s AND o.period_year = %s
    AND o.period_number = %s AND o.measure_id IN (SELECT id FROM page)
)
SELECT 'measure', m.id, m.organisation_id, m.code, m.national_id, m.title, m.definition,
       m.unit, m.rate_per, m.decimals, m.polarity, m.frequency, m.aggregation, m.data_source,
       v.value, NULL
FROM measures_measure m JOIN page ON page.id = m.id
LEFT JOIN vals v ON v.measure_id = m.id AND v.rn = 1
UNION ALL
SELECT 'target', t.measure_id, t.id, t.period_kind, NULL, NULL, NULL, NULL, t.period_year,
       t.period_number, NULL, NULL, NULL, NULL, t.value, t.tolerance
FROM measures_target t WHERE t.measure_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.measure_id, x.action_id, 'action', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL
FROM measures_measure_actions x WHERE x.measure_id IN (SELECT id FROM page)
UNION ALL
SELECT 'link', x.measure_id, x.theme_id, 'theme', NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL
FROM measures_measure_themes x WHERE x.measure_id IN (SELECT id FROM page)
ORDER BY 1, 2, 3
"""  # noqa: S608 - built from constants; values are parameters
API_MEASURES_FIELDS = {
    "measure": [
        "id",
        "organisation_id",
        "code",
        "national_id",
        "title",
        "definition",
        "unit",
        "rate_per",
        "decimals",
        "polarity",
        "frequency",
        "aggregation",
        "data_source",
        "value",
    ],
    "target": [
        "measure_id",
        "id",
        "period_kind",
        "",
        "",
        "",
        "",
        "period_year",
        "period_number",
        "",
        "",
        "",
        "",
        "value",
        "tolerance",
    ],
    "link": ["measure_id", "id", "kind"],
}


def api_measures(scope: Scope) -> bytes:
    """The first page of published plans' measures with targets, links and the period's
    approved value."""
    return _grouped(API_MEASURES, [True, True, *scope.period], API_MEASURES_FIELDS)


FLOORS: dict[str, Callable[[Scope], bytes]] = {
    "plan overview": plan_overview,
    "dashboard": dashboard,
    "action": action,
    "measure": measure,
    "my updates": my_updates,
    "public plan": public_plan,
    "api actions": api_actions,
    "api measures": api_measures,
    "api observations": api_observations,
    "api updates": api_updates,
    "api themes": api_themes,
    "api plans": api_plans,
}


def council_scope(slug: str = "synthetic-001") -> Scope:
    """The scope for a generated council: its plan, first action and measure, first officer,
    and its latest quarter."""
    from councilplan.measures.models import Measure
    from councilplan.monitoring.models import ReportingPeriod
    from councilplan.plans.models import Action, Officer, Plan

    plan = Plan.objects.get(organisation__slug=slug, slug="council-plan")
    latest = ReportingPeriod.objects.filter(organisation=plan.organisation_id).order_by(
        "-period_year", "-period_number"
    )[0]
    officer = Officer.objects.get(user__username=f"{slug}-officer-01")
    return Scope(
        plan_id=plan.pk,
        action_id=Action.objects.filter(plan=plan).order_by("order", "id")[0].pk,
        measure_id=Measure.objects.filter(organisation=plan.organisation_id).order_by("id")[0].pk,
        officer_user_id=officer.user_id or 0,
        period_kind=latest.period_kind,
        period_year=latest.period_year,
        period_number=latest.period_number,
    )


def median_ms(floor: Callable[[Scope], bytes], scope: Scope, runs: int = RUNS) -> float:
    """The median time of ``runs`` calls of ``floor``, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        floor(scope)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print each floor's median time and size for council synthetic-001."""
    from scratch import scratch_database

    where = scratch_database()
    scope = council_scope()
    print(f"Floors on {where}, {scope}, median of {RUNS} runs")
    print(f"{'floor':<18} {'ms':>8} {'bytes':>9}")
    for name, floor in FLOORS.items():
        size = len(floor(scope))
        print(f"{name:<18} {median_ms(floor, scope):>8.2f} {size:>9,}")


if __name__ == "__main__":
    main()
