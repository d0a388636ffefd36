"""plan_staffing: the cheapest (or best-covering) multi-year mix of levers, as a mixed-integer
program (build.py) solved by HiGHS (milp.py).

Objectives: "cost" minimises total net yen subject to every target; "coverage" first
minimises the weighted shortfall within the budget, then the net cost among plans within
`coverage_tolerance` of that best shortfall.
"""

from __future__ import annotations

import math
import time

from dxtalent.core.planning.bounds import _over_headcount_cap, limits_bound
from dxtalent.core.planning.build import Cell, _allowed, _build, _Built, _objective
from dxtalent.core.planning.check import cost_lines, coverage_cells
from dxtalent.core.planning.milp import MIP_REL_GAP, _Model, _new_highs
from dxtalent.core.planning.plan import Action, Plan, PlanStatus, Shortfall
from dxtalent.core.planning.robust import sample_rotations
from dxtalent.core.planning.scenario import InvalidScenarioError, LeverKind, Scenario
from dxtalent.core.planning.shortfalls import shortfall

__all__ = [
    "DEFAULT_OBJECTIVE",
    "MAX_ISOLATED_CHECKS",
    "MIP_REL_GAP",
    "OBJECTIVES",
    "ROBUST_REL_GAP",
    "STRATEGIES",
    "Cell",
    "UnknownOptionError",
    "_Model",
    "_allowed",
    "_build",
    "_new_highs",
    "explain_infeasible",
    "limits_bound",
    "plan_staffing",
]

OBJECTIVES = ("cost", "coverage")
# The objective every entry point (web page, CLI, API) uses unless told otherwise: the plan
# that covers the targets best within the budget, then costs least. It always gives a plan
# and says what stays unmet, where "cost" answers "infeasible" when a target is out of reach.
DEFAULT_OBJECTIVE = "coverage"
STRATEGIES = ("mix", "acquire", "develop")
# The relative gap when planning against several rotation scenarios: "within 1 % of optimal"
# (issue #5); proving 1e-6 on 20 scenarios takes minutes (planning notes §3.2).
ROBUST_REL_GAP = 0.01
# At most this many shortfalls are checked one by one (a MILP each) in an explanation.
MAX_ISOLATED_CHECKS = 20


class UnknownOptionError(ValueError):
    """An objective or strategy that plan_staffing does not know."""


def _actions(built: _Built, values: list[float]) -> tuple[Action, ...]:
    found = []
    for column, (code, start, kind, lead) in built.engagements.items():
        count = round(values[column])
        if count > 0:
            found.append(Action(start, code, kind, count, None, start - lead))
    for column, (code, person, start) in built.trainings.items():
        if values[column] > 0.5:
            found.append(Action(start, code, LeverKind.TRAINING, 1, person, start))
    return tuple(sorted(found, key=lambda a: (a.fiscal_year, a.lever, a.person or "")))


def _binding(built: _Built, values: list[float], row_values: list[float]) -> tuple[str, ...]:
    model = built.model
    found = []
    for row in built.binding_rows:
        upper = model.row_upper[row]
        if upper - row_values[row] <= 1e-6 * max(1.0, abs(upper)):
            found.append(model.row_labels[row])
    for column in built.engagements:
        if values[column] >= model.upper[column] - 1e-6:
            found.append(f"max_per_year {model.column_labels[column].removeprefix('starts ')}")
    return tuple(found)


