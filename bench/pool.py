"""Benchmark: a prefecture's talent pool allocated to its municipalities' requests.

Figures printed (no database: the allocation is pure core code):
- a prefecture the size of Hokkaido: 179 municipalities, 60 professionals, 12 months, 40
  capabilities, 2–4 requests each; time to the proven optimum (goal under 1 s, aim 0.3 s),
  median of REPEAT, with the number of variables;
- all 47 prefectures at once: 1,741 municipalities, 2,000 professionals (goal under 10 s);
- the baseline measured in the same run: a greedy allocation (requests by weight, then each
  professional's days in order, as a spreadsheet would), its weighted days against the optimum;
- the same with fairness on: the worst-served municipality's share, optimum against greedy.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections import defaultdict

from _speed import row
from dxtalent.core.pool import PoolSettings, Professional, Request, allocate_pool, weight_of

REPEAT = 3
MONTHS = 12
CAPABILITIES = [f"C{k:02d}" for k in range(40)]


def prefectures() -> dict[str, dict[str, int]]:
    """The real municipalities of each prefecture with their 2020 census population."""
    from dxtalent.core.organisations.population import shipped_population

    found: dict[str, dict[str, int]] = defaultdict(dict)
    for code, census in shipped_population().items():
        if code[2:5] != "000":
            found[code[:2]][code] = census.population
    return dict(found)


def generate(
    populations: dict[str, int], professionals: int, seed: int
) -> tuple[list[Professional], list[Request]]:
    """A pool and requests for one prefecture's municipalities (synthetic needs)."""
    rng = random.Random(seed)
    codes = sorted(populations)
    regions = {c: k % 8 for k, c in enumerate(codes)}  # eight regions a professional travels in
    pool = []
    for i in range(professionals):
        skills = rng.sample(CAPABILITIES, 6)
        home = rng.randrange(8)
        remote = rng.random() < 0.3
        start = rng.randrange(6)
        pool.append(
            Professional(
                f"P{i:04d}",
                f"P{i:04d}",
                {s: rng.randint(2, 4) for s in skills},
                rng.choice([4.0, 8.0, 10.0, 16.0]),
                None if remote else frozenset(c for c in codes if abs(regions[c] - home) <= 1),
                frozenset(range(start, MONTHS)),
            )
        )
    requests = []
    for c in codes:
        for k in range(rng.randint(2, 4)):
            first = rng.randrange(MONTHS - 2)
            requests.append(
                Request(
                    f"{c}-{k}",
                    c,
                    rng.choice(CAPABILITIES),
                    rng.randint(1, 3),
                    rng.choice([1.0, 2.0, 4.0]),
                    tuple(range(first, min(MONTHS, first + rng.randint(3, 9)))),
                    rng.randint(1, 3),
                    populations[c],
                )
            )
    return pool, requests


def greedy(
    pool: list[Professional], requests: list[Request], settings: PoolSettings
) -> tuple[float, dict[str, float]]:
    """Weighted days and each municipality's share by the greedy rule."""
    left = {(p.code, m): p.days_per_month for p in pool for m in range(MONTHS)}
    value = 0.0
    covered: dict[str, float] = defaultdict(float)
    asked: dict[str, float] = defaultdict(float)
    for r in sorted(requests, key=lambda r: -weight_of(r, settings)):
        asked[r.municipality] += r.days_per_month * len(r.months)
        for m in r.months:
            need = r.days_per_month
            for p in pool:
                if need <= 0:
                    break
                if p.levels.get(r.capability, 0) < r.level:
                    continue
                if p.reaches is not None and r.municipality not in p.reaches:
                    continue
                if p.months is not None and m not in p.months:
                    continue
                take = min(need, left[(p.code, m)])
                if take > 0:
                    left[(p.code, m)] -= take
                    need -= take
                    value += weight_of(r, settings) * take
                    covered[r.municipality] += take
    return value, {m: covered[m] / asked[m] for m in asked}


def weighted(result, requests: list[Request], settings: PoolSettings) -> float:
    by_code = {r.code: r for r in requests}
    return sum(weight_of(by_code[a.request], settings) * a.days for a in result.assignments)


