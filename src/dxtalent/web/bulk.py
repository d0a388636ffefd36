"""Rows written as plain tuples where the ORM's per-object path is too slow: a 100,000-row
import. COPY on PostgreSQL, executemany on SQLite (Django's bulk_create caps SQLite batches
at 999 parameters, a hundred rows, and builds a model object per row). No signals are sent:
the caller records the change in the audit trail once."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
from collections.abc import Iterator, Sequence
from itertools import starmap
from operator import itemgetter
from typing import Any

from django.db import connection, models

# COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
# Types whose str() COPY reads back exactly (exact types: a bool is written as t or f).
_WRITTEN_BY_STR = frozenset({int, dt.date, dt.datetime})
# Characters COPY's text format escapes.
_COPY_ESCAPED = re.compile(r"[\\\t\n\r]")
# Rows sent to the server in one write (about a megabyte for a rating).
_COPY_CHUNK = 10_000
# SQLite's page cache during a bulk write, in KiB (its default is 2 MB). Bounded, so that an
# import of 100,000 rows stays well under 300 MB whatever the size of the database.
_SQLITE_BULK_CACHE_KIB = 32 * 1024


def _copy_value(value: Any) -> str:
    """A value in COPY's text format: NULL as \\N, booleans as t/f, text escaped; numbers,
    dates and aware datetimes as str() writes them, which PostgreSQL reads back exactly."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _copy_text(rows: Sequence[tuple[Any, ...]]) -> str:
    """Rows in COPY's text format, one line each. When every column holds only None, only
    numbers and dates, or only text with nothing to escape (an import's usual rows), one
    template writes each row in a single str.format call; otherwise each value is formatted
    by _copy_value (twice as slow)."""
    fields = []
    for index in range(len(rows[0])):
        kinds = set(map(type, map(itemgetter(index), rows)))
        if kinds == {type(None)}:
            fields.append("\\N")
        elif kinds <= _WRITTEN_BY_STR or (
            kinds == {str} and not any(map(_COPY_ESCAPED.search, map(itemgetter(index), rows)))
        ):
            fields.append(f"{{{index}}}")
        else:
            return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows)
    return "".join(starmap(("\t".join(fields) + "\n").format, rows))


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
            # Formatted here, a chunk at a time: psycopg's write_row costs ~9 µs a row.
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for start in range(0, len(rows), _COPY_CHUNK):
                    copy.write(_copy_text(rows[start : start + _COPY_CHUNK]).encode("utf-8"))
            return
        marks = ", ".join(["%s"] * len(columns))
        # Table and column names come from the model, quoted; every value is a parameter.
        insert = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(insert, rows)


@contextlib.contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while a large file becomes rows: 100,000 rows are
    several hundred thousand dicts, lists and tuples, none of them garbage, and each automatic
    collection walks them again (a quarter of the time to read and check such a file). The
    collector is turned back on at the end, unless it was off already."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def page_cache_enlarged() -> Iterator[None]:
    """On SQLite, a larger page cache for the connection while a bulk write runs, and the one
    it had afterwards. Rows are added to each index at scattered places (a rating's person,
    skill...); with the default 2 MB those index pages were read again from the file, a
    seventh of the CPU time of importing 100,000 ratings and refreshing current levels.
    Nothing to do on PostgreSQL, whose cache is the server's."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {-_SQLITE_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")
