"""Issue #13: people are listed in 五十音 order by the readings of their names, which are
entered on the form and imported in kana (hiragana accepted, stored in katakana)."""

from __future__ import annotations

import pytest

from dxtalent.core.demo.team import generate_team
from dxtalent.web.people.imports import ImportRejectedError, import_file, template
from dxtalent.web.people.models import Person

pytestmark = pytest.mark.django_db


def _person(city, number, family, kana, kind="staff"):
    return Person.objects.create(
        organisation=city, kind=kind, external_id=number, family_name=family, family_name_kana=kana
    )


def test_the_people_list_is_in_gojuon_order_of_the_readings_not_of_the_kanji(client, alice, city_a):
    # By the kanji's code points: 伊藤 (U+4F0A) < 安藤 (U+5B89) < 渡辺 (U+6E21);
    # by reading: アンドウ < イトウ < ワタナベ; a person without a reading comes last.
    _person(city_a, "S1", "渡辺", "ワタナベ")
    _person(city_a, "S2", "伊藤", "イトウ")
    _person(city_a, "S3", "安藤", "アンドウ")
    _person(city_a, "S4", "一色", "")
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/people/").content.decode()
    assert page.index("安藤") < page.index("伊藤") < page.index("渡辺") < page.index("一色")
    assert '<th scope="col">氏名</th>' in page  # a person's name, not a thing's 名称


def test_a_reading_typed_in_hiragana_on_the_form_is_stored_in_katakana(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/people/new/",
        {
            "kind": "staff",
            "external_id": "S-7",
            "family_name": "渡辺",
            "given_name": "花子",
            "family_name_kana": "わたなべ",
            "given_name_kana": "ﾊﾅｺ",
            "employment_type": "regular",
            "origin": "in_house",
            "it_years": "0",
            "active": "on",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(organisation=city_a, external_id="S-7")
    assert (person.family_name_kana, person.given_name_kana) == ("ワタナベ", "ハナコ")


def test_a_reading_in_kanji_is_refused_on_the_form_naming_the_characters(client, alice, city_a):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/people/new/",
        {
            "kind": "staff",
            "external_id": "S-8",
            "family_name": "渡辺",
            "family_name_kana": "渡辺",
            "employment_type": "regular",
            "origin": "in_house",
            "it_years": "0",
        },
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    assert response.status_code == 400
    assert "カタカナかひらがな" in response.content.decode()


def test_readings_are_imported_from_japanese_or_english_headers_and_are_optional(city_a):
    japanese = (
        "職員番号,姓,名,姓（カナ）,名（カナ）\nS001,佐藤,花子,さとう,ハナコ\nS002,鈴木,一郎,,\n"
    )
    import_file(city_a, "staff", japanese.encode("cp932"), "staff.csv")
    english = "number,family_name,family_name_kana,given_name_kana\nC001,高橋,ﾀｶﾊｼ,けん\n"
    import_file(city_a, "candidates", english.encode(), "candidates.csv")
    readings = dict(
        Person.objects.filter(organisation=city_a).values_list("external_id", "family_name_kana")
    )
    assert readings == {"S001": "サトウ", "S002": "", "C001": "タカハシ"}
    assert Person.objects.get(external_id="C001").given_name_kana == "ケン"


def test_an_imported_reading_with_kanji_is_rejected_naming_row_column_and_value(city_a):
    bad = "職員番号,姓,姓（カナ）\nS001,佐藤,佐藤\n"
    with pytest.raises(ImportRejectedError) as error:
        import_file(city_a, "staff", bad.encode(), "staff.csv")
    assert "佐藤" in str(error.value.errors[0])


def test_the_import_templates_carry_the_reading_columns():
    csv = template("staff", "csv", "ja").decode("utf-8-sig")
    assert "family_name_kana" in csv.splitlines()[0] or "姓（カナ）" in csv.splitlines()[0]
    assert "サトウ" in csv


def test_every_demo_person_has_a_reading_in_katakana():
    team = generate_team(seed=2025)
    assert all(p.family_name_kana and p.given_name_kana for p in team.people)
