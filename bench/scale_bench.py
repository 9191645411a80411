"""Server time of the main pages and API lists for council synthetic-001, however many councils
the database holds; queries per page; the SQL floor; report build times. Figures, not pass/fail.

Make the data first (see RESULTS.md), e.g.:
    DATABASE_URL=postgres://.../councilplan_317 councilplan generate-data --councils 317
then:
    DATABASE_URL=... .venv/bin/python bench/scale_bench.py --label "PostgreSQL, 317" --http
Runs with the production settings (DEBUG off). ``--http`` also serves the site with gunicorn
(2 workers, loopback) and reads each response's ``Server-Timing``; ``--reports`` times the
annual results report in each format; ``--json FILE`` keeps the figures for RESULTS.md.
"""

import argparse
import json
import math
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SLUG = "synthetic-001"


@dataclass(frozen=True)
class Target:
    """A page or API list to time: its name, address and who asks (None: anonymous)."""

    name: str
    url: str
    user: str | None
    uncached: bool = False  # empty the cache (kept pages and bodies) before each request


@dataclass
class Figures:
    """What was measured for one target, in milliseconds."""

    name: str
    queries: int = 0
    kilobytes: float = 0.0
    client_p50: float = 0.0
    client_p95: float = 0.0
    http_p50: float | None = None
    http_p95: float | None = None
    floor: float | None = None


def setup() -> None:
    """Django with the production settings on DATABASE_URL, plain HTTP on loopback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilplan.settings.production")
    os.environ.setdefault("DJANGO_SECRET_KEY", "scale-bench-only")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
    os.environ["COUNCILPLAN_SERVER_TIMING"] = "1"
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    if os.environ.get("COUNCILPLAN_BENCH_GC") != "default":
        from councilplan.runtime import settle_after_startup

        settle_after_startup()  # as councilplan.wsgi does in each gunicorn worker


def targets() -> tuple[list[Target], dict[str, Any]]:
    """The pages and lists of council synthetic-001, and the scope its floors need."""
    from django.urls import reverse

    from councilplan.measures.models import Measure
    from councilplan.monitoring.models import ReportingPeriod
    from councilplan.plans.models import Plan

    plan = Plan.objects.get(organisation__slug=SLUG, slug="council-plan")
    action = plan.actions.filter(parent=None).order_by("order", "pk").first()
    measure = Measure.objects.filter(organisation=plan.organisation).order_by("code").first()
    period = ReportingPeriod.objects.filter(organisation=plan.organisation).order_by(
        "-period_year", "-period_number"
    )[0]
    assert action is not None
    assert measure is not None
    performance, officer = f"{SLUG}-performance", f"{SLUG}-officer-01"
    timeline = reverse("staff:dashboard-timeline", args=[plan.pk, period.period])
    pages = [
        Target("plan overview", f"/staff/plans/{plan.pk}/", performance),
        Target("plan overview (worked out)", f"/staff/plans/{plan.pk}/", performance, True),
        Target("dashboard", f"/staff/plans/{plan.pk}/dashboard/", performance),
        Target("dashboard (worked out)", f"/staff/plans/{plan.pk}/dashboard/", performance, True),
        Target("dashboard timeline", timeline, performance),
        Target("dashboard timeline (worked out)", timeline, performance, True),
        Target("action", f"/staff/actions/{action.pk}/", performance),
        Target("measure", f"/staff/measures/{measure.pk}/", performance),
        Target("my updates", "/staff/", officer),
        Target("public plan", f"/plans/{SLUG}/council-plan/", None),
        Target("public plan (worked out)", f"/plans/{SLUG}/council-plan/", None, uncached=True),
    ]
    lists = [
        Target(f"api {name}", f"/api/v1/{name}?limit=100", None)
        for name in ("actions", "measures", "observations", "updates", "themes", "plans")
    ]
    from councilplan.accounts.models import User

    officer_user = User.objects.get(username=officer)
    scope = {
        "plan_id": plan.pk,
        "action_id": action.pk,
        "measure_id": measure.pk,
        "officer_user_id": officer_user.pk,
        "period_kind": period.period_kind,
        "period_year": period.period_year,
        "period_number": period.period_number,
    }
    return pages + lists, scope


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the value ``share`` of the runs are at or under."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def sessions(names: set[str | None]) -> dict[str | None, Any]:
    """A signed-in test client per user (an anonymous one for None)."""
    from django.test import Client

    from councilplan.accounts.models import User

    clients: dict[str | None, Any] = {}
    for name in names:
        client = Client()
        if name is not None:
            client.force_login(User.objects.get(username=name))
        clients[name] = client
    return clients


def time_client(chosen: list[Target], runs: int) -> dict[str, Figures]:
    """Each target's server time through Django's test client, interleaved, after a warm-up."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = sessions({t.user for t in chosen})
    figures: dict[str, Figures] = {t.name: Figures(t.name) for t in chosen}
    cache.clear()  # kept pages of an earlier run, perhaps of other code, must not be timed
    for target in chosen:  # warm-up, and the query count (of a kept page: a second visit)
        forget(target)
        clients[target.user].get(target.url)
        forget(target)
        with CaptureQueriesContext(connection) as queries:
            response = clients[target.user].get(target.url)
        assert response.status_code == 200, (target, response.status_code)
        figures[target.name].queries = len(queries)
        figures[target.name].kilobytes = len(response.content) / 1024
    times: dict[str, list[float]] = {t.name: [] for t in chosen}
    for _, target in rounds(chosen, runs):
        forget(target)
        started = time.perf_counter()
        clients[target.user].get(target.url)
        times[target.name].append((time.perf_counter() - started) * 1000)
    for name, values in times.items():
        figures[name].client_p50 = percentile(values, 0.5)
        figures[name].client_p95 = percentile(values, 0.95)
    return figures


