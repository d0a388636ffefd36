"""plan_staffing on scenarios with an obvious answer."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import (
    Action,
    LeverKind,
    PlanStatus,
    Secondee,
    SideJob,
    Subsidy,
    UnknownOptionError,
    check_plan,
    load_plan,
    plan_staffing,
)
from dxtalent.core.planning.programmes import Location
from tests.core.planning.builders import capability, hire, person, scenario, training


def test_it_hires_the_cheaper_of_two_equivalent_professionals():
    s = scenario((hire("DEAR", 9_000_000), hire("CHEAP", 6_000_000)))
    plan = plan_staffing(s)
    assert plan.status is PlanStatus.OPTIMAL
    assert [(a.lever, a.fiscal_year, a.count) for a in plan.actions] == [("CHEAP", 2025, 1)]
    assert plan.objective_value == 12_000_000
    assert plan.gap == pytest.approx(0, abs=1e-6)
    assert check_plan(s, plan) == []


def test_it_trains_instead_of_hiring_when_training_is_cheaper():
    # The target starts in FY2026, when a trainee from FY2025 counts.
    s = scenario(
        (hire("H", 6_000_000), training(cost=300_000)),
        team=(person("sato", PM=2),),
        targets={"PM": {2025: 0}},
    )
    plan = plan_staffing(s)
    assert plan.status is PlanStatus.OPTIMAL
    assert plan.actions == (Action(2025, "T-PM", LeverKind.TRAINING, 1, "sato", 2025),)
    assert plan.total_cost() == 300_000
    assert check_plan(s, plan) == []


def test_it_hires_when_training_cannot_complete_in_time():
    s = scenario((hire("H", 6_000_000), training()), team=(person("sato", PM=2),))
    plan = plan_staffing(s)
    assert [a.lever for a in plan.actions] == ["H"]


def test_it_does_not_train_someone_who_rotates_out_before_completing():
    leaving = TeamMember("ito", "ito", {"PM": 2}, hard_end=dt.date(2026, 3, 31))
    s = scenario((training(),), team=(leaving,), targets={"PM": {2025: 0}})
    plan = plan_staffing(s)
    assert plan.status is PlanStatus.INFEASIBLE
    assert [(e.capability, e.fiscal_year) for e in plan.explanation] == [("PM", 2026)]


def test_it_explains_a_target_beyond_every_lever():
    s = scenario(
        (hire("H", 6_000_000, max_per_year=1),),
        capabilities=(capability(target=3),),
    )
    plan = plan_staffing(s)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.actions == ()
    first = plan.explanation[0]
    assert (first.capability, first.fiscal_year, first.target, first.best) == ("PM", 2025, 3, 1)
    assert first.cause == "limits" and "engagements can add at most 1," in first.reason
    assert json.loads(plan.to_json())["status"] == "infeasible"


def test_it_explains_a_target_out_of_reach_within_the_budget():
    s = scenario((hire("H", 6_000_000),), budget=5_000_000)
    plan = plan_staffing(s)
    assert plan.status is PlanStatus.INFEASIBLE
    assert plan.explanation[0].best == 0
    assert "within the budget" in plan.explanation[0].reason


def test_plan_never_exceeds_the_yearly_budget_under_the_coverage_objective():
    s = scenario(
        (hire("H", 6_000_000, max_per_year=3),),
        capabilities=(capability(target=3),),
        budget=12_000_000,
    )
    plan = plan_staffing(s, objective="coverage")
    assert plan.status is PlanStatus.OPTIMAL
    assert max(plan.cost_by_year().values()) <= 12_000_000
    assert [c.count for c in plan.coverage] == [2, 2]
    assert plan.objective_value == pytest.approx(2)  # one person short in each year
    assert "budget FY2025" in plan.binding
    assert check_plan(s, plan) == []


def test_subsidies_and_state_support_lower_the_net_cost():
    secondee = Secondee("K", "secondee", {"PM": 3}, 8_000_000, duration_years=2.0,
                        lead_time_years=0, firm_in_metropolitan_area=True)  # fmt: skip
    s = scenario(
        (secondee,),
        subsidies=(Subsidy("SAT", "tax", ("corporate_secondee",), 0.5, 1_000_000),),
        location=Location("17201"),  # Kanazawa: 地域活性化起業人 support applies
    )
    plan = plan_staffing(s)
    # Gross 8 M a year; state support 5.6 M; the subsidy pays half the rest, at most 1 M.
    assert plan.cost_by_year(net=False) == {2025: 8_000_000, 2026: 8_000_000}
    assert plan.cost_by_year() == {2025: 1_400_000, 2026: 1_400_000}
    assert check_plan(s, plan) == []


def test_fractions_of_a_person_add_up_to_a_target():
    side = SideJob("J", "side job", {"PM": 3}, 2_000_000, fraction=0.5, max_per_year=2)
    s = scenario((side, hire("H", 6_000_000)), years=1)
    plan = plan_staffing(s)
    assert [(a.lever, a.count) for a in plan.actions] == [("J", 2)]
    assert plan.coverage[0].count == 1


def test_the_headcount_cap_forces_training_over_hiring():
    s = scenario(
        (hire("H", 1_000_000), training(cost=5_000_000)),
        team=(person("sato", PM=2),),
        targets={"PM": {2025: 0}},
        headcount_cap=1,
    )
    plan = plan_staffing(s)
    assert [a.lever for a in plan.actions] == ["T-PM"]
    assert check_plan(s, plan) == []


def test_a_mixed_strategy_costs_no_more_than_either_single_strategy():
    s = scenario(
        (
            hire("H", 6_000_000, max_per_year=2, term_years=1),
            training(cost=300_000, seats_per_year=2),
        ),
        team=(person("sato", PM=2), person("kato", PM=2)),
        capabilities=(capability(target=2),),
        years=3,
    )
    costs = {}
    for strategy in ("acquire", "develop", "mix"):
        plan = plan_staffing(s, strategy=strategy)
        costs[strategy] = plan.total_cost() if plan.status is PlanStatus.OPTIMAL else None
        if strategy == "acquire":
            assert all(a.kind is not LeverKind.TRAINING for a in plan.actions)
        if strategy == "develop":
            assert all(a.kind is LeverKind.TRAINING for a in plan.actions)
    assert costs["develop"] is None  # nobody trained counts in FY2025
    assert costs["acquire"] is not None and costs["mix"] is not None
    assert costs["mix"] < costs["acquire"]


def test_a_plan_round_trips_through_json():
    s = scenario((hire("H", 6_000_000), training()), team=(person("sato", PM=2),))
    plan = plan_staffing(s)
    again = load_plan(plan.to_json())
    assert again == plan
    assert check_plan(s, again) == []


def test_it_rejects_an_unknown_strategy():
    with pytest.raises(UnknownOptionError, match='strategy "both"'):
        plan_staffing(scenario(()), strategy="both")


def test_a_solve_prints_nothing_and_leaves_the_process_stdout_alone():
    # A fresh process (HiGHS prints its banner once per process); redirecting file
    # descriptor 1 is made to fail, since other threads of a server write to it too.
    code = (
        "import os\n"
        "def refuse(*args): raise AssertionError('file descriptor redirected')\n"
        "os.dup = os.dup2 = refuse\n"
        "from dxtalent.core.planning.solve import _Model\n"
        "m = _Model()\n"
        "x = m.column(1.0, 0.0, 5.0, True, 'x')\n"
        "m.row({x: 1.0}, 2.0, float('inf'), 'at least two')\n"
        "status, values, _, objective, _ = m.solve(time_limit=10)\n"
        "import sys\n"
        "print(status, values, objective, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.split() == ["optimal", "[2.0]", "2.0"]