def measure_all(goal: float) -> bool:
    """Every prefecture's pool allocated (2,000 professionals in proportion to municipalities)."""
    found = prefectures()
    total = sum(len(m) for m in found.values())
    cases = [
        generate(munis, max(1, round(2000 * len(munis) / total)), seed=int(pref))
        for pref, munis in sorted(found.items())
    ]
    started = time.perf_counter()
    results = [allocate_pool(pool, requests) for pool, requests in cases]
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    greedy_total = sum(greedy(pool, requests, PoolSettings())[0] for pool, requests in cases)
    greedy_seconds = time.perf_counter() - started
    optimum = sum(
        weighted(result, requests, PoolSettings())
        for result, (_pool, requests) in zip(results, cases, strict=True)
    )
    optimal = all(r.status.value == "optimal" for r in results)
    print(
        f"all {len(found)} prefectures: {total} municipalities, "
        f"{sum(len(p) for p, _r in cases)} professionals: "
        f"{'all optimal' if optimal else 'NOT all optimal'} in {seconds:.2f} s (goal {goal} s)"
    )
    print(
        f"  baseline (same run): greedy {greedy_seconds:.2f} s, reaching "
        f"{greedy_total / optimum:.1%} of the optimum's weighted days"
    )
    row(
        f"pool allocation, all {len(found)} prefectures ({total:,} municipalities, "
        f"{sum(len(p) for p, _r in cases):,} professionals), each prefecture's pool on its own "
        f"(target < {goal:g} s)",
        f"{seconds:.2f} s, {'every prefecture optimal' if optimal else 'NOT every one optimal'}",
        f"greedy: {greedy_seconds:.2f} s, {greedy_total / optimum:.0%} of the optimum's "
        "weighted days",
    )
    return optimal and seconds < goal


def measure(name: str, populations: dict[str, int], professionals: int, goal: float) -> bool:
    municipalities = len(populations)
    pool, requests = generate(populations, professionals, seed=1)
    settings = PoolSettings()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = allocate_pool(pool, requests, settings)
        times.append(time.perf_counter() - started)
    seconds = statistics.median(times)
    started = time.perf_counter()
    greedy_value, greedy_shares = greedy(pool, requests, settings)
    greedy_seconds = time.perf_counter() - started
    optimum = weighted(result, requests, settings)
    print(
        f"{name}: {municipalities} municipalities, {len(requests)} requests, {professionals} "
        f"professionals, {MONTHS} months: {result.status.value} in {seconds:.3f} s "
        f"(goal {goal} s); {len(result.unmet)} requests short, each with a reason"
    )
    print(
        f"  baseline (same run): greedy {greedy_seconds:.3f} s, weighted days "
        f"{greedy_value:,.0f} against the optimum's {optimum:,.0f} "
        f"(greedy reaches {greedy_value / optimum:.1%})"
    )
    fair = allocate_pool(pool, requests, PoolSettings(fairness=True))
    print(
        f"  fairness on: worst-served municipality's share {fair.worst_share:.1%} "
        f"(plain optimum {min(result.shares.values()):.1%}, greedy {min(greedy_shares.values()):.1%}) "
        f"in {fair.seconds:.3f} s"
    )
    row(
        f"pool allocation, {name}, {professionals} professionals, {MONTHS} months, "
        f"{len(requests)} requests (target < {goal:g} s)",
        f"{seconds:.2f} s to the proven optimum; with fairness (max-min first) "
        f"{fair.seconds:.2f} s",
        f"greedy (requests by weight, each professional's days in order): {greedy_seconds:.2f} s, "
        f"{greedy_value / optimum:.0%} of the optimum's weighted days; the worst-served "
        f"municipality's share {min(greedy_shares.values()):.0%} under greedy, "
        f"{min(result.shares.values()):.0%} plain optimum, {fair.worst_share:.0%} with fairness",
    )
    return result.status.value == "optimal" and seconds < goal


def main() -> int:
    ok = measure("Hokkaido (its 179 municipalities)", prefectures()["01"], 60, 1.0)
    ok = measure_all(10.0) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
