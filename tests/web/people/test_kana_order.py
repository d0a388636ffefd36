"""Issue #13: the skill matrix and the candidates' ranking list people in 五十音 order of their
readings (people with the same fit, for the ranking)."""

from __future__ import annotations

import pytest

from dxtalent.web.people import matrix as people_matrix
from dxtalent.web.people import services
from dxtalent.web.people.models import Person

pytestmark = pytest.mark.django_db


def _people(city, kind):
    # By the kanji's code points 伊藤 < 安藤 < 渡辺; by reading アンドウ < イトウ < ワタナベ.
    for number, family, kana in (
        ("1", "渡辺", "ワタナベ"),
        ("2", "伊藤", "イトウ"),
        ("3", "安藤", "アンドウ"),
    ):
        Person.objects.create(
            organisation=city,
            kind=kind,
            external_id=kind + number,
            family_name=family,
            family_name_kana=kana,
        )


def test_the_matrix_lists_staff_by_reading(city_a, framework):
    _people(city_a, "staff")
    view = people_matrix.skill_matrix(city_a, framework)
    assert [p.family_name for p in view.people] == ["安藤", "伊藤", "渡辺"]


def test_candidates_with_the_same_fit_are_ranked_by_reading(city_a, framework):
    _people(city_a, "candidate")
    ranking = services.rank_people(city_a, framework.central, ("candidate",))
    assert [r.person.family_name for r in ranking] == ["安藤", "伊藤", "渡辺"]
