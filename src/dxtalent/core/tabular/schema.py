"""Declarative columns and the validation of a whole table against them.

`validate` never stops at the first problem: it collects every missing or unknown column and
every bad cell, so that a person can fix the whole file at once. Whatever is wrong, nothing
should be imported (STYLE.md, "Bad input"): call `raise_if_errors()` before saving anything.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from decimal import Decimal

from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.errors import CellError, ErrorList, TableValidationError
from dxtalent.core.tabular.messages import Message, quoted_list, shown
from dxtalent.core.tabular.parsers import (
    BooleanParser,
    ChoiceParser,
    DateParser,
    DecimalParser,
    IntegerParser,
    ParseError,
    Parser,
    TextParser,
    boolean,
    choice,
    date,
    decimal,
    integer,
    text,
)
from dxtalent.core.tabular.read import Table

# The longest cell text whose parsed value validate() keeps for the rows after it, and the
# types of the values it keeps (shared between records, so never a list or a dict).
_MEMO_LENGTH = 64
_IMMUTABLE = frozenset({str, int, float, bool, Decimal, dt.date, dt.datetime})

__all__ = [
    "BooleanParser",
    "CellError",
    "ChoiceParser",
    "Column",
    "DateParser",
    "DecimalParser",
    "IntegerParser",
    "ParseError",
    "Parser",
    "TableValidationError",
    "TextParser",
    "ValidatedTable",
    "boolean",
    "choice",
    "date",
    "decimal",
    "integer",
    "text",
    "validate",
]


# Parsers are immutable, so every column without its own parser can share this one.
_ANY_TEXT = TextParser()


@dataclass(frozen=True)
class Column:
    """One column an import reads.

    name: the key of the value in each record, and the header a template writes.
    parse: turns a non-empty cell into a value; raises ValueError (ideally ParseError, which
    says why) for text it does not accept. A function of the text alone (validate parses a
    repeated text once). Default: any text.
    aliases: other headers accepted for the column, e.g. ("職員番号", "Staff number").
    Headers match ignoring case, width, spaces, "_" and "-": "Staff number", "STAFF_NUMBER"
    and "ｓｔａｆｆ　ｎｕｍｂｅｒ" all match the name "staff_number".
    required: the column must be present and no cell in it may be empty. An optional column
    may be missing; its empty cells become None in the records.
    help: what the column accepts, e.g. 'a skill code such as "PM-01"'; default: the parser's
    own `help` when it has one.
    unique: no two rows may have the same (parsed) value; the value must then be hashable.
    """

    name: str
    _: KW_ONLY
    parse: Callable[[str], object] = _ANY_TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False
    help: str | Message | None = None
    unique: bool = False

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header accepted for the column: its name, then its aliases."""
        return (self.name, *self.aliases)

    @property
    def accepted(self) -> Message | None:
        """What the column accepts: `help`, else the parser's help, else None."""
        if isinstance(self.help, Message):
            return self.help
        if self.help:
            return Message(self.help)
        parser_help = getattr(self.parse, "help", None)
        return parser_help if isinstance(parser_help, Message) else None


@dataclass(frozen=True)
class ValidatedTable:
    """The outcome of `validate`.

    records: one dict per row without errors, keyed by every column's name (None for an
    empty optional cell or a missing optional column), in file order. row_numbers: the row
    number of each record, for errors found by later checks (e.g. against the database).
    errors: the first MAX_LISTED_ERRORS problems found (error_count counts all), header problems first, then by row and from left to right;
    a cell error names the column as the file's header does (e.g. "異動最長年数"), a missing
    column by its name. headers: each present column's name → its header in the file, so
    that later checks name the column as the file does too (`header_of`).
    """

    records: tuple[dict[str, object], ...]
    errors: tuple[CellError, ...]
    row_numbers: tuple[int, ...] = ()
    headers: Mapping[str, str] = field(default_factory=dict)
    error_total: int | None = None

    @property
    def error_count(self) -> int:
        """How many errors were found; `errors` keeps only the first MAX_LISTED_ERRORS."""
        return len(self.errors) if self.error_total is None else self.error_total

    def error_list(self) -> ErrorList:
        """The errors as an ErrorList (kept and counted), for checks that add more."""
        return ErrorList(self.errors, self.error_count)

    def header_of(self, name: str) -> str:
        """The column `name` as the file's header names it; `name` itself when absent."""
        return self.headers.get(name, name)

    def raise_if_errors(self) -> None:
        """Raise TableValidationError with every error, if there is any."""
        if self.errors:
            raise TableValidationError(self.errors, self.error_count)


