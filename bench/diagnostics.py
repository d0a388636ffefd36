"""Benchmark: rotation risk by Monte Carlo at a designated city's scale.

Figures printed:
- simulate_rotation, end to end (team → arrays, draws, counts): 10,000 runs × 500 people ×
  10 fiscal years × 40 capabilities (target: under 2 s), median of 5, with its parts;
- the baseline measured in the same run: the plain-Python loop (coverage_probability_loops)
  on the first LOOP_RUNS runs of the same draws, scaled linearly to 10,000 runs (the loop's
  cost is the same for every run), after checking that both give identical results there;
- diagnose_team (every rule, the forecast and the timeline) on the same 500 people.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time

import numpy as np

from _speed import row
from dxtalent.core.diagnostics import (
    Capability,
    DiagnosisSettings,
    LevelCriterion,
    TeamMember,
    coverage_probability,
    coverage_probability_loops,
    diagnose_team,
    draw_departures,
    rotation_model,
    simulate_rotation,
)
from dxtalent.core.frameworks import Text

RUNS = 10_000
PEOPLE = 500
YEARS = 10
CAPABILITIES = 40
SKILLS = 40
LOOP_RUNS = 20
REPEAT = 5
TODAY = dt.date(2025, 6, 1)


def team(rng: random.Random) -> list[TeamMember]:
    """Mostly rotating staff with various starts and windows; some specialists, fixed terms
    and planned arrivals."""
    members = []
    for i in range(PEOPLE):
        levels = {f"B{s:02}": rng.choice((0, 1, 1, 2, 2, 3, 4)) for s in range(SKILLS)}
        kind = rng.random()
        fields: dict[str, object] = {"levels": levels}
        if kind < 0.1:
            fields["specialist_post"] = True
        elif kind < 0.25:
            fields["hard_end"] = dt.date(rng.randint(2025, 2032), rng.choice((3, 9)), 30)
        elif kind < 0.3:
            fields["post_start"] = dt.date(rng.randint(2026, 2030), 4, 1)
        else:
            fields["post_start"] = dt.date(rng.randint(2018, 2025), rng.choice((4, 10)), 1)
            low = rng.randint(2, 4)
            fields["rotation_window"] = (low, low + rng.randint(0, 3))
        members.append(TeamMember(f"P{i:04}", f"職員{i}", **fields))
    return members


def capabilities(rng: random.Random) -> list[Capability]:
    found = []
    for c in range(CAPABILITIES):
        skills = rng.sample(range(SKILLS), rng.randint(1, 3))
        found.append(
            Capability(
                code=f"CAP{c:02}",
                name=Text(f"能力{c}", f"capability {c}"),
                criterion=LevelCriterion({f"B{s:02}": rng.randint(2, 3) for s in skills}),
                target=rng.randint(5, 60),
            )
        )
    return found


def median_time(function, repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    rng = random.Random(2025)
    members, needed = team(rng), capabilities(rng)
    settings = DiagnosisSettings(today=TODAY, horizon_years=YEARS)

    simulate_rotation(members, needed, settings, runs=100, seed=1)  # warm up numpy and BLAS
    total = median_time(lambda: simulate_rotation(members, needed, settings, runs=RUNS, seed=1))
    model = rotation_model(members, needed, settings)
    build = median_time(lambda: rotation_model(members, needed, settings))
    draw = median_time(lambda: draw_departures(model, RUNS, np.random.default_rng(1)))
    last = draw_departures(model, RUNS, np.random.default_rng(1))
    count = median_time(lambda: coverage_probability(model, last))
    probability = coverage_probability(model, last)

    sample = last[:LOOP_RUNS]
    start = time.perf_counter()
    loops = coverage_probability_loops(model, sample)
    loop_sample = time.perf_counter() - start
    assert loops == coverage_probability(model, sample).tolist(), "loop and numpy disagree"
    loop_scaled = loop_sample * RUNS / LOOP_RUNS

    start = time.perf_counter()
    diagnosis = diagnose_team(members, needed, settings)
    diagnose = time.perf_counter() - start

    size = (
        f"{RUNS:,} runs × {len(model.people)} people × {YEARS} years × {CAPABILITIES} capabilities"
    )
    print(f"Monte Carlo rotation risk, {size}: {total:.2f} s (target < 2 s), median of {REPEAT}")
    print(
        f"  parts: team → arrays {build * 1000:.0f} ms, draws {draw * 1000:.0f} ms, "
        f"counts {count * 1000:.0f} ms; mean probability {probability.mean():.3f}"
    )
    print(
        f"baseline, plain-Python loop on the same draws: {loop_sample:.2f} s for {LOOP_RUNS} "
        f"runs (identical results), scaled to {RUNS:,} runs: {loop_scaled:.0f} s"
    )
    print(f"ratio loop / numpy (counts only): {loop_scaled / count:,.0f}x")
    print(f"ratio loop / numpy (end to end): {loop_scaled / total:,.0f}x")
    print(
        f"diagnose_team, {len(members)} people × {CAPABILITIES} capabilities × {YEARS} years: "
        f"{diagnose * 1000:.0f} ms ({len(diagnosis.findings)} findings)"
    )
    row(
        f"rotation Monte Carlo, {size} (target < 2 s)",
        f"{total:.2f} s",
        f"the same model as plain Python loops: {loop_scaled / total:,.0f} times slower "
        f"(measured on {LOOP_RUNS} runs of the same draws, scaled)",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
