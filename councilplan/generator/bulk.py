"""Fast inserts of many rows: PostgreSQL's COPY, or SQLite's executemany in one statement.

The generator writes millions of observations and updates; building a model instance per row
(``bulk_create``) would spend most of the time in Python. Rows here are tuples of values the
database driver takes as they are (int, str, bool, None, Decimal, date, prepared datetimes and
JSON text). Rows whose ids are needed later go through ``bulk_create`` instead.
"""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models

Row = tuple[Any, ...]


def columns_of(model: type[models.Model], fields: Sequence[str]) -> list[str]:
    """The database columns of ``fields`` (``action`` becomes ``action_id``)."""
    columns = []
    for name in fields:
        field = model._meta.get_field(name)
        if not isinstance(field, models.Field) or field.column is None:
            raise ValueError(f"{model.__name__}.{name} is not a column.")
        columns.append(field.column)
    return columns


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Row]) -> int:
    """Insert ``rows`` (values in the order of ``fields``) into ``model``'s table; the count.

    Columns not named take their field's default, as ``Model.save`` would give them.
    """
    defaults = _defaults(model, fields)
    named = [*fields, *defaults]
    extra = tuple(defaults.values())
    if extra:
        rows = (row + extra for row in rows)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in columns_of(model, named))
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        placeholders = ", ".join(["%s"] * len(named))
        # Table and column names come from the model's options, quoted; values are parameters.
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                cursor.executemany(insert, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(insert, batch)
            count += len(batch)
    return count


def _defaults(model: type[models.Model], fields: Sequence[str]) -> dict[str, Any]:
    """The database values of the defaults of ``model``'s columns not in ``fields``."""
    return {
        field.name: field.get_db_prep_save(field.get_default(), connection)
        for field in model._meta.concrete_fields
        if field.name not in fields and not field.primary_key
    }


def datetime_value(value: Any) -> Any:
    """A timezone-aware datetime as this database's driver takes it (naive UTC text on SQLite)."""
    return connection.ops.adapt_datetimefield_value(value)
