"""web.bulk: rows written as COPY text, whichever way each chunk is formatted."""

import datetime as dt

import pytest

from dxtalent.web.bulk import _copy_text, _copy_value

MOMENT = dt.datetime(2026, 4, 1, 9, 30, tzinfo=dt.UTC)


def value_by_value(rows):
    return "".join("\t".join(map(_copy_value, row)) + "\n" for row in rows)


@pytest.mark.parametrize(
    "rows",
    [
        # An import's usual rows: one template for all of them.
        [(1, 7, dt.date(2025, 4, 1), "self", "", None, MOMENT)] * 3,
        # Text to escape, a boolean, a column with some NULLs: value by value.
        [(1, "a\tb\\c\nd\re", None), (2, "plain", 5)],
        [(1, True, "x"), (2, False, "y")],
    ],
)
def test_copy_text_writes_every_row_as_formatting_value_by_value_does(rows):
    assert _copy_text(rows) == value_by_value(rows)


def test_copy_text_writes_null_as_backslash_n_and_values_as_postgresql_reads_them():
    rows = [(48, None, dt.date(2025, 4, 1), "証跡 {0}", MOMENT)]

    assert _copy_text(rows) == "48\t\\N\t2025-04-01\t証跡 {0}\t2026-04-01 09:30:00+00:00\n"
