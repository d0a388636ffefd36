"""read_table: CSV in every encoding Japanese offices produce, Excel workbooks, bad files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from openpyxl import Workbook

from dxtalent.core.tabular import Row, TableFormatError, read_table

HEADER = ["職員番号", "氏名", "所属", "採用日"]
ROWS = [
    ["000123", "山田 太郎", "総務課", "2025/4/1"],
    ["000456", "佐藤 花子", "情報政策課", "令和6年10月1日"],
]


def csv_text(rows, delimiter=","):
    return "".join(delimiter.join(row) + "\r\n" for row in rows)


def workbook_bytes(*sheets):
    """An .xlsx with one sheet per (title, rows) pair, cells as given (None = empty)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def values(table):
    return [[row.values[column] for column in table.columns] for row in table.rows]


# --- Text files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "encoding", "delimiter"),
    [
        (csv_text([HEADER, *ROWS]).encode("utf-8"), "staff.csv", "utf-8", ","),
        (csv_text([HEADER, *ROWS]).encode("utf-8-sig"), "staff.csv", "utf-8-sig", ","),
        (csv_text([HEADER, *ROWS]).encode("cp932"), "staff.csv", "cp932", ","),
        (csv_text([HEADER, *ROWS], "\t").encode("utf-8"), "staff.tsv", "utf-8", "\t"),
        (csv_text([HEADER, *ROWS], "\t").encode("cp932"), "staff.txt", "cp932", "\t"),
        (csv_text([HEADER, *ROWS], ";").encode("utf-8"), "STAFF.CSV", "utf-8", ";"),
        # Excel's "Unicode text": UTF-16 with BOM, tab-delimited.
        (csv_text([HEADER, *ROWS], "\t").encode("utf-16"), "staff.txt", "utf-16", "\t"),
    ],
    ids=["utf-8", "utf-8-bom", "cp932", "tab", "cp932-tab", "semicolon", "utf-16"],
)
def test_utf8_bom_cp932_and_tab_delimited_files_read_alike(data, filename, encoding, delimiter):
    table = read_table(data, filename)

    assert table.columns == tuple(HEADER)
    assert values(table) == ROWS
    assert [row.number for row in table.rows] == [2, 3]
    assert (table.encoding, table.delimiter, table.sheet) == (encoding, delimiter, None)


def test_a_single_column_file_is_read_with_a_comma():
    table = read_table("氏名\r\n山田\r\n".encode(), "names.csv")

    assert table.columns == ("氏名",)
    assert values(table) == [["山田"]]


def test_blank_lines_are_skipped_but_counted_in_row_numbers():
    data = b"\r\nid,name\r\n1,a\r\n\r\n,\r\n2,b\r\n"

    table = read_table(data, "x.csv")

    assert table.header_row == 2
    assert table.rows == (Row(3, {"id": "1", "name": "a"}), Row(6, {"id": "2", "name": "b"}))


def test_a_quoted_value_spanning_lines_counts_as_one_row_as_in_excel():
    data = b'id,note\r\n1,"first line\r\nsecond line"\r\n2,x\r\n'

    table = read_table(data, "x.csv")

    assert [row.number for row in table.rows] == [2, 3]
    assert table.rows[0].values["note"] == "first line\r\nsecond line"


def test_full_width_and_half_width_input_is_normalised_with_nfkc():
    text = "ＩＤ,　氏名　,ｶﾅ\r\n１２３,　山田　太郎　,ﾔﾏﾀﾞ ﾀﾛｳ\r\nＡ－０１,㈱テスト,①\r\n"

    table = read_table(text.encode("cp932"), "x.csv")

    assert table.columns == ("ID", "氏名", "カナ")
    assert values(table) == [["123", "山田 太郎", "ヤマダ タロウ"], ["A-01", "(株)テスト", "1"]]


def test_spaces_around_ascii_values_are_stripped_and_rows_without_any_kept_as_read():
    # A row of plain ASCII without spaces is kept as read; any space, tab or other character
    # str.strip() removes sends the row through the cell-by-cell path.
    data = b"id, name ,code\r\n1,a b,A-01\r\n 2\t,b, C \r\n3\x0b,\x1fc,X\x1c\r\n4,d,Y\r\n , \t,\r\n"

    table = read_table(data, "x.csv")

    assert table.columns == ("id", "name", "code")
    assert values(table) == [
        ["1", "a b", "A-01"],
        ["2", "b", "C"],
        ["3", "c", "X"],
        ["4", "d", "Y"],
    ]
    assert [row.number for row in table.rows] == [2, 3, 4, 5]


def test_short_rows_are_padded_and_trailing_empty_columns_dropped():
    data = b"id,name,,\r\n1\r\n2,b,,\r\n"

    table = read_table(data, "x.csv")

    assert table.columns == ("id", "name")
    assert values(table) == [["1", ""], ["2", "b"]]


