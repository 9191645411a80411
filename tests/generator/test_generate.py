"""`councilplan generate-data`: made-up councils of the right size, the same for the same seed,
added to rather than remade, half-reviewed in their last quarter, and usable by people."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client

from councilplan.accounts.models import Membership, Role, User
from councilplan.core.models import ReviewState
from councilplan.generator import vocabulary as words
from councilplan.generator.generate import PASSWORD, Counts, Shape, council_slug, generate
from councilplan.measures.models import Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Milestone, Officer, Organisation, Plan, Theme

pytestmark = pytest.mark.django_db

SMALL = Shape(actions=4, measures=8, officers=3)
YEARS = 2
FIRST_YEAR = 2016
MONTHLY = int(SMALL.measures * SMALL.monthly_share)


def make(councils: int = 1, seed: int = 1, **options: Any) -> Counts:
    """Generate small councils, two years each from 2016/17."""
    return generate(
        councils=councils, years=YEARS, first_year=FIRST_YEAR, seed=seed, shape=SMALL, **options
    )


def dump(number: int) -> dict[str, list[tuple[Any, ...]]]:
    """Everything generated for council ``number`` by natural keys, so two runs compare."""
    org = Organisation.objects.get(slug=council_slug(number))
    return {
        "officers": sorted(
            Officer.objects.filter(organisation=org).values_list("name", "user__username")
        ),
        "actions": sorted(
            Action.objects.filter(plan__organisation=org).values_list(
                "reference", "title", "start", "expected_completion"
            )
        ),
        "milestones": sorted(
            Milestone.objects.filter(action__plan__organisation=org).values_list(
                "action__reference", "order", "title", "due", "completed_on"
            )
        ),
        "measures": sorted(
            Measure.objects.filter(organisation=org).values_list(
                "code", "title", "national_id", "frequency", "owner__name"
            )
        ),
        "observations": sorted(
            Observation.objects.filter(measure__organisation=org).values_list(
                "measure__code", "period_kind", "period_year", "period_number", "value", "state"
            )
        ),
        "updates": sorted(
            ActionUpdate.objects.filter(action__plan__organisation=org).values_list(
                "action__reference",
                "reporting_period__period_year",
                "reporting_period__period_number",
                "progress_rating",
                "percent_complete",
                "commentary",
                "state",
            )
        ),
    }


def made_alone(seed: int) -> dict[str, list[tuple[Any, ...]]]:
    """Council 1 as generated alone with ``seed``; the database is then put back as it was."""
    with transaction.atomic():
        make(councils=1, seed=seed)
        council = dump(1)
        transaction.set_rollback(True)
    return council


def test_a_council_has_the_rows_its_shape_asks_for():
    counts = make()

    org = Organisation.objects.get(slug="synthetic-001")
    quarterly = SMALL.measures - MONTHLY
    expected = {
        "actions": SMALL.actions,
        "milestones": SMALL.actions * SMALL.milestones_per_action,
        "measures": SMALL.measures,
        "targets": SMALL.measures * YEARS,
        "observations": MONTHLY * 12 * YEARS + quarterly * 4 * YEARS,
        "updates": SMALL.actions * 4 * YEARS,
        "reporting periods": 4 * YEARS,
    }
    found = {
        "actions": Action.objects.filter(plan__organisation=org).count(),
        "milestones": Milestone.objects.filter(action__plan__organisation=org).count(),
        "measures": Measure.objects.filter(organisation=org).count(),
        "targets": Target.objects.filter(measure__organisation=org).count(),
        "observations": Observation.objects.filter(measure__organisation=org).count(),
        "updates": ActionUpdate.objects.filter(action__plan__organisation=org).count(),
        "reporting periods": ReportingPeriod.objects.filter(organisation=org).count(),
    }
    assert found == expected
    assert {table: counts.rows[table] for table in expected} == expected
    assert Measure.objects.filter(organisation=org, frequency="monthly").count() == MONTHLY
    themes = len(words.THEMES) + sum(len(outcomes) for _, outcomes in words.THEMES)
    assert Theme.objects.filter(plan__organisation=org).count() == themes == counts.rows["themes"]
    assert Officer.objects.filter(organisation=org, user__isnull=False).count() == SMALL.officers
    assert counts.total == sum(counts.rows.values())


def test_the_same_seed_makes_the_same_council_alone_or_among_others():
    alone = made_alone(seed=1)

    make(councils=2)

    assert dump(1) == alone
    assert dump(2) != alone


def test_another_seed_makes_different_data():
    first = made_alone(seed=1)

    make(seed=2)

    other = dump(1)
    for table in ("actions", "measures", "observations", "updates"):
        assert other[table] != first[table], table


def test_a_larger_run_adds_the_missing_councils_and_leaves_the_others_alone():
    make(councils=1)
    before = dump(1)
    ids = set(Observation.objects.values_list("pk", flat=True))
    reported: list[int] = []

    # Another seed: had council 1 been made again, it would differ.
    counts = make(councils=2, seed=2, on_council=lambda number, _: reported.append(number))

    assert reported == [1, 2]
    assert counts.rows["actions"] == SMALL.actions
    assert counts.rows["observations"] == Observation.objects.count() - len(ids)
    assert dump(1) == before
    assert ids <= set(Observation.objects.values_list("pk", flat=True))
    assert sorted(Organisation.objects.values_list("slug", flat=True)) == [
        "synthetic-001",
        "synthetic-002",
    ]


def test_only_the_last_quarter_has_drafts_and_values_waiting_for_approval():
    make()

    last = {"period_year": FIRST_YEAR + YEARS - 1}
    last_months = Observation.objects.filter(
        **last, period_kind="month", period_number__gte=10
    ) | Observation.objects.filter(**last, period_kind="quarter", period_number=4)
    last_updates = ActionUpdate.objects.filter(
        reporting_period__period_year=FIRST_YEAR + YEARS - 1, reporting_period__period_number=4
    )
    states = set(last_months.values_list("state", flat=True)) | set(
        last_updates.values_list("state", flat=True)
    )
    assert {ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.APPROVED} <= states
    earlier = Observation.objects.exclude(pk__in=last_months.values("pk"))
    assert set(earlier.values_list("state", flat=True)) == {ReviewState.APPROVED}
    earlier_updates = ActionUpdate.objects.exclude(pk__in=last_updates.values("pk"))
    assert set(earlier_updates.values_list("state", flat=True)) == {ReviewState.APPROVED}
    assert earlier.filter(approved_at__isnull=True).count() == 0
    assert not last_updates.filter(state=ReviewState.DRAFT, submitted_at__isnull=False).exists()
    open_periods = ReportingPeriod.objects.filter(is_locked=False)
    assert list(open_periods.values_list("period_year", "period_number")) == [
        (FIRST_YEAR + YEARS - 1, 4)
    ]


@pytest.mark.parametrize(
    ("username", "role"),
    [
        ("synthetic-001-performance", Role.PERFORMANCE_TEAM),
        ("synthetic-001-officer-01", Role.ACCOUNTABLE_OFFICER),
    ],
)
def test_generated_people_sign_in_with_the_published_password(client: Client, username, role):
    make()

    user = User.objects.get(username=username)
    assert Membership.objects.get(user=user).role == role
    wrong = client.post("/sign-in/", {"username": username, "password": "wrong"})
    assert wrong.status_code == 200
    response = client.post("/sign-in/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_the_council_plan_is_published_and_its_public_page_shows():
    make()

    plan = Plan.objects.get(organisation__slug="synthetic-001", slug="council-plan")
    assert plan.is_published
    assert (plan.first_year, plan.last_year) == (FIRST_YEAR, FIRST_YEAR + YEARS - 1)
    response = Client().get("/plans/synthetic-001/council-plan/")
    assert response.status_code == 200
    assert plan.title in response.content.decode()


def test_the_command_generates_and_prints_the_rows_written():
    out = StringIO()

    call_command("generate-data", councils=1, years=1, actions=3, measures=4, stdout=out)

    text = out.getvalue()
    assert "actions: 3" in text
    assert "measures: 4" in text
    assert "updates: 12" in text
    assert "synthetic-001-performance" in text
    assert PASSWORD in text
    assert Action.objects.filter(plan__organisation__slug="synthetic-001").count() == 3


@pytest.mark.parametrize("option", ["councils", "years", "actions", "measures"])
def test_the_command_refuses_nothing_to_make(option):
    options = {"councils": 1, "years": 1, "actions": 3, "measures": 4, option: 0}

    with pytest.raises(CommandError, match="at least 1"):
        call_command("generate-data", stdout=StringIO(), **options)

    assert not Organisation.objects.filter(slug__startswith="synthetic-").exists()


@pytest.mark.parametrize(("councils", "years"), [(0, 1), (1, 0), (-1, 2)])
def test_generate_refuses_no_councils_or_no_years(councils, years):
    with pytest.raises(ValueError, match="at least one"):
        generate(councils=councils, years=years, shape=SMALL)

    assert not Organisation.objects.filter(slug__startswith="synthetic-").exists()
