"""SQL queries per page must not grow with data size.

Every main page and API list is asked for three times, with the generator's councils:

1. council 1 (4 actions, 8 measures, 2 years) on an installation holding only it;
2. the same council 1 once councils 2 and 3 (three times larger, 3 years) have been added;
3. council 3, three times larger with a year more, on that installation.

(1) and (2) must cost the same: one council's pages do not depend on how many councils there
are. (1) and (3) must cost the same: a larger council, or a longer plan, costs no more queries.
Each page is asked for once before it is counted, so one-off lookups do not count. The data is
made once for the module and rolled back at its end; the tests only compare the counts.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councilplan.accounts.models import User
from councilplan.accounts.tokens import create_token
from councilplan.domain.periods import Period
from councilplan.generator.generate import Shape, council_slug, generate
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Organisation, Plan

# The tests only compare numbers, but pytest-django sets up the test database only for a module
# whose tests ask for it.
pytestmark = pytest.mark.django_db

SMALL = Shape(actions=4, measures=8, officers=3)
LARGE = Shape(actions=12, measures=24, officers=3)
SIZES = ("small installation", "council 1 among 3", "council 3, 3x larger")


@dataclass(frozen=True)
class Council:
    """The objects of one generated council that the pages show."""

    organisation: Organisation
    plan: Plan
    action: Action
    measure: Measure
    officer: User
    performance: User


def council(number: int) -> Council:
    """Council ``number``'s plan, first action with measures, first (monthly) measure, the
    officer leading that action and the performance team's user."""
    organisation = Organisation.objects.get(slug=council_slug(number))
    plan = Plan.objects.get(organisation=organisation, slug="council-plan")
    action = Action.objects.filter(plan=plan, measures__isnull=False).order_by("order").first()
    assert action is not None
    officer = action.lead_officers.get().user
    assert officer is not None
    return Council(
        organisation=organisation,
        plan=plan,
        action=action,
        measure=Measure.objects.get(organisation=organisation, code="PI001"),
        officer=officer,
        performance=User.objects.get(username=f"{organisation.slug}-performance"),
    )


def dashboard_timeline(c: Council) -> str:
    """The timeline of ``c``'s dashboard for the first quarter of its plan's last year."""
    return reverse(
        "staff:dashboard-timeline", args=[c.plan.pk, Period.quarter(c.plan.last_year, 1)]
    )


def public_action(c: Council) -> str:
    """The public page of ``c``'s action."""
    return f"/plans/{c.organisation.slug}/{c.plan.slug}/actions/{c.action.pk}/"


# (name, the page's address for a council, who asks: a user of the council, a token or nobody)
PAGES: list[tuple[str, Callable[[Council], str], str | None]] = [
    ("staff plan overview", lambda c: f"/staff/plans/{c.plan.pk}/", "performance"),
    ("staff dashboard", lambda c: f"/staff/plans/{c.plan.pk}/dashboard/", "performance"),
    ("staff dashboard timeline", dashboard_timeline, "performance"),
    ("staff action", lambda c: f"/staff/actions/{c.action.pk}/", "performance"),
    ("staff measure", lambda c: f"/staff/measures/{c.measure.pk}/", "performance"),
    ("my updates", lambda c: "/staff/", "officer"),
    ("approvals", lambda c: "/staff/approvals/", "performance"),
    ("public plan", lambda c: f"/plans/{c.organisation.slug}/{c.plan.slug}/", None),
    ("public action", public_action, None),
    ("public measure", lambda c: f"/measures/{c.measure.pk}/", None),
    ("api organisations", lambda c: "/api/v1/organisations", None),
    ("api plans", lambda c: "/api/v1/plans", None),
    ("api plans ?organisation", lambda c: f"/api/v1/plans?organisation={c.organisation.pk}", None),
    ("api themes", lambda c: "/api/v1/themes", None),
    ("api themes ?plan", lambda c: f"/api/v1/themes?plan={c.plan.pk}", None),
    ("api actions", lambda c: "/api/v1/actions", None),
    ("api actions ?plan", lambda c: f"/api/v1/actions?plan={c.plan.pk}", None),
    ("api actions ?plan, token", lambda c: f"/api/v1/actions?plan={c.plan.pk}", "token"),
    ("api measures", lambda c: "/api/v1/measures", None),
    ("api measures ?plan", lambda c: f"/api/v1/measures?plan={c.plan.pk}", None),
    (
        "api measures ?organisation",
        lambda c: f"/api/v1/measures?organisation={c.organisation.pk}",
        None,
    ),
    (
        "api measures ?organisation, token",
        lambda c: f"/api/v1/measures?organisation={c.organisation.pk}",
        "token",
    ),
    ("api observations", lambda c: "/api/v1/observations", None),
    ("api observations ?measure", lambda c: f"/api/v1/observations?measure={c.measure.pk}", None),
    ("api updates", lambda c: "/api/v1/updates", None),
    ("api updates ?plan", lambda c: f"/api/v1/updates?plan={c.plan.pk}", None),
    ("api updates ?plan, token", lambda c: f"/api/v1/updates?plan={c.plan.pk}", "token"),
    ("api reporting periods", lambda c: "/api/v1/reporting-periods", None),
    (
        "api reporting periods ?organisation",
        lambda c: f"/api/v1/reporting-periods?organisation={c.organisation.pk}",
        None,
    ),
]
NAMES = [name for name, _, _ in PAGES]


