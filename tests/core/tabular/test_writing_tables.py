"""write_xlsx, write_csv and the import templates, read back with openpyxl and read_table."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from dxtalent.core import i18n
from dxtalent.core.tabular import (
    Column,
    HeatmapSpec,
    Sheet,
    boolean,
    choice,
    date,
    integer,
    read_table,
    sheet_title,
    template_csv,
    template_xlsx,
    text,
    validate,
    write_csv,
    write_xlsx,
)
from dxtalent.core.tabular.write import HEAT_COLOURS

MATRIX = Sheet(
    title="総務課",
    columns=["氏名", "PM-01", "DA-02", "SE-03"],
    rows=[
        ["山田 太郎", 0, 1, 2],
        ["佐藤 花子", 3, 4, None],
        ["鈴木 一郎", 2.5, "-", 7],
    ],
    heatmap=HeatmapSpec(columns=["PM-01", "DA-02", "SE-03"]),
    freeze_columns=1,
)


def open_xlsx(data: bytes):
    return load_workbook(io.BytesIO(data))


def fill_of(cell) -> str | None:
    if cell.fill.fill_type != "solid":
        return None
    return cell.fill.fgColor.rgb[-6:]


def test_a_heatmap_colours_levels_0_to_4_light_to_dark():
    sheet = open_xlsx(write_xlsx([MATRIX]))["総務課"]

    assert [fill_of(c) for c in sheet[2][1:4]] == [
        HEAT_COLOURS[0],
        HEAT_COLOURS[1],
        HEAT_COLOURS[2],
    ]
    assert [fill_of(c) for c in sheet[3][1:4]] == [HEAT_COLOURS[3], HEAT_COLOURS[4], None]
    # 2.5 rounds up to level 3; text and values outside 0–4 stay white.
    assert [fill_of(c) for c in sheet[4][1:4]] == [HEAT_COLOURS[3], None, None]
    # Names are not in a heatmap column, so stay white even when numeric-looking.
    assert fill_of(sheet["A2"]) is None
    # Dark fills get white text.
    assert sheet["C3"].font.color.rgb[-6:] == "FFFFFF"
    assert sheet["B2"].font.color.rgb[-6:] == "000000"


def test_a_heatmap_has_a_legend_row_below_the_table():
    spec = HeatmapSpec(columns=["PM-01"], labels=["0 なし", "1 知識", "2 補助", "3 自立", "4 指導"])
    workbook = open_xlsx(
        write_xlsx([Sheet("matrix", ["氏名", "PM-01"], [["山田", 1], ["佐藤", 3]], heatmap=spec)])
    )
    sheet = workbook["matrix"]

    assert all(cell.value is None for cell in sheet[4])
    legend = sheet[5]
    assert legend[0].value == "凡例 (Legend)"
    assert [c.value for c in legend[1:6]] == ["0 なし", "1 知識", "2 補助", "3 自立", "4 指導"]
    assert [fill_of(c) for c in legend[1:6]] == list(HEAT_COLOURS)


def test_the_header_row_is_frozen_bold_and_filtered():
    sheet = open_xlsx(write_xlsx([MATRIX]))["総務課"]

    assert sheet.freeze_panes == "B2"
    assert all(cell.font.bold for cell in sheet[1][:4])
    assert sheet.auto_filter.ref == "A1:D4"


def test_a_sheet_without_frozen_columns_freezes_only_the_header():
    sheet = open_xlsx(write_xlsx([Sheet("s", ["a"], [[1]])]))["s"]

    assert sheet.freeze_panes == "A2"


def test_values_keep_their_types_and_text_is_never_a_formula():
    rows = [
        ['=HYPERLINK("http://example.com")', dt.date(2025, 4, 1), 3, Decimal("2.5"), True],
        ["bell\x07", dt.datetime(2025, 4, 1, 9, 30), math.nan, None, False],
    ]
    sheet = open_xlsx(write_xlsx([Sheet("s", ["a", "b", "c", "d", "e"], rows)]))["s"]

    assert sheet["A2"].value == '=HYPERLINK("http://example.com")'
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "bell"
    assert sheet["B2"].value == dt.datetime(2025, 4, 1)
    assert sheet["B3"].value == dt.datetime(2025, 4, 1, 9, 30)
    assert (sheet["C2"].value, sheet["C3"].value) == (3, None)
    assert (sheet["D2"].value, sheet["E2"].value, sheet["E3"].value) == (2.5, True, False)


def test_column_widths_follow_the_given_widths_or_the_contents():
    rows = [["情報政策課デジタル推進係", "x"]]
    sheet = open_xlsx(write_xlsx([Sheet("s", ["所属", "id"], rows, column_widths=[None, 30])]))["s"]

    # Twelve wide characters are 24 columns, plus a margin of 2.
    assert sheet.column_dimensions["A"].width == 26
    assert sheet.column_dimensions["B"].width == 30


def test_several_sheets_are_written_in_order():
    data = write_xlsx([Sheet("b", ["x"], [[1]]), Sheet("a", ["y"], [[2]])])

    assert open_xlsx(data).sheetnames == ["b", "a"]


@pytest.mark.parametrize(
    ("sheets", "message"),
    [
        ([], "at least one sheet"),
        ([Sheet("a/b", ["x"], [])], '"a/b" cannot be a sheet title'),
        ([Sheet("x" * 32, ["x"], [])], "at most 31 characters"),
        ([Sheet("a", ["x"], []), Sheet("A", ["x"], [])], 'two sheets are titled "A"'),
        (
            [Sheet("a", ["x", "y"], [[1]])],
            'row 1 of sheet "a" has 1 values; the sheet has 2 columns',
        ),
        ([Sheet("a", ["x"], [], heatmap=HeatmapSpec(["z"]))], "heatmap columns ['z']"),
    ],
)
def test_it_refuses_a_workbook_excel_could_not_open(sheets, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        write_xlsx(sheets)


def test_sheet_title_makes_any_team_name_a_valid_title():
    assert sheet_title("企画/財政:部") == "企画_財政_部"
    assert len(sheet_title("あ" * 40)) == 31
    assert sheet_title("") == "Sheet"


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_is_utf8_with_a_bom_and_crlf_by_default():
    data = write_csv(["氏名", "採用日"], [["山田", dt.date(2025, 4, 1)]])

    assert data == "\ufeff氏名,採用日\r\n山田,2025-04-01\r\n".encode()
    assert write_csv(["a"], [[1]], bom=False) == b"a\r\n1\r\n"


def test_csv_values_are_written_as_people_read_them():
    row = [None, True, Decimal("1E+2"), math.inf, dt.datetime(2025, 4, 1, 9, 30), 'say "hi", ok']

    data = write_csv(list("abcdef"), [row], bom=False)

    assert data.decode().splitlines()[1] == ',TRUE,100,,2025-04-01 09:30:00,"say ""hi"", ok"'


def test_csv_text_that_excel_would_run_as_a_formula_is_escaped_and_read_back_whole():
    values = ["=1+1", "+81 90", "@SUM(A1)", "-x", "-3", "1.5", "'quoted"]

    data = write_csv(["v"], [[v] for v in values])

    assert data.decode("utf-8-sig").splitlines()[1:] == [
        "'=1+1",
        "'+81 90",
        "'@SUM(A1)",
        "'-x",
        "-3",
        "1.5",
        "'quoted",
    ]
    assert [row.values["v"] for row in read_table(data, "x.csv").rows] == values


def test_a_csv_export_reads_back_as_the_same_table():
    columns = ["職員番号", "氏名", "メモ"]
    rows = [["000123", "山田 太郎", "1行目\n2行目"], ["000124", "佐藤, 花子", ""]]

    table = read_table(write_csv(columns, rows), "export.csv")

    assert table.columns == tuple(columns)
    assert [list(row.values.values()) for row in table.rows] == [
        ["000123", "山田 太郎", "1行目\n2行目"],
        ["000124", "佐藤, 花子", ""],
    ]


# --- Templates ----------------------------------------------------------------------------------

STAFF = (
    Column("staff_number", aliases=("職員番号",), required=True, unique=True, parse=text(10)),
    Column("name", aliases=("氏名",), required=True, parse=text(50)),
    Column("hired_on", aliases=("採用日",), parse=date()),
    Column("employment", aliases=("雇用形態",), parse=choice({"regular": "r", "正規": "r"})),
    Column("level", aliases=("DXレベル",), parse=integer(0, 4)),
    Column("manager", aliases=("管理職",), parse=boolean()),
)
EXAMPLE = {
    "staff_number": "000123",
    "name": "山田 太郎",
    "hired_on": dt.date(2025, 4, 1),
    "employment": "正規",
    "level": 2,
    "manager": "いいえ",
}
EXPECTED_RECORD = {
    "staff_number": "000123",
    "name": "山田 太郎",
    "hired_on": dt.date(2025, 4, 1),
    "employment": "r",
    "level": 2,
    "manager": False,
}


@pytest.mark.parametrize(
    ("make", "filename"), [(template_xlsx, "template.xlsx"), (template_csv, "template.csv")]
)
def test_a_template_reads_back_as_a_valid_table(make, filename):
    table = read_table(make(STAFF, [EXAMPLE]), filename)
    result = validate(table, STAFF)

    assert table.columns == tuple(column.name for column in STAFF)
    assert result.errors == ()
    assert result.records == (EXPECTED_RECORD,)


def test_a_template_can_use_the_japanese_headers():
    headers = ["職員番号", "氏名", "採用日", "雇用形態", "DXレベル", "管理職"]

    table = read_table(template_xlsx(STAFF, [EXAMPLE], headers=headers), "テンプレート.xlsx")

    assert table.columns == tuple(headers)
    assert validate(table, STAFF).records == (EXPECTED_RECORD,)
    with pytest.raises(ValueError, match='"所属" is not a header the column "name" accepts'):
        template_csv(
            STAFF, headers=["職員番号", "所属", "採用日", "雇用形態", "DXレベル", "管理職"]
        )


def test_an_xlsx_template_explains_every_column_on_a_help_sheet():
    workbook = open_xlsx(template_xlsx(STAFF, [EXAMPLE]))

    assert workbook.sheetnames == ["データ (Data)", "説明 (Help)"]
    rows = [[cell.value for cell in row] for row in workbook["説明 (Help)"].iter_rows()]
    assert rows[0] == [
        "列 / Column",
        "必須 / Required",
        "入力できる値 / Accepted",
        "見出しの別名 / Other headers accepted",
    ]
    assert rows[1] == [
        "staff_number",
        "必須・重複不可 / required, no repeats",
        "text of at most 10 characters",
        "職員番号",
    ]
    assert rows[3] == [
        "hired_on",
        "任意 / optional",
        "a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1",
        "採用日",
    ]
    assert rows[5] == ["level", "任意 / optional", "a whole number from 0 to 4", "DXレベル"]


def test_the_help_sheet_is_in_the_language_of_the_installed_translator():
    japanese = {"a whole number from {minimum} to {maximum}": "{minimum}から{maximum}までの整数"}

    previous = i18n.install(lambda t: japanese.get(t, t), lambda s, p, n: s if n == 1 else p)
    try:
        workbook = open_xlsx(template_xlsx(STAFF))
    finally:
        i18n.install(*previous)

    assert workbook["説明 (Help)"]["C6"].value == "0から4までの整数"


def test_an_xlsx_template_keeps_leading_zeros_and_offers_drop_down_lists():
    sheet = open_xlsx(template_xlsx(STAFF, [EXAMPLE]))["データ (Data)"]

    assert sheet.freeze_panes == "A2"
    assert sheet["A2"].number_format == "@"
    assert sheet.column_dimensions["A"].number_format == "@"
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"D2:D1001": '"regular,正規"', "F2:F1001": '"yes,no,はい,いいえ"'}


def test_example_values_for_unknown_columns_are_a_programming_error():
    with pytest.raises(ValueError, match="unknown columns: \\['department'\\]"):
        template_xlsx(STAFF, [{"department": "総務課"}])