def rounds(chosen: list[Target], runs: int) -> Iterator[tuple[int, Target]]:
    """``runs`` rounds of the kept targets, interleaved, then of the uncached ones: emptying the
    cache for one of those must not make the kept pages after it in a round miss."""
    for group in ([t for t in chosen if not t.uncached], [t for t in chosen if t.uncached]):
        for run in range(runs):
            for target in group:
                yield run, target


def forget(target: Target) -> None:
    """Empty the cache of published pages (shared with the server) for an uncached target."""
    if target.uncached:
        from django.core.cache import cache

        cache.clear()


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def time_http(chosen: list[Target], runs: int, figures: dict[str, Figures]) -> None:
    """Each target's ``Server-Timing`` under gunicorn with 2 workers, one request at a time."""
    from django.conf import settings

    cookies = {
        user: client.cookies[settings.SESSION_COOKIE_NAME].value if user else ""
        for user, client in sessions({t.user for t in chosen}).items()
    }
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "councilplan.cli", "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ.copy(),
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base)

        def server_time(target: Target) -> float:
            request = urllib.request.Request(base + target.url)  # noqa: S310 - loopback
            if target.user:
                request.add_header(
                    "Cookie", f"{settings.SESSION_COOKIE_NAME}={cookies[target.user]}"
                )
            with urllib.request.urlopen(request) as response:  # noqa: S310
                response.read()
                timing = response.headers["Server-Timing"]
            return float(timing.split("dur=")[1])

        for _ in range(3):  # both workers warm
            for target in chosen:
                server_time(target)
        times: dict[str, list[float]] = {t.name: [] for t in chosen}
        for _, target in rounds(chosen, runs):
            forget(target)
            times[target.name].append(server_time(target))
        for name, values in times.items():
            figures[name].http_p50 = percentile(values, 0.5)
            figures[name].http_p95 = percentile(values, 0.95)
    finally:
        server.terminate()
        server.wait(timeout=30)