@dataclass(frozen=True)
class Cost:
    """One page's response status and the SQL it ran."""

    url: str
    status: int
    queries: list[str]
    items: int | None  # how many items an API list returned


def client_for(who: str | None, c: Council) -> Client:
    """A test client signed in as ``c``'s user ``who``, holding its API token, or anonymous."""
    if who == "token":
        key = create_token(user=c.performance, name="query counts")[1]
        return Client(headers={"Authorization": f"Bearer {key}"})
    client = Client()
    if who is not None:
        client.force_login(getattr(c, who))
    return client


def costs(c: Council) -> dict[str, Cost]:
    """Every page of ``PAGES`` for council ``c``: asked for once, then counted with the cache
    of published pages emptied, so the count is of the work, not of a kept page."""
    clients = {who: client_for(who, c) for who in {who for _, _, who in PAGES}}
    result = {}
    for name, address, who in PAGES:
        url = address(c)
        clients[who].get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = clients[who].get(url)
        queries = [q["sql"] for q in captured.captured_queries]
        items = len(response.json()["items"]) if url.startswith("/api/") else None
        result[name] = Cost(url, response.status_code, queries, items)
    return result


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker) -> dict[str, tuple[Cost, Cost, Cost]]:
    """The costs of every page at the three sizes of ``SIZES``; the data is then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        generate(councils=1, years=2, shape=SMALL)
        small = costs(council(1))
        generate(councils=3, years=3, shape=LARGE)  # adds councils 2 and 3
        among_three, larger = costs(council(1)), costs(council(3))
        transaction.set_rollback(True)
    return {name: (small[name], among_three[name], larger[name]) for name in NAMES}


def shape_of(sql: str) -> str:
    """A query with its values blanked, so the same query for other rows counts as one."""
    sql = re.sub(r"'[^']*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\(\?(, \?)*\)", "(...)", sql)


def brief(sql: str) -> str:
    """A query without its column list, which says nothing about why it repeats."""
    return re.sub(r"^SELECT (DISTINCT )?.*? FROM ", r"SELECT \1... FROM ", sql, count=1)


def growth(before: Cost, after: Cost) -> str:
    """What ``after`` runs more often than ``before``: the queries that repeat with the data."""
    more = Counter(map(shape_of, after.queries))
    more.subtract(Counter(map(shape_of, before.queries)))
    lines = [f"{n:+d} x {brief(sql)}" for sql, n in more.most_common() if n]
    return (
        f"{before.url}: {len(before.queries)} queries; {after.url}: {len(after.queries)}\n"
        + "\n".join(lines)
    )


def test_every_page_is_measured_and_shows(measured):
    statuses = {
        name: [cost.status for cost in sizes]
        for name, sizes in measured.items()
        if any(cost.status != 200 for cost in sizes)
    }

    assert statuses == {}
    assert all(cost.queries for sizes in measured.values() for cost in sizes)


def test_the_larger_councils_pages_show_three_times_as_much(measured):
    """The counts compare pages that show more rows, not the same few rows again."""
    lists = ["api actions ?plan", "api measures ?organisation"]

    shown = {name: (measured[name][0].items, measured[name][2].items) for name in lists}

    assert shown == {
        "api actions ?plan": (SMALL.actions, LARGE.actions),
        "api measures ?organisation": (SMALL.measures, LARGE.measures),
    }
    assert LARGE.actions == 3 * SMALL.actions
    assert LARGE.measures == 3 * SMALL.measures


@pytest.mark.parametrize("name", NAMES)
def test_a_councils_page_costs_the_same_however_many_councils_there_are(measured, name):
    small, among_three, _ = measured[name]
    # Never more; one fewer where the installation's latest quarter (the API's default) is
    # one council 1 has no reporting period for, so there are no updates to read.
    assert len(among_three.queries) <= len(small.queries), growth(small, among_three)
    assert len(among_three.queries) >= len(small.queries) - 1, growth(small, among_three)


@pytest.mark.parametrize("name", NAMES)
def test_a_page_costs_the_same_for_a_council_three_times_larger(measured, name):
    small, _, larger = measured[name]

    assert len(larger.queries) == len(small.queries), growth(small, larger)
