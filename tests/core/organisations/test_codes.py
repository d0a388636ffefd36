import pytest

from dxtalent.core.organisations.codes import (
    InvalidLocalGovernmentCodeError,
    OrganisationKind,
    check_digit,
    derive_kind,
    normalise_code,
    parse_local_government_rows,
    prefecture_code_of,
    to_katakana,
)


@pytest.mark.parametrize(
    ("five", "digit"),
    [
        ("13101", "6"),
        ("01100", "2"),
        ("34212", "2"),
        ("28100", "0"),
        ("01000", "6"),
        ("47000", "7"),
    ],
)
def test_check_digits_follow_jis_x_0402(five, digit):
    assert check_digit(five) == digit


def test_a_five_digit_code_gets_its_check_digit_and_full_width_digits_are_accepted():
    assert normalise_code("13101") == "131016"
    assert normalise_code("１３１０１６") == "131016"


def test_a_wrong_check_digit_is_refused_with_the_right_one_named():
    with pytest.raises(
        InvalidLocalGovernmentCodeError, match='"131017" has check digit 7, but 13101 needs 6'
    ):
        normalise_code("131017")


@pytest.mark.parametrize("raw", ["abc", "1310", "1310160", "48000", "00000"])
def test_malformed_codes_are_refused_saying_what_is_accepted(raw):
    with pytest.raises(InvalidLocalGovernmentCodeError):
        normalise_code(raw)


def test_the_prefecture_of_a_municipality_comes_from_its_first_two_digits():
    assert prefecture_code_of("131016") == "130001"
    assert prefecture_code_of("011002") == "010006"


@pytest.mark.parametrize(
    ("code", "name", "kind"),
    [
        ("130001", "東京都", OrganisationKind.PREFECTURE),
        ("011002", "札幌市", OrganisationKind.DESIGNATED_CITY),
        ("131016", "千代田区", OrganisationKind.SPECIAL_WARD),
        ("342122", "東広島市", OrganisationKind.CITY),
        ("013030", "当別町", OrganisationKind.TOWN),
        ("013455", "音威子府村", OrganisationKind.VILLAGE),
    ],
)
def test_kinds_are_derived_from_code_and_name(code, name, kind):
    assert derive_kind(code, name) is kind


def test_kana_compares_across_hiragana_and_half_width_katakana():
    assert to_katakana("さっぽろ") == to_katakana("ｻｯﾎﾟﾛ") == "サッポロ"


def _row(code, prefecture="東京都", city="", prefecture_kana="ﾄｳｷｮｳﾄ", city_kana=""):
    return {
        "code": code,
        "prefecture": prefecture,
        "city": city,
        "prefecture_kana": prefecture_kana,
        "city_kana": city_kana,
    }


def test_rows_become_local_governments_with_their_prefecture():
    governments = parse_local_government_rows(
        [_row("130001"), _row("131016", city="千代田区", city_kana="ﾁﾖﾀﾞｸ")]
    )
    ward = governments[1]
    assert (ward.name, ward.kana, ward.kind, ward.prefecture_code) == (
        "千代田区",
        "チヨダク",
        OrganisationKind.SPECIAL_WARD,
        "130001",
    )


def test_every_bad_row_is_reported_together_with_its_row_number():
    rows = [_row("130001"), _row("131017", city="千代田区", city_kana="ﾁﾖﾀﾞｸ"), _row("130001")]
    with pytest.raises(InvalidLocalGovernmentCodeError) as caught:
        parse_local_government_rows(rows)
    message = str(caught.value)
    assert "row 3:" in message and "check digit" in message
    assert "row 4: 130001 appears twice" in message


def test_a_municipality_whose_prefecture_is_missing_is_refused():
    with pytest.raises(InvalidLocalGovernmentCodeError, match="its prefecture 130001 is missing"):
        parse_local_government_rows([_row("131016", city="千代田区", city_kana="ﾁﾖﾀﾞｸ")])
