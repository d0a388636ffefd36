"""Framework values: bilingual text, lookups, read-only mappings and crosswalk translation."""

from __future__ import annotations

import pytest

from dxtalent.core.frameworks import (
    Crosswalk,
    LevelOutOfRangeError,
    Relation,
    SkillMapping,
    Text,
    UnknownRoleCodeError,
    UnknownSkillCodeError,
    load_framework,
)


@pytest.fixture
def framework(make_framework, write_pack):
    return load_framework(write_pack("framework.yaml", make_framework()))


def note() -> Text:
    return Text(ja="テスト", en="Test")


def crosswalk(*mappings: tuple[str, str, str]) -> Crosswalk:
    return Crosswalk(
        code="A-TO-B",
        version="1.0.0",
        name=note(),
        description=note(),
        source="hand-built for tests",
        authorship_note=note(),
        from_framework="A-FW",
        to_framework="B-FW",
        mappings=tuple(SkillMapping(f, t, Relation(r), note()) for f, t, r in mappings),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ja", "日本語"),
        ("en", "English"),
        ("en-us", "English"),
        ("en_GB", "English"),
        ("fr", "日本語"),
    ],
)
def test_text_gives_the_language_asked_for_and_falls_back_to_japanese(language, expected):
    assert Text(ja="日本語", en="English").get(language) == expected


def test_text_falls_back_to_japanese_when_the_english_is_empty():
    assert Text(ja="日本語", en="").get("en") == "日本語"


def test_an_unknown_skill_code_names_the_code_and_a_valid_example(framework):
    with pytest.raises(UnknownSkillCodeError) as error:
        framework.skill("T-S9")

    assert str(error.value) == '"T-S9" is not a skill code in framework TEST-FW (e.g. "T-S1")'


def test_an_unknown_role_code_names_the_code_and_a_valid_example(framework):
    with pytest.raises(UnknownRoleCodeError) as error:
        framework.target("T-R9", "T-S1")

    assert str(error.value) == '"T-R9" is not a role code in framework TEST-FW (e.g. "T-R1")'


def test_target_is_none_where_the_role_sets_none_and_unknown_skills_raise(framework):
    assert framework.target("T-R1", "T-S2") == 3
    assert framework.target("T-R1", "T-S3") is None
    with pytest.raises(UnknownSkillCodeError):
        framework.target("T-R1", "T-S9")


def test_level_zero_has_no_anchor_and_levels_outside_zero_to_four_raise(framework):
    skill = framework.skill("T-S1")

    assert skill.anchor(0) is None
    assert skill.anchor(4) is not None
    with pytest.raises(LevelOutOfRangeError):
        skill.anchor(5)


def test_a_loaded_framework_cannot_be_changed_in_place(framework):
    role = framework.role("T-R1")

    with pytest.raises(TypeError):
        role.targets["T-S1"] = 0  # type: ignore[index]
    with pytest.raises(TypeError):
        framework.skill("T-S1").anchors[1] = Text(ja="x", en="x")  # type: ignore[index]
    assert framework.target("T-R1", "T-S1") == 4


def test_roles_by_rank_start_at_the_top_of_the_hierarchy(framework):
    assert [role.code for role in framework.roles_by_rank()] == ["T-R1", "T-R2"]


def test_equivalent_and_narrower_mappings_carry_the_level():
    walk = crosswalk(
        ("A-1", "B-1", "equivalent"), ("A-2", "B-2", "narrower"), ("A-2", "B-3", "narrower")
    )

    assert walk.translate({"A-1": 3, "A-2": 4}) == {"B-1": 3, "B-2": 4, "B-3": 4}


def test_a_broader_mapping_carries_at_most_practised_with_support():
    walk = crosswalk(("A-1", "B-1", "broader"))

    assert walk.translate({"A-1": 4}) == {"B-1": 2}
    assert walk.translate({"A-1": 1}) == {"B-1": 1}


def test_a_related_mapping_carries_nothing():
    walk = crosswalk(("A-1", "B-1", "related"))

    assert walk.translate({"A-1": 4}) == {}


def test_when_several_skills_map_to_one_the_highest_carried_level_wins():
    walk = crosswalk(
        ("A-1", "B-1", "equivalent"), ("A-2", "B-1", "broader"), ("A-3", "B-1", "related")
    )

    assert walk.translate({"A-1": 1, "A-2": 4, "A-3": 4}) == {"B-1": 2}
    assert walk.translate({"A-1": 3, "A-2": 4}) == {"B-1": 3}


def test_skills_without_a_mapping_carry_nothing_and_zero_is_carried_as_zero():
    walk = crosswalk(("A-1", "B-1", "equivalent"))

    assert walk.translate({"A-1": 0, "A-7": 4}) == {"B-1": 0}


def test_translation_refuses_a_level_outside_zero_to_four():
    walk = crosswalk(("A-1", "B-1", "equivalent"))

    with pytest.raises(LevelOutOfRangeError):
        walk.translate({"A-1": 5})
