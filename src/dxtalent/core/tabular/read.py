"""Reading an uploaded CSV or Excel file into a table of normalised text.

Every header and value is normalised with NFKC and stripped of surrounding whitespace, so
full-width digits and letters become ASCII and half-width kana become full-width. Values stay
text; turning them into numbers and dates is the job of `validate` and the column parsers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.archives import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    ArchiveRefused,
    check_archive,
)
from dxtalent.core.tabular.errors import TableFormatError
from dxtalent.core.tabular.messages import Message, quoted_list
from dxtalent.core.text import NUL

TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
WORKBOOK_EXTENSIONS = (".xlsx",)
ACCEPTED_EXTENSIONS = TEXT_EXTENSIONS + WORKBOOK_EXTENSIONS
DELIMITERS = ",\t;"

_ZIP_MAGIC = b"PK\x03\x04"
# Compound File Binary: Excel 97-2003 .xls, and also any password-protected .xlsx.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The delimiter is guessed from the first lines only.
_SNIFF_LINES = 50
# Below this many correctly decoded non-ASCII characters before the first bad byte, a file that
# is not UTF-8 is taken to be Shift_JIS: in Shift_JIS text a run of that many characters that
# also happen to be valid UTF-8 does not occur in practice, so more means a damaged UTF-8 file,
# which must be reported rather than silently read as Shift_JIS (mojibake in every name).
_UTF8_EVIDENCE = 8
_DECODE_CHUNK = 1 << 20
# Rows listed by number in the "values beyond the header" message.
_LISTED_ROWS = 10
# The ASCII characters str.strip() removes: a row without any is kept as read.
_ASCII_SPACE = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f ]")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row: its number as a person sees it and its values by column.

    number: the row number in Excel or a text editor (the header is row 1; blank rows are
    counted but not returned; a quoted CSV value spanning lines counts as one row, as in
    Excel). values: normalised text for every column of the table, "" for an empty cell.
    """

    number: int
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    """A file read as text: its columns (header texts, normalised, left to right) and rows.

    encoding: "utf-8", "utf-8-sig" (with BOM), "cp932" (Shift_JIS as written by Japanese
    Windows), "utf-16" (Excel's "Unicode text"), or "" for a workbook. sheet: the sheet read,
    None for a text file. header_row: the number of the header row (1 unless blank rows come
    first). delimiter: the CSV delimiter found, "" for a workbook.
    """

    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    encoding: str
    sheet: str | None
    header_row: int = 1
    delimiter: str = ""


def read_table(
    data: bytes,
    filename: str,
    *,
    sheet: str | None = None,
    archive_limits: ArchiveLimits = DEFAULT_LIMITS,
) -> Table:
    """Read a .csv, .txt, .tsv or .xlsx file (by the name's extension, in any case).

    Text files: UTF-8 with or without BOM, UTF-16 with BOM, else cp932; the delimiter (comma,
    tab or semicolon) is guessed from the first lines, comma when unclear. A value written by
    `write_csv` with a leading apostrophe to keep Excel from running it as a formula
    ("'=x") is read back without it.

    Workbooks: the sheet named `sheet`, else the first visible sheet; cached values of formulas
    (empty for formulas never calculated by Excel); dates as "2025-04-01" (with " 09:30:00"
    when there is a time of day); numbers as Excel shows them with 15 significant digits,
    integers without ".0"; TRUE/FALSE for booleans. `sheet` is ignored for text files.

    The header is the first non-blank row. Trailing unnamed columns without values are
    dropped. Raises TableFormatError for an unsupported or unreadable file, an empty file, a
    header with an empty or duplicate name, or values to the right of the last named column;
    and for a workbook over `archive_limits` (a zip bomb: see dxtalent.core.tabular.archives), before
    openpyxl reads any of it.
    """
    extension = PurePath(filename).suffix.lower()
    if extension in TEXT_EXTENSIONS:
        return _read_text(data, extension)
    if extension in WORKBOOK_EXTENSIONS:
        return _read_workbook(data, sheet, filename, archive_limits)
    raise TableFormatError(
        Message(
            m.UNSUPPORTED_FILE_TYPE,
            {"extension": extension or filename, "accepted": ", ".join(ACCEPTED_EXTENSIONS)},
        )
    )


# --- Text files ---------------------------------------------------------------------------------