def wait_for(base: str) -> None:
    """Wait until the server answers (gunicorn takes a second or two to start)."""
    for _ in range(100):
        try:
            with urllib.request.urlopen(base + "/accessibility/"):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The server at {base} did not start.")


def time_floors(scope: dict[str, Any], runs: int, figures: dict[str, Figures]) -> None:
    """The floor of each target: one hand-written query, serialised with json (median)."""
    from floor import FLOORS, Scope, median_ms

    for name, figure in figures.items():
        floor = FLOORS.get(name.split(" (")[0])
        if floor is not None:
            floor(Scope(**scope))  # warm-up
            figure.floor = median_ms(floor, Scope(**scope), runs)


def time_reports() -> dict[str, float]:
    """Seconds to build council synthetic-001's annual results and render each format."""
    from councilplan.monitoring.models import ReportingPeriod
    from councilplan.plans.models import Plan
    from councilplan.reports.builders import build_report, report_scope
    from councilplan.reports.renderers import FORMATS

    plan = Plan.objects.get(organisation__slug=SLUG, slug="council-plan")
    last = ReportingPeriod.objects.filter(organisation=plan.organisation).order_by(
        "-period_year", "-period_number"
    )[0]
    from councilplan.domain.periods import Period

    year = Period.financial_year(last.period_year - 1)
    seconds: dict[str, float] = {}
    for name, chosen in FORMATS.items():
        started = time.perf_counter()
        report = build_report("annual-results", report_scope(plan), year, today=date.today())
        chosen.render(report)
        seconds[name] = time.perf_counter() - started
    return seconds


def print_table(label: str, figures: dict[str, Figures]) -> None:
    """The figures as a Markdown table."""
    print(f"\n### {label}\n")
    print(
        "| target | queries | KB | client p50 | client p95 | HTTP p50 | HTTP p95 | floor "
        "| p95/floor |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in figures.values():
        http = (f"{f.http_p50:.1f} | {f.http_p95:.1f}") if f.http_p95 is not None else "- | -"
        floor = f"{f.floor:.1f}" if f.floor is not None else "-"
        worst = f.http_p95 if f.http_p95 is not None else f.client_p95
        ratio = f"{worst / f.floor:.1f}x" if f.floor else "-"
        print(
            f"| {f.name} | {f.queries} | {f.kilobytes:.0f} | {f.client_p50:.1f} | "
            f"{f.client_p95:.1f} | {http} | {floor} | {ratio} |"
        )


def main() -> None:
    """Time every target for council synthetic-001 on the database DATABASE_URL names."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default=os.environ.get("DATABASE_URL", "sqlite"))
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--http", action="store_true", help="Also time over gunicorn.")
    parser.add_argument("--reports", action="store_true", help="Time the annual report.")
    parser.add_argument("--only", help="Comma-separated names of the targets to time.")
    parser.add_argument("--no-floor", action="store_true", help="Skip the SQL floors.")
    parser.add_argument("--json", type=Path, help="Write the figures to this file too.")
    args = parser.parse_args()
    setup()
    from councilplan.plans.models import Organisation

    councils = Organisation.objects.count()
    chosen, scope = targets()
    if args.only:
        chosen = [t for t in chosen if t.name in args.only.split(",")]
    figures = time_client(chosen, args.runs)
    if args.http:
        time_http(chosen, args.runs, figures)
    if not args.no_floor:
        time_floors(scope, 20, figures)
    label = f"{args.label}: {councils} councils, {args.runs} runs"
    print_table(label, figures)
    reports = time_reports() if args.reports else {}
    if reports:
        print("\nannual results, build and render, seconds: ")
        print(", ".join(f"{name} {s:.2f}" for name, s in reports.items()))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "label": label,
                    "councils": councils,
                    "targets": [asdict(f) for f in figures.values()],
                    "reports": reports,
                },
                indent=1,
            )
        )


if __name__ == "__main__":
    main()
