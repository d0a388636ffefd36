"""Reading and checking pack files: every problem is reported, with file and location."""

from __future__ import annotations

import pytest
import yaml

from dxtalent.core.frameworks import (
    InvalidPackError,
    PackProblem,
    Relation,
    load_crosswalk,
    load_framework,
    load_packs,
)


def problems_of(error: pytest.ExceptionInfo[InvalidPackError]) -> dict[str, PackProblem]:
    return {problem.location: problem for problem in error.value.problems}


def test_a_valid_hand_built_pack_loads(make_framework, write_pack):
    framework = load_framework(write_pack("good.yaml", make_framework()))

    assert framework.code == "TEST-FW"
    assert [level.level for level in framework.levels] == [0, 1, 2, 3, 4]
    assert framework.target("T-R1", "T-S1") == 4
    assert framework.skill("T-S3").anchor(2).en == "What level 2 does"


def test_a_pack_with_several_problems_is_refused_with_all_of_them_listed(
    make_framework, write_pack
):
    data = make_framework()
    data["levels"][4]["level"] = 3
    data["skills"][0]["name"]["en"] = ""
    del data["skills"][1]["anchors"][4]
    data["roles"][0]["targets"]["T-S9"] = 2
    data["roles"][0]["targets"]["T-S1"] = 5
    data["roles"][1]["scope"] = "city"
    data["version"] = "v1"
    path = write_pack("bad.yaml", data)

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    lines = str(error.value).splitlines()
    assert len(lines) == len(error.value.problems) == 8
    assert all(line.startswith(f"{path}: ") for line in lines)
    found = problems_of(error)
    assert set(found) == {
        "version",
        "levels[4].level",
        "levels",
        "skills[0].name.en",
        "skills[1].anchors.4",
        "roles[0].targets.T-S9",
        "roles[0].targets.T-S1",
        "roles[1].scope",
    }
    assert (
        f'{path}: roles[0].targets.T-S9: "T-S9" is not a skill code in this pack — a skill code defined in this pack, e.g. "T-S1"'
        in lines
    )
    assert f"{path}: roles[0].targets.T-S1: the number 5 — a whole number from 0 to 4" in lines
    assert f'{path}: roles[1].scope: "city" — "organisation" or "project"' in lines
    assert f"{path}: levels: no level 4 — each level 0 to 4 exactly once" in lines
    assert found["levels[4].level"].found == "level 3 again (also levels[3])"
    assert found["skills[0].name.en"].found == "an empty text"
    assert found["skills[1].anchors.4"].found == "missing"


def test_unknown_keys_are_refused_at_every_depth(make_framework, write_pack):
    data = make_framework()
    data["colour"] = "blue"
    data["skills"][2]["weight"] = 3
    data["roles"][0]["name"]["fr"] = "Rôle 1"
    path = write_pack("unknown.yaml", data)

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    found = problems_of(error)
    assert set(found) == {"colour", "skills[2].weight", "roles[0].name.fr"}
    assert found["colour"].found == 'unknown key "colour"'
    assert found["skills[2].weight"].accepted == (
        "keys: code, area, name, description, anchors, source"
    )
    assert found["roles[0].name.fr"].accepted == "keys: ja, en"


def test_missing_keys_are_named_with_what_would_be_accepted(make_framework, write_pack):
    data = make_framework()
    del data["authorship_note"]
    del data["roles"][1]["rank"]
    del data["skills"][0]["source"]

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("missing.yaml", data))

    found = problems_of(error)
    assert set(found) == {"authorship_note", "roles[1].rank", "skills[0].source"}
    assert found["roles[1].rank"].accepted == "a whole number from 1 (top of the hierarchy)"
    assert all(problem.found == "missing" for problem in found.values())


def test_anchors_must_cover_levels_one_to_four_and_nothing_else(make_framework, write_pack):
    data = make_framework()
    data["skills"][0]["anchors"][0] = {"ja": "なし", "en": "None"}
    del data["skills"][0]["anchors"][2]

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("anchors.yaml", data))

    found = problems_of(error)
    assert set(found) == {"skills[0].anchors.0", "skills[0].anchors.2"}
    assert "level 0 means none" in found["skills[0].anchors.0"].accepted


def test_both_languages_must_be_present_and_non_empty(make_framework, write_pack):
    data = make_framework()
    data["description"] = {"ja": "説明だけ"}
    data["areas"][1]["name"]["ja"] = "   "
    data["levels"][0]["name"] = "なし"

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("languages.yaml", data))

    found = problems_of(error)
    assert set(found) == {"description.en", "areas[1].name.ja", "levels[0].name"}
    assert found["areas[1].name.ja"].found == "an empty text"
    assert found["levels[0].name"].found == '"なし"'


