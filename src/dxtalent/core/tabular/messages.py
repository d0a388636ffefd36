"""English message templates for everything this package says to a person, and `Message`.

Each template is marked for the catalogue where it is written (`gettext_noop`, see
dxtalent.core.i18n); a message keeps its template and the values of its named fields, and
`message.render()` (or `str(message)`) translates the template (and any nested message) in
the reader's language when it is shown, then fills it in. `TEMPLATES` lists every template so
a convention test can check that each has a Japanese translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from dxtalent.core.i18n import _, gettext_noop

# How long a cell value may be when quoted inside a message; longer values are cut with "…".
# The full value stays in CellError.value.
SHOWN_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Message:
    """A template with named fields, e.g. Message('"{value}" is not a date', {"value": "x"}).

    Field values may themselves be messages; they are rendered (and translated) first.
    A message without fields is its template, used as is: braces in it are not fields.
    """

    template: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def render(self) -> str:
        """The message as text in the reader's language: the template is translated (with
        dxtalent.core.i18n) when the message is shown, then filled in."""
        template = _(self.template)
        if not self.params:
            return template
        values: dict[str, Any] = {
            name: value.render() if isinstance(value, (Message, QuotedList)) else value
            for name, value in self.params.items()
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render()


def shown(value: str) -> str:
    """A cell value as quoted in a message: cut to SHOWN_VALUE_LENGTH characters with "…"."""
    if len(value) <= SHOWN_VALUE_LENGTH:
        return value
    return value[: SHOWN_VALUE_LENGTH - 1] + "…"


@dataclass(frozen=True)
class QuotedList:
    """Items as a message quotes them, in the reader's language when it is shown:
    「a」、「b」 in Japanese, '"a", "b"' in English (a message's field like a Message)."""

    items: tuple[str, ...]

    def render(self) -> str:
        # Imported here: the list's separator is the one rule of core.diagnostics.wording.
        from dxtalent.core.diagnostics.wording import commas

        return commas(_('"{item}"').format(item=item) for item in self.items)

    def __str__(self) -> str:
        return self.render()


def quoted_list(items: Iterable[str]) -> QuotedList:
    """The items quoted and listed when the message is shown (QuotedList)."""
    return QuotedList(tuple(str(item) for item in items))


# --- Reading files (TableFormatError) -----------------------------------------------------------

EMPTY_FILE = gettext_noop("The file is empty: it has no header row.")
UNSUPPORTED_FILE_TYPE = gettext_noop('Unsupported file type "{extension}"; accepted: {accepted}.')
UNDECODABLE = gettext_noop(
    "The file is not {encoding} text: undecodable bytes at line {line}, byte {offset} "
    '({bytes}). Save it again from Excel as "CSV UTF-8 (comma delimited)".'
)
UPLOAD_TOO_LARGE = gettext_noop(
    '"{file}" is {size} bytes, more than the limit of {limit} bytes for this kind of file '
    "({kind}); split it or leave out what is not needed."
)
TEXT_FILE_IS_WORKBOOK = gettext_noop(
    'The file is named "{extension}" but is an Excel workbook; rename it to .xlsx or save it '
    "as CSV."
)
LEGACY_WORKBOOK = gettext_noop(
    "The file is an Excel 97-2003 workbook (.xls) or a password-protected workbook; save it "
    "as an .xlsx workbook without a password."
)
NOT_A_WORKBOOK = gettext_noop(
    'The file is named ".xlsx" but is not an Excel workbook that can be read.'
)
NO_SUCH_SHEET = gettext_noop('The workbook has no sheet named "{sheet}"; its sheets are {sheets}.')
EMPTY_HEADER = gettext_noop(
    "Empty header in column {number} ({letter}) of row {row}; give every column a name in the "
    "header row."
)
DUPLICATE_HEADER = gettext_noop(
    'Duplicate column "{column}" in columns {first} ({first_letter}) and {second} '
    "({second_letter}) of row {row}; give each column a different name."
)
VALUES_BEYOND_HEADER = gettext_noop(
    "Values to the right of the last named column, {number} ({letter}), in rows {rows}; name "
    "those columns in the header row."
)
VALUES_BEYOND_HEADER_CSV = gettext_noop(
    "More values than the header row has columns ({number}) in rows {rows}; name the extra "
    'columns in the header row, or put values that contain "{delimiter}" in double quotes.'
)
UNREADABLE_CSV = gettext_noop(
    "Line {line} of the file cannot be read ({problem}); check that every double quote "
    '(") that opens a value also closes it.'
)

ARCHIVE_TOO_MANY_MEMBERS = gettext_noop(
    '"{file}" was refused: the archive holds {found} members, more than the limit of {limit}.'
)
ARCHIVE_MEMBER_TOO_LARGE = gettext_noop(
    '"{file}" was refused: its member "{member}" expands to {found} bytes, more than the '
    "limit of {limit} bytes."
)
ARCHIVE_TOTAL_TOO_LARGE = gettext_noop(
    '"{file}" was refused: its members expand to {found} bytes (at "{member}"), more than the '
    "limit of {limit} bytes."
)
ARCHIVE_RATIO_TOO_HIGH = gettext_noop(
    '"{file}" was refused: its member "{member}" expands {found} times, more than the limit '
    "of {limit} times (a zip bomb)."
)

# --- Accepted values (the `help` of parsers) ----------------------------------------------------

ACCEPTED_TEXT = gettext_noop("text")
ACCEPTED_TEXT_UP_TO = gettext_noop("text of at most {max_length} characters")
ACCEPTED_INTEGER = gettext_noop("a whole number")
ACCEPTED_INTEGER_FROM = gettext_noop("a whole number of at least {minimum}")
ACCEPTED_INTEGER_TO = gettext_noop("a whole number of at most {maximum}")
ACCEPTED_INTEGER_BETWEEN = gettext_noop("a whole number from {minimum} to {maximum}")
ACCEPTED_DECIMAL = gettext_noop("a number")
ACCEPTED_DECIMAL_FROM = gettext_noop("a number of at least {minimum}")
ACCEPTED_DECIMAL_TO = gettext_noop("a number of at most {maximum}")
ACCEPTED_DECIMAL_BETWEEN = gettext_noop("a number from {minimum} to {maximum}")
ACCEPTED_DATE = gettext_noop("a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1")
ACCEPTED_CHOICE = gettext_noop("one of {options}")
ACCEPTED_BOOLEAN = gettext_noop("yes or no (also {options})")
ACCEPTED_KANA = gettext_noop("a reading in katakana or hiragana (stored in katakana)")

# --- Why a value was rejected (CellError.detail) ------------------------------------------------

REJECTED_GIVE = gettext_noop("{reason}; give {accepted}")
NOT_ACCEPTED = gettext_noop('"{value}" is not accepted')
REQUIRED = gettext_noop("a value is required")
TOO_LONG = gettext_noop('"{value}" has {length} characters, more than {max_length}')
HOLDS_NUL = gettext_noop(
    "holds a NUL character (\\x00) at position {position}; text without it is accepted"
)
NOT_INTEGER = gettext_noop('"{value}" is not a whole number')
NOT_NUMBER = gettext_noop('"{value}" is not a number')
BELOW_MINIMUM = gettext_noop('"{value}" is less than {minimum}')
ABOVE_MAXIMUM = gettext_noop('"{value}" is more than {maximum}')
NOT_DATE = gettext_noop('"{value}" is not a date')
NOT_CALENDAR_DAY = gettext_noop('"{value}" is not a day in the calendar')
NOT_CHOICE = gettext_noop('"{value}" is not one of the accepted values')
NOT_BOOLEAN = gettext_noop('"{value}" is not yes or no')
NOT_KANA = gettext_noop('"{value}" has {characters}, which are not kana')
DUPLICATE_VALUE = gettext_noop(
    '"{value}" is also in row {other_row}; each row needs a different value'
)
MISSING_COLUMN = gettext_noop(
    "the required column is missing; add a column headed {headers} (the header row has {found})"
)
UNKNOWN_COLUMN = gettext_noop(
    "the column is not one this import reads; the columns it reads are {known}"
)
COLUMN_TWICE = gettext_noop(
    'the column is given twice, as "{first}" and "{second}"; keep one of them'
)

# --- Putting it together ------------------------------------------------------------------------

CELL_ERROR = gettext_noop('Row {row}, column "{column}": {message}')
VALIDATION_SUMMARY = gettext_noop("Errors in the file: {count}")
VALIDATION_MORE = gettext_noop("... and {more} more")

TEMPLATES: tuple[str, ...] = tuple(
    value for name, value in sorted(globals().items()) if name.isupper() and isinstance(value, str)
)
