import datetime as dt

import pytest

from dxtalent.core.calendar import (
    UnknownEraError,
    era_of_day,
    era_year,
    fiscal_year_end,
    fiscal_year_of,
    fiscal_year_start,
    format_day,
    format_fiscal_year,
    format_moment,
)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (dt.date(2025, 4, 1), 2025),
        (dt.date(2026, 3, 31), 2025),
        (dt.date(2026, 4, 1), 2026),
        (dt.date(2025, 12, 31), 2025),
        (dt.date(2025, 1, 1), 2024),
    ],
)
def test_a_fiscal_year_runs_from_april_to_march(day, year):
    assert fiscal_year_of(day) == year


def test_fiscal_year_bounds_are_the_first_of_april_and_the_last_of_march():
    assert fiscal_year_start(2025) == dt.date(2025, 4, 1)
    assert fiscal_year_end(2025) == dt.date(2026, 3, 31)
    assert fiscal_year_end(2027) == dt.date(2028, 3, 31)  # 2028 is a leap year: no 29 March drift


@pytest.mark.parametrize(
    ("year", "text"),
    [
        (2025, "2025年度（令和7年度）"),
        (2019, "2019年度（令和元年度）"),
        (2018, "2018年度（平成30年度）"),
        (1989, "1989年度（平成元年度）"),
        (1988, "1988年度（昭和63年度）"),
    ],
)
def test_japanese_fiscal_years_carry_the_era(year, text):
    assert format_fiscal_year(year, "ja") == text


def test_english_fiscal_years_are_fy_and_the_year():
    assert format_fiscal_year(2025, "en") == "FY2025"
    assert format_fiscal_year(2025, "en-gb") == "FY2025"


def test_a_year_before_meiji_has_no_era():
    with pytest.raises(UnknownEraError, match="1867"):
        era_year(1867)


def test_months_are_written_in_fiscal_order_with_runs_as_ranges():
    from dxtalent.core.calendar import format_months

    assert format_months([6, 7, 8, 9, 10, 11]) == "6〜11月"
    assert format_months([6, 7, 8, 9, 10, 11], "en") == "Jun–Nov"
    # April first: a run across the new year stays one range, and March comes last.
    assert format_months([3, 11, 12, 1, 4]) == "4月、11〜1月、3月"
    assert format_months([3, 11, 12, 1, 4], "en") == "Apr, Nov–Jan, Mar"
    assert format_months(range(1, 13)) == "通年"
    assert format_months(range(1, 13), "en") == "all year"
    assert format_months([]) == ""


def test_a_month_outside_1_to_12_is_refused():
    from dxtalent.core.calendar import format_months

    with pytest.raises(ValueError, match="months are 1 to 12"):
        format_months([0, 4])


def test_a_day_is_written_as_japanese_writes_it_and_as_iso_in_english():
    assert format_day(dt.date(2027, 4, 1)) == "2027年4月1日"
    assert format_day(dt.date(2027, 4, 1), "ja-JP") == "2027年4月1日"
    assert format_day(dt.date(2027, 4, 1), "en") == "2027-04-01"


def test_a_moment_is_written_with_its_era_in_japanese_and_the_era_s_first_year_as_gan():
    at = dt.datetime(2026, 12, 5, 22, 30)
    assert format_moment(at) == "令和8年12月5日 22:30"
    assert format_moment(dt.datetime(2019, 6, 1, 9, 5), "ja") == "令和元年6月1日 09:05"
    assert format_moment(at, "en") == "2026-12-05 22:30"
    assert format_moment(dt.datetime(2019, 4, 30, 23, 59)) == "平成31年4月30日 23:59"


def test_a_day_takes_the_era_in_force_on_it_and_a_fiscal_year_the_era_it_is_named_in():
    assert era_of_day(dt.date(2019, 4, 30))[0].name_ja == "平成"
    assert era_of_day(dt.date(2019, 4, 30))[1] == 31
    assert era_of_day(dt.date(2019, 5, 1))[0].name_ja == "令和"
    assert era_of_day(dt.date(2019, 5, 1))[1] == 1
    assert era_of_day(dt.date(1989, 1, 7))[0].name_ja == "昭和"
    assert era_of_day(dt.date(1989, 1, 7))[1] == 64
    assert format_fiscal_year(2019) == "2019年度（令和元年度）"
    with pytest.raises(UnknownEraError):
        era_of_day(dt.date(1867, 12, 31))
