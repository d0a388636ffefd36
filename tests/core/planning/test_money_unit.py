"""Money counted in units of MONEY_UNIT yen in the planner's model (core/planning/build.py):
every cost, budget and subsidy amount is the amount in yen divided by the unit, nothing else
changes, and the optimum is the optimum in yen divided by the unit, on random scenarios with
every kind of lever, subsidies, budget bases and rotation scenarios."""

from __future__ import annotations

import math

import pytest

from dxtalent.core.planning import check_plan, plan_staffing, sample_rotations
from dxtalent.core.planning.build import MONEY_UNIT, _build
from tests.core.planning.test_fast_build import random_scenario


def is_money_row(label: str) -> bool:
    return label.startswith("budget ") or (label.startswith("subsidy ") and " rate " in label)


@pytest.mark.parametrize("seed", range(40))
def test_every_amount_of_money_in_the_model_is_the_yen_divided_by_the_unit(seed):
    s = random_scenario(seed)
    rotations = sample_rotations(s, 2, seed) if seed % 4 == 0 else None
    for soft in (False, True):
        units = _build(s, "mix", soft, rotations=rotations)
        yen = _build(s, "mix", soft, rotations=rotations, money_unit=1)
        a, b = units.model, yen.model
        assert a.column_labels == b.column_labels
        assert a.row_labels == b.row_labels
        subsidies = {j for j, label in enumerate(a.column_labels) if label.startswith("subsidy ")}
        for j in range(len(a.cost)):
            if j in subsidies:
                # A subsidy column is money itself: its cap is in units, a unit costs −1.
                assert a.cost[j] == b.cost[j] == (0.0 if soft else -1.0)
                assert a.upper[j] == pytest.approx(b.upper[j] / MONEY_UNIT, rel=1e-12)
            elif j in units.net_cost:
                assert units.net_cost[j] == pytest.approx(yen.net_cost[j] / MONEY_UNIT, rel=1e-12)
            else:
                assert (a.cost[j], a.upper[j]) == (b.cost[j], b.upper[j])
        for r, label in enumerate(a.row_labels):
            money = is_money_row(label)
            for j, value in b.rows[r].items():
                scaled = value / MONEY_UNIT if money and j not in subsidies else value
                assert a.rows[r][j] == pytest.approx(scaled, rel=1e-12)
            assert a.rows[r].keys() == b.rows[r].keys()
            for ours, theirs in (
                (a.row_lower[r], b.row_lower[r]),
                (a.row_upper[r], b.row_upper[r]),
            ):
                if money and math.isfinite(theirs):
                    assert ours == pytest.approx(theirs / MONEY_UNIT, rel=1e-12)
                else:
                    assert ours == theirs


@pytest.mark.parametrize("seed", range(0, 60, 3))
def test_the_optimum_in_units_is_the_optimum_in_yen(seed):
    s = random_scenario(seed)
    rotations = sample_rotations(s, 3, seed) if seed % 2 else None
    units = _build(s, "mix", False, rotations=rotations).model.solve(30)
    yen = _build(s, "mix", False, rotations=rotations, money_unit=1).model.solve(30)
    assert units[0] == yen[0]
    if yen[1] is not None:
        assert units[3] * MONEY_UNIT == pytest.approx(yen[3], rel=1e-9, abs=1e-3)


@pytest.mark.parametrize("seed", range(0, 60, 4))
def test_a_plan_solved_in_units_keeps_every_rule(seed):
    s = random_scenario(seed)
    for objective in ("cost", "coverage"):
        plan = plan_staffing(s, objective, explain=False)
        if plan.status == "optimal":
            assert check_plan(s, plan) == []
