"""The successors 人事異動 is expected to send (core.planning.scenario.expected_successors):
named by whose post they take, counted along the post, in Japanese and in English, and never
given さん as if they were a person by name already."""

from __future__ import annotations

import datetime as dt

from dxtalent.core.diagnostics import DiagnosisSettings, TeamMember
from dxtalent.core.planning import expected_successors, is_successor, person_names
from tests.core.planning.builders import scenario


def _ueda() -> TeamMember:
    # In a general post since April 2020: with the default window (3–5 years) expected to move
    # on after FY2023 or so; over a ten-year horizon the post has several successors.
    return TeamMember("7", "上田 颯", {"PM": 3}, post_start=dt.date(2020, 4, 1), name_en="Ueda")


def test_each_successor_is_named_by_the_post_they_take_and_counted_along_it():
    settings = DiagnosisSettings(today=dt.date(2025, 4, 1))
    found = expected_successors((_ueda(),), settings, 2040)
    assert len(found) >= 3
    assert [m.name for m in found[:3]] == [
        "上田 颯さんの後任",
        "上田 颯さんの2人目の後任",
        "上田 颯さんの3人目の後任",
    ]
    assert [m.name_en for m in found[:2]] == ["successor of Ueda", "successor 2 of Ueda"]
    assert all(is_successor(m.id) for m in found) and not is_successor(_ueda().id)
    # Every successor a name of its own: a plan's action never names two people alike.
    assert len({m.name for m in found}) == len(found)


def test_names_follow_the_language_and_a_member_without_an_english_name_keeps_their_own():
    from dxtalent.core import i18n

    team = (_ueda(), TeamMember("8", "石井 真由", {"PM": 3}, specialist_post=True))
    s = scenario((), team=team)
    previous = i18n.install(lambda m: m, lambda a, b, n: a, lambda: "ja")
    try:
        assert person_names(s) == {"7": "上田 颯", "8": "石井 真由"}
        i18n.install(lambda m: m, lambda a, b, n: a, lambda: "en")
        assert person_names(s) == {"7": "Ueda", "8": "石井 真由"}
    finally:
        i18n.install(*previous)
