"""Writing exports (Excel workbooks and CSV) and the import templates people fill in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import numbers
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dxtalent.core.tabular.parsers import BooleanParser, ChoiceParser, TextParser
from dxtalent.core.tabular.schema import Column, header_key

# Excel's limits on sheet titles.
MAX_SHEET_TITLE = 31
_FORBIDDEN_IN_TITLE = re.compile(r"[\\/?*\[\]:]")
# ColorBrewer "Blues", 5 classes: light to dark, ordered for people with any colour vision
# and still ordered when printed in grey.
HEAT_COLOURS = ("EFF3FF", "BDD7E7", "6BAED6", "3182BD", "08519C")
HEADER_FILL = "F2F2F2"
# Widths are guessed from the header and this many rows, in characters (East Asian wide = 2).
_WIDTH_SAMPLE_ROWS = 1000
_MIN_WIDTH, _MAX_WIDTH = 8, 60
# Excel runs a value starting with one of these as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Templates offer drop-down lists on this many rows below the header.
_TEMPLATE_ROWS = 1000
DATA_SHEET_TITLE = "データ (Data)"
# Excel forbids "/" in sheet titles, hence not "説明 / Help".
HELP_SHEET_TITLE = "説明 (Help)"
HELP_COLUMNS = (
    "列 / Column",
    "必須 / Required",
    "入力できる値 / Accepted",
    "見出しの別名 / Other headers accepted",
)


@dataclass(frozen=True)
class HeatmapSpec:
    """Colour the numbers of some columns by level, light (minimum) to dark (maximum).

    columns: the names of the columns to colour (e.g. the skill codes of a skill matrix).
    minimum, maximum: the levels, inclusive (default the skill scale 0–4). A number is coloured
    as the level it rounds to (half up: 2.5 → 3); numbers that round outside the range, and
    cells that are not numbers, stay white. labels: one legend label per level (default the
    level itself). The legend row goes below the table, after a blank row.
    """

    columns: Sequence[str]
    minimum: int = 0
    maximum: int = 4
    labels: Sequence[str] | None = None
    legend_title: str = "凡例 (Legend)"

    def __post_init__(self) -> None:
        if self.maximum < self.minimum:
            raise ValueError(f"heatmap maximum {self.maximum} is below minimum {self.minimum}")
        if self.labels is not None and len(self.labels) != len(self.levels):
            raise ValueError(
                f"the heatmap has {len(self.levels)} levels but {len(self.labels)} labels"
            )

    @property
    def levels(self) -> range:
        """minimum to maximum, inclusive."""
        return range(self.minimum, self.maximum + 1)

    def level(self, value: object) -> int | None:
        """The level a cell value is coloured as, or None when it is not coloured."""
        if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal):
            return None
        number = float(value)
        if not math.isfinite(number):
            return None
        level = math.floor(number + 0.5)
        return level if self.minimum <= level <= self.maximum else None

    def colours(self) -> tuple[str, ...]:
        """One RGB hex colour per level, light to dark (HEAT_COLOURS, interpolated if needed)."""
        count = len(self.levels)
        if count == len(HEAT_COLOURS):
            return HEAT_COLOURS
        return tuple(_interpolate(HEAT_COLOURS, i / max(count - 1, 1)) for i in range(count))


@dataclass(frozen=True)
class Sheet:
    """One sheet of an export.

    title: at most 31 characters, none of \\ / ? * [ ] : (see `sheet_title`). columns: the
    header texts. rows: one sequence of values per row, as long as `columns`; values may be
    str, int, float, Decimal, bool, date, naive datetime (Excel has no time zones: convert
    to local time first) or None. NaN and infinite numbers become empty cells.
    column_widths: in characters, one per column (None in it, or no list: guessed from the
    contents). heatmap: colours some columns by level. freeze_columns: how many columns on
    the left stay in view when scrolling sideways (the header row always does).
    """

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    column_widths: Sequence[float | None] | None = None
    heatmap: HeatmapSpec | None = None
    freeze_columns: int = 0


def sheet_title(text: str) -> str:
    """A valid sheet title made from any text (e.g. a team name): forbidden characters become
    "_", the result is cut to 31 characters, and empty text gives "Sheet"."""
    title = _FORBIDDEN_IN_TITLE.sub("_", text).strip().strip("'")[:MAX_SHEET_TITLE]
    return title or "Sheet"


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """An .xlsx workbook with the given sheets, in order.

    Each sheet has a bold header row that stays in view, a filter on the header, and the
    heatmap and legend when asked for. Text is always written as text, never as a formula,
    even when it starts with "=". Characters Excel cannot store (control characters other
    than tab and line breaks) are removed. Rows are streamed to the file, so memory does not
    grow with the number of rows beyond the rows passed in.
    Raises ValueError for no sheets, an invalid or repeated title, a row of the wrong length,
    or heatmap columns that are not in the sheet.
    """
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    titles: set[str] = set()
    for sheet in sheets:
        if sheet_title(sheet.title) != sheet.title:
            raise ValueError(
                f'"{sheet.title}" cannot be a sheet title: at most {MAX_SHEET_TITLE} characters, '
                "none of \\ / ? * [ ] : (sheet_title() makes a valid one)"
            )
        if sheet.title.casefold() in titles:
            raise ValueError(f'two sheets are titled "{sheet.title}"')
        titles.add(sheet.title.casefold())
        _check_sheet(sheet)
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_sheet(sheet: Sheet) -> None:
    # Checked before the workbook exists: a write-only workbook left half-written is not freed.
    width = len(sheet.columns)
    for index, row in enumerate(sheet.rows):
        if len(row) != width:
            raise ValueError(
                f'row {index + 1} of sheet "{sheet.title}" has {len(row)} values; '
                f"the sheet has {width} columns"
            )
    if sheet.heatmap is not None:
        unknown = [name for name in sheet.heatmap.columns if name not in sheet.columns]
        if unknown:
            raise ValueError(f'heatmap columns {unknown} are not columns of "{sheet.title}"')


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    width = len(sheet.columns)
    worksheet = workbook.create_sheet(sheet.title)
    widths = _column_widths(sheet)
    for number, column_width in enumerate(widths, start=1):
        if column_width:
            worksheet.column_dimensions[get_column_letter(number)].width = column_width
    worksheet.freeze_panes = f"{get_column_letter(sheet.freeze_columns + 1)}2"
    if sheet.rows and width:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(width)}{len(sheet.rows) + 1}"

    header_font, header_fill = Font(bold=True), _fill(HEADER_FILL)
    header = []
    for name in sheet.columns:
        cell = _text_cell(worksheet, _excel_value(name))
        cell.font, cell.fill = header_font, header_fill
        header.append(cell)
    worksheet.append(header)

    spec = sheet.heatmap
    heat: frozenset[int] = frozenset()
    styles: list[tuple[PatternFill, Font]] = []
    if spec is not None:
        heat = frozenset(list(sheet.columns).index(name) for name in spec.columns)
        styles = [(_fill(colour), _font_on(colour)) for colour in spec.colours()]

    for row in sheet.rows:
        cells: list[object] = []
        for index, raw in enumerate(row):
            value = _excel_value(raw)
            level = spec.level(value) if spec is not None and index in heat else None
            if level is not None and spec is not None:
                cell = _cell(worksheet, value)
                cell.fill, cell.font = styles[level - spec.minimum]
                cells.append(cell)
            elif isinstance(value, str) and value.startswith("="):
                cells.append(_text_cell(worksheet, value))
            else:
                cells.append(value)
        worksheet.append(cells)

    if spec is not None:
        labels = spec.labels or [str(level) for level in spec.levels]
        legend_title = _text_cell(worksheet, _excel_value(spec.legend_title))
        legend_title.font = Font(bold=True)
        legend = [legend_title]
        for label, (fill, font) in zip(labels, styles, strict=True):
            cell = _text_cell(worksheet, _excel_value(label))
            cell.fill, cell.font = fill, font
            legend.append(cell)
        worksheet.append([])
        worksheet.append(legend)


def _cell(worksheet: WriteOnlyWorksheet, value: object) -> Cell:
    # Any value a Sheet may hold: openpyxl writes Decimal, bool and date too, which its type
    # stubs leave out of WriteOnlyCell's value.
    return WriteOnlyCell(worksheet, value)  # type: ignore[arg-type]


def _text_cell(worksheet: WriteOnlyWorksheet, value: object) -> Cell:
    cell = _cell(worksheet, value)
    if isinstance(value, str):
        # openpyxl takes any text starting with "=" for a formula; exports hold data only.
        cell.data_type = "s"
    return cell


def _excel_value(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value) if not value.isprintable() else value
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        return None
    return value


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _font_on(colour: str) -> Font:
    # Black or white text, whichever contrasts more with the fill (WCAG 2 contrast ratio).
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    dark = (1.05 / (luminance + 0.05)) >= (luminance + 0.05) / 0.05
    return Font(color="FFFFFF" if dark else "000000")


def _interpolate(colours: Sequence[str], position: float) -> str:
    scaled = position * (len(colours) - 1)
    index = min(int(scaled), len(colours) - 2)
    fraction = scaled - index
    low, high = colours[index], colours[index + 1]
    channels = (
        round(int(low[i : i + 2], 16) * (1 - fraction) + int(high[i : i + 2], 16) * fraction)
        for i in (0, 2, 4)
    )
    return "".join(f"{channel:02X}" for channel in channels)


def _display_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10 if not isinstance(value, dt.datetime) else 16
    text = str(value)
    longest_line = max(text.splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in longest_line)


def _column_widths(sheet: Sheet) -> list[float | None]:
    given = list(sheet.column_widths or [])
    sample = sheet.rows[:_WIDTH_SAMPLE_ROWS]
    widths: list[float | None] = []
    for index, name in enumerate(sheet.columns):
        if index < len(given) and given[index]:
            widths.append(given[index])
            continue
        longest = max([_display_width(name)] + [_display_width(row[index]) for row in sample])
        widths.append(float(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH)))
    return widths


# --- CSV ----------------------------------------------------------------------------------------


def write_csv(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    bom: bool = True,
    *,
    escape_formulas: bool = True,
) -> bytes:
    """A CSV file: UTF-8 (with BOM by default, so that Japanese Excel opens it as UTF-8
    rather than Shift_JIS), comma-delimited, CRLF line ends, values quoted when needed.

    Values: None → "", True/False → TRUE/FALSE, dates → 2025-04-01, datetimes →
    2025-04-01 09:30:00, numbers as Python writes them (NaN and infinities → "").
    With escape_formulas, text Excel would run as a formula (starting with = + - @ or a tab,
    but not a plain number like "-3") gets a leading apostrophe, which `read_table` removes
    again. Raises ValueError for a row of the wrong length.
    """
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8-sig" if bom else "utf-8", newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([_csv_value(name, escape_formulas) for name in columns])
    for index, row in enumerate(rows):
        if len(row) != len(columns):
            raise ValueError(
                f"row {index + 1} has {len(row)} values; the file has {len(columns)} columns"
            )
        writer.writerow([_csv_value(value, escape_formulas) for value in row])
    stream.flush()
    data = buffer.getvalue()
    stream.detach()
    return data


def _csv_value(value: object, escape_formulas: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        if escape_formulas and value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
            return "'" + value
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return str(value)


# --- Templates ----------------------------------------------------------------------------------


def template_xlsx(
    columns: Sequence[Column],
    example_rows: Sequence[Mapping[str, object]] = (),
    *,
    headers: Sequence[str] | None = None,
) -> bytes:
    """A workbook to fill in for an import: sheet "データ (Data)" with the header row and the
    example rows, and sheet "説明 (Help)" listing each column, whether it is required, what it
    accepts and which other headers are accepted.

    example_rows: values by column name (missing names stay empty). headers: the header text
    of each column, e.g. the Japanese aliases (default: the column names); each must be a
    header the column accepts. The "accepted" descriptions are in the reader's language.
    Columns of text get Excel's text format, so that "007" keeps its zeros; choice and yes/no
    columns get a drop-down list of the accepted spellings. Read back with `read_table`, the
    template is a valid table. Raises ValueError for unknown names or headers.
    """
    names = _template_headers(columns, headers)
    examples = _example_values(columns, example_rows)
    workbook = Workbook()
    data = workbook.active
    assert isinstance(data, Worksheet)  # a new workbook's one sheet
    data.title = DATA_SHEET_TITLE
    data.append(names)
    for row in examples:
        data.append([_excel_value(value) for value in row])
    for cell in (cell for row in data.iter_rows() for cell in row):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, even when it starts with "="
    bold, header_fill = Font(bold=True), _fill(HEADER_FILL)
    for cell in data[1]:
        cell.font, cell.fill = bold, header_fill
    data.freeze_panes = "A2"
    widths = _column_widths(Sheet(DATA_SHEET_TITLE, names, examples))
    for number, (column, column_width) in enumerate(zip(columns, widths, strict=True), start=1):
        letter = get_column_letter(number)
        if column_width is not None:  # always guessed here: a template gives no widths
            data.column_dimensions[letter].width = column_width
        if isinstance(column.parse, TextParser):
            data.column_dimensions[letter].number_format = "@"
            for (cell,) in data.iter_rows(min_row=2, min_col=number, max_col=number):
                if isinstance(cell.value, str):
                    cell.number_format = "@"
        options = _drop_down_options(column)
        if options is not None:
            validation = DataValidation(
                type="list", formula1=options, allow_blank=True, showErrorMessage=False
            )
            validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS + 1}")
            data.add_data_validation(validation)

    help_sheet = workbook.create_sheet(HELP_SHEET_TITLE)
    help_sheet.append(HELP_COLUMNS)
    for column, name in zip(columns, names, strict=True):
        accepted = column.accepted
        help_sheet.append(
            [
                name,
                _required_text(column),
                accepted.render() if accepted is not None else "",
                " / ".join(h for h in column.headers if h != name),
            ]
        )
    for cell in help_sheet[1]:
        cell.font, cell.fill = bold, header_fill
    help_sheet.freeze_panes = "A2"
    for letter, column_width in zip("ABCD", (24, 24, 60, 40), strict=True):
        help_sheet.column_dimensions[letter].width = column_width

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(
    columns: Sequence[Column],
    example_rows: Sequence[Mapping[str, object]] = (),
    *,
    headers: Sequence[str] | None = None,
    bom: bool = True,
) -> bytes:
    """A CSV file to fill in for an import: the header row and the example rows (see
    `template_xlsx` for the arguments; a CSV file has no room for the help)."""
    names = _template_headers(columns, headers)
    return write_csv(names, _example_values(columns, example_rows), bom=bom)


def headers_in(columns: Sequence[Column], language: str) -> list[str]:
    """The header row of a template for a reader of `language`: in Japanese each column's
    first alias where it is Japanese (職員番号, スキル), in English the column names (number,
    skill). A file may use either; both are read the same."""
    japanese = not language.lower().startswith("en")
    return [
        column.aliases[0]
        if japanese and column.aliases and not column.aliases[0].isascii()
        else column.name
        for column in columns
    ]


def template_file(
    columns: Sequence[Column],
    example_rows: Sequence[Mapping[str, object]],
    fmt: str,
    language: str,
) -> bytes:
    """An import's template as `fmt` ("xlsx" with its help sheet, or "csv"), its headers in
    the reader's `language` (headers_in)."""
    headers = headers_in(columns, language)
    if fmt == "xlsx":
        return template_xlsx(columns, example_rows, headers=headers)
    return template_csv(columns, example_rows, headers=headers)


