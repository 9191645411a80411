"""The plan register holds what the documents show, and the database refuses bad data."""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import IntegrityError, transaction

from councilplan.domain.fuzzy_dates import Precision
from councilplan.plans.models import Action, Milestone, Plan, PlanStatus, Theme
from councilplan.plans.selectors import theme_tree
from tests.factories import (
    ActionFactory,
    DepartmentFactory,
    OfficerFactory,
    OrganisationFactory,
    PlanFactory,
    PortfolioFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_plan_with_themes_actions_owners_and_fuzzy_timescale_reads_back() -> None:
    org = OrganisationFactory(name="Derby City Council", slug="derby")
    plan = PlanFactory(
        organisation=org, title="Council Delivery Plan 2019/20", first_year=2019, last_year=2019
    )
    theme = ThemeFactory(plan=plan, title="A city with big ambitions")
    focus = ThemeFactory(plan=plan, parent=theme, title="Economy", kind="focus_area")
    portfolios = [
        PortfolioFactory(organisation=org, name=n)
        for n in ("Strategy & Policy", "Regen, Planning, Transport")
    ]
    departments = [DepartmentFactory(organisation=org, name=n) for n in ("ETE", "CCP")]
    officer = OfficerFactory(organisation=org, name="Greg Jennings")
    action = Action.objects.create(
        plan=plan,
        reference="1.2",
        title="Ensure effective integration with the wider economic partnerships",
        expected_completion="Ongoing through to March 2022",
        funding_category="A",
        other_links=["D2N2 LEP"],
    )
    action.themes.set([focus])
    action.portfolios.set(portfolios)
    action.departments.set(departments)
    action.lead_officers.set([officer])
    Milestone.objects.create(
        action=action, title="Secure planning consent", due="September 2019", order=1
    )

    read = Action.objects.get(pk=action.pk)
    assert read.expected_completion.text == "Ongoing through to March 2022"
    assert read.expected_completion.end == dt.date(2022, 3, 31)
    assert {p.name for p in read.portfolios.all()} == {
        "Strategy & Policy",
        "Regen, Planning, Transport",
    }
    assert {d.name for d in read.departments.all()} == {"ETE", "CCP"}
    assert [t.title for t in read.themes.all()] == ["Economy"]
    assert read.lead_officers.get().name == "Greg Jennings"
    assert read.other_links == ["D2N2 LEP"]
    milestone = read.milestones.get()
    assert milestone.due.precision == Precision.MONTH
    assert (milestone.due.start, milestone.due.end) == (dt.date(2019, 9, 1), dt.date(2019, 9, 30))
    assert [(t.title, depth) for t, depth in theme_tree(plan)] == [
        ("A city with big ambitions", 0),
        ("Economy", 1),
    ]


def test_unparseable_timescale_is_kept_as_written() -> None:
    action = ActionFactory(expected_completion="Tbc")
    read = Action.objects.get(pk=action.pk)
    assert read.expected_completion.text == "Tbc"
    assert read.expected_completion.start is None


def test_sub_actions_and_carried_forward_actions_share_lineage_when_told() -> None:
    old = ActionFactory(title="Reviewed and transformed key services")
    sub = ActionFactory(plan=old.plan, parent=old, title="- Highways review")
    refresh = PlanFactory(organisation=old.plan.organisation, predecessor=old.plan)
    carried = ActionFactory(plan=refresh, carried_forward_from=old, lineage=old.lineage)
    assert list(old.sub_actions.all()) == [sub]
    assert Action.objects.filter(lineage=old.lineage).count() == 2
    assert carried.carried_forward_from == old


def test_published_plans_exclude_drafts() -> None:
    draft = PlanFactory(status=PlanStatus.DRAFT)
    published = PlanFactory(
        status=PlanStatus.APPROVED, approved_on=dt.date(2019, 7, 1), is_published=True
    )
    unpublished = PlanFactory(status=PlanStatus.APPROVED, approved_on=dt.date(2019, 7, 1))
    assert list(Plan.objects.published()) == [published]
    assert draft not in Plan.objects.published()
    assert unpublished not in Plan.objects.published()


@pytest.mark.parametrize(
    "make_duplicate",
    [
        pytest.param(
            lambda a: ActionFactory(plan=a.plan, reference=a.reference), id="action reference"
        ),
        pytest.param(
            lambda a: PlanFactory(organisation=a.plan.organisation, slug=a.plan.slug),
            id="plan slug",
        ),
        pytest.param(lambda a: ThemeFactory(plan=a.plan, title="Same"), id="top-level theme"),
        pytest.param(
            lambda a: PortfolioFactory(organisation=a.plan.organisation, name="P"), id="portfolio"
        ),
        pytest.param(
            lambda a: OfficerFactory(organisation=a.plan.organisation, name="O"), id="officer"
        ),
    ],
)
def test_duplicates_are_refused_by_the_database(make_duplicate) -> None:
    action = ActionFactory(reference="1.1")
    ThemeFactory(plan=action.plan, title="Same")
    PortfolioFactory(organisation=action.plan.organisation, name="P")
    OfficerFactory(organisation=action.plan.organisation, name="O")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_duplicate(action)


def test_theme_titles_may_repeat_under_different_parents() -> None:
    plan = PlanFactory()
    a, b = ThemeFactory(plan=plan, title="A"), ThemeFactory(plan=plan, title="B")
    ThemeFactory(plan=plan, parent=a, title="All")
    ThemeFactory(plan=plan, parent=b, title="All")
    assert Theme.objects.filter(title="All").count() == 2


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"last_year": 2018}, "plan_years_in_order"),
        ({"status": PlanStatus.DRAFT, "is_published": True}, "plan_draft_not_published"),
    ],
)
def test_plan_checks_refuse_inconsistent_plans(change, constraint) -> None:
    plan = PlanFactory(first_year=2019, last_year=2022)
    Plan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.APPROVED, approved_on=dt.date(2019, 1, 1)
    )
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(**change)