def _read_text(data: bytes, extension: str) -> Table:
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLE_MAGIC):
        raise TableFormatError(Message(m.TEXT_FILE_IS_WORKBOOK, {"extension": extension}))
    encoding = _detect_encoding(data)
    # Decoding as we go keeps one copy of the file (the bytes) in memory, not three.
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    lines = iter(stream)
    head = list(itertools.islice(lines, _SNIFF_LINES))
    delimiter = _sniff_delimiter("".join(head))
    records = csv.reader(itertools.chain(head, lines), delimiter=delimiter, quotechar='"')
    try:
        header_row, columns, rows = _build(records, delimiter)
    except csv.Error as error:
        line = _line_of_unreadable_record(data, encoding, delimiter)
        detail = Message(m.UNREADABLE_CSV, {"line": line, "problem": str(error)})
        raise TableFormatError(detail) from None
    return Table(columns, rows, encoding, None, header_row, delimiter)


def _line_of_unreadable_record(data: bytes, encoding: str, delimiter: str) -> int:
    """The line on which the record that csv cannot read begins (read again: rare, slow path).

    The usual cause is a double quote that is never closed, which makes the csv module read
    on to the end of the file; the line where that value began is the one to look at.
    """
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    records = csv.reader(stream, delimiter=delimiter, quotechar='"')
    line = 1
    try:
        for _ in records:
            line = records.line_num + 1
    except csv.Error:
        return line
    return line


def _unescape_formula(value: str) -> str:
    # write_csv puts an apostrophe before values Excel would run as formulas; take it off again.
    if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@"):
        return value[1:]
    return value


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "cp932": "Shift_JIS (cp932)",
}


def _detect_encoding(data: bytes) -> str:
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            _raise_if_undecodable(data, bom_encoding)
            return bom_encoding
    utf8_error = _first_undecodable(data, "utf-8")
    if utf8_error is None:
        return "utf-8"
    valid_prefix = data[:utf8_error].decode("utf-8")
    if sum(not character.isascii() for character in valid_prefix) >= _UTF8_EVIDENCE:
        raise _undecodable(data, "utf-8", utf8_error)
    cp932_error = _first_undecodable(data, "cp932")
    if cp932_error is None:
        return "cp932"
    # Neither fits: point at the bad bytes of the encoding that got further.
    if cp932_error > utf8_error:
        raise _undecodable(data, "cp932", cp932_error)
    raise _undecodable(data, "utf-8", utf8_error)


