"""Reads: published data for anyone, drafts never; pages, filters, statuses and ETags."""

import datetime as dt

import pytest
import time_machine

from tests.api.conftest import Api, ApiCouncil
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_anonymous_lists_only_published_plans(api: Api, api_council: ApiCouncil) -> None:
    assert ids(api.get("plans")) == [api_council.plan.pk]
    assert api.get(f"plans/{api_council.draft_plan.pk}").status_code == 404


def test_organisations_and_themes_of_published_plans(api: Api, api_council: ApiCouncil) -> None:
    assert ids(api.get("organisations")) == [api_council.plan.organisation_id]
    assert ids(api.get(f"themes?plan={api_council.plan.pk}")) == [api_council.theme.pk]
    assert api.get(f"themes/{api_council.theme.pk}").json()["title"] == api_council.theme.title


def test_anonymous_actions_exclude_draft_plans(api: Api, api_council: ApiCouncil) -> None:
    council = api_council.council
    assert ids(api.get("actions")) == sorted([council.own_action.pk, council.other_action.pk])
    assert api.get(f"actions/{api_council.draft_action.pk}").status_code == 404


def test_action_has_milestones_and_status_from_the_approved_update(
    api: Api, api_council: ApiCouncil
) -> None:
    action = api.get(f"actions/{api_council.council.own_action.pk}?period=2021-22-Q1").json()
    assert action["milestones"][0]["title"] == "Open the hub"
    assert action["milestones"][0]["due"]["text"] == "September 2021"
    status = action["latest_status"]
    assert (status["status"], status["update_id"]) == ("green", api_council.approved_update.pk)
    assert status["period"]["code"] == "2021/22-Q1"


def test_status_of_an_action_with_only_a_submitted_update_ignores_it(
    api: Api, api_council: ApiCouncil
) -> None:
    action = api.get(f"actions/{api_council.council.other_action.pk}?period=2021-22-Q1").json()
    assert action["latest_status"]["update_id"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=green", ["own"]),
        # As at 30 June 2021 the other action, due March 2022, is not overdue: it has no
        # approved update for the quarter, whenever the test runs.
        ("status=red", []),
        ("status=missing_update", ["other"]),
        ("status=amber", []),
        ("theme={theme}", ["own"]),
        ("portfolio={portfolio}", ["own"]),
        ("department={department}", ["own"]),
        ("plan={plan}", ["own", "other"]),
    ],
)
def test_action_filters(api: Api, api_council: ApiCouncil, query: str, expected) -> None:
    council = api_council.council
    own = council.own_action
    query = query.format(
        theme=api_council.theme.pk,
        portfolio=own.portfolios.get().pk,
        department=own.departments.get().pk,
        plan=api_council.plan.pk,
    )
    wanted = {"own": own.pk, "other": council.other_action.pk}
    found = ids(api.get(f"actions?period=2021-22-Q1&{query}"))
    assert found == sorted(wanted[name] for name in expected)


def test_measure_has_targets_values_status_and_national_id(
    api: Api, api_council: ApiCouncil
) -> None:
    measure = api.get(f"measures/{api_council.council.own_measure.pk}?period=2021/22-Q1").json()
    assert (measure["code"], measure["national_id"]) == ("HOM1", "LGI-1234")
    assert measure["targets"][0]["value"] == 500
    assert [o["value"] for o in measure["observations"]] == [412]
    # lower is better: 412 against a target of 500 is met
    assert (measure["result"]["value"], measure["result"]["status"]["status"]) == (412, "green")
    assert measure["result"]["since_previous"]["direction"] == "not_comparable"


def test_anonymous_sees_no_draft_values_or_submitted_updates(
    api: Api, api_council: ApiCouncil
) -> None:
    assert ids(api.get("observations")) == [api_council.approved_value.pk]
    assert ids(api.get("updates")) == [api_council.approved_update.pk]
    assert api.get(f"updates/{api_council.submitted_update.pk}").status_code == 404
    measures = ids(api.get("measures"))
    assert sorted(measures) == sorted(
        [api_council.council.own_measure.pk, api_council.council.other_measure.pk]
    )


