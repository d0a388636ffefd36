"""Rows written as plain tuples where the ORM's per-object path is too slow: a 100,000-row
import. COPY on PostgreSQL, executemany on SQLite (Django's bulk_create caps SQLite batches
at 999 parameters, a hundred rows, and builds a model object per row). No signals are sent:
the caller records the change in the audit trail once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert `rows` (values in the order of `columns`, the model's column names) into the
    model's table, inside the caller's transaction."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        # Table and column names come from the model, quoted; every value is a parameter.
        insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(insert, rows)
