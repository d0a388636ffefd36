"""Readings of names: hiragana, half-width and full-width katakana are stored as katakana."""

from __future__ import annotations

import pytest

from dxtalent.core.people import NotKanaError, to_katakana


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("やまだ", "ヤマダ"),
        ("ﾔﾏﾀﾞ", "ヤマダ"),
        ("ヤマダ", "ヤマダ"),
        ("  さいとう　", "サイトウ"),
        ("おおの ゆうこ", "オオノ ユウコ"),
        ("ゔぁーじょん", "ヴァージョン"),
        ("", ""),
        ("　", ""),
    ],
)
def test_a_reading_in_hiragana_or_half_width_kana_is_stored_in_full_width_katakana(given, stored):
    assert to_katakana(given) == stored


@pytest.mark.parametrize(
    ("given", "refused"), [("山田", "山田"), ("Yamada", "Yamd"), ("ヤマ1", "1")]
)
def test_a_reading_with_kanji_letters_or_digits_is_refused_naming_them(given, refused):
    with pytest.raises(NotKanaError) as error:
        to_katakana(given)
    assert error.value.characters == refused
    assert given in str(error.value)


def test_katakana_readings_sort_in_gojuon_order():
    readings = ["ワタナベ", "ガトウ", "カトウ", "アベ", "キムラ", "ンジャ"]
    assert sorted(readings) == ["アベ", "カトウ", "ガトウ", "キムラ", "ワタナベ", "ンジャ"]
