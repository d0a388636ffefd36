"""Scenario files: load, dump, and errors that name the field."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.planning import (
    Hire,
    ScenarioFormatError,
    Secondee,
    dump_scenario,
    load_scenario,
    plan_staffing,
)
from tests.core.planning.builders import hire, person, scenario, training

EXAMPLE = """
name: 例示市
first_fiscal_year: 2025
horizon_years: 3
yearly_budget: 30000000
budget_by_year: {2026: 40000000}
headcount_cap: 10
paper_capabilities: true
capabilities:
  - code: PM
    name: {ja: プロジェクト管理, en: project management}
    minimums: {PM: 3}
    target: 1
    targets: {2025: 0}
    weight: 2
team:
  - id: P001
    name: 佐藤
    levels: {PM: 2, CO-SPEC: 3}
    post_start: 2023-04-01
  - id: P002
    name: 鈴木
    levels: {CO-COMM: 3}
    employment_type: fixed_term
    is_external: true
    hard_end: 2027-03-31
levers:
  - {kind: hire, code: H-PM, name: PM, levels: {PM: 3}, cost_per_year: 7200000}
  - {kind: corporate_secondee, code: K-1, levels: {PM: 3}, cost_per_year: 8000000, duration_years: 1.5}
  - {kind: side_job, code: J-1, levels: {PM: 3}, cost_per_year: 2000000, fraction: 0.2}
  - {kind: pool, code: Q-1, levels: {CO-SPEC: 3}, days_per_year: 24}
  - {kind: adviser, code: A-1, levels: {CO-NEGO: 3}}
  - {kind: training, code: T-PM, raises_to: {PM: 3}, months: 7, seats_per_year: 5}
subsidies:
  - {code: SAT, kinds: [hire], rate: 0.5, cap_per_year: 5000000}
"""


def test_it_loads_every_lever_kind_and_the_paper_capabilities():
    s = load_scenario(EXAMPLE)
    assert [lever.kind.value for lever in s.levers] == [
        "hire", "corporate_secondee", "side_job", "pool", "adviser", "training"
    ]  # fmt: skip
    assert isinstance(s.levers[0], Hire) and s.levers[0].cost_per_year == 7_200_000
    assert (
        isinstance(s.levers[1], Secondee) and s.levers[1].state_support_per_person_year == 5_600_000
    )
    assert {c.code for c in s.capabilities} >= {"CO-CAP-TEAM", "CO-CAP-SPEC", "PM"}
    assert s.target("PM", 2025) == 0 and s.target("PM", 2026) == 1
    assert s.budget(2026) == 40_000_000 and s.weight("PM") == 2
    assert s.team[1].hard_end == dt.date(2027, 3, 31)


def test_a_dumped_scenario_loads_back_equal_in_yaml_and_json(tmp_path):
    s = load_scenario(EXAMPLE)
    assert load_scenario(dump_scenario(s)) == s
    path = tmp_path / "scenario.json"
    path.write_text(dump_scenario(s, "json"), encoding="utf-8")
    assert load_scenario(path) == s
    assert load_scenario(str(path)) == s


def test_every_error_names_its_field_path():
    text = (
        EXAMPLE.replace("cost_per_year: 7200000", "cost_per_year: -5")
        .replace("kind: adviser", "kind: wizard")
        .replace("    post_start: 2023-04-01", "    post_sart: 2023-04-01")
    )
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario(text)
    paths = [loc for loc, _msg in caught.value.errors]
    assert ("levers", 0) in paths
    assert ("levers", 4, "kind") in paths
    assert ("team", 0, "post_sart") in paths
    assert "levers[0]: lever H-PM.cost_per_year: -5 is not accepted" in str(caught.value)


def test_it_names_a_missing_top_level_field():
    with pytest.raises(ScenarioFormatError, match="horizon_years: missing"):
        load_scenario("first_fiscal_year: 2025\nyearly_budget: 1\n")


def test_a_loaded_scenario_can_be_planned():
    s = scenario((hire("H", 6_000_000), training()), team=(person("sato", PM=2),))
    assert plan_staffing(load_scenario(dump_scenario(s))).actions == plan_staffing(s).actions


def test_a_long_one_line_json_text_is_read_as_text_not_as_a_file_name():
    from dxtalent.core.planning import dump_scenario, load_scenario

    from .builders import hire, scenario

    s = scenario(tuple(hire(f"長い名前の候補者{i}", 1_000_000) for i in range(8)))
    text = dump_scenario(s, "json").replace("\n", "")
    assert len(text.encode()) > 255 and len(text) < 4096
    assert load_scenario(text) == s