def header_key(header: str) -> str:
    """The form in which headers are compared: NFKC, case-folded, without spaces, "_" or "-"."""
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", header).casefold())


def validate(
    table: Table, columns: Sequence[Column], *, allow_extra: bool = False
) -> ValidatedTable:
    """Check every header and cell of `table` against `columns` and parse the values.

    Errors (all counted, the first MAX_LISTED_ERRORS kept, none raised): a required column that is missing (one error per
    column, naming the columns found); a column the schema does not know, unless
    `allow_extra` (its values are then ignored); a column given twice under two accepted
    headers; an empty cell in a required column; a value its parser rejects; a repeated
    value in a unique column. Raises ValueError only for a faulty schema (two columns
    sharing a name or header).
    """
    by_key = _columns_by_header(columns)
    header_row = table.header_row
    errors = ErrorList()

    present: list[tuple[str, Column]] = []
    header_of: dict[str, str] = {}
    for header in table.columns:
        column = by_key.get(header_key(header))
        if column is None:
            if not allow_extra:
                known = quoted_list(column.name for column in columns)
                errors.append(
                    CellError.rejected(
                        header_row, header, header, Message(m.UNKNOWN_COLUMN, {"known": known})
                    )
                )
        elif column.name in header_of:
            reason = Message(m.COLUMN_TWICE, {"first": header_of[column.name], "second": header})
            errors.append(CellError.rejected(header_row, column.name, header, reason))
        else:
            header_of[column.name] = header
            present.append((header, column))
    for column in columns:
        if column.required and column.name not in header_of:
            reason = Message(
                m.MISSING_COLUMN,
                {
                    "headers": " / ".join(f'"{h}"' for h in column.headers),
                    "found": quoted_list(table.columns),
                },
            )
            errors.append(CellError.rejected(header_row, column.name, "", reason))

    records: list[dict[str, object]] = []
    row_numbers: list[int] = []
    first_row_of: dict[str, dict[Hashable, int]] = {c.name: {} for c in columns if c.unique}
    empty_record: dict[str, object] = dict.fromkeys(column.name for column in columns)
    # A parser is a function of the text alone: a text seen before in the same column (a
    # skill code, a date, a level: 100,000 rows hold a few thousand distinct short texts) is
    # parsed once. Only accepted short texts with immutable values are kept; a rejected text
    # is parsed again, so each of its rows gets its own error.
    parsed: dict[str, dict[str, object]] = {column.name: {} for column in columns}
    for row in table.rows:
        record = empty_record.copy()
        row_ok = True
        for header, column in present:
            value_text = row.values[header]
            if not value_text:
                if column.required:
                    errors.append(
                        CellError.rejected(
                            row.number, header, "", Message(m.REQUIRED), column.accepted
                        )
                    )
                    row_ok = False
                continue
            memo = parsed[column.name]
            if value_text in memo:
                value = memo[value_text]
            else:
                try:
                    value = column.parse(value_text)
                except ParseError as error:
                    errors.append(
                        CellError.rejected(
                            row.number, header, value_text, error.reason, column.accepted
                        )
                    )
                    row_ok = False
                    continue
                except ValueError:
                    reason = Message(m.NOT_ACCEPTED, {"value": shown(value_text)})
                    errors.append(
                        CellError.rejected(row.number, header, value_text, reason, column.accepted)
                    )
                    row_ok = False
                    continue
                if len(value_text) <= _MEMO_LENGTH and type(value) in _IMMUTABLE:
                    memo[value_text] = value
            if column.unique:
                seen = first_row_of[column.name]
                if value in seen:
                    reason = Message(
                        m.DUPLICATE_VALUE, {"value": shown(value_text), "other_row": seen[value]}
                    )
                    errors.append(CellError.rejected(row.number, header, value_text, reason))
                    row_ok = False
                    continue
                seen[value] = row.number
            record[column.name] = value
        if row_ok:
            records.append(record)
            row_numbers.append(row.number)
    return ValidatedTable(
        tuple(records), tuple(errors), tuple(row_numbers), dict(header_of), errors.total
    )


def _columns_by_header(columns: Sequence[Column]) -> dict[str, Column]:
    by_key: dict[str, Column] = {}
    for column in columns:
        for header in column.headers:
            key = header_key(header)
            other = by_key.get(key)
            if other is not None and other is not column:
                raise ValueError(
                    f'columns "{other.name}" and "{column.name}" both accept the header "{header}"'
                )
            by_key[key] = column
    return by_key