def _template_headers(columns: Sequence[Column], headers: Sequence[str] | None) -> list[str]:
    if headers is None:
        return [column.name for column in columns]
    if len(headers) != len(columns):
        raise ValueError(f"{len(headers)} headers given for {len(columns)} columns")
    for column, header in zip(columns, headers, strict=True):
        if header_key(header) not in {header_key(h) for h in column.headers}:
            raise ValueError(f'"{header}" is not a header the column "{column.name}" accepts')
    return list(headers)


def _example_values(
    columns: Sequence[Column], example_rows: Sequence[Mapping[str, object]]
) -> list[list[object]]:
    names = [column.name for column in columns]
    rows = []
    for row in example_rows:
        unknown = set(row) - set(names)
        if unknown:
            raise ValueError(f"example values for unknown columns: {sorted(unknown)}")
        rows.append([row.get(name) for name in names])
    return rows


def _drop_down_options(column: Column) -> str | None:
    """Excel's list formula for the column's spellings; None when it has none or they do not
    fit (at most 255 characters, no commas or double quotes)."""
    parser = column.parse
    if isinstance(parser, ChoiceParser | BooleanParser):
        spellings = list(parser.options)
    else:
        return None
    if any("," in s or '"' in s for s in spellings):
        return None
    formula = '"' + ",".join(spellings) + '"'
    return formula if len(formula) <= 255 else None


def _required_text(column: Column) -> str:
    if column.required and column.unique:
        return "必須・重複不可 / required, no repeats"
    if column.required:
        return "必須 / required"
    if column.unique:
        return "任意・重複不可 / optional, no repeats"
    return "任意 / optional"
