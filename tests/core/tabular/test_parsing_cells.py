"""The column parsers: what each accepts, and what it says about what it does not."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from dxtalent.core.tabular import ParseError, boolean, choice, date, decimal, integer, text

D = dt.date


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2025-04-01", D(2025, 4, 1)),
        ("2025/4/1", D(2025, 4, 1)),
        ("2025.04.01", D(2025, 4, 1)),
        ("20250401", D(2025, 4, 1)),
        ("2025年4月1日", D(2025, 4, 1)),
        ("2025/4/1 0:00", D(2025, 4, 1)),
        ("2025-04-01 00:00:00", D(2025, 4, 1)),
        ("令和7年4月1日", D(2025, 4, 1)),
        ("令和 7年 4月 1日", D(2025, 4, 1)),
        ("R7.4.1", D(2025, 4, 1)),
        ("r07/04/01", D(2025, 4, 1)),
        ("令和7.4.1", D(2025, 4, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("R1.5.1", D(2019, 5, 1)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("H31.4.30", D(2019, 4, 30)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("昭和64年1月7日", D(1989, 1, 7)),
        ("S50.10.10", D(1975, 10, 10)),
    ],
)
def test_dates_are_read_in_western_and_japanese_era_forms(written, day):
    assert date()(written) == day


def test_an_era_year_is_converted_even_before_the_era_began():
    # Records typed afterwards say 令和元年4月1日 for 2019-04-01, still 平成31年 at the time.
    assert date()("令和元年4月1日") == D(2019, 4, 1)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-02-29", '"2025-02-29" is not a day in the calendar'),
        ("R7.13.1", '"R7.13.1" is not a day in the calendar'),
        ("令和0年4月1日", '"令和0年4月1日" is not a date'),
        ("X7.4.1", '"X7.4.1" is not a date'),
        ("2025-04/01", '"2025-04/01" is not a date'),
        ("2025/4/1 9:30", '"2025/4/1 9:30" is not a date'),
        ("April 1, 2025", '"April 1, 2025" is not a date'),
    ],
)
def test_it_rejects_text_that_is_no_date(written, message):
    with pytest.raises(ParseError) as caught:
        date()(written)

    assert str(caught.value) == message
    assert caught.value.reason.params["value"] == written


@pytest.mark.parametrize(
    ("written", "number"),
    [("0", 0), ("4", 4), ("-3", -3), ("\u22123", -3), ("+2", 2), ("1,200", 1200), ("3.0", 3)],
)
def test_integers_accept_signs_thousands_separators_and_a_zero_fraction(written, number):
    assert integer()(written) == number


@pytest.mark.parametrize(
    ("parser", "written", "message"),
    [
        (integer(), "3.5", '"3.5" is not a whole number'),
        (integer(), "1,20", '"1,20" is not a whole number'),
        (integer(), "1e3", '"1e3" is not a whole number'),
        (integer(0, 4), "5", '"5" is more than 4'),
        (integer(0, 4), "-1", '"-1" is less than 0'),
        (decimal(), "NaN", '"NaN" is not a number'),
        (decimal(), "1e3", '"1e3" is not a number'),
        (decimal(0, "4.0"), "4.5", '"4.5" is more than 4.0'),
        (text(5), "あいうえおか", '"あいうえおか" has 6 characters, more than 5'),
    ],
)
def test_numbers_and_text_outside_their_limits_are_rejected_saying_why(parser, written, message):
    with pytest.raises(ParseError, match=f"^{re.escape(message)}$"):
        parser(written)


def test_decimals_are_exact():
    assert decimal()("2.5") == Decimal("2.5")
    assert decimal()(".5") == Decimal("0.5")
    assert decimal()("1,234.56") == Decimal("1234.56")
    assert decimal(0, 4)("0.1") + decimal()("0.2") == Decimal("0.3")


def test_parsers_say_what_they_accept():
    assert str(integer(0, 4).help) == "a whole number from 0 to 4"
    assert str(integer(minimum=1).help) == "a whole number of at least 1"
    assert str(decimal(maximum=100).help) == "a number of at most 100"
    assert str(text(50).help) == "text of at most 50 characters"
    assert str(date().help) == "a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1"
    assert str(choice({"regular": 1, "正規": 1}).help) == 'one of "regular", "正規"'


def test_choices_match_any_spelling_ignoring_case_and_width():
    employment = choice(
        {
            "regular": "regular",
            "正規": "regular",
            "fixed_term_part_time": "fixed_term_part_time",
            "会計年度任用職員": "fixed_term_part_time",
        }
    )

    assert employment("Regular") == "regular"
    assert employment("ＲＥＧＵＬＡＲ") == "regular"
    assert employment("会計年度任用職員") == "fixed_term_part_time"
    with pytest.raises(ParseError, match=r'^"臨時" is not one of the accepted values$'):
        employment("臨時")


def test_a_choice_whose_spellings_collide_is_a_programming_error():
    with pytest.raises(ValueError, match='"Regular" matches another spelling'):
        choice({"regular": 1, "Regular": 2})


@pytest.mark.parametrize(
    "written", ["yes", "YES", "y", "true", "TRUE", "1", "はい", "○", "◯", "〇"]
)
def test_yes_is_written_many_ways(written):
    assert boolean()(written) is True


@pytest.mark.parametrize("written", ["no", "No", "n", "false", "FALSE", "0", "いいえ", "×", "✕"])
def test_no_is_written_many_ways(written):
    assert boolean()(written) is False


def test_anything_else_is_not_yes_or_no():
    with pytest.raises(ParseError, match=r'^"maybe" is not yes or no$'):
        boolean()("maybe")


def test_a_long_value_is_cut_short_in_the_message_only():
    long_value = "x" * 100

    with pytest.raises(ParseError) as caught:
        text(10)(long_value)

    assert caught.value.reason.params["value"] == "x" * 39 + "…"
