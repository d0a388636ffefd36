"""On tiny random scenarios the MILP's optimum equals exhaustive search over every
combination of actions, every plan passes check_plan, and mixing costs no more than either
single strategy."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import (
    Action,
    Hire,
    Lever,
    LeverKind,
    Plan,
    PlanStatus,
    Scenario,
    Secondee,
    SideJob,
    Subsidy,
    Training,
    check_plan,
    cost_lines,
    coverage_cells,
    net_cost_by_year,
    plan_staffing,
)
from tests.core.planning.builders import FIRST, capability

LEVELS = st.integers(0, 3)


@st.composite
def members(draw: st.DrawFn, index: int) -> TeamMember:
    kind = draw(st.sampled_from(("stays", "rotates", "leaves", "external")))
    fields: dict[str, object] = {"levels": {"A": draw(st.integers(1, 3)), "B": draw(LEVELS)}}
    if kind == "stays":
        fields["specialist_post"] = True
    elif kind == "rotates":
        fields["post_start"] = dt.date(draw(st.integers(2020, 2025)), 4, 1)
    elif kind == "leaves":
        fields["hard_end"] = dt.date(draw(st.sampled_from((2026, 2027))), 3, 31)
    else:
        fields["is_external"] = True
        fields["specialist_post"] = True
    return TeamMember(f"P{index}", f"P{index}", **fields)  # type: ignore[arg-type]


@st.composite
def engagements(draw: st.DrawFn) -> Lever:
    levels = {"A": draw(st.integers(2, 4)), "B": draw(st.integers(0, 4))}
    cost = draw(st.integers(1, 9)) * 1_000_000
    count = draw(st.integers(1, 2))
    lead = draw(st.integers(0, 1))
    kind = draw(st.sampled_from(("hire", "secondee", "side_job")))
    if kind == "hire":
        return Hire("E", "E", levels, cost, max_per_year=count, lead_time_years=lead,
                    term_years=draw(st.sampled_from((None, 1))), specialist_post=True,
                    growth_per_year={"B": draw(st.integers(0, 1))})  # fmt: skip
    if kind == "secondee":
        return Secondee("E", "E", levels, cost, max_per_year=count, lead_time_years=lead,
                        duration_years=draw(st.sampled_from((0.5, 1.0, 1.5))))  # fmt: skip
    return SideJob("E", "E", levels, cost, max_per_year=count, lead_time_years=lead,
                   fraction=draw(st.sampled_from((0.5, 1.0))))  # fmt: skip


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    team = tuple(draw(members(i)) for i in range(draw(st.integers(1, 3))))
    programme = Training(
        "T",
        "T",
        raises_to={"A": draw(st.integers(2, 3)), "B": draw(st.integers(0, 1))},
        seats_per_year=draw(st.integers(1, 2)),
        cost_per_seat=draw(st.integers(1, 30)) * 100_000,
        months=draw(st.sampled_from((6, 12))),
        prerequisites={"B": 1} if draw(st.booleans()) else {},
    )
    capabilities = (
        capability("C1", draw(st.integers(1, 2)), A=draw(st.integers(2, 3))),
        capability("C2", 1, A=2, B=draw(st.integers(1, 2))),
    )
    targets = {
        "C1": {FIRST: draw(st.integers(0, 1))},
        "C2": {FIRST: 0, FIRST + 1: draw(st.integers(0, 1))},
    }
    subsidies = ()
    if draw(st.booleans()):
        subsidies = (Subsidy("S", "S", ("hire", "training"), 0.5, 2_000_000),)
    cap = draw(st.sampled_from((None, float(len(team)), float(len(team) + 1))))
    return Scenario(FIRST, 2, draw(st.integers(5, 25)) * 1_000_000, capabilities, team,
                    (draw(engagements()), programme), subsidies, headcount_cap=cap,
                    targets=targets, weights={"C2": 2.0})  # fmt: skip


def candidate_actions(scenario: Scenario, strategy: str) -> list[list[tuple[Action, ...]]]:
    """For each independent choice, its alternatives (tuples of actions)."""
    choices: list[list[tuple[Action, ...]]] = []
    for lever in scenario.levers:
        if isinstance(lever, Training):
            if strategy == "acquire":
                continue
            for member in scenario.team:
                for start in scenario.fiscal_years():
                    action = Action(start, lever.code, LeverKind.TRAINING, 1, member.id, start)
                    choices.append([(), (action,)])
            continue
        if strategy == "develop":
            continue
        for start in scenario.fiscal_years():
            decided = start - lever.lead_time_years
            choices.append(
                [()]
                + [
                    (Action(start, lever.code, lever.kind, n, None, decided),)
                    for n in range(1, lever.max_per_year + 1)
                ]
            )
    return choices


def exhaustive(scenario: Scenario, objective: str, strategy: str) -> tuple[float, float] | None:
    """(weighted shortfall, net cost) of the best valid plan, lexicographically; None when
    no plan is valid."""
    best = None
    for combination in itertools.product(*candidate_actions(scenario, strategy)):
        actions = tuple(a for part in combination for a in part)
        plan = Plan(PlanStatus.OPTIMAL, objective, strategy, scenario.fiscal_years(), actions,
                    cost_lines(scenario, actions), coverage_cells(scenario, actions))  # fmt: skip
        if check_plan(scenario, plan):
            continue
        short = sum(
            scenario.weight(c.capability) * max(0.0, c.target - c.count) for c in plan.coverage
        )
        key = (
            round(short, 6) if objective == "coverage" else 0.0,
            sum(net_cost_by_year(scenario, actions).values()),
        )
        if best is None or key < best:
            best = key
    return best


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(("cost", "coverage")))
def test_the_milp_optimum_equals_exhaustive_search_and_passes_the_checker(scenario, objective):
    for strategy in ("mix", "acquire", "develop"):
        plan = plan_staffing(scenario, objective, strategy, time_limit=10)
        expected = exhaustive(scenario, objective, strategy)
        event(
            f"{objective} {strategy}: {plan.status.value}, {len(plan.actions)} actions>0: {bool(plan.actions)}"
        )
        if expected is None:
            assert plan.status is PlanStatus.INFEASIBLE
            assert plan.explanation
            continue
        assert plan.status is PlanStatus.OPTIMAL
        assert check_plan(scenario, plan) == []
        short, cost = expected
        assert (
            abs(sum(net_cost_by_year(scenario, plan.actions).values()) - cost)
            <= 1e-6 * max(1.0, cost) + 1
        )
        if objective == "coverage":
            assert abs(plan.objective_value - short) <= 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_mix_costs_no_more_than_either_single_strategy(scenario):
    costs = {}
    for strategy in ("mix", "acquire", "develop"):
        plan = plan_staffing(scenario, "cost", strategy, time_limit=10, explain=False)
        if plan.status is PlanStatus.OPTIMAL:
            costs[strategy] = plan.total_cost()
    for single in ("acquire", "develop"):
        if single in costs:
            assert "mix" in costs
            assert costs["mix"] <= costs[single] + 1


def _fixed(scenario: Scenario, in_post: dict[str, frozenset[int]]) -> Scenario:
    """The scenario with each DX member's departure fixed to one rotation scenario's."""
    import dataclasses

    team = []
    for member in scenario.team:
        years = in_post.get(member.id)
        if years is None:
            team.append(member)
            continue
        stays = scenario.last_fiscal_year in years
        last = max(years) if years else scenario.first_fiscal_year - 1
        team.append(
            dataclasses.replace(
                member,
                post_start=None,
                specialist_post=stays,
                hard_end=None if stays else dt.date(last + 1, 3, 31),
            )
        )
    return dataclasses.replace(scenario, team=tuple(team))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(1, 4), st.integers(0, 3))
def test_a_plan_against_rotation_scenarios_holds_in_each_and_costs_at_least_the_expected(
    scenario, count, seed
):
    from dxtalent.core.planning import sample_rotations

    expected = plan_staffing(scenario, "cost", time_limit=10, explain=False)
    robust = plan_staffing(
        scenario, "cost", time_limit=10, explain=False, rotation_scenarios=count, seed=seed
    )
    event(f"expected {expected.status.value}, robust {robust.status.value}")
    if expected.status is PlanStatus.INFEASIBLE:
        assert robust.status is PlanStatus.INFEASIBLE
        return
    if robust.status is PlanStatus.INFEASIBLE:
        return
    assert robust.status is PlanStatus.OPTIMAL and robust.gap <= 0.01
    assert check_plan(scenario, robust) == []
    assert robust.total_cost() >= expected.total_cost() - 1
    for future in sample_rotations(scenario, count, seed):
        cells = coverage_cells(_fixed(scenario, dict(future)), robust.actions)
        assert all(cell.met for cell in cells), [c for c in cells if not c.met]
