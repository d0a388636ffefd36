"""Published survey tables: the rows of a printed table (item, count, rate as printed, the
stated denominator), from the shipped pack of Nakagawa (2025) Tables 1–9 or from a user's CSV.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import Phrase, _, gettext_noop, pgettext
from dxtalent.core.tabular import Column, Message, read_table, validate
from dxtalent.core.tabular.parsers import ParseError, integer, text

SHIPPED = "jmrc-2024-published-tables.yaml"
PERCENT = re.compile(r"^\d{1,3}(\.\d{1,4})?$")


class PublishedTablesError(ValueError):
    """A pack that cannot be read; the message names the table, row and field."""


@dataclass(frozen=True)
class PublishedRow:
    """One printed row: `number` is its position in the table from 1; `percent` the rate as
    printed (text, trailing zeros kept); `skill` a skill code of the JMRC survey-items pack."""

    number: int
    item: Text
    count: int
    percent: str
    skill: str | None = None

    @property
    def decimals(self) -> int:
        """Decimal places printed."""
        return len(self.percent.partition(".")[2])

    def option_code(self, table: int) -> str:
        """The code of this row as an option of the questionnaire reconstructed from the
        tables: its skill code, else "T<table>-<row>"."""
        return self.skill or f"T{table}-{self.number}"

    @property
    def rate(self) -> Decimal:
        """The printed rate as a number."""
        return Decimal(self.percent)


@dataclass(frozen=True)
class PublishedTable:
    """A printed table. title, measure, count_label: as printed (bilingual data of a pack), or
    dxtalent's words for a table read from one's own file ("Table 1", "Rate", "Count").
    denominator: the base the source states (e.g. "Maximum of 233"); department: a key of
    PublishedTables.departments, None for a table across departments."""

    number: int
    title: Text | Phrase
    measure: Text | Phrase
    count_label: Text | Phrase
    denominator: int
    denominator_source: str
    rows: tuple[PublishedRow, ...]
    department: str | None = None

    def row(self, number: int) -> PublishedRow:
        """The row at position `number` (from 1); KeyError outside."""
        for row in self.rows:
            if row.number == number:
                return row
        raise KeyError(f"table {self.number} has no row {number}")


@dataclass(frozen=True)
class PublishedTables:
    code: str
    source: str
    departments: Mapping[str, Text]
    tables: tuple[PublishedTable, ...]

    def table(self, number: int) -> PublishedTable:
        """The table with `number`; KeyError when absent."""
        for table in self.tables:
            if table.number == number:
                return table
        raise KeyError(
            f"no table {number}; tables: {', '.join(str(t.number) for t in self.tables)}"
        )


def _table_title(number: int) -> Phrase:
    """ "Table 3": the title of a table read from one's own file."""
    return Phrase(lambda: _("Table {number}").format(number=number))


def _text(value: Any, where: str) -> Text:
    if not isinstance(value, Mapping) or not isinstance(value.get("ja"), str):
        raise PublishedTablesError(f"{where}: {value!r}; a mapping with ja (and en) texts")
    return Text(value["ja"], str(value.get("en", "")))


