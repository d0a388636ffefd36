"""An organisation's own copy of a framework: new code, version and targets; the original stays."""

from __future__ import annotations

import json

import pytest
import yaml

from dxtalent.core.frameworks import (
    InvalidFrameworkCodeError,
    InvalidVersionError,
    LevelOutOfRangeError,
    Text,
    UnknownRoleCodeError,
    UnknownSkillCodeError,
    copy_framework,
    framework_to_pack,
    load_framework,
    load_shipped_packs,
)

CITY_NAME = Text(ja="東広島市版", en="Higashi-Hiroshima edition")


@pytest.fixture
def mic():
    return load_shipped_packs().framework("MIC-2022-EXTERNAL-DX")


def test_copy_framework_leaves_the_original_untouched(mic):
    before = framework_to_pack(mic)

    copy = copy_framework(
        mic, "MIC-2022-HIGASHIHIROSHIMA", CITY_NAME, {"MIC-R-PM": {"MIC-M03": 4, "MIC-E01": None}}
    )

    assert framework_to_pack(mic) == before
    assert mic.target("MIC-R-PM", "MIC-M03") == 3
    assert load_shipped_packs().framework("MIC-2022-EXTERNAL-DX") is mic
    assert copy.target("MIC-R-PM", "MIC-M03") == 4


def test_a_copy_has_its_own_code_version_and_changed_targets_and_nothing_else_changes(mic):
    copy = copy_framework(
        mic,
        "MIC-2022-HIGASHIHIROSHIMA",
        CITY_NAME,
        {"MIC-R-PM": {"MIC-M03": 4, "MIC-E01": None}},
        version="2025-04-01",
    )

    assert (copy.code, copy.version, copy.name) == (
        "MIC-2022-HIGASHIHIROSHIMA",
        "2025-04-01",
        CITY_NAME,
    )
    assert copy.based_on == "MIC-2022-EXTERNAL-DX@1.0.0"
    assert copy.target("MIC-R-PM", "MIC-E01") is None
    assert copy.skills == mic.skills and copy.levels == mic.levels and copy.areas == mic.areas
    assert copy.role("MIC-R-PRODUCER") == mic.role("MIC-R-PRODUCER")
    changed = copy.role("MIC-R-PM")
    assert changed.source.startswith(mic.role("MIC-R-PM").source)
    assert changed.source.endswith("targets changed in MIC-2022-HIGASHIHIROSHIMA 2025-04-01")


def test_a_copy_may_not_keep_the_code_of_the_framework_it_copies(mic):
    with pytest.raises(InvalidFrameworkCodeError, match="needs its own code"):
        copy_framework(mic, "MIC-2022-EXTERNAL-DX", CITY_NAME, {})


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"MIC-R-CDO": {"MIC-P01": 3}}, UnknownRoleCodeError),
        ({"MIC-R-PM": {"MIC-X99": 3}}, UnknownSkillCodeError),
        ({"MIC-R-PM": {"MIC-P01": 7}}, LevelOutOfRangeError),
    ],
)
def test_target_changes_naming_unknown_codes_or_bad_levels_are_refused(mic, changes, error):
    with pytest.raises(error):
        copy_framework(mic, "MIC-2022-CITY", CITY_NAME, changes)


def test_a_copy_needs_a_well_formed_code_and_version(mic):
    with pytest.raises(InvalidFrameworkCodeError):
        copy_framework(mic, "my copy", CITY_NAME, {})
    with pytest.raises(InvalidVersionError):
        copy_framework(mic, "MIC-2022-CITY", CITY_NAME, {}, version="draft")


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_copy_written_out_as_a_pack_reads_back_equal(mic, tmp_path, suffix):
    copy = copy_framework(mic, "MIC-2022-CITY", CITY_NAME, {"MIC-R-SD": {"MIC-S03": 4}})
    data = framework_to_pack(copy)
    path = tmp_path / f"city{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert load_framework(path) == copy
