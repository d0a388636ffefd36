"""Pooling interchangeable trainees (core/planning/pooling.py): the same optimum as the
model solved person by person, and plans that hold, one programme per person."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random

import pytest

from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import (
    LeverKind,
    Scenario,
    Training,
    check_plan,
    plan_staffing,
)
from dxtalent.core.planning.build import _build
from dxtalent.core.planning.milp import _Model
from dxtalent.core.planning.pooling import pooled
from tests.core.planning.builders import FIRST
from tests.core.planning.test_fast_build import random_scenario


def cohort(seed: int) -> Scenario:
    """Staff in a few kinds of identical people, so that many are interchangeable."""
    rng = random.Random(seed)
    kinds = [
        ({s: rng.choice((0, 1, 2)) for s in "ABCD"}, dt.date(rng.randint(2021, 2025), 4, 1))
        for _k in range(3)
    ]
    team = tuple(
        TeamMember(f"P{i:02}", f"職員{i}", levels=dict(levels), post_start=start)
        for i, (levels, start) in enumerate(rng.choice(kinds) for _i in range(rng.randint(6, 16)))
    )
    capabilities = tuple(
        Capability(
            f"C{c}",
            Text(f"能力{c}", f"capability {c}"),
            LevelCriterion({s: 3 for s in rng.sample("ABCD", rng.randint(1, 2))}),
            target=rng.randint(1, 4),
        )
        for c in range(3)
    )
    levers = tuple(
        Training(f"T{p}", f"programme {p}", {s: 3 for s in rng.sample("ABCD", 2)},
                 seats_per_year=rng.randint(1, 3), cost_per_seat=rng.randint(1, 9) * 100_000,
                 months=rng.choice((6, 12)))
        for p in range(3)
    )  # fmt: skip
    return Scenario(FIRST, 5, 50_000_000, capabilities, team, levers, (), name=f"cohort {seed}")


def no_pooling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dxtalent.core.planning.milp.pooled", lambda model: None)


def test_most_cohorts_have_people_to_pool():
    """The equivalence test below is about pooled models: most of its cohorts are pooled, with
    their count columns."""
    found = 0
    for seed in range(1, 40, 2):
        model = _build(cohort(seed), "mix", soft=False).model
        pooling = pooled(model)
        if pooling is not None:
            smaller = pooling[0]
            assert any(label.startswith("pool of") for label in smaller.column_labels)
            found += 1
    assert found >= 15


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("objective", ["cost", "coverage"])
def test_pooling_keeps_the_optimum_and_plans_hold(seed, objective, monkeypatch):
    s = cohort(seed) if seed % 2 else random_scenario(seed)
    rotations = 3 if seed % 5 == 0 else 0
    pooled_plan = plan_staffing(s, objective, explain=False, rotation_scenarios=rotations, gap=0)
    no_pooling(monkeypatch)
    plain = plan_staffing(s, objective, explain=False, rotation_scenarios=rotations, gap=0)
    assert pooled_plan.status == plain.status
    if plain.objective_value is not None:
        assert pooled_plan.objective_value == pytest.approx(plain.objective_value, abs=1e-6)
        assert check_plan(s, pooled_plan) == []
        trainees = [a.person for a in pooled_plan.actions if a.kind is LeverKind.TRAINING]
        assert len(trainees) == len(set(trainees))


def test_a_pool_starts_its_chosen_people_within_the_seats():
    """Eight identical people, two seats a year, four more people needed by the fourth year:
    the plan starts four different people, no more than two in a year, each once."""
    expert = TeamMember("E", "専門職", levels={"A": 3}, specialist_post=True)
    trainees = [
        TeamMember(f"P{i}", f"職員{i}", levels={"A": 1}, specialist_post=True) for i in range(8)
    ]
    team = (expert, *trainees)
    capability = Capability("C0", Text("能力", "capability"), LevelCriterion({"A": 3}), target=5)
    training = Training("T0", "programme", {"A": 3}, seats_per_year=2,
                        cost_per_seat=300_000, months=6)  # fmt: skip
    s = Scenario(FIRST, 6, 10_000_000, (capability,), team, (training,), ())
    s = dataclasses.replace(s, targets={"C0": {FIRST: 1, FIRST + 1: 1, FIRST + 2: 3}})
    built = _build(s, "mix", soft=False)
    smaller, _original = pooled(built.model)
    assert sum(label.startswith("chosen") for label in smaller.column_labels) == 8
    plan = plan_staffing(s, "cost", explain=False)
    assert plan.status.value == "optimal"
    starts = [a for a in plan.actions if a.kind is LeverKind.TRAINING]
    assert len(starts) == 4
    assert len({a.person for a in starts}) == 4
    per_year: dict[int, int] = {}
    for action in starts:
        per_year[action.fiscal_year] = per_year.get(action.fiscal_year, 0) + 1
    assert max(per_year.values()) <= 2
    assert check_plan(s, plan) == []


def test_a_start_fixed_at_zero_stays_closed_to_the_pool():
    """Two interchangeable people whose free later start is closed (upper bound 0): the pool
    may not use it, so both take the paid start."""
    m = _Model()
    a_paid, a_free = m.column(1.0, 0, 1, True, "a 1"), m.column(0.0, 0, 0, True, "a 2")
    b_paid, b_free = m.column(1.0, 0, 1, True, "b 1"), m.column(0.0, 0, 0, True, "b 2")
    m.row(dict.fromkeys((a_paid, a_free, b_paid, b_free), 1.0), 2, math.inf, "target FY2026")
    once_a = m.row({a_paid: 1.0, a_free: 1.0}, -math.inf, 1, "once a")
    once_b = m.row({b_paid: 1.0, b_free: 1.0}, -math.inf, 1, "once b")
    m.choices = {
        a_paid: ("T", "a", once_a),
        a_free: ("T", "a", once_a),
        b_paid: ("T", "b", once_b),
        b_free: ("T", "b", once_b),
    }
    assert pooled(m) is not None
    status, values, _rows, objective, _gap = m.solve(10)
    assert (status, objective) == ("optimal", 2.0)
    assert values == [1.0, 0.0, 1.0, 0.0]
