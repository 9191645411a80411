"""A published plan's open data: the ``datapackage.json`` descriptor, each table as CSV, and
the whole package as one JSON file (the same descriptor with each table's rows inline)."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from councilplan.plans.models import Plan

from .rows import BUILDERS, Row, status_period
from .schema import TABLES, Table

LICENCE = {
    "name": "OGL-UK-3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    "title": "Open Government Licence v3.0",
}


def descriptor(plan: Plan, *, today: date) -> dict[str, object]:
    """The data package descriptor: the plan, its licence, and a resource per CSV file."""
    organisation = plan.organisation
    return {
        "profile": "tabular-data-package",
        "name": slugify(f"{organisation.slug}-{plan.slug}")[:100] or f"plan-{plan.pk}",
        "title": f"{organisation.name}: {plan.title}",
        "description": (
            f"{plan.title} ({plan.period_label}): actions, milestones, measures, targets and "
            f"approved values; statuses for {status_period(plan, today).label}."
        ),
        "licenses": [LICENCE],
        "keywords": ["council plan", "performance", organisation.gss_code or organisation.slug],
        "resources": [_resource(table) for table in TABLES],
    }


def _resource(table: Table) -> dict[str, object]:
    return {
        "name": table.name,
        "title": table.title,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table.descriptor(),
    }


def table_rows(plan: Plan, name: str, *, today: date) -> list[Row]:
    """The rows of one table (``name`` one of ``schema.TABLE_NAMES``)."""
    return BUILDERS[name](plan, status_period(plan, today), today)


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_csv(plan: Plan, name: str, *, today: date) -> str:
    """One table as CSV text, its header the Table Schema's field names."""
    table = next(table for table in TABLES if table.name == name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([field.name for field in table.fields])
    for row in table_rows(plan, name, today=today):
        writer.writerow([_csv_cell(row[field.name]) for field in table.fields])
    return out.getvalue()


def _json_cell(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def inline_package(plan: Plan, *, today: date) -> dict[str, object]:
    """The package as one JSON document: each resource's rows inline instead of a CSV path."""
    resources = []
    for table in TABLES:
        file_only = ("path", "format", "mediatype", "encoding")
        resource = {k: v for k, v in _resource(table).items() if k not in file_only}
        rows = table_rows(plan, table.name, today=today)
        resource["data"] = [{key: _json_cell(value) for key, value in row.items()} for row in rows]
        resources.append(resource)
    return {**descriptor(plan, today=today), "resources": resources}


def write_package(plan: Plan, folder: Path, *, today: date) -> Path:
    """Write ``datapackage.json`` and every CSV file into ``folder``; the descriptor's path."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        (folder / f"{table.name}.csv").write_text(
            table_csv(plan, table.name, today=today), encoding="utf-8"
        )
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor(plan, today=today), indent=2), encoding="utf-8")
    return path
