"""Benchmark: the staffing planner at a designated city's scale.

Figures printed (wall seconds, and CPU seconds of this process: the machine may be shared):
- plan_staffing on a generated designated-city scenario (300 staff, 60 engagement options,
  6 training programmes, 10 fiscal years, 40 capabilities), objective "cost", strategy
  "mix": time to proven optimality (target: under 0.5 s), median of REPEAT, with the model
  size and the time spent building the model; baseline: the whole model as the planner solved
  it before the exact reductions (core/planning/reduce.py) and with money in yen (not in
  units of build.MONEY_UNIT), built and solved in the same run;
- the baseline measured in the same run, greedy_plan (each year, the cheapest lever for the
  largest gap, as a spreadsheet user would) at EQUAL COVERAGE: on every generated seed, the
  optimum re-solved with each target set to what greedy reached (whole people, never above
  the scenario's target), and greedy's cost divided by that optimum's; seeds the planner
  proves infeasible, or where the re-solve finds no plan, are counted, not skipped;
- planning against ROTATIONS sampled rotation scenarios at once (plus the expected
  departures; target: under 2 s), against the whole model as solved before the reductions,
  with the same model solved to a 1e-6 gap as the reference
  for "within 1 %", and the Monte Carlo probability that every target of a year holds
  (worst year, RUNS runs) for the deterministic and the robust plan;
- scaling: the same generator with SCALES × the staff, levers and capabilities, time to
  proven optimality at each (target: the 4× instance under 10 s) and the exponent b of the
  least-squares fit time ≈ a · k^b (a scale stopped at SCALE_LIMIT is said to be: the fit is
  then a lower bound); the whole model as solved before at WHOLE_SCALES as the baseline;
  the largest scale on LARGE_SEEDS as well (median, worst, how many under the target);
- why no plan can be made: the designated city with one target raised past what every lever
  at its limits reaches, solved and explained (against the feasible plan's solve), and
  limits_bound alone at each scale;
- check_plan on every plan (must find nothing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from _speed import row
from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import (
    Adviser,
    Hire,
    Lever,
    Location,
    Plan,
    PoolDays,
    Scenario,
    Secondee,
    SideJob,
    Subsidy,
    Training,
    check_plan,
    greedy_plan,
    limits_bound,
    plan_staffing,
)
from dxtalent.core.planning.build import MONEY_UNIT, _build
from dxtalent.core.planning.milp import MIP_REL_GAP
from dxtalent.core.planning.reduce import implied_rows
from dxtalent.core.planning.robust import plan_risk, sample_rotations
from dxtalent.core.planning.solve import ROBUST_REL_GAP

STAFF = 300
OPTIONS = 60
PROGRAMMES = 6
YEARS = 10
CAPABILITIES = 40
SKILLS = 24
REPEAT = 3
SEEDS = (0, 1, 2, 3, 4, 5, 6, 7)
SCALES = (1, 2, 4)
ROTATIONS = 20
SCALE_LIMIT = 120.0
# Scales at which the whole model (no reductions) is solved too, as the baseline: at ×4 it
# does not finish within the limit.
WHOLE_SCALES = (1, 2)
# Seeds besides 0 at the largest scale: the target read against five instances, not one.
LARGE_SEEDS = (1, 2, 3, 4)
RUNS = 10_000
FIRST = 2025


def scenario(seed: int, scale: int = 1) -> Scenario:
    """A designated city; `scale` multiplies the staff, the levers and the capabilities."""
    rng = random.Random(seed)
    staff, options, programmes, capability_count = (
        STAFF * scale,
        OPTIONS * scale,
        PROGRAMMES * scale,
        CAPABILITIES * scale,
    )
    skills = [f"S{s:02}" for s in range(SKILLS)]
    team = []
    for i in range(staff):
        levels = {s: rng.choice((0, 0, 1, 1, 2, 2, 3)) for s in skills}
        kind = rng.random()
        fields: dict[str, object] = {"levels": levels}
        if kind < 0.1:
            fields["specialist_post"] = True
        elif kind < 0.2:
            fields["is_external"] = True
            fields["employment_type"] = "fixed_term"
            fields["hard_end"] = dt.date(rng.randint(2025, 2030), 3, 31)
        else:
            fields["post_start"] = dt.date(rng.randint(2020, 2025), 4, 1)
        team.append(TeamMember(f"P{i:03}", f"職員{i}", **fields))
    capabilities = []
    for c in range(capability_count):
        chosen = rng.sample(skills, rng.randint(1, 2))
        capabilities.append(
            Capability(
                f"C{c:02}",
                Text(f"能力{c}", f"capability {c}"),
                LevelCriterion({s: rng.choice((3, 3, 4)) for s in chosen}),
                target=rng.randint(4, 12),
            )
        )
    levers: list[Lever] = []
    for o in range(options):
        strong = {s: rng.choice((3, 4)) for s in rng.sample(skills, 6)}
        roll = o % 10
        if roll < 6:
            levers.append(
                Hire(f"H{o:02}", f"hire {o}", strong, rng.randrange(6, 12) * 1_000_000,
                     max_per_year=rng.randint(1, 2), lead_time_years=1,
                     specialist_post=rng.random() < 0.4, rotation_years=rng.randint(3, 5),
                     term_years=rng.choice((None, None, 3)),
                     growth_per_year={skills[0]: 1})
            )  # fmt: skip
        elif roll < 8:
            levers.append(
                Secondee(f"K{o:02}", f"secondee {o}", strong, rng.randrange(7, 10) * 1_000_000,
                         duration_years=rng.choice((0.5, 1.0, 2.0, 3.0)),
                         firm_in_metropolitan_area=True)
            )  # fmt: skip
        elif roll == 8:
            levers.append(SideJob(f"J{o:02}", f"side job {o}", strong, 2_000_000, max_per_year=3))
        elif o % 20 == 9:
            levers.append(
                PoolDays(f"Q{o:02}", f"pool {o}", strong, days_per_year=48, max_per_year=2)
            )
        else:
            levers.append(Adviser(f"A{o:02}", f"adviser {o}", strong))
    for p in range(programmes):
        # Programmes raise a skill to a level (never on top): 3 or 4, the criteria's levels.
        raises_to = {s: rng.randint(3, 4) for s in rng.sample(skills, 3)}
        prerequisites = {rng.choice(skills): 1} if p % 2 else {}
        levers.append(
            Training(f"T{p}", f"programme {p}", raises_to, seats_per_year=rng.randint(5, 20),
                     cost_per_seat=rng.randrange(2, 8) * 100_000, months=rng.choice((7, 12, 18)),
                     prerequisites=prerequisites)
        )  # fmt: skip
    subsidies = (Subsidy("SAT", "special allocation tax", ("hire",), 0.5, 20_000_000 * scale),)
    draft = Scenario(FIRST, YEARS, 400_000_000 * scale, tuple(capabilities), tuple(team),
                     tuple(levers), subsidies, headcount_cap=float(staff + 40 * scale),
                     name=f"designated city {seed} ×{scale}",
                     location=Location("34100"), budget_basis="net")  # fmt: skip
    # Targets within reach of the levers at their limits (0.6 of the bound), so the optimum
    # is about money and timing rather than impossibility.
    bounds = limits_bound(draft)
    targets = {
        c.code: {
            y: min(c.target, math.floor(0.6 * bounds[c.code, y][0])) for y in draft.fiscal_years()
        }
        for c in capabilities
    }
    return dataclasses.replace(draft, targets=targets)


T = TypeVar("T")


def timed(function: Callable[[], T]) -> tuple[T, float, float]:
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def at_greedy_coverage(s: Scenario, greedy: Plan) -> Scenario:
    """The scenario with each target set to what greedy reached (whole people, at most the
    scenario's own target): the optimum of this one covers what greedy covers."""
    reached = {(c.capability, c.fiscal_year): c.count for c in greedy.coverage}
    targets = {
        c.code: {
            y: min(s.target(c.code, y), math.floor(reached[c.code, y] + 1e-9))
            for y in s.fiscal_years()
        }
        for c in s.capabilities
    }
    return dataclasses.replace(s, targets=targets)


def equal_coverage(seed: int) -> tuple[str, float, int]:
    """(what happened, greedy cost / optimal cost at greedy's coverage, violations)."""
    s = scenario(seed)
    best = plan_staffing(s, time_limit=60, explain=False)
    greedy = greedy_plan(s)
    violations = len(check_plan(s, greedy))
    if best.status == "optimal":
        violations += len(check_plan(s, best))
    same = at_greedy_coverage(s, greedy)
    matched = plan_staffing(same, time_limit=60, explain=False)
    if matched.status != "optimal":
        return f"{best.status}; at greedy's coverage {matched.status}", math.nan, violations
    violations += len(check_plan(same, matched))
    met = sum(cell.met for cell in greedy.coverage) / len(greedy.coverage)
    ratio = greedy.total_cost() / matched.total_cost() if matched.total_cost() else math.inf
    return (
        f"full targets {best.status}, greedy meets {met:.0%} of them; at greedy's coverage "
        f"optimal ¥{matched.total_cost():,} vs greedy ¥{greedy.total_cost():,}",
        ratio,
        violations,
    )


def model_solve(
    s: Scenario, reduce: bool, rotations: int = 0, gap: float = MIP_REL_GAP, limit: float = 120
) -> tuple[str, float, float, int, int]:
    """Build the model and solve it, with or without the exact reductions (core/planning/
    reduce.py): (status, wall seconds, CPU seconds, rows, rows HiGHS is given). The baseline
    for the reductions: the whole model with money in yen, as the planner solved it before."""
    futures = sample_rotations(s, rotations, 0) if rotations else None
    wall, cpu = time.perf_counter(), time.process_time()
    # Before the reductions, the model also counted money in yen (build.MONEY_UNIT).
    unit = MONEY_UNIT if reduce else 1.0
    built = _build(s, "mix", soft=False, rotations=futures, money_unit=unit)
    status, *_rest = built.model.solve(limit, gap, reduce=reduce)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rows = len(built.model.rows)
    starts, index, value = built.model.matrix()
    if reduce:
        kept = rows - int(
            implied_rows(
                starts,
                index,
                value,
                np.array(built.model.row_lower),
                np.array(built.model.row_upper),
                built.model.row_labels,
            ).sum()
        )
    else:
        kept = rows
    return status, wall, cpu, rows, kept


def exponent(points: list[tuple[int, float]]) -> float:
    """b of the least-squares fit log t = log a + b log k."""
    xs = [math.log(k) for k, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def busy(load: float) -> str:
    """The machine's load where a figure was taken: a shared machine stretches wall time."""
    return f"load average {load:.1f} on {os.cpu_count()} cores"


def main() -> int:
    loads = [os.getloadavg()[0]]
    s = scenario(0)
    built, build_wall, build_cpu = timed(lambda: _build(s, "mix", soft=False))
    columns, rows = len(built.model.cost), len(built.model.rows)
    nnz = sum(len(row) for row in built.model.rows)
    walls, cpus = [], []
    for _ in range(REPEAT):
        plan, wall, cpu = timed(lambda: plan_staffing(s, time_limit=60))
        walls.append(wall)
        cpus.append(cpu)
    assert plan.status == "optimal", plan.status
    print(
        f"plan_staffing, {STAFF} staff, {OPTIONS} engagement options + {PROGRAMMES} programmes, "
        f"{YEARS} fiscal years, {CAPABILITIES} capabilities: {statistics.median(walls):.2f} s "
        f"to proven optimality ({statistics.median(cpus):.2f} s CPU; target < 0.5 s; median of "
        f"{REPEAT}, gap {plan.gap:.1e}); building the model {build_wall:.2f} s "
        f"({build_cpu:.2f} s CPU)"
    )
    print(
        f"model: {columns:,} columns ({len(built.trainings):,} training binaries, "
        f"{len(built.engagements)} engagement integers), {rows:,} rows, {nnz:,} non-zeros"
    )
    city_whole = model_solve(s, reduce=False)
    city_reduced = model_solve(s, reduce=True)
    print(
        f"baseline, the whole model as solved before (build + HiGHS): {city_whole[0]} in "
        f"{city_whole[1]:.2f} s ({city_whole[2]:.2f} s CPU); with the exact reductions: "
        f"{city_reduced[0]} in {city_reduced[1]:.2f} s ({city_reduced[2]:.2f} s CPU), "
        f"{city_reduced[3]:,} → {city_reduced[4]:,} rows"
    )
    print(
        f"optimal plan: ¥{plan.total_cost():,} net over {YEARS} years, {len(plan.actions)} actions; "
        f"binding: {', '.join(plan.binding[:6]) or 'none'}"
    )
    _greedy, greedy_wall, _ = timed(lambda: greedy_plan(s))
    violations = len(check_plan(s, plan))
    print(
        f"baseline, greedy (cheapest lever for the largest gap, year by year; {greedy_wall:.2f} s) "
        f"against the optimum at equal coverage, {len(SEEDS)} seeds:"
    )
    ratios = []
    for seed in SEEDS:
        what, ratio, found = equal_coverage(seed)
        violations += found
        ratios.append(ratio)
        shown = "no ratio" if math.isnan(ratio) else f"greedy / optimal {ratio:.2f}x"
        print(f"  seed {seed}: {what}; {shown}")
    counted = [r for r in ratios if not math.isnan(r)]
    print(
        f"greedy / optimal cost at equal coverage: median {statistics.median(counted):.2f}x, "
        f"min {min(counted):.2f}x, max {max(counted):.2f}x over {len(counted)} of "
        f"{len(SEEDS)} seeds ({len(SEEDS) - len(counted)} without a plan at greedy's coverage)"
        if counted
        else f"greedy / optimal: no seed of {len(SEEDS)} gave a plan at greedy's coverage"
    )
    loads.append(os.getloadavg()[0])
    robust_whole = model_solve(s, False, ROTATIONS, ROBUST_REL_GAP)
    robust_reduced = model_solve(s, True, ROTATIONS, ROBUST_REL_GAP)
    print(
        f"baseline, the robust model whole as solved before (build + HiGHS): {robust_whole[0]} "
        f"in {robust_whole[1]:.2f} s ({robust_whole[2]:.2f} s CPU); with the exact reductions: "
        f"{robust_reduced[0]} in {robust_reduced[1]:.2f} s ({robust_reduced[2]:.2f} s CPU), "
        f"{robust_reduced[3]:,} → {robust_reduced[4]:,} rows"
    )
    robust, robust_wall, robust_cpu = timed(
        lambda: plan_staffing(s, time_limit=120, rotation_scenarios=ROTATIONS, seed=0)
    )
    exact = plan_staffing(s, time_limit=300, rotation_scenarios=ROTATIONS, seed=0, gap=1e-6)
    violations += len(check_plan(s, robust))
    within = robust.total_cost() / exact.total_cost() - 1 if exact.status == "optimal" else math.nan
    gap = f"{robust.gap:.2%}" if robust.gap is not None else "none (no plan)"
    print(
        f"robust: {ROTATIONS} sampled rotation scenarios + the expected one: {robust.status} in "
        f"{robust_wall:.2f} s ({robust_cpu:.2f} s CPU; target < 2 s), reported gap {gap}; cost "
        f"¥{robust.total_cost():,}, {within:+.2%} against the 1e-6 optimum "
        f"({exact.status} in {exact.solve_seconds:.2f} s); {robust.total_cost() / plan.total_cost():.2f}x "
        f"the deterministic plan's cost"
    )
    start = time.perf_counter()
    before = plan_risk(s, plan.actions, runs=RUNS, seed=1)
    risk_seconds = time.perf_counter() - start
    after = plan_risk(s, robust.actions, runs=RUNS, seed=1)
    print(
        f"Monte Carlo ({RUNS:,} runs, {risk_seconds:.2f} s): probability that every target holds "
        f"in the worst year: deterministic plan {min(before.all_met):.1%}, robust plan "
        f"{min(after.all_met):.1%}"
    )
    # Why no plan: one target of the last year raised past what every lever at its limits
    # reaches, so the explanation stops at limits_bound; the plan's own solve is the baseline.
    last = s.last_fiscal_year
    beyond = s.capabilities[0].code
    reach = math.floor(limits_bound(s)[beyond, last][0]) + 1
    raised = {**s.targets, beyond: {**s.targets[beyond], last: reach}}
    out_of_reach, why_wall, why_cpu = timed(
        lambda: plan_staffing(dataclasses.replace(s, targets=raised), time_limit=60)
    )
    assert out_of_reach.status == "infeasible", out_of_reach.status
    assert [item.cause for item in out_of_reach.explanation] == ["limits"]
    print(
        f"why no plan (one target past every lever's limits): {why_wall:.2f} s "
        f"({why_cpu:.2f} s CPU) to solve and explain it, against "
        f"{statistics.median(walls):.2f} s for the feasible plan"
    )
    loads.append(os.getloadavg()[0])
    points, cpu_points, statuses, baselines, bounds = [], [], [], [], []
    for scale in SCALES:
        big = s if scale == 1 else scenario(0, scale)
        result, wall, cpu = timed(lambda big=big: plan_staffing(big, time_limit=SCALE_LIMIT))
        if scale > 1:
            violations += len(check_plan(big, result))
        _bound, bound_wall, _cpu = timed(lambda big=big: limits_bound(big))
        bounds.append(f"×{scale} {bound_wall:.2f} s")
        points.append((scale, wall))
        cpu_points.append((scale, cpu))
        statuses.append(result.status.value)
        baseline = ""
        if scale in WHOLE_SCALES:
            whole = model_solve(big, reduce=False, limit=SCALE_LIMIT)
            baselines.append(f"×{scale} {whole[1]:.1f} s ({whole[2]:.1f} s CPU, {whole[0]})")
            baseline = (
                f"; baseline, the whole model as solved before: {whole[0]} in {whole[1]:.2f} s "
                f"({whole[2]:.2f} s CPU)"
            )
        print(
            f"scaling ×{scale} ({STAFF * scale} staff, {OPTIONS * scale} options, "
            f"{PROGRAMMES * scale} programmes, {CAPABILITIES * scale} capabilities): "
            f"{result.status} in {wall:.2f} s ({cpu:.2f} s CPU)"
            + ("; target < 10 s" if scale == 4 else "")
            + baseline
        )
    # The 4× instance of one seed can be lucky or unlucky for the solver: the same scale on
    # the other seeds, so that the target is read against more than one instance.
    large = [(0, points[-1][1], statuses[-1])]
    for seed in LARGE_SEEDS:
        big = scenario(seed, SCALES[-1])
        result, wall, _cpu = timed(lambda big=big: plan_staffing(big, time_limit=SCALE_LIMIT))
        violations += len(check_plan(big, result))
        large.append((seed, wall, result.status.value))
        print(f"scaling ×{SCALES[-1]}, seed {seed}: {result.status} in {wall:.2f} s")
    large_walls = [wall for _seed, wall, _status in large]
    large_text = (
        f"×{SCALES[-1]} over seeds {', '.join(str(seed) for seed, _w, _s in large)}: median "
        f"{statistics.median(large_walls):.1f} s, worst {max(large_walls):.1f} s, "
        f"{sum(wall < 10 for wall in large_walls)} of {len(large)} under 10 s"
        + (
            ""
            if all(status == "optimal" for _seed, _wall, status in large)
            else f" (some stopped at the {SCALE_LIMIT:g} s limit)"
        )
    )
    print(large_text)
    slope, cpu_slope = exponent(points), exponent(cpu_points)
    capped = [k for k, status in zip(SCALES, statuses, strict=True) if status != "optimal"]
    caveat = (
        f" (×{', ×'.join(map(str, capped))} stopped at the {SCALE_LIMIT:g} s limit: the true "
        "exponent is higher)"
        if capped
        else ""
    )
    print(
        f"scaling exponent: time ≈ a · k^{slope:.2f} (CPU seconds: k^{cpu_slope:.2f}; "
        f"k = {SCALES}){caveat}"
    )
    row(
        f"staffing plan, designated city: {STAFF} staff, {OPTIONS + PROGRAMMES} levers, "
        f"{YEARS} years, {CAPABILITIES} capabilities (target < 0.5 s)",
        f"{statistics.median(walls):.2f} s to proven optimality "
        f"({statistics.median(cpus):.2f} s CPU; building the model {build_wall:.2f} s; "
        f"{busy(loads[0])})",
        f"the whole model as solved before (build + HiGHS): {city_whole[1]:.2f} s "
        f"({city_whole[2]:.2f} s CPU), reduced {city_reduced[1]:.2f} s; greedy (cheapest lever for the largest gap each year) at equal coverage: "
        + (
            f"{min(counted):.2f}–{max(counted):.2f} times the optimal cost over "
            f"{len(counted)} of {len(SEEDS)} seeds"
            if counted
            else "no seed gave a plan"
        )
        + f" ({len(SEEDS) - len(counted)} without a plan at greedy's coverage)",
    )
    row(
        f"the same against {ROTATIONS} sampled rotation scenarios plus the expected one "
        "(target < 2 s)",
        f"{robust_wall:.2f} s ({robust_cpu:.2f} s CPU), reported gap {gap}; {busy(loads[1])}",
        f"the whole model as solved before (build + HiGHS): {robust_whole[1]:.2f} s "
        f"({robust_whole[2]:.2f} s CPU); the exact reductions leave {robust_reduced[4]:,} of "
        f"{robust_reduced[3]:,} rows; the same model to a 1e-6 gap: "
        f"{exact.solve_seconds:.2f} s, {within:+.2%}; the worst "
        f"year's chance that every target holds {min(before.all_met):.0%} → "
        f"{min(after.all_met):.0%} ({RUNS:,} Monte Carlo runs)",
    )
    scaled = "; ".join(
        f"×{k}: {t:.1f} s ({c:.1f} s CPU)"
        for (k, t), (_, c) in zip(points, cpu_points, strict=True)
    )
    row(
        "the planner at 1×, 2× and 4× the staff, levers and capabilities (target: 4× < 10 s)",
        f"{scaled}; time ≈ a · k^{slope:.2f} (CPU: k^{cpu_slope:.2f}){caveat}; {large_text}; "
        f"{busy(loads[2])}",
        "the whole model as solved before: " + "; ".join(baselines),
    )
    print(f"limits_bound (what every lever at its limits reaches): {'; '.join(bounds)}")
    row(
        "why no plan can be made, designated city: a target past every lever's limits, "
        "solved and explained",
        f"{why_wall:.2f} s ({why_cpu:.2f} s CPU); what every lever at its limits reaches, "
        f"alone: {'; '.join(bounds)}",
        f"the feasible plan's solve: {statistics.median(walls):.2f} s",
    )
    print(f"check_plan violations over all plans: {violations} (must be 0)")
    return 0 if violations == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