def test_yaml_yes_and_no_read_as_booleans_are_explained(make_framework, write_pack, tmp_path):
    data = make_framework()
    path = write_pack("yes.yaml", data)
    # An unquoted `No` is a boolean in YAML 1.1, the trap a Level 0 name "No" would fall into.
    path.write_text(
        path.read_text(encoding="utf-8").replace("en: Level 0", "en: No"), encoding="utf-8"
    )

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    assert "quote text" in problems_of(error)["levels[0].name.en"].found


def test_areas_and_skills_must_agree_on_membership(make_framework, write_pack):
    data = make_framework()
    data["areas"][0]["skills"] = ["T-S1", "T-S3"]  # T-S2 missing, T-S3 belongs to T-A2
    data["skills"][2]["area"] = "T-A9"

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("areas.yaml", data))

    messages = [(p.location, p.found) for p in error.value.problems]
    assert ("areas[0].skills", '"T-S2" is missing although its area is "T-A1"') in messages
    assert ("skills[2].area", '"T-A9" is not an area code in this pack') in messages
    assert ("areas[1].skills", '"T-S3" is missing although its area is "T-A9"') not in messages


def test_duplicate_codes_are_refused(make_framework, write_pack):
    data = make_framework()
    data["skills"][1]["code"] = "T-S1"
    data["roles"][1]["code"] = "T-R1"

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("duplicates.yaml", data))

    found = problems_of(error)
    assert found["skills[1].code"].found == 'skill code "T-S1" again'
    assert found["roles[1].code"].found == 'role code "T-R1" again'


def test_codes_must_be_uppercase_ascii_with_a_prefix(make_framework, write_pack):
    data = make_framework()
    data["code"] = "test framework"
    data["roles"][0]["targets"] = {"t-s1": 4}

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("codes.yaml", data))

    assert set(problems_of(error)) == {"code", "roles[0].targets.t-s1"}


def test_full_width_codes_are_read_as_ascii(make_framework, write_pack):
    data = make_framework()
    data["roles"][0]["targets"] = {"Ｔ－Ｓ１": 4}

    framework = load_framework(write_pack("full-width.yaml", data))

    assert dict(framework.role("T-R1").targets) == {"T-S1": 4}


@pytest.mark.parametrize("version", ["1.0.0", "12.3.45", "2024-04-17"])
def test_semantic_versions_and_iso_dates_are_accepted(make_framework, write_pack, version):
    data = make_framework()
    data["version"] = version

    assert load_framework(write_pack("version.yaml", data)).version == version


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "2024-02-30", "2024/04/17", 1.0])
def test_other_version_formats_are_refused(make_framework, write_pack, version):
    data = make_framework()
    data["version"] = version

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("version.yaml", data))

    assert set(problems_of(error)) == {"version"}


def test_an_unquoted_yaml_date_is_taken_as_the_version(make_framework, write_pack):
    path = write_pack("dated.yaml", make_framework())
    path.write_text(
        path.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 2024-04-17"),
        encoding="utf-8",
    )

    assert load_framework(path).version == "2024-04-17"


def test_a_key_given_twice_in_yaml_is_refused_with_its_line(make_framework, write_pack):
    path = write_pack("twice.yaml", make_framework())
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("version: 1.0.0")
    lines.insert(at + 1, "version: 2.0.0")
    path.write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    assert [(p.location, p.found) for p in error.value.problems] == [
        (f"line {at + 2}", 'key "version" appears again')
    ]


def test_a_yaml_syntax_error_is_reported_with_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("kind: framework\ncode: [A-B\n", encoding="utf-8")

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    assert error.value.problems[0].location.startswith("line ")
    assert error.value.problems[0].accepted == "well-formed YAML"


def test_json_packs_load_with_string_level_keys(make_framework, write_pack):
    framework = load_framework(write_pack("pack.json", make_framework()))

    assert framework.skill("T-S1").anchor(4).ja == "レベル4の行動"


def test_a_cp932_file_from_a_japanese_windows_editor_loads(make_framework, tmp_path):
    path = tmp_path / "sjis.yaml"
    path.write_bytes(yaml.safe_dump(make_framework(), allow_unicode=True).encode("cp932"))

    assert load_framework(path).name.ja == "テスト"


def test_a_file_of_another_type_is_refused(tmp_path):
    path = tmp_path / "pack.txt"
    path.write_text("kind: framework", encoding="utf-8")

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    assert str(error.value) == f'{path}: (file): a file ending ".txt" — a .yaml, .yml or .json file'


def test_a_crosswalk_is_not_loaded_as_a_framework(make_crosswalk, write_pack):
    path = write_pack("crosswalk.yaml", make_crosswalk())

    with pytest.raises(InvalidPackError) as error:
        load_framework(path)

    assert problems_of(error)["kind"].found == '"crosswalk"'


