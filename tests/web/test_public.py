"""The public progress site: published plans only, approved updates and values only, the real
Derby plan and results on every page, downloads of what is shown, and constant queries."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councilplan.core.models import ReviewState
from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.measures.models import ComparatorValue, Measure
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Plan
from tests.conftest import REPO
from tests.council import Q1
from tests.factories import (
    ActionFactory,
    MeasureFactory,
    MilestoneFactory,
    ObservationFactory,
    PlanFactory,
    ReportingPeriodFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
EXAMPLES = REPO / "examples"
Q1_FIELDS = {"period_kind": Q1.kind, "period_year": Q1.year, "period_number": Q1.number}
DERBY = ("derby-city-council", "council-delivery-plan-2019-20")


@pytest.fixture
def derby() -> Plan:
    for name in (
        "1-derby-council-delivery-plan-2019-20.json",
        "2-derby-annual-performance-results-2020-21.json",
    ):
        apply_document(read_file(EXAMPLES / name))
    return Plan.objects.get(slug=DERBY[1])


def public_plan(organisation: str, plan: str) -> str:
    return reverse("public-plan", args=[organisation, plan])


def test_home_links_each_published_plan_to_its_page(client: Client, derby: Plan) -> None:
    page = client.get("/").content.decode()
    assert f'href="{public_plan(*DERBY)}"' in page


def test_public_plan_shows_real_actions_with_approved_status_and_measures(
    client: Client, derby: Plan
) -> None:
    response = client.get(public_plan(*DERBY))
    page = response.content.decode()
    assert response.status_code == 200
    assert "A city with big ambitions" in page
    assert "Refresh the Strategic Partnership arrangements in Derby" in page
    assert "Progress as approved for 2020/21 Q4" in page
    assert "Investment generated in Derby as a result of Council interventions" in page
    assert "Accessibility statement" in page


def test_public_action_page_shows_its_approved_updates(client: Client, derby: Plan) -> None:
    update = ActionUpdate.objects.filter(action__plan=derby, state=ReviewState.APPROVED).first()
    assert update is not None
    url = reverse("public-action", args=[*DERBY, update.action_id])
    page = client.get(url).content.decode()
    assert update.reporting_period.period.label in page
    assert "Accountable officer" in page


def test_public_measure_page_draws_values_against_target_and_comparator(
    client: Client, derby: Plan
) -> None:
    measure = Measure.objects.filter(themes__plan=derby, observations__isnull=False).first()
    assert measure is not None
    TargetFactory(measure=measure, period_year=2020, value=1200)
    ComparatorValue.objects.create(
        measure=measure, kind="national", period_kind="year", period_year=2020, value=999
    )
    page = client.get(reverse("public-measure", args=[measure.pk])).content.decode()
    assert "<svg" in page
    assert "<title" in page
    assert "<desc" in page
    assert measure.get_polarity_display() in page
    assert "England / national" in page
    assert "target" in page


def test_public_measure_page_draws_quarters_and_years_apart_with_the_year_to_date(
    client: Client, derby: Plan
) -> None:
    measure = MeasureFactory(
        organisation=derby.organisation,
        title="Homes delivered",
        frequency="quarterly",
        aggregation="sum",
    )
    measure.themes.add(derby.themes.first())
    for number, value in ((1, 90), (2, 110)):
        ObservationFactory(
            measure=measure, period_kind="quarter", period_number=number, value=value
        )
    TargetFactory(measure=measure, period_year=2020, value=400)
    page = client.get(reverse("public-measure", args=[measure.pk])).content.decode()
    quarterly, years = page.split('<h3 class="govuk-heading-s">')[1:3]
    assert quarterly.startswith("Quarterly values")
    assert "Year to date" in quarterly
    assert "200 in the year to 2020/21 Q2 against 200 profiled (400 for 2020/21)" in quarterly
    assert "2020/21 Q2: 110, year to date 200, target to date 200" in quarterly
    assert ">2020/21</th>" not in quarterly
    assert years.startswith("Years")
    assert ">2020/21</th>" in years
    assert "Q2" not in years.split("</table>")[0]


def test_draft_plan_pages_and_actions_are_not_found(client: Client, derby: Plan) -> None:
    draft = PlanFactory(organisation=derby.organisation, slug="draft-plan", status="draft")
    action = ActionFactory(plan=draft, title="A secret draft action")
    assert client.get(public_plan(DERBY[0], "draft-plan")).status_code == 404
    url = reverse("public-action", args=[DERBY[0], "draft-plan", action.pk])
    assert client.get(url).status_code == 404
    assert "A secret draft action" not in client.get("/").content.decode()


def test_approved_but_unpublished_plan_is_not_found(client: Client, derby: Plan) -> None:
    Plan.objects.filter(pk=derby.pk).update(is_published=False)
    assert client.get(public_plan(*DERBY)).status_code == 404
    assert client.get(public_plan(*DERBY).rstrip("/") + ".json").status_code == 404


def test_action_of_another_plan_is_not_found_under_this_plan(client: Client, derby: Plan) -> None:
    other = ActionFactory(plan=PlanFactory(status="approved", is_published=True))
    assert client.get(reverse("public-action", args=[*DERBY, other.pk])).status_code == 404


def test_measure_of_no_published_plan_is_not_found(client: Client, derby: Plan) -> None:
    loose = MeasureFactory(organisation=derby.organisation, title="Unlinked")
    draft_linked = MeasureFactory(organisation=derby.organisation)
    draft_linked.actions.set([ActionFactory(plan=PlanFactory(status="draft"))])
    for measure in (loose, draft_linked):
        assert client.get(reverse("public-measure", args=[measure.pk])).status_code == 404


def submitted_update(action: Action, commentary: str, period=Q1) -> ActionUpdate:
    rp = ReportingPeriodFactory(organisation=action.plan.organisation, period=period)
    return ActionUpdate.objects.create(
        action=action,
        reporting_period=rp,
        status="red",
        progress_rating="major_slippage",
        commentary=commentary,
        state=ReviewState.SUBMITTED,
    )


def test_submitted_but_unapproved_commentary_never_appears(client: Client, derby: Plan) -> None:
    action = Action.objects.filter(plan=derby, parent=None).first()
    assert action is not None
    submitted_update(action, "UNAPPROVED WORDS")
    pages = [
        client.get(public_plan(*DERBY)),
        client.get(reverse("public-action", args=[*DERBY, action.pk])),
        client.get(reverse("public-plan-csv", args=DERBY)),
        client.get(reverse("public-plan-json", args=DERBY)),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "UNAPPROVED WORDS" not in response.content.decode()


def test_unapproved_measure_value_never_appears(client: Client, derby: Plan) -> None:
    measure = Measure.objects.filter(themes__plan=derby).first()
    assert measure is not None
    ObservationFactory(
        measure=measure, period_year=2021, value=987654, state="submitted", approved_at=None
    )
    for url in (public_plan(*DERBY), reverse("public-measure", args=[measure.pk])):
        page = client.get(url).content.decode()
        assert "987654" not in page
        assert "987,654" not in page


def test_json_download_holds_what_the_page_shows(client: Client, derby: Plan) -> None:
    data = json.loads(client.get(reverse("public-plan-json", args=DERBY)).content)
    assert data["plan"] == "Council Delivery Plan 2019/20"
    assert data["status_period"] == "2020/21 Q4"
    assert len(data["actions"]) == Action.objects.filter(plan=derby, parent=None).count()
    assert data["actions"][0]["url"].startswith("http://testserver/plans/derby-city-council/")
    assert data["measures"]


def test_csv_download_has_a_row_per_action_and_measure(client: Client, derby: Plan) -> None:
    response = client.get(reverse("public-plan-csv", args=DERBY))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert {r["type"] for r in rows} == {"action", "measure"}
    actions = Action.objects.filter(plan=derby, parent=None).count()
    assert sum(r["type"] == "action" for r in rows) == actions


def test_accessibility_statement_names_the_regulations_and_enforcement(client: Client) -> None:
    page = client.get(reverse("accessibility")).content.decode()
    assert "Public Sector Bodies (Websites and Mobile Applications)" in page
    assert "Equality and Human Rights Commission" in page
    assert "Compliance status" in page


def add_approved_actions(plan: Plan, count: int) -> None:
    """``count`` more actions under the plan's first theme, each with an approved Q1 update and
    a milestone."""
    rp, _ = ReportingPeriod.objects.get_or_create(organisation=plan.organisation, **Q1_FIELDS)
    theme = plan.themes.first()
    for _ in range(count):
        action = ActionFactory(plan=plan, expected_completion="2030")
        action.themes.set([theme])
        MilestoneFactory(action=action, due="March 2021")
        ActionUpdate.objects.create(
            action=action,
            reporting_period=rp,
            status="green",
            commentary="Fine.",
            state=ReviewState.APPROVED,
            approved_at=timezone.now(),
        )


def queries(client: Client, url: str) -> int:
    """Queries to work the page out (the cache of published pages emptied first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_public_plan_page_queries_do_not_grow_with_actions(client: Client) -> None:
    plan = PlanFactory(status="approved", is_published=True)
    plan.themes.create(title="Only theme")
    measure = MeasureFactory(organisation=plan.organisation)
    measure.themes.set([plan.themes.first()])
    add_approved_actions(plan, 2)
    url = public_plan(plan.organisation.slug, plan.slug)
    few = queries(client, url)
    add_approved_actions(plan, 20)
    assert queries(client, url) == few
