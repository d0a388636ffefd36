"""An accepted pool allocation as levers of a municipality's own plan."""

from __future__ import annotations

import dataclasses

import pytest

from dxtalent.core.diagnostics import LevelCriterion, paper_capabilities
from dxtalent.core.planning import Hire, LeverKind, PoolDays, Scenario, plan_staffing
from dxtalent.core.pool.levers import (
    PLANNER_CAPABILITY,
    NotCounted,
    PoolGrant,
    municipality_cost_per_day,
    pool_levers,
)

YEAR = 2027


def _capabilities(**targets: int):
    found = {c.code: c for c in paper_capabilities() if isinstance(c.criterion, LevelCriterion)}
    return tuple(dataclasses.replace(found[code], target=t) for code, t in targets.items())


def _grant(capability="CO-CAP-SPEC", days=240.0, year=YEAR, cost=0, who="山田 花子"):
    return PoolGrant(who, capability, year, (4, 5, 6), days, cost)


def _scenario(levers, capabilities):
    return Scenario(
        first_fiscal_year=YEAR,
        horizon_years=1,
        yearly_budget=100_000_000,
        capabilities=capabilities,
        levers=levers,
    )


def test_every_planned_paper_capability_is_mapped_and_mic_roles_are_not():
    planned = {c.code for c in paper_capabilities() if isinstance(c.criterion, LevelCriterion)}
    assert set(PLANNER_CAPABILITY.values()) == planned
    assert set(PLANNER_CAPABILITY) == planned
    roles = {c.code for c in paper_capabilities()} - planned
    assert roles and not roles & set(PLANNER_CAPABILITY)


def test_allocated_days_become_a_lever_in_their_fiscal_year_bringing_the_capability():
    capabilities = _capabilities(**{"CO-CAP-SPEC": 1})
    found = pool_levers(
        [_grant(days=100), _grant(days=20.5, who="佐藤 蓮")], capabilities, [YEAR], {}
    )
    (lever,) = found.levers
    assert isinstance(lever, PoolDays) and lever.kind is LeverKind.POOL
    assert lever.days_per_year == 120 and lever.cost_per_year == 0
    assert (lever.available_from, lever.available_until) == (YEAR, YEAR)
    assert capabilities[0].criterion.meets(lever.levels)
    (contribution,) = found.contributions
    assert contribution.counted and contribution.professionals == ("佐藤 蓮", "山田 花子")
    assert contribution.months == (4, 5, 6) and contribution.days == pytest.approx(120.5)


def test_days_that_cannot_count_are_reported_with_the_reason_not_dropped():
    capabilities = _capabilities(**{"CO-CAP-SPEC": 1, "CO-CAP-CENTRAL": 1})
    grants = [
        _grant("MIC-R-PM"),
        _grant("CO-CAP-CENTRAL"),
        _grant(year=YEAR + 5),
        _grant(days=0.3, cost=1),
    ]
    found = pool_levers(grants, capabilities, [YEAR], {})
    assert found.levers == ()
    reasons = {(c.capability, c.fiscal_year, c.cost_per_day): c.reason for c in found.contributions}
    assert reasons == {
        ("MIC-R-PM", YEAR, 0): NotCounted.NOT_PLANNED,
        ("CO-CAP-CENTRAL", YEAR, 0): NotCounted.IN_HOUSE_ONLY,
        ("CO-CAP-SPEC", YEAR + 5, 0): NotCounted.OUTSIDE_HORIZON,
        ("CO-CAP-SPEC", YEAR, 1): NotCounted.TOO_FEW_DAYS,
    }
    assert not any(c.counted for c in found.contributions)


def test_a_plan_with_the_pools_days_needs_no_hire_where_it_needed_one_without():
    capabilities = _capabilities(**{"CO-CAP-SPEC": 1})
    hire = Hire(
        code="H",
        name="仕様書担当の採用",
        levels={"CO-SPEC": 2},
        cost_per_year=6_000_000,
        max_per_year=1,
        lead_time_years=0,
    )
    without = plan_staffing(_scenario((hire,), capabilities), objective="cost", strategy="mix")
    pool = pool_levers([_grant(days=240)], capabilities, [YEAR], {}).levers
    with_pool = plan_staffing(
        _scenario((hire, *pool), capabilities), objective="cost", strategy="mix"
    )
    assert without.total_cost() == 6_000_000
    assert with_pool.total_cost() == 0
    assert [a.lever for a in with_pool.actions] == [pool[0].code]
    assert not any(a.lever == "H" for a in with_pool.actions)


def test_the_municipality_pays_its_share_of_the_cost_as_the_prefecture_set():
    assert municipality_cost_per_day(40_000, "prefecture", 0.5) == 0
    assert municipality_cost_per_day(40_000, "municipality", 0.5) == 40_000
    assert municipality_cost_per_day(40_000, "shared", 0.25) == 10_000
    with pytest.raises(ValueError, match="payer"):
        municipality_cost_per_day(40_000, "nobody", 0.5)
    with pytest.raises(ValueError, match="share"):
        municipality_cost_per_day(40_000, "shared", 1.5)