def test_a_header_without_data_rows_gives_an_empty_table():
    table = read_table(b"id,name\r\n", "x.csv")

    assert table.columns == ("id", "name")
    assert table.rows == ()


# --- Errors in the file as a whole --------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\r\n\r\n", b",,,\r\n , \r\n"],
    ids=["empty", "bom", "blank", "commas"],
)
def test_it_rejects_an_empty_file(data):
    with pytest.raises(TableFormatError, match="The file is empty: it has no header row"):
        read_table(data, "x.csv")


def test_it_rejects_a_duplicate_column_naming_both_positions():
    data = b"id,name,email,tel,email\r\n"

    with pytest.raises(TableFormatError) as caught:
        read_table(data, "x.csv")

    assert str(caught.value) == (
        'Duplicate column "email" in columns 3 (C) and 5 (E) of row 1; '
        "give each column a different name."
    )
    assert caught.value.detail.params["column"] == "email"


def test_it_treats_columns_that_differ_only_in_width_as_duplicates():
    with pytest.raises(TableFormatError, match='Duplicate column "ID" in columns 1 '):
        read_table("ID,ＩＤ\r\n".encode(), "x.csv")


def test_it_rejects_an_empty_header_between_named_columns():
    with pytest.raises(TableFormatError) as caught:
        read_table(b"id,name,,email\r\n1,a,x,b\r\n", "x.csv")

    assert str(caught.value).startswith("Empty header in column 3 (C) of row 1;")


@pytest.mark.parametrize("filename", ["staff.ods", "staff.xls", "staff"])
def test_it_rejects_an_unsupported_file_type_listing_the_accepted_ones(filename):
    with pytest.raises(TableFormatError) as caught:
        read_table(b"id\r\n1\r\n", filename)

    assert "Unsupported file type" in str(caught.value)
    assert "accepted: .csv, .txt, .tsv, .xlsx." in str(caught.value)
    assert (".ods" in str(caught.value)) == filename.endswith(".ods")


def test_it_names_the_line_and_byte_of_bytes_that_are_neither_utf8_nor_cp932():
    # 0x85 0x40 is in a row of Shift_JIS that has no characters.
    data = "id,name\r\n1,山田\r\n".encode("cp932") + b"2,\x85\x40\r\n"

    with pytest.raises(TableFormatError) as caught:
        read_table(data, "x.csv")

    offset = data.index(b"\x85")
    assert str(caught.value).startswith(
        f"The file is not Shift_JIS (cp932) text: undecodable bytes at line 3, byte {offset} "
        "(85 40)."
    )


def test_it_reports_a_damaged_utf8_file_instead_of_reading_it_as_cp932():
    good = "".join(f"{i},山田,総務\r\n" for i in range(50)).encode("utf-8")
    # Row 52 lost the first byte of "山": no longer UTF-8, yet every byte still decodes as cp932.
    data = b"id,name,dept\r\n" + good + b"51," + "山田".encode()[1:] + b",x\r\n"
    assert data.decode("cp932")

    with pytest.raises(TableFormatError, match=r"is not UTF-8 text: undecodable bytes at line 52"):
        read_table(data, "x.csv")


def test_it_reports_values_beyond_the_last_named_column_by_row():
    data = b"id,amount\r\n1,500\r\n2,1,000\r\n3,2,500\r\n"

    with pytest.raises(TableFormatError) as caught:
        read_table(data, "x.csv")

    assert str(caught.value).startswith(
        "More values than the header row has columns (2) in rows 3, 4;"
    )
    assert 'values that contain "," in double quotes' in str(caught.value)


def test_it_names_the_line_where_a_quote_that_is_never_closed_opens():
    data = b'id,name\r\n1,a\r\n2,"b\r\n' + b"3,c\r\n" * 30_000

    with pytest.raises(TableFormatError) as caught:
        read_table(data, "x.csv")

    assert str(caught.value).startswith("Line 3 of the file cannot be read (field larger than")
    assert 'check that every double quote (") that opens a value also closes it' in str(
        caught.value
    )


def test_it_rejects_a_workbook_named_as_csv():
    data = workbook_bytes(("Sheet1", [["id"], [1]]))

    with pytest.raises(TableFormatError, match=r'named "\.csv" but is an Excel workbook'):
        read_table(data, "staff.csv")


# --- Workbooks ----------------------------------------------------------------------------------


