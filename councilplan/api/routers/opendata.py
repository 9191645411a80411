"""Open data of a published plan: the data package descriptor, its CSV files, and its JSON.

Only published plans, whoever asks: open data is what residents may read.
"""

from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from pydantic import Field

from councilplan.api.auth import READ
from councilplan.api.etags import conditional
from councilplan.api.filters import Id
from councilplan.api.schemas.common import READ_ERRORS
from councilplan.core import clock
from councilplan.opendata.package import descriptor, inline_package, table_csv
from councilplan.opendata.schema import TABLE_NAMES
from councilplan.plans.models import Plan

TableName = Annotated[str, Field(pattern=r"^[a-z_]{1,40}$")]
router = Router(tags=["open data"], auth=READ)
CSV_RESPONSE = {
    "responses": {
        "200": {
            "description": "The table as CSV (UTF-8), described by datapackage.json.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


def _published(plan_id: int) -> Plan:
    return get_object_or_404(Plan.objects.published().select_related("organisation"), pk=plan_id)


@router.get(
    "/plans/{plan_id}/opendata/datapackage.json",
    response={200: dict[str, Any], **READ_ERRORS},
)
def data_package(request: HttpRequest, plan_id: Id) -> dict[str, object]:
    """The Frictionless data package descriptor: a Table Schema for each CSV file beside it."""
    return descriptor(_published(plan_id), today=clock.today())


@router.get("/plans/{plan_id}/opendata/data.json", response={200: dict[str, Any], **READ_ERRORS})
def data_json(request: HttpRequest, plan_id: Id) -> dict[str, object]:
    """The whole package as one JSON document, each table's rows inline."""
    return inline_package(_published(plan_id), today=clock.today())


@router.get(
    "/plans/{plan_id}/opendata/{table}.csv",
    response={200: str, **READ_ERRORS},
    openapi_extra=CSV_RESPONSE,
)
def data_csv(request: HttpRequest, plan_id: Id, table: TableName) -> HttpResponse:
    """One table of the package as CSV: themes, actions, milestones, action_updates,
    measures, targets or observations."""
    plan = _published(plan_id)
    if table not in TABLE_NAMES:
        raise Http404(table)
    response = HttpResponse(
        table_csv(plan, table, today=clock.today()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{plan.slug}-{table}.csv"'
    return conditional(request, response)
