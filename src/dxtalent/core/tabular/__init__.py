"""Tables in and out: reading uploaded CSV and Excel files, validating them against declared
columns, writing exports and import templates.

Used by every import and export (staff, assessments, candidates, survey answers). Messages
to people are English templates with named fields (`messages.Message`); the web layer
renders them in Japanese with `render(gettext)`.
"""

from dxtalent.core.tabular.errors import (
    MAX_LISTED_ERRORS,
    CellError,
    ErrorList,
    TableFormatError,
    TableValidationError,
    TabularError,
)
from dxtalent.core.tabular.messages import Message
from dxtalent.core.tabular.parsers import (
    BooleanParser,
    ChoiceParser,
    DateParser,
    DecimalParser,
    IntegerParser,
    KanaParser,
    ParseError,
    Parser,
    TextParser,
    boolean,
    choice,
    date,
    decimal,
    integer,
    kana,
    spelling_key,
    text,
)
from dxtalent.core.tabular.read import Row, Table, read_table
from dxtalent.core.tabular.schema import Column, ValidatedTable, validate
from dxtalent.core.tabular.write import (
    HeatmapSpec,
    Sheet,
    headers_in,
    sheet_title,
    template_csv,
    template_file,
    template_xlsx,
    write_csv,
    write_xlsx,
)

__all__ = [
    "MAX_LISTED_ERRORS",
    "BooleanParser",
    "CellError",
    "ChoiceParser",
    "Column",
    "DateParser",
    "DecimalParser",
    "ErrorList",
    "HeatmapSpec",
    "IntegerParser",
    "KanaParser",
    "Message",
    "ParseError",
    "Parser",
    "Row",
    "Sheet",
    "Table",
    "TableFormatError",
    "TableValidationError",
    "TabularError",
    "TextParser",
    "ValidatedTable",
    "boolean",
    "choice",
    "date",
    "decimal",
    "headers_in",
    "integer",
    "kana",
    "read_table",
    "sheet_title",
    "spelling_key",
    "template_csv",
    "template_file",
    "template_xlsx",
    "text",
    "validate",
    "write_csv",
    "write_xlsx",
]