def test_a_crosswalk_loads_against_the_two_frameworks_it_joins(
    make_framework, make_crosswalk, write_pack
):
    ours = load_framework(write_pack("ours.yaml", make_framework()))
    other = load_framework(write_pack("other.yaml", make_framework("OTHER-FW", "O")))

    crosswalk = load_crosswalk(write_pack("crosswalk.yaml", make_crosswalk()), [ours, other])

    assert (crosswalk.from_framework, crosswalk.to_framework) == ("TEST-FW", "OTHER-FW")
    assert [m.relation for m in crosswalk.mappings] == [Relation.EQUIVALENT, Relation.RELATED]


def test_crosswalk_mappings_must_name_skills_of_both_frameworks(
    make_framework, make_crosswalk, write_pack
):
    ours = load_framework(write_pack("ours.yaml", make_framework()))
    other = load_framework(write_pack("other.yaml", make_framework("OTHER-FW", "O")))
    data = make_crosswalk()
    data["mappings"][0]["from"] = "O-S1"  # a skill of the wrong framework
    data["mappings"][1]["to"] = "O-S9"
    data["mappings"][1]["relation"] = "similar"
    path = write_pack("crosswalk.yaml", data)

    with pytest.raises(InvalidPackError) as error:
        load_crosswalk(path, [ours, other])

    lines = str(error.value).splitlines()
    assert lines == [
        f'{path}: mappings[0].from: "O-S1" is not a skill code of TEST-FW — a skill code of TEST-FW, e.g. "T-S1"',
        f'{path}: mappings[1].to: "O-S9" is not a skill code of OTHER-FW — a skill code of OTHER-FW, e.g. "O-S1"',
        f'{path}: mappings[1].relation: "similar" — "equivalent", "broader", "narrower" or "related"',
    ]


def test_a_crosswalk_to_a_framework_that_is_not_loaded_is_refused(
    make_framework, make_crosswalk, write_pack
):
    ours = load_framework(write_pack("ours.yaml", make_framework()))

    with pytest.raises(InvalidPackError) as error:
        load_crosswalk(write_pack("crosswalk.yaml", make_crosswalk()), [ours])

    assert problems_of(error)["to_framework"].found == '"OTHER-FW" is not a loaded framework'


def test_load_packs_refuses_two_frameworks_with_one_code(make_framework, write_pack):
    first = write_pack("first.yaml", make_framework())
    second = write_pack("second.yaml", make_framework())

    with pytest.raises(InvalidPackError) as error:
        load_packs([first, second])

    assert str(error.value) == (
        f'{second}: code: framework code "TEST-FW", already used by {first} — a code no other pack uses'
    )


def test_load_packs_reads_frameworks_before_the_crosswalks_between_them(
    make_framework, make_crosswalk, write_pack
):
    crosswalk = write_pack("a-crosswalk.yaml", make_crosswalk())
    ours = write_pack("b-ours.yaml", make_framework())
    other = write_pack("c-other.yaml", make_framework("OTHER-FW", "O"))

    packs = load_packs([crosswalk, ours, other])

    assert sorted(packs.frameworks) == ["OTHER-FW", "TEST-FW"]
    assert packs.crosswalk("TEST-TO-OTHER").to_framework == "OTHER-FW"


def test_a_missing_list_is_reported_once_as_missing(make_framework, write_pack):
    data = make_framework()
    del data["roles"]

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("no-roles.yaml", data))

    assert [(p.location, p.found) for p in error.value.problems] == [("roles", "missing")]


def test_a_crosswalk_may_map_a_pair_of_skills_only_once(make_framework, make_crosswalk, write_pack):
    ours = load_framework(write_pack("ours.yaml", make_framework()))
    other = load_framework(write_pack("other.yaml", make_framework("OTHER-FW", "O")))
    data = make_crosswalk()
    data["mappings"].append(dict(data["mappings"][0], relation="broader"))

    with pytest.raises(InvalidPackError) as error:
        load_crosswalk(write_pack("crosswalk.yaml", data), [ours, other])

    assert [(p.location, p.found) for p in error.value.problems] == [
        ("mappings[2]", "T-S1 → O-S1 again (also mappings[0])")
    ]


def test_a_role_without_targets_is_refused(make_framework, write_pack):
    data = make_framework()
    data["roles"][1]["targets"] = {}

    with pytest.raises(InvalidPackError) as error:
        load_framework(write_pack("no-targets.yaml", data))

    assert [(p.location, p.found) for p in error.value.problems] == [
        ("roles[1].targets", "an empty mapping")
    ]