def plan_staffing(
    scenario: Scenario,
    objective: str = "cost",
    strategy: str = "mix",
    time_limit: float = 60,
    coverage_tolerance: float = 1e-6,
    explain: bool = True,
    rotation_scenarios: int = 0,
    seed: int | None = 0,
    gap: float | None = None,
) -> Plan:
    """The plan that meets every target at least net cost ("cost"), or covers the targets
    best within the budget and then costs least ("coverage": weighted shortfall in people
    at most `coverage_tolerance` above the best), using the levers of `strategy`: "acquire"
    (engagements only: strategy 1 of Nakagawa 2025), "develop" (training only: strategy 2)
    or "mix" (all).

    time_limit: seconds for the solver (shared by the stages); at the limit the status is
    "time_limit" with the best plan found, if any. An infeasible "cost" plan carries
    `explanation` (unless explain=False): the targets no plan can meet and why.

    rotation_scenarios: plan against the expected departures and this many more rotation
    scenarios drawn with `seed` (robust.sample_rotations): "cost" then meets every target in
    all of them, "coverage" minimises the expected shortfall. gap: the relative optimality
    gap at which the solver stops (default 1e-6, or 1 % with rotation scenarios).
    Raises UnknownOptionError for an unknown objective or strategy.
    """
    if objective not in OBJECTIVES:
        raise UnknownOptionError(
            f'objective "{objective}" is not known; accepted: {", ".join(OBJECTIVES)}'
        )
    if strategy not in STRATEGIES:
        raise UnknownOptionError(
            f'strategy "{strategy}" is not known; accepted: {", ".join(STRATEGIES)}'
        )
    if not math.isfinite(time_limit) or time_limit <= 0:
        raise InvalidScenarioError(f"time_limit: {time_limit!r}; seconds above 0")
    if gap is None:
        gap = ROBUST_REL_GAP if rotation_scenarios else MIP_REL_GAP
    if not math.isfinite(gap) or not 0 <= gap < 1:
        raise InvalidScenarioError(f"gap: {gap!r}; a relative gap from 0 to below 1, e.g. 0.01")
    began = time.perf_counter()
    futures = sample_rotations(scenario, rotation_scenarios, seed) if rotation_scenarios else None
    built = _build(scenario, strategy, soft=objective == "coverage", rotations=futures)
    status, values, rows, value, found_gap = built.model.solve(time_limit, gap)
    if objective == "coverage" and values is not None:
        best = value
        _objective(built, "cost")
        entries = dict(built.shortfall_weight)
        built.model.row(entries, -math.inf, best + coverage_tolerance, "best coverage")
        remaining = time_limit - (time.perf_counter() - began)
        status2, values2, rows2, _cost, gap2 = built.model.solve(remaining, gap)
        if values2 is not None:
            status, values, rows, found_gap = status2, values2, rows2, gap2
    plan_fields: dict[str, object] = {}
    if values is not None:
        actions = _actions(built, values)
        lines = cost_lines(scenario, actions)
        cells = coverage_cells(scenario, actions)
        short = sum(
            scenario.weight(cell.capability) * max(0.0, cell.target - cell.count) for cell in cells
        )
        plan_fields = {
            "actions": actions,
            "costs": lines,
            "coverage": cells,
            "objective_value": float(sum(line.net for line in lines))
            if objective == "cost"
            else round(short, 9),
            "gap": found_gap,
            "binding": _binding(built, values, rows),
        }
    explanation: tuple[Shortfall, ...] = ()
    if status == PlanStatus.INFEASIBLE.value and explain and not rotation_scenarios:
        explanation = explain_infeasible(scenario, strategy, time_limit)
    elif status == PlanStatus.INFEASIBLE.value and explain:
        expected = plan_staffing(scenario, objective, strategy, time_limit, coverage_tolerance)
        explanation = expected.explanation or (
            shortfall(
                "",
                scenario.first_fiscal_year,
                0,
                0.0,
                "rotation",
                rotations=rotation_scenarios,
            ),
        )
    return Plan(
        status=PlanStatus(status),
        objective=objective,
        strategy=strategy,
        fiscal_years=scenario.fiscal_years(),
        explanation=explanation,
        solve_seconds=time.perf_counter() - began,
        rotation_scenarios=rotation_scenarios,
        # The solved plan's fields, each of its own type: a dict of them can only say object.
        **plan_fields,  # type: ignore[arg-type]
    )


def explain_infeasible(
    scenario: Scenario, strategy: str = "mix", time_limit: float = 60
) -> tuple[Shortfall, ...]:
    """Why no plan meets every target: first the targets that even every lever at its limits
    cannot reach (budget ignored); if there are none, the targets the best-covering plan
    within the budget misses, each checked alone (a MILP with only that target) to tell a
    target out of reach within the budget from one that competes with the others."""
    over_cap = _over_headcount_cap(scenario)
    if over_cap:
        return over_cap
    bounds = limits_bound(scenario, strategy)
    found = []
    for capability in scenario.capabilities:
        for year in scenario.fiscal_years():
            best, parts = bounds[capability.code, year]
            target = scenario.target(capability.code, year)
            if best < target - 1e-9:
                found.append(
                    shortfall(capability.code, year, target, round(best, 9), "limits", **parts)
                )
    if found:
        return tuple(found)
    began = time.perf_counter()
    joint = plan_staffing(scenario, "coverage", strategy, time_limit, explain=False)
    missed = [cell for cell in joint.coverage if not cell.met]
    for cell in missed[:MAX_ISOLATED_CHECKS]:
        remaining = max(1.0, time_limit - (time.perf_counter() - began))
        built = _build(scenario, strategy, soft=True, cells=[(cell.capability, cell.fiscal_year)])
        _status, values, _rows, _value, _gap = built.model.solve(remaining)
        short = sum(values[column] for column in built.shortfall) if values is not None else 0.0
        alone = cell.target - short if values is not None else cell.count
        cause = "alone" if alone < cell.target - 1e-6 else "together"
        found.append(
            shortfall(
                cell.capability,
                cell.fiscal_year,
                cell.target,
                round(alone, 9),
                cause,
                count=cell.count,
            )
        )
    for cell in missed[MAX_ISOLATED_CHECKS:]:
        found.append(
            shortfall(
                cell.capability,
                cell.fiscal_year,
                cell.target,
                cell.count,
                "unchecked",
                count=cell.count,
            )
        )
    if not found:
        found.append(shortfall("", scenario.first_fiscal_year, 0, 0.0, "combination"))
    return tuple(found)
