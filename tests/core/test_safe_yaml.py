"""Questionnaire and scenario files refuse YAML anchors and aliases (the "billion laughs") and
values over the limits, quickly and with a message."""

from __future__ import annotations

import time

import pytest

from dxtalent.core.planning import ScenarioFormatError, load_scenario
from dxtalent.core.safe_yaml import YamlLimits, YamlRefused, load_yaml
from dxtalent.core.surveys import InvalidInstrumentError, instrument_from_yaml


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 "lol"']
    for n in range(1, levels + 1):
        aliases = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{aliases}]")
    return "\n".join(lines) + f"\nquestions: *a{levels}\n"


def test_a_nine_level_billion_laughs_questionnaire_is_refused_at_its_first_anchor_in_a_blink():
    started = time.perf_counter()
    with pytest.raises(InvalidInstrumentError, match=r"line 1: anchors \(&a0\) are not accepted"):
        instrument_from_yaml(billion_laughs())
    assert time.perf_counter() - started < 1


def test_a_nine_level_billion_laughs_scenario_is_refused_with_a_message():
    started = time.perf_counter()
    with pytest.raises(ScenarioFormatError, match="anchors"):
        load_scenario(billion_laughs())
    assert time.perf_counter() - started < 1


def test_an_alias_alone_is_refused_too():
    with pytest.raises(YamlRefused, match=r"aliases \(\*x\)"):
        load_yaml("a: *x\n")


def test_a_string_over_the_limit_is_refused_with_its_length_and_the_limit():
    with pytest.raises(YamlRefused, match="a value of 11 characters, more than the limit of 10"):
        load_yaml("title: " + "x" * 11, YamlLimits(string_chars=10))


def test_a_list_over_the_limit_is_refused():
    with pytest.raises(YamlRefused, match="5 items, more than the limit of 4"):
        load_yaml("[1, 2, 3, 4, 5]", YamlLimits(collection_items=4))


def test_nesting_and_node_count_are_capped():
    with pytest.raises(YamlRefused, match="nested more than 3 deep"):
        load_yaml("[[[[1]]]]", YamlLimits(depth=3))
    with pytest.raises(YamlRefused, match="more than 5 values"):
        load_yaml("[1, 2, 3, 4, 5, 6]", YamlLimits(nodes=5))


def test_plain_yaml_and_json_still_read():
    assert load_yaml("a: [1, 2]\nb: 2025-04-01\n")["a"] == [1, 2]
    assert load_yaml('{"a": "x"}') == {"a": "x"}
    assert load_yaml("") is None
