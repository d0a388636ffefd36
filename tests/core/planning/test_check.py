"""check_plan finds each broken rule from the actions alone."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import (
    Action,
    LeverKind,
    Plan,
    PlanStatus,
    check_plan,
    cost_lines,
    coverage_cells,
    greedy_plan,
    plan_staffing,
)
from tests.core.planning.builders import capability, hire, person, scenario, training


def plan_of(s, *actions: Action, objective: str = "coverage") -> Plan:
    return Plan(PlanStatus.OPTIMAL, objective, "mix", s.fiscal_years(), actions,
                cost_lines(s, actions), coverage_cells(s, actions))  # fmt: skip


def rules(s, plan: Plan) -> set[str]:
    return {violation.rule for violation in check_plan(s, plan)}


def test_it_flags_spending_over_the_budget():
    s = scenario((hire("H", 6_000_000, max_per_year=2),), budget=10_000_000)
    assert rules(s, plan_of(s, Action(2025, "H", LeverKind.HIRE, 2))) == {"budget"}


def test_it_flags_more_starts_than_a_lever_allows():
    s = scenario((hire("H", 1_000_000),))
    assert rules(s, plan_of(s, Action(2025, "H", LeverKind.HIRE, 2))) == {"max_per_year"}


def test_it_flags_a_start_before_the_lead_time_allows():
    s = scenario((hire("H", 1_000_000, lead_time_years=1),))
    assert rules(s, plan_of(s, Action(2025, "H", LeverKind.HIRE, 1))) == {"lead_time"}


def test_it_flags_the_headcount_cap():
    s = scenario((hire("H", 1_000_000),), team=(person("sato"),), headcount_cap=1)
    assert rules(s, plan_of(s, Action(2025, "H", LeverKind.HIRE, 1))) == {"headcount"}


def test_it_flags_seats_prerequisites_external_trainees_and_early_leavers():
    s = scenario(
        (training(prerequisites={"PM": 1}),),
        team=(
            person("sato", PM=2),
            person("kato", PM=2),
            person("mori"),
            dataclasses.replace(person("ext", PM=2), is_external=True),
            TeamMember("ito", "ito", {"PM": 2}, hard_end=dt.date(2025, 9, 30)),
        ),
    )
    T = LeverKind.TRAINING
    assert rules(s, plan_of(s, Action(2025, "T-PM", T, 1, "sato"), Action(2025, "T-PM", T, 1, "kato"))) == {"seats"}  # fmt: skip
    assert rules(s, plan_of(s, Action(2025, "T-PM", T, 1, "mori"))) == {"prerequisite"}
    assert rules(s, plan_of(s, Action(2025, "T-PM", T, 1, "ext"))) == {"eligibility"}
    assert rules(s, plan_of(s, Action(2025, "T-PM", T, 1, "ito"))) == {"in_post"}
    assert rules(s, plan_of(s, Action(2025, "T-PM", T, 1, "sato"), Action(2026, "T-PM", T, 1, "sato"))) == {"train_once"}  # fmt: skip


def test_it_flags_an_unmet_target_in_a_cost_plan():
    s = scenario((hire("H", 1_000_000),))
    assert rules(s, plan_of(s, objective="cost")) == {"coverage"}


def test_it_flags_misreported_costs():
    s = scenario((hire("H", 6_000_000),))
    plan = plan_staffing(s)
    assert check_plan(s, plan) == []
    cheaper = dataclasses.replace(plan, costs=plan.costs[1:])
    assert rules(s, cheaper) == {"report"}


def test_the_greedy_baseline_passes_the_checker_and_costs_no_less_than_the_optimum():
    s = scenario(
        (hire("H", 6_000_000, max_per_year=2, term_years=1), training(seats_per_year=2)),
        team=(person("sato", PM=2), person("kato", PM=2)),
        capabilities=(capability(target=2),),
        years=3,
    )
    greedy = greedy_plan(s)
    best = plan_staffing(s)
    assert check_plan(s, greedy) == []
    assert all(cell.met for cell in greedy.coverage)
    assert greedy.total_cost() >= best.total_cost()