def test_excel_values_read_as_excel_shows_them_with_dates_in_iso_form():
    data = workbook_bytes(
        (
            "職員",
            [
                ["職員番号", "採用日", "等級", "評価", "在籍", "更新日時"],
                ["000123", dt.datetime(2025, 4, 1), 3, 2.5, True, dt.datetime(2025, 5, 7, 9, 30)],
                [None, None, None, None, None, None],
                [456, dt.date(2024, 10, 1), 3.0, 0.1 + 0.2, False, None],
                [None, None, None, 0.00001, None, None],
                [None, None, None, 12345678901234567890.0, None, None],
            ],
        )
    )

    table = read_table(data, "staff.xlsx")

    assert table.columns == ("職員番号", "採用日", "等級", "評価", "在籍", "更新日時")
    assert (table.sheet, table.encoding, table.header_row) == ("職員", "", 1)
    assert [row.number for row in table.rows] == [2, 4, 5, 6]
    assert values(table) == [
        ["000123", "2025-04-01", "3", "2.5", "TRUE", "2025-05-07 09:30:00"],
        ["456", "2024-10-01", "3", "0.3", "FALSE", ""],
        ["", "", "", "0.00001", "", ""],
        ["", "", "", "12345678901234600000", "", ""],
    ]


def test_excel_text_is_normalised_and_a_blank_first_row_moves_the_header():
    data = workbook_bytes(("S", [[], ["ＩＤ", " 氏名 "], ["１", "ﾔﾏﾀﾞ"]]))

    table = read_table(data, "x.xlsx")

    assert table.header_row == 2
    assert table.rows == (Row(3, {"ID": "1", "氏名": "ヤマダ"}),)


def test_the_first_visible_sheet_is_read_unless_one_is_named():
    workbook = Workbook()
    hidden = workbook.active
    hidden.title = "設定"
    hidden.append(["key"])
    hidden.sheet_state = "hidden"
    workbook.create_sheet("職員").append(["id"])
    workbook.create_sheet("所属").append(["code"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert read_table(buffer.getvalue(), "x.xlsx").sheet == "職員"
    assert read_table(buffer.getvalue(), "x.xlsx", sheet="所属").columns == ("code",)
    with pytest.raises(TableFormatError) as caught:
        read_table(buffer.getvalue(), "x.xlsx", sheet="異動")
    assert str(caught.value) == (
        'The workbook has no sheet named "異動"; its sheets are "設定", "職員", "所属".'
    )


def test_excel_values_beyond_the_header_are_reported_with_the_column_letter():
    data = workbook_bytes(("S", [["id", "name"], [1, "a"], [2, "b", "stray"]]))

    with pytest.raises(TableFormatError) as caught:
        read_table(data, "x.xlsx")

    assert str(caught.value) == (
        "Values to the right of the last named column, 2 (B), in rows 3; "
        "name those columns in the header row."
    )


def damaged_workbook():
    """A workbook whose sheet XML is cut in half, as by an interrupted copy."""
    damaged = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(workbook_bytes(("S", [["id"], [1]])))) as source,
        zipfile.ZipFile(damaged, "w") as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                content = content[: len(content) // 2]
            target.writestr(item, content)
    return damaged.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003 workbook (.xls)"),
        (b"id,name\r\n", 'named ".xlsx" but is not an Excel workbook'),
        (workbook_bytes(("S", [["id"]]))[:-200], 'named ".xlsx" but is not an Excel workbook'),
        (damaged_workbook(), 'named ".xlsx" but is not an Excel workbook'),
    ],
    ids=["xls", "csv", "truncated", "damaged-sheet"],
)
def test_it_rejects_a_file_named_xlsx_that_is_not_a_workbook(data, message):
    with pytest.raises(TableFormatError, match=re.escape(message)):
        read_table(data, "staff.xlsx")


# --- Size ---------------------------------------------------------------------------------------


def test_a_100000_row_csv_is_read_completely():
    # Reads in about 0.5 s on a 2-core machine; see the report of the tabular package.
    lines = ["職員番号,氏名,所属,採用日,等級,在籍\r\n"]
    lines += [f"{i:06d},職員 {i},総務課,2025/4/1,{i % 5},はい\r\n" for i in range(100_000)]
    data = "".join(lines).encode("cp932")

    table = read_table(data, "big.csv")

    assert len(table.rows) == 100_000
    assert table.rows[0] == Row(
        2,
        {
            "職員番号": "000000",
            "氏名": "職員 0",
            "所属": "総務課",
            "採用日": "2025/4/1",
            "等級": "0",
            "在籍": "はい",
        },
    )
    assert table.rows[-1].number == 100_001
    assert table.rows[-1].values["氏名"] == "職員 99999"
    assert sum(int(row.values["等級"]) for row in table.rows) == 200_000


def test_a_nul_character_in_a_header_or_a_cell_is_refused_naming_its_row_and_column():
    from dxtalent.core.tabular import TableFormatError, read_table

    with pytest.raises(TableFormatError, match=r'Row 1, column "note": .*NUL.*position 3'):
        read_table("name,no\x00te\n佐藤,b\n".encode(), "nul.csv")
    with pytest.raises(TableFormatError, match=r'Row 2, column "note": .*NUL.*position 2'):
        read_table("name,note\n佐藤,a\x00b\n".encode(), "nul.csv")
