"""The exact reductions before HiGHS (core/planning/reduce.py): a row another row implies is
left out, a column that can only hurt is fixed at 0, and the optimum is the same as without
them, on random small programs and on random scenarios with rotation scenarios."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from dxtalent.core.planning import plan_staffing, sample_rotations
from dxtalent.core.planning.build import _build
from dxtalent.core.planning.milp import _Model
from dxtalent.core.planning.reduce import implied_rows, useless_columns
from tests.core.planning.test_fast_build import random_scenario


def arrays(model: _Model) -> tuple[np.ndarray, ...]:
    starts, index, value = model.matrix()
    return starts, index, value, np.array(model.row_lower), np.array(model.row_upper)


def test_a_target_row_implied_by_a_larger_need_on_fewer_columns_is_left_out():
    m = _Model()
    a, b, c = (m.column(1.0, 0, 3, True, name) for name in "abc")
    m.row({a: 1.0, b: 1.0, c: 1.0}, 2, math.inf, "target easy FY2025")
    m.row({a: 1.0, b: 1.0}, 2, math.inf, "target hard FY2025")
    m.row({a: 1.0}, 5, math.inf, "target other year FY2026")
    implied = implied_rows(*arrays(m), m.row_labels)
    assert implied.tolist() == [True, False, False]


def test_a_row_with_a_larger_need_is_not_implied_by_one_with_fewer_columns():
    m = _Model()
    a, b = (m.column(1.0, 0, 3, True, name) for name in "ab")
    m.row({a: 1.0, b: 1.0}, 3, math.inf, "target wide FY2025")
    m.row({a: 1.0}, 2, math.inf, "target narrow FY2025")
    assert implied_rows(*arrays(m), m.row_labels).tolist() == [False, False]


def test_of_two_equal_rows_the_first_is_kept_and_a_looser_cap_goes():
    m = _Model()
    a, b = (m.column(1.0, 0, 3, True, name) for name in "ab")
    m.row({a: 1.0, b: 2.0}, -math.inf, 4, "headcount FY2025 rotation 1")
    m.row({a: 1.0, b: 2.0}, -math.inf, 4, "headcount FY2025 rotation 2")
    m.row({a: 1.0, b: 2.0}, -math.inf, 5, "headcount FY2025 rotation 3")
    m.row({a: 1.0}, -math.inf, 5, "pairing FY2025")  # implied by the first: b ≥ 0
    assert implied_rows(*arrays(m), m.row_labels).tolist() == [False, True, True, True]


def test_an_entry_with_another_value_is_not_taken_for_the_same():
    m = _Model()
    a, b = (m.column(1.0, 0, 3, True, name) for name in "ab")
    m.row({a: 0.5, b: 1.0}, 1, math.inf, "target half FY2025")
    m.row({a: 1.0}, 1, math.inf, "target whole FY2025")
    assert implied_rows(*arrays(m), m.row_labels).tolist() == [False, False]


def test_a_column_that_only_costs_or_uses_room_is_fixed_and_one_that_helps_is_not():
    m = _Model()
    helps = m.column(5.0, 0, 1, True, "helps")
    costs = m.column(5.0, 0, 1, True, "only costs")
    subsidy = m.column(-1.0, 0, 10, False, "subsidy")
    m.row({helps: 1.0}, 1, math.inf, "target FY2025")
    m.row({helps: 5.0, costs: 5.0, subsidy: -1.0}, -math.inf, 9, "budget FY2025")
    starts, index, value, lower, upper = arrays(m)
    kept = np.ones(2, dtype=bool)
    useless = useless_columns(
        starts, index, value, lower, upper, kept, np.array(m.cost), len(m.cost)
    )
    assert useless.tolist() == [False, True, False]


def random_program(seed: int) -> _Model:
    """A small covering program like the planner's: integer columns with costs, targets
    (≥ rows with positive entries) and caps (≤ rows), in two fiscal years."""
    rng = random.Random(seed)
    m = _Model()
    columns = [
        m.column(float(rng.randint(0, 9)), 0, rng.randint(1, 2), rng.random() < 0.8, f"x{j}")
        for j in range(rng.randint(2, 9))
    ]
    for r in range(rng.randint(1, 14)):
        chosen = rng.sample(columns, rng.randint(1, len(columns)))
        year = 2025 + rng.randint(0, 1)
        if rng.random() < 0.7:
            entries = {j: rng.choice((1.0, 1.0, 0.5)) for j in chosen}
            m.row(entries, float(rng.randint(0, 4)), math.inf, f"target {r} FY{year}")
        else:
            entries = {j: rng.choice((1.0, 2.0, -1.0)) for j in chosen}
            m.row(entries, -math.inf, float(rng.randint(1, 6)), f"cap {r} FY{year}")
    return m


@pytest.mark.parametrize("seed", range(150))
def test_a_reduced_program_has_the_same_optimum_as_the_whole_one(seed):
    m = random_program(seed)
    whole = m.solve(10, reduce=False)
    reduced = m.solve(10)
    assert reduced[0] == whole[0]
    if whole[1] is not None:
        assert reduced[3] == pytest.approx(whole[3], abs=1e-6)
        # The reduced optimum satisfies every row of the whole program, left out or not.
        for value, lower, upper in zip(reduced[2], m.row_lower, m.row_upper, strict=True):
            assert lower - 1e-6 <= value <= upper + 1e-6


@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_a_plan_against_rotation_scenarios_costs_the_same_with_the_rows_left_out(seed):
    s = random_scenario(seed)
    rotations = sample_rotations(s, 4, seed)
    for soft in (False, True):
        built = _build(s, "mix", soft, rotations=rotations)
        whole = built.model.solve(30, reduce=False)
        reduced = built.model.solve(30)
        assert reduced[0] == whole[0]
        if whole[1] is not None:
            assert reduced[3] == pytest.approx(whole[3], rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("seed", range(0, 60, 5))
def test_a_plan_of_either_objective_is_as_good_as_without_the_reduction(seed, monkeypatch):
    s = random_scenario(seed)
    original = _Model.solve

    def whole_model(self: _Model, *args: object, **options: object) -> object:
        return original(self, *args, **{**options, "reduce": False})  # type: ignore[arg-type]

    for objective in ("cost", "coverage"):
        reduced = plan_staffing(s, objective, explain=False)
        monkeypatch.setattr(_Model, "solve", whole_model)
        whole = plan_staffing(s, objective, explain=False)
        monkeypatch.undo()
        assert reduced.status == whole.status
        if whole.objective_value is not None:
            assert reduced.objective_value == pytest.approx(
                whole.objective_value, rel=1e-6, abs=1e-6
            )