@pytest.mark.django_db(transaction=True)
def test_dangling_references_are_refused_at_commit() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(plan_id=987654, title="Orphan")
    assert not Action.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Milestone.objects.create(action_id=987654, title="Orphan")
    assert not Milestone.objects.exists()


def test_action_and_milestone_read_their_timescales_against_the_plan_when_cleaned() -> None:
    plan = PlanFactory(first_year=2024, last_year=2026)
    action = Action(plan=plan, title="Open the new library", expected_completion="Year 2")
    action.start = "Within 6 months"  # type: ignore[assignment]
    action.full_clean(validate_unique=False, validate_constraints=False)

    assert (action.expected_completion.start, action.expected_completion.end) == (
        dt.date(2025, 4, 1),
        dt.date(2026, 3, 31),
    )
    assert action.start.end == dt.date(2024, 9, 30)
    action.save()
    milestone = Milestone(action=action, title="Design agreed", due="End of year 1")
    milestone.full_clean()
    assert milestone.due.end == dt.date(2025, 3, 31)


def test_plan_reads_its_timescales_from_its_first_to_its_last_day() -> None:
    plan = PlanFactory(first_year=2024, last_year=2026)

    assert plan.read_timescale("Year 3").end == dt.date(2027, 3, 31)
    assert plan.read_timescale("Ongoing through the plan period").end == dt.date(2027, 3, 31)
    assert plan.read_timescale("").precision == Precision.UNKNOWN


def test_upgrading_dates_every_recorded_stage_from_the_day_of_the_upgrade() -> None:
    """Stages recorded before ``stage_since`` existed are known from the upgrade: a past
    period's report must not change to a stage that may have been set after it."""
    upgrade = importlib.import_module("councilplan.plans.migrations.0003_action_stage_since")
    staged = ActionFactory(stage="completed")
    plain = ActionFactory(stage="")
    with time_machine.travel(dt.date(2026, 12, 6), tick=False):
        upgrade.stages_known_from_today(django_apps, None)
    staged.refresh_from_db()
    plain.refresh_from_db()
    assert (staged.stage_since, plain.stage_since) == (dt.date(2026, 12, 6), None)