def test_measure_filters_by_national_id_and_status(api: Api, api_council: ApiCouncil) -> None:
    own = api_council.council.own_measure.pk
    assert ids(api.get("measures?national_id=LGI-1234")) == [own]
    assert ids(api.get("measures?period=2021-22-Q1&status=green")) == [own]


def test_reporting_periods_and_period_filters(api: Api, api_council: ApiCouncil) -> None:
    assert ids(api.get("reporting-periods")) == [api_council.council.q1.pk]
    assert ids(api.get("updates?period=2021-22-Q1")) == [api_council.approved_update.pk]
    assert ids(api.get("updates?period=2022-23-Q1")) == []


def test_pages_are_ordered_by_id_with_a_count_when_asked(api: Api, api_council: ApiCouncil) -> None:
    first = api.get("actions?limit=1&count=true").json()
    second = api.get("actions?limit=1&offset=1&count=true").json()
    assert (first["count"], second["count"]) == (2, 2)
    assert first["items"][0]["id"] < second["items"][0]["id"]
    assert api.get("actions?limit=1").json()["count"] is None


@pytest.mark.parametrize("query", ["", "&status=green"])
def test_next_after_reads_every_item_once_and_ends_with_null(
    api: Api, api_council: ApiCouncil, query: str
) -> None:
    everything = [item["id"] for item in api.get(f"actions?limit=500{query}").json()["items"]]
    seen, after = [], None
    while True:
        page = api.get(f"actions?limit=1{query}" + (f"&after={after}" if after else "")).json()
        seen += [item["id"] for item in page["items"]]
        after = page["next_after"]
        if after is None:
            break
    assert seen == everything


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=501", "offset=-1", "after=-1", "count=maybe", "period=2021"]
)
def test_bad_query_parameters_are_422(api: Api, api_council: ApiCouncil, query: str) -> None:
    assert api.get(f"actions?{query}").status_code == 422


def test_etag_answers_304_when_unchanged_and_200_after_a_change(
    api: Api, api_council: ApiCouncil
) -> None:
    first = api.get("plans")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    assert api.get("plans", headers={"If-None-Match": etag}).status_code == 304
    api_council.plan.title = "Council Plan, refreshed"
    api_council.plan.save()
    changed = api.get("plans", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_openapi_document_and_docs_are_served(client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/actions" in document["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_every_route_is_in_the_readme(client) -> None:
    readme = (REPO / "README.md").read_text()
    for path in client.get("/api/v1/openapi.json").json()["paths"]:
        assert f"`{path.removeprefix('/api/v1')}`" in readme, path


def test_measure_list_leaves_values_to_the_detail_and_observations_list(
    api: Api, api_council: ApiCouncil
) -> None:
    listed = api.get("measures?period=2021/22-Q1").json()["items"]
    assert listed
    assert all("observations" not in measure for measure in listed)
    assert all("result" in measure and "targets" in measure for measure in listed)


def test_revised_timescale_shows_the_revision_and_the_original(
    api: Api, api_council: ApiCouncil
) -> None:
    api_council.milestone.due = "December 2021 (was September 2021)"
    api_council.milestone.save()

    action = api.get(f"actions/{api_council.council.own_action.pk}").json()

    due = action["milestones"][0]["due"]
    assert (due["end"], due["revised_from"]) == ("2021-12-31", "September 2021")
    assert action["expected_completion"]["revised_from"] is None


def test_statuses_of_a_period_that_has_not_started_are_422_saying_when_it_starts(
    api: Api, api_council: ApiCouncil
) -> None:
    with time_machine.travel(dt.date(2021, 8, 15), tick=False):
        refused = api.get("actions?period=2021/22-Q3")
        measures = api.get("measures?period=2021/22-Q3")
        open_quarter = api.get("actions?period=2021/22-Q2")
    assert refused.status_code == 422
    assert "2021/22 Q3 has not started: it starts on 1 October 2021." in refused.text
    assert measures.status_code == 422
    assert open_quarter.status_code == 200
    assert {a["latest_status"]["as_at"] for a in open_quarter.json()["items"]} == {"2021-08-15"}
