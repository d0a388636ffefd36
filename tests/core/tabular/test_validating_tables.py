"""validate: every error of a file collected, named by row, column and value."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dxtalent.core import i18n
from dxtalent.core.tabular import (
    CellError,
    Column,
    Message,
    ParseError,
    TableValidationError,
    boolean,
    choice,
    date,
    integer,
    read_table,
    text,
    validate,
)
from dxtalent.core.tabular import messages as m

EMPLOYMENT = choice(
    {
        "regular": "regular",
        "正規": "regular",
        "fixed_term_part_time": "fixed_term_part_time",
        "会計年度任用職員": "fixed_term_part_time",
    }
)
STAFF = (
    Column("staff_number", aliases=("職員番号",), required=True, unique=True, parse=text(10)),
    Column("name", aliases=("氏名",), required=True),
    Column("hired_on", aliases=("採用日",), parse=date()),
    Column("employment", aliases=("雇用形態",), parse=EMPLOYMENT),
    Column("level", aliases=("DXレベル", "DX level"), parse=integer(0, 4)),
    Column("manager", aliases=("管理職",), parse=boolean()),
)


def csv(text_: str):
    return read_table(text_.encode("utf-8"), "staff.csv")


def skill_code(value: str) -> str:
    if value not in {"PM-01", "DA-02"}:
        raise ValueError("unknown")
    return value


def test_a_valid_file_gives_one_typed_record_per_row_with_its_row_number():
    table = csv(
        "staff_number,name,hired_on,employment,level,manager\r\n"
        "000123,山田 太郎,令和7年4月1日,正規,3,はい\r\n"
        "\r\n"
        "000456,佐藤 花子,,,,\r\n"
    )

    result = validate(table, STAFF)

    assert result.errors == ()
    assert result.row_numbers == (2, 4)
    assert result.records == (
        {
            "staff_number": "000123",
            "name": "山田 太郎",
            "hired_on": dt.date(2025, 4, 1),
            "employment": "regular",
            "level": 3,
            "manager": True,
        },
        {
            "staff_number": "000456",
            "name": "佐藤 花子",
            "hired_on": None,
            "employment": None,
            "level": None,
            "manager": None,
        },
    )


def test_japanese_header_aliases_are_accepted_in_any_width_and_spacing():
    table = read_table(
        "職員番号,氏名,採用日,雇用形態,ＤＸ レベル,管理職\r\n"
        "000123,山田 太郎,R7.4.1,会計年度任用職員,２,×\r\n".encode("cp932"),
        "職員.csv",
    )

    result = validate(table, STAFF)

    assert result.errors == ()
    assert result.records[0]["employment"] == "fixed_term_part_time"
    assert result.records[0]["level"] == 2
    assert result.records[0]["manager"] is False


def test_every_error_of_a_file_with_several_bad_rows_is_collected():
    table = csv(
        "staff_number,name,hired_on,employment,level,manager\r\n"
        "000123,山田 太郎,2025-02-30,正規,3,はい\r\n"
        "000124,,2025-04-01,臨時,5,はい\r\n"
        "000125,鈴木 一郎,2025-04-01,正規,2,いいえ\r\n"
        "000123,田中 次郎,2025-04-01,正規,two,maybe\r\n"
    )

    result = validate(table, STAFF)

    assert [(e.row, e.column, e.value) for e in result.errors] == [
        (2, "hired_on", "2025-02-30"),
        (3, "name", ""),
        (3, "employment", "臨時"),
        (3, "level", "5"),
        (5, "staff_number", "000123"),
        (5, "level", "two"),
        (5, "manager", "maybe"),
    ]
    assert [str(e) for e in result.errors] == [
        'Row 2, column "hired_on": "2025-02-30" is not a day in the calendar; '
        "give a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1",
        'Row 3, column "name": a value is required; give text',
        'Row 3, column "employment": "臨時" is not one of the accepted values; '
        'give one of "regular", "正規", "fixed_term_part_time", "会計年度任用職員"',
        'Row 3, column "level": "5" is more than 4; give a whole number from 0 to 4',
        'Row 5, column "staff_number": "000123" is also in row 2; each row needs a different value',
        'Row 5, column "level": "two" is not a whole number; give a whole number from 0 to 4',
        'Row 5, column "manager": "maybe" is not yes or no; '
        "give yes or no (also true/false, 1/0, はい/いいえ, ○/×)",
    ]
    # Only the row without errors becomes a record; nothing may be imported anyway.
    assert result.row_numbers == (4,)


def test_a_custom_parser_is_described_by_the_columns_help():
    columns = [Column("skill", parse=skill_code, help='a skill code such as "PM-01"')]
    table = csv("skill\r\nPM-01\r\n" + "\r\n" * 9 + "PMM\r\n")

    result = validate(table, columns)

    (error,) = result.errors
    assert (
        str(error)
        == 'Row 12, column "skill": "PMM" is not accepted; give a skill code such as "PM-01"'
    )
    assert (error.row, error.column, error.value) == (12, "skill", "PMM")
    assert str(error.accepted) == 'a skill code such as "PM-01"'


def test_each_missing_required_column_is_one_error_naming_the_columns_found():
    table = csv("氏名,所属\r\n山田,総務課\r\n")
    columns = [
        Column("staff_number", aliases=("職員番号",), required=True),
        Column("name", aliases=("氏名",), required=True),
        Column("hired_on", aliases=("採用日",), required=True, parse=date()),
        Column("department", aliases=("所属",)),
        Column("phone"),
    ]

    result = validate(table, columns)

    assert [str(e) for e in result.errors] == [
        'Row 1, column "staff_number": the required column is missing; add a column headed '
        '"staff_number" / "職員番号" (the header row has "氏名", "所属")',
        'Row 1, column "hired_on": the required column is missing; add a column headed '
        '"hired_on" / "採用日" (the header row has "氏名", "所属")',
    ]
    # Missing columns are reported once, not once per row.
    assert all(e.row == 1 for e in result.errors)


def test_unknown_columns_are_errors_unless_extra_columns_are_allowed():
    table = csv("staff_number,name,備考\r\n1,山田,メモ\r\n")

    strict = validate(table, STAFF)
    lenient = validate(table, STAFF, allow_extra=True)

    (error,) = strict.errors
    assert (error.row, error.column, error.value) == (1, "備考", "備考")
    assert error.message.startswith(
        "the column is not one this import reads; the columns it reads are"
    )
    assert lenient.errors == ()
    assert "備考" not in lenient.records[0]
    # The columns it reads are quoted and listed as the reader's language writes them, when
    # the error is shown.
    assert '"staff_number", "name"' in error.message
    with i18n.in_language("ja"):
        assert "読み取る列は「staff_number」、「name」" in error.detail.render(), error.detail


def test_a_column_given_under_its_name_and_an_alias_is_an_error():
    table = csv("staff_number,name,職員番号\r\n1,山田,2\r\n")

    (error,) = validate(table, STAFF).errors

    assert str(error) == (
        'Row 1, column "staff_number": the column is given twice, as "staff_number" and '
        '"職員番号"; keep one of them'
    )


def test_two_columns_accepting_the_same_header_are_a_programming_error():
    columns = [Column("name", aliases=("氏名",)), Column("full_name", aliases=("氏 名",))]

    with pytest.raises(ValueError, match='"name" and "full_name" both accept the header "氏 名"'):
        validate(csv("氏名\r\n山田\r\n"), columns)


def test_raise_if_errors_lists_the_first_200_errors_and_counts_them_all():
    table = csv("level\r\n" + "9\r\n" * 250)
    result = validate(table, [Column("level", parse=integer(0, 4))])

    with pytest.raises(TableValidationError) as caught:
        result.raise_if_errors()

    lines = str(caught.value).splitlines()
    assert lines[0] == "Errors in the file: 250"
    assert lines[1] == 'Row 2, column "level": "9" is more than 4; give a whole number from 0 to 4'
    assert lines[200].startswith("Row 201,")
    assert lines[-1] == "... and 50 more"
    assert len(lines) == 202
    assert len(caught.value.errors) == 200 and caught.value.total == 250
    assert [e.row for e in caught.value.errors] == list(range(2, 202))


def test_a_valid_table_raises_nothing():
    validate(csv("level\r\n3\r\n"), [Column("level", parse=integer(0, 4))]).raise_if_errors()


def test_errors_render_in_japanese_through_the_installed_translator():
    # What the web layer installs (Django's gettext); these are sample translations.
    japanese = {
        m.CELL_ERROR: "{row}行目、「{column}」列：{message}",
        m.REJECTED_GIVE: "{reason}。{accepted}を入力してください",
        m.ABOVE_MAXIMUM: "「{value}」は{maximum}より大きい値です",
        m.ACCEPTED_INTEGER_BETWEEN: "{minimum}から{maximum}までの整数",
        m.VALIDATION_SUMMARY: "ファイルの誤り：{count}件",
    }
    result = validate(csv("level\r\n9\r\n"), [Column("level", parse=integer(0, 4))])
    (error,) = result.errors
    with pytest.raises(TableValidationError) as caught:
        result.raise_if_errors()

    previous = i18n.install(lambda t: japanese.get(t, t), lambda s, p, n: s if n == 1 else p)
    try:
        assert error.render() == (
            "2行目、「level」列：「9」は4より大きい値です。0から4までの整数を入力してください"
        )
        assert caught.value.render().splitlines()[0] == "ファイルの誤り：1件"
    finally:
        i18n.install(*previous)
    assert error.render().startswith('Row 2, column "level"')


def test_later_checks_can_add_errors_in_the_same_form():
    reason = Message('"{value}" is not a skill code in the catalogue', {"value": "PMM"})

    error = CellError.rejected(12, "skill", "PMM", reason, Message('a code such as "PM-01"'))

    assert str(error) == (
        'Row 12, column "skill": "PMM" is not a skill code in the catalogue; '
        'give a code such as "PM-01"'
    )


def test_a_parse_error_from_a_custom_parser_keeps_its_reason():
    def staff_number(value: str) -> str:
        if not value.isdigit():
            raise ParseError(
                Message('"{value}" has characters other than digits', {"value": value})
            )
        return value

    result = validate(csv("staff_number\r\nA12\r\n"), [Column("staff_number", parse=staff_number)])

    assert result.errors[0].message == '"A12" has characters other than digits'


def test_every_message_template_the_package_uses_is_listed_for_translation():
    package = Path(m.__file__).parent
    used = {
        name
        for path in package.glob("*.py")
        for name in re.findall(r"\bm\.([A-Z][A-Z_]+)\b", path.read_text(encoding="utf-8"))
    }

    assert len(used) > 30
    assert {name for name in used if getattr(m, name) not in m.TEMPLATES} == set()


def test_a_20000_row_file_where_every_row_is_bad_keeps_200_errors_and_counts_them_all():
    from dxtalent.core.tabular import MAX_LISTED_ERRORS, Column, TableValidationError, integer

    data = ("n\n" + "x\n" * 20_000).encode()
    checked = validate(read_table(data, "big.csv"), [Column("n", parse=integer(), required=True)])
    assert len(checked.errors) == MAX_LISTED_ERRORS == 200
    assert checked.error_count == 20_000
    with pytest.raises(TableValidationError) as caught:
        checked.raise_if_errors()
    text = str(caught.value)
    assert text.splitlines()[0] == "Errors in the file: 20000"
    assert text.splitlines()[-1] == "... and 19800 more"
    assert len(caught.value.errors) == 200 and caught.value.total == 20_000


def test_a_text_repeated_down_a_column_is_parsed_once_and_each_bad_repeat_is_named():
    calls: list[str] = []

    def months(value: str) -> list[int]:
        calls.append(value)
        return [int(part) for part in value.split("/")]

    def level(value: str) -> int:
        calls.append(value)
        return integer(0, 4)(value)

    columns = (Column("level", parse=level), Column("months", parse=months))
    lines = ["level,months", "2,4/5", "2,4/5", "9,4/5", "2,4/5", "9,4/5"]
    checked = validate(read_table("\n".join(lines).encode(), "x.csv"), columns)
    assert [(e.row, e.column, e.value) for e in checked.errors] == [
        (4, "level", "9"),
        (6, "level", "9"),
    ]
    assert [r["level"] for r in checked.records] == [2, 2, 2]
    # A list is no value to share between records: parsed again on each of the five rows.
    first, second, third = (r["months"] for r in checked.records)
    assert first == second == third == [4, 5] and first is not second
    assert calls.count("2") == 1 and calls.count("9") == 2 and calls.count("4/5") == 5