def _first_undecodable(data: bytes, encoding: str) -> int | None:
    """Offset of the first byte that does not decode, decoding a chunk at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    for start in range(0, max(len(data), 1), _DECODE_CHUNK):
        pending = len(decoder.getstate()[0])
        end = start + _DECODE_CHUNK
        try:
            decoder.decode(view[start:end], final=end >= len(data))
        except UnicodeDecodeError as error:
            return start - pending + error.start
    return None


def _raise_if_undecodable(data: bytes, encoding: str) -> None:
    position = _first_undecodable(data, encoding)
    if position is not None:
        raise _undecodable(data, encoding, position)


def _undecodable(data: bytes, encoding: str, position: int) -> TableFormatError:
    line = data[:position].decode(encoding).count("\n") + 1
    return TableFormatError(
        Message(
            m.UNDECODABLE,
            {
                "encoding": _ENCODING_NAMES[encoding],
                "line": line,
                "offset": position,
                "bytes": data[position : position + 2].hex(" ").upper(),
            },
        )
    )


def _sniff_delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


# --- Workbooks ----------------------------------------------------------------------------------


def _read_workbook(data: bytes, sheet: str | None, filename: str, limits: ArchiveLimits) -> Table:
    if data.startswith(_OLE_MAGIC):
        raise TableFormatError(Message(m.LEGACY_WORKBOOK))
    try:
        check_archive(data, PurePath(filename).name, limits)
    except ArchiveRefused as error:
        raise TableFormatError(error.detail) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise TableFormatError(Message(m.NOT_A_WORKBOOK)) from error
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        # A damaged or foreign file makes openpyxl raise almost anything (BadZipFile, KeyError,
        # InvalidFileException, XML errors); to the person uploading it, they all mean this.
        raise TableFormatError(Message(m.NOT_A_WORKBOOK)) from error
    try:
        if sheet is None:
            visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
            worksheet = (visible or workbook.worksheets)[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise TableFormatError(
                Message(
                    m.NO_SUCH_SHEET, {"sheet": sheet, "sheets": quoted_list(workbook.sheetnames)}
                )
            )
        # The size a file declares is sometimes wrong (some generators write "A1"); read every
        # cell present instead, from A1 so that row and column numbers are the real ones.
        worksheet.reset_dimensions()
        cells = worksheet.iter_rows(min_row=1, min_col=1, values_only=True)
        rows = ([_cell_text(value) for value in row] for row in cells)
        try:
            header_row, columns, table_rows = _build(rows, "")
        except (ElementTree.ParseError, zipfile.BadZipFile, zlib.error, EOFError) as error:
            # A sheet whose XML is damaged is only found while reading it.
            raise TableFormatError(Message(m.NOT_A_WORKBOOK)) from error
        return Table(columns, table_rows, "", worksheet.title, header_row, "")
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell value as text, as Excel shows it but in ISO form for dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel shows 15 significant digits: 0.1 + 0.2 is "0.3" and 2.9999999999999996 is "3".
        shown = format(value, ".15g")
        return format(Decimal(shown), "f") if "e" in shown else shown
    if isinstance(value, dt.datetime):
        # Times come back from Excel's day fractions with rounding errors: 09:29:59.999987.
        moment = (value + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
        if moment.time() == dt.time(0):
            return moment.date().isoformat()
        return moment.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.timedelta):
        seconds = round(value.total_seconds())
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)


# --- Both ---------------------------------------------------------------------------------------


def _build(
    rows: Iterable[Sequence[str]], delimiter: str
) -> tuple[int, tuple[str, ...], tuple[Row, ...]]:
    """Header row number, columns and data rows from raw rows (row 1 first).

    delimiter: the CSV delimiter, "" for a workbook. A cell holding a NUL character (which
    no database text column stores) is a TableFormatError naming the first such row and column.
    """
    normalize = unicodedata.normalize
    header_row = 0
    columns: tuple[str, ...] = ()
    width = 0
    result: list[Row] = []
    beyond: list[int] = []
    nul: list[tuple[int, str, str]] = []  # (row, column, value) of cells holding a NUL
    for number, raw in enumerate(rows, start=1):
        joined = "".join(raw)  # one search per row for the rare characters below
        if joined.isascii() and not _ASCII_SPACE.search(joined):
            # Already in NFKC and stripped, as most rows of a large file are: a check of the
            # row, not a normalize() and strip() per cell (a third of reading such a file).
            values = list(raw)
            if not joined:
                continue
        else:
            # ASCII text is already in NFKC; skipping normalize() for it halves the time per
            # cell.
            values = [
                value.strip() if value.isascii() else normalize("NFKC", value).strip()
                for value in raw
            ]
            if not any(values):
                continue
            joined = "".join(values)
        if delimiter and "'" in joined:
            values = [_unescape_formula(value) for value in values]
        if not columns:
            nul.extend((number, value, value) for value in values if NUL in value)
            header_row, columns = number, _header(values, number)
            width = len(columns)
            continue
        if len(values) > width:
            if any(values[width:]):
                beyond.append(number)
                continue
            del values[width:]
        elif len(values) < width:
            values += [""] * (width - len(values))
        cells = dict(zip(columns, values, strict=True))
        if NUL in joined:
            nul.extend((number, column, value) for column, value in cells.items() if NUL in value)
        result.append(Row(number, cells))
    if not columns:
        raise TableFormatError(Message(m.EMPTY_FILE))
    if beyond:
        listed = ", ".join(str(number) for number in beyond[:_LISTED_ROWS])
        if len(beyond) > _LISTED_ROWS:
            listed += ", …"
        params: dict[str, object] = {
            "rows": listed,
            "number": width,
            "letter": get_column_letter(width),
        }
        if delimiter:
            shown = "tab" if delimiter == "\t" else delimiter
            raise TableFormatError(
                Message(m.VALUES_BEYOND_HEADER_CSV, params | {"delimiter": shown})
            )
        raise TableFormatError(Message(m.VALUES_BEYOND_HEADER, params))
    if nul:
        row, column, value = nul[0]
        reason = Message(m.HOLDS_NUL, {"position": value.index(NUL) + 1})
        raise TableFormatError(
            Message(
                m.CELL_ERROR, {"row": row, "column": column.replace(NUL, ""), "message": reason}
            )
        )
    return header_row, columns, tuple(result)


def _header(values: list[str], row: int) -> tuple[str, ...]:
    while values and not values[-1]:
        values.pop()
    first_seen: dict[str, int] = {}
    for number, name in enumerate(values, start=1):
        if not name:
            raise TableFormatError(
                Message(
                    m.EMPTY_HEADER,
                    {"number": number, "letter": get_column_letter(number), "row": row},
                )
            )
        if name in first_seen:
            first = first_seen[name]
            raise TableFormatError(
                Message(
                    m.DUPLICATE_HEADER,
                    {
                        "column": name,
                        "first": first,
                        "first_letter": get_column_letter(first),
                        "second": number,
                        "second_letter": get_column_letter(number),
                        "row": row,
                    },
                )
            )
        first_seen[name] = number
    return tuple(values)
