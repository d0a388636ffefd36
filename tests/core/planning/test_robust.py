"""Robustness of plans against rotation: the Monte Carlo evaluation of a plan and planning
against several sampled rotation scenarios at once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from dxtalent.core.diagnostics import InvalidSettingError, TeamMember
from dxtalent.core.diagnostics.montecarlo import draw_departures, rotation_model
from dxtalent.core.planning import check_plan, coverage_cells, plan_staffing
from dxtalent.core.planning.plan import Action, PlanStatus
from dxtalent.core.planning.robust import plan_risk, sample_rotations
from dxtalent.core.planning.scenario import LeverKind, SideJob

from .builders import capability, hire, person, scenario, training


def rotating(person_id: str, **levels: int) -> TeamMember:
    """In-house DX staff in a general post since April 2023: with the default 3–5 year window
    the last fiscal year in post is FY2025, FY2026 or FY2027, each equally likely; FY2026 is
    the expected one."""
    return TeamMember(person_id, person_id, levels, post_start=dt.date(2023, 4, 1))


def side_job(code: str = "SJ", cost: int = 1_000_000) -> SideJob:
    """A full-time-equivalent side-job professional with PM 3, on one-year contracts."""
    return SideJob(
        code=code, name=code, levels={"PM": 3}, cost_per_year=cost, fraction=1.0, max_per_year=1
    )


def test_without_actions_the_probability_follows_the_departure_window():
    s = scenario((), team=(rotating("A", PM=3),), years=4)
    risk = plan_risk(s, (), runs=30_000, seed=1)
    assert risk.fiscal_years == (2025, 2026, 2027, 2028)
    row = risk.probability[0]
    assert row[0] == 1.0
    assert row[1] == pytest.approx(2 / 3, abs=0.015)
    assert row[2] == pytest.approx(1 / 3, abs=0.015)
    assert row[3] == 0.0
    assert risk.all_met == row  # one capability: all met is that capability
    assert risk.weakest() == ("PM", 2028, 0.0)


def test_engagements_count_as_planned_and_the_same_seed_gives_the_same_figures():
    s = scenario((hire("H", 5_000_000),), team=(rotating("A", PM=3),), years=4)
    actions = (Action(2026, "H", LeverKind.HIRE),)
    risk = plan_risk(s, actions, runs=2_000, seed=7)
    assert risk.probability[0] == (1.0, 1.0, 1.0, 1.0)
    assert plan_risk(s, (), runs=2_000, seed=7) == plan_risk(s, (), runs=2_000, seed=7)


def test_a_trainee_counts_from_the_year_after_training_while_still_in_post():
    s = scenario((training(),), team=(rotating("A", PM=2),), years=4)
    risk = plan_risk(s, (Action(2025, "T-PM", LeverKind.TRAINING, 1, "A"),), runs=30_000, seed=3)
    row = risk.probability[0]
    assert row[0] == 0.0  # still in training
    assert row[1] == pytest.approx(2 / 3, abs=0.015)
    assert row[2] == pytest.approx(1 / 3, abs=0.015)
    assert row[3] == 0.0  # has rotated out, taking the skill along


def test_the_vectorised_evaluation_equals_a_loop_over_runs():
    team = (
        rotating("A", PM=3),
        rotating("B", PM=2, GOV=3),
        person("C", GOV=3),
        TeamMember("D", "D", {"PM": 3}, hard_end=dt.date(2027, 3, 31), is_external=True),
    )
    capabilities = (capability("PM", 2), capability("GOV", 1, GOV=3))
    s = scenario((training(), side_job()), team=team, capabilities=capabilities, years=5)
    actions = (
        Action(2025, "T-PM", LeverKind.TRAINING, 1, "B"),
        Action(2027, "SJ", LeverKind.SIDE_JOB),
    )
    runs, seed = 400, 11
    risk = plan_risk(s, actions, runs=runs, seed=seed)

    model = rotation_model(s.staff(), s.capabilities, s.settings())
    last = draw_departures(model, runs, np.random.default_rng(seed)).tolist()
    hits = {(c.code, y): 0 for c in capabilities for y in s.fiscal_years()}
    all_hits = dict.fromkeys(s.fiscal_years(), 0)
    for row in last:
        # The same plan with everyone's departure fixed to this run's draw.
        fixed = tuple(
            dataclasses.replace(
                m,
                hard_end=dt.date(2026 + row[p], 3, 31) if row[p] < 5 else None,
                specialist_post=row[p] >= 5,
                post_start=None,
            )
            for p, m in enumerate(s.staff())
        )
        cells = coverage_cells(dataclasses.replace(s, team=fixed), actions)
        for cell in cells:
            hits[cell.capability, cell.fiscal_year] += cell.met
        for year in s.fiscal_years():
            all_hits[year] += all(c.met for c in cells if c.fiscal_year == year)
    for c in capabilities:
        for year in s.fiscal_years():
            assert risk.probability_of(c.code, year) == hits[c.code, year] / runs
    assert risk.all_met == tuple(all_hits[y] / runs for y in s.fiscal_years())


def test_rotation_samples_start_with_the_expected_departures():
    s = scenario((), team=(rotating("A", PM=3), person("B", PM=3)), years=4)
    futures = sample_rotations(s, 30, seed=5)
    assert len(futures) == 31
    assert futures[0]["A"] == frozenset({2025, 2026})
    assert {frozenset(f["B"]) for f in futures} == {frozenset(s.fiscal_years())}
    assert {max(f["A"]) for f in futures[1:]} == {2025, 2026, 2027}
    assert sample_rotations(s, 30, seed=5) == futures
    with pytest.raises(InvalidSettingError, match="rotation scenarios: -1"):
        sample_rotations(s, -1)
    with pytest.raises(InvalidSettingError, match="runs: 0"):
        plan_risk(s, (), runs=0)


def test_planning_against_rotation_scenarios_covers_early_departures():
    s = scenario((side_job(cost=1_000_000),), team=(rotating("A", PM=3),), years=4)
    expected = plan_staffing(s)
    robust = plan_staffing(s, rotation_scenarios=20, seed=0)
    assert expected.status == robust.status == PlanStatus.OPTIMAL
    # Expected departure after FY2026: cover FY2027 and FY2028 only.
    assert [a.fiscal_year for a in expected.actions] == [2027, 2028]
    # Some sampled futures lose A after FY2025: cover FY2026 too; FY2025 is safe.
    assert [a.fiscal_year for a in robust.actions] == [2026, 2027, 2028]
    assert robust.rotation_scenarios == 20 and robust.gap is not None and robust.gap <= 0.01
    assert check_plan(s, robust) == []
    before = plan_risk(s, expected.actions, runs=5_000)
    after = plan_risk(s, robust.actions, runs=5_000)
    assert before.probability_of("PM", 2026) == pytest.approx(2 / 3, abs=0.03)
    assert after.all_met == (1.0, 1.0, 1.0, 1.0)


def test_expected_shortfall_weighs_each_rotation_scenario_equally():
    # Budget for one year of cover only: the coverage objective spends it where the
    # shortfall is likeliest, the year A is surely gone (FY2028).
    s = scenario(
        (side_job(cost=1_000_000),), team=(rotating("A", PM=3),), years=4, budget=1_000_000
    )
    s = dataclasses.replace(s, budget_by_year={2025: 0, 2026: 1_000_000, 2027: 0, 2028: 1_000_000})
    plan = plan_staffing(s, objective="coverage", rotation_scenarios=20, seed=0)
    assert plan.status == PlanStatus.OPTIMAL
    assert [a.fiscal_year for a in plan.actions] == [2026, 2028]
    assert check_plan(s, plan) == []


def test_a_target_met_only_with_the_expected_departures_is_explained():
    late = hire("H", 5_000_000, lead_time_years=2)  # can start FY2027 at the earliest
    s = scenario((late,), team=(rotating("A", PM=3),), years=4)
    assert plan_staffing(s).status == PlanStatus.OPTIMAL
    plan = plan_staffing(s, rotation_scenarios=10, seed=0)
    assert plan.status == PlanStatus.INFEASIBLE
    assert "10 sampled rotation scenarios" in plan.explanation[0].reason


def test_rotation_scenarios_round_trip_through_json():
    from dxtalent.core.planning import load_plan

    s = scenario((side_job(),), team=(rotating("A", PM=3),), years=3)
    plan = plan_staffing(s, rotation_scenarios=3)
    assert load_plan(plan.to_json()) == plan