def _whole(value: Any, where: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise PublishedTablesError(f"{where}: {value!r}; a whole number, {minimum} or more")
    return value


def _percent(value: Any, where: str) -> str:
    if not isinstance(value, str) or not PERCENT.match(value) or Decimal(value) > 100:
        raise PublishedTablesError(
            f'{where}: {value!r}; the rate as printed, in quotes, e.g. "35.0" (0–100)'
        )
    return value


def tables_from_dict(data: Any, origin: str = "pack") -> PublishedTables:
    """Published tables from a parsed pack; PublishedTablesError naming the wrong field."""
    if not isinstance(data, Mapping) or data.get("kind") != "published_tables":
        raise PublishedTablesError(f"{origin}: not a pack of kind published_tables")
    departments = {
        str(key): _text(value, f"{origin}: departments.{key}")
        for key, value in (data.get("departments") or {}).items()
    }
    tables = []
    for t, raw in enumerate(data.get("tables") or []):
        where = f"{origin}: tables[{t}]"
        number = _whole(raw.get("number"), f"{where}.number", 1)
        department = raw.get("department")
        if department is not None and department not in departments:
            raise PublishedTablesError(
                f"{where}.department: {department!r}; one of {', '.join(departments)}"
            )
        title = _text(raw.get("title"), f"{where}.title")
        measure = _text(raw.get("measure"), f"{where}.measure")
        count_label = _text(raw.get("count_label"), f"{where}.count_label")
        denominator = _whole(raw.get("denominator"), f"{where}.denominator", 1)
        rows = []
        for r, row in enumerate(raw.get("rows") or []):
            at = f"{where}.rows[{r}]"
            count = _whole(row.get("count"), f"{at}.count", 0)
            rows.append(
                PublishedRow(
                    number=r + 1,
                    item=_text(row.get("item"), f"{at}.item"),
                    count=count,
                    percent=_percent(row.get("percent"), f"{at}.percent"),
                    skill=row.get("skill"),
                )
            )
        tables.append(
            PublishedTable(
                number=number,
                title=title,
                measure=measure,
                count_label=count_label,
                denominator=denominator,
                denominator_source=str(raw.get("denominator_source", "")),
                rows=tuple(rows),
                department=department,
            )
        )
    numbers = [table.number for table in tables]
    if len(set(numbers)) != len(numbers):
        raise PublishedTablesError(f"{origin}: a table number appears twice")
    return PublishedTables(
        str(data.get("code", "")), str(data.get("source", "")), departments, tuple(tables)
    )


@functools.cache
def shipped_tables() -> PublishedTables:
    """Nakagawa (2025) Tables 1–9, as printed (src/dxtalent/data/surveys).

    Read once per process: the values are immutable and the file ships with the code."""
    pack = resources.files("dxtalent.data").joinpath("surveys", SHIPPED)
    return tables_from_dict(yaml.safe_load(pack.read_text(encoding="utf-8")), SHIPPED)


def _printed_rate(value: str) -> str:
    value = value.strip().removesuffix("%").strip()
    if not PERCENT.match(value) or Decimal(value) > 100:
        raise ParseError(
            Message(
                gettext_noop('"{value}" is not a rate as printed; a percentage such as 35.0'),
                {"value": value},
            )
        )
    return value


CSV_COLUMNS = (
    Column(
        "table", parse=integer(1, 9999), required=True, aliases=("表",), help="the table's number"
    ),
    Column("item", parse=text(500), required=True, aliases=("項目",), help="the row's item"),
    Column(
        "count", parse=integer(0), required=True, aliases=("回答数", "n"), help="the count printed"
    ),
    Column(
        "percent",
        parse=_printed_rate,
        required=True,
        aliases=("rate", "割合", "%"),
        help="the rate as printed, e.g. 35.0",
    ),
    Column(
        "denominator",
        parse=integer(1),
        required=True,
        aliases=("base", "母数"),
        help="the base the table states, e.g. 233",
    ),
)


def read_tables_csv(data: bytes, filename: str = "tables.csv") -> PublishedTables:
    """A user's published tables from CSV or Excel (columns table, item, count, percent,
    denominator; one row per printed row, in printed order). Raises TableFormatError or
    TableValidationError naming each row and field; a table whose rows state different
    denominators is refused the same way."""
    from dxtalent.core.tabular import CellError, TableValidationError

    checked = validate(read_table(data, filename), CSV_COLUMNS)
    checked.raise_if_errors()
    grouped: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    for line, record in zip(checked.row_numbers, checked.records, strict=True):
        grouped.setdefault(int(str(record["table"])), []).append((line, record))
    errors = []
    tables = []
    for number, records in grouped.items():
        first = records[0][1]["denominator"]
        for line, record in records:
            if record["denominator"] != first:
                errors.append(
                    CellError.rejected(
                        line,
                        "denominator",
                        str(record["denominator"]),
                        Message(
                            gettext_noop("table {table} states {first} on its first row"),
                            {"table": number, "first": first},
                        ),
                        Message(gettext_noop("the same base on every row of a table")),
                    )
                )
        rows = tuple(
            PublishedRow(
                i + 1, Text(str(r["item"]), str(r["item"])), int(r["count"]), str(r["percent"])
            )
            for i, (_line, r) in enumerate(records)
        )
        tables.append(
            PublishedTable(
                number=number,
                title=_table_title(number),
                measure=Phrase.of(gettext_noop("Rate")),
                count_label=Phrase(lambda: pgettext("published table", "Count")),
                denominator=int(first),
                denominator_source=filename,
                rows=rows,
            )
        )
    if errors:
        raise TableValidationError(tuple(errors))
    return PublishedTables("", Path(filename).name, {}, tuple(tables))
