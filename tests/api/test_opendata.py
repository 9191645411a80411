"""Open data of a published plan: CSV files with a Table Schema that frictionless validates."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from frictionless import Package, validate

from councilplan.imports.readers import read_file
from councilplan.imports.writer import apply_document
from councilplan.opendata.package import write_package
from councilplan.opendata.schema import TABLE_NAMES
from councilplan.plans.models import Action, Plan
from tests.api.conftest import Api, ApiCouncil
from tests.conftest import REPO

pytestmark = pytest.mark.django_db


def download(api: Api, plan_id: int, folder: Path) -> Path:
    """The package as the API serves it, saved as files beside each other."""
    base = f"plans/{plan_id}/opendata"
    descriptor = api.get(f"{base}/datapackage.json")
    assert descriptor.status_code == 200
    for resource in descriptor.json()["resources"]:
        response = api.get(f"{base}/{resource['path']}")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        (folder / resource["path"]).write_bytes(response.content)
    path = folder / "datapackage.json"
    path.write_bytes(descriptor.content)
    return path


def test_exported_package_validates_with_frictionless(
    api: Api, api_council: ApiCouncil, tmp_path: Path
) -> None:
    path = download(api, api_council.plan.pk, tmp_path)
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert [task.name for task in report.tasks] == list(TABLE_NAMES)


def test_measures_carry_national_identifiers_and_only_approved_values(
    api: Api, api_council: ApiCouncil, tmp_path: Path
) -> None:
    package = Package(str(download(api, api_council.plan.pk, tmp_path)))
    measures = package.get_resource("measures").read_rows()
    assert {(r["code"], r["national_id"]) for r in measures} >= {("HOM1", "LGI-1234")}
    observations = package.get_resource("observations").read_rows()
    assert [(r["measure_code"], r["value"]) for r in observations] == [("HOM1", 412)]
    updates = package.get_resource("action_updates").read_rows()
    assert [r["id"] for r in updates] == [api_council.approved_update.pk]


def test_draft_plans_have_no_open_data(api: Api, api_council: ApiCouncil) -> None:
    base = f"plans/{api_council.draft_plan.pk}/opendata"
    assert api.get(f"{base}/datapackage.json", "performance").status_code == 404
    assert api.get(f"{base}/actions.csv", "performance").status_code == 404


def test_unknown_table_is_404(api: Api, api_council: ApiCouncil) -> None:
    assert api.get(f"plans/{api_council.plan.pk}/opendata/secrets.csv").status_code == 404


def test_json_export_is_the_package_with_rows_inline(api: Api, api_council: ApiCouncil) -> None:
    package = api.get(f"plans/{api_council.plan.pk}/opendata/data.json").json()
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(TABLE_NAMES)
    actions_csv = api.get(f"plans/{api_council.plan.pk}/opendata/actions.csv").content.decode()
    csv_ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(actions_csv))]
    assert [row["id"] for row in resources["actions"]["data"]] == csv_ids
    report = validate(json.loads(json.dumps(package)))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_csv_has_an_etag(api: Api, api_council: ApiCouncil) -> None:
    url = f"plans/{api_council.plan.pk}/opendata/measures.csv"
    etag = api.get(url)["ETag"]
    assert api.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_every_demo_plan_exports_a_valid_package(tmp_path: Path) -> None:
    for path in sorted((REPO / "examples").glob("*.json")):
        apply_document(read_file(path))
    plans = list(Plan.objects.all())
    assert len(plans) >= 4
    for plan in plans:
        package = write_package(plan, tmp_path / plan.slug, today=date(2021, 8, 1))
        report = validate(str(package))
        assert report.valid, (plan.slug, report.flatten(["rowNumber", "fieldName", "note"])[:5])
    actions = Package(str(tmp_path / plans[0].slug / "datapackage.json")).get_resource("actions")
    assert len(actions.read_rows()) == Action.objects.filter(plan=plans[0]).count()
