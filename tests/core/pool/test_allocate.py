"""The pool's allocation: optimal, within capacity and need, small municipalities first when
set, fairness, and a reason for every request left short."""

from __future__ import annotations

import itertools
import random

import pytest

from dxtalent.core.pool import (
    PoolError,
    PoolSettings,
    Professional,
    Request,
    UnmetReason,
    allocate_pool,
    weight_of,
)

YEAR = tuple(range(12))


def pro(code, levels, days=10, reaches=None, months=None):
    return Professional(
        code,
        code,
        levels,
        days,
        None if reaches is None else frozenset(reaches),
        None if months is None else frozenset(months),
    )


def req(code, muni, capability="PM", level=2, days=5, months=(0,), priority=2, population=None):
    return Request(code, muni, capability, level, days, tuple(months), priority, population)


def test_days_go_where_they_weigh_most_and_never_beyond_capacity_or_need():
    pool = [pro("A", {"PM": 3}, days=8)]
    asks = [req("high", "011002", priority=1, days=5), req("low", "012025", priority=3, days=5)]
    result = allocate_pool(pool, asks)
    got = {a.request: a.days for a in result.assignments}
    assert got == {"high": 5, "low": 3}
    [short] = result.unmet
    assert (short.request, short.short, short.reason) == ("low", 2, UnmetReason.CAPACITY_TAKEN)


def test_a_small_municipality_goes_first_when_set_and_not_otherwise():
    pool = [pro("A", {"PM": 3}, days=5)]
    asks = [
        req("city", "011002", days=5, population=1_900_000),
        req("town", "013030", days=5, population=8_000),
    ]
    first = allocate_pool(pool, asks, PoolSettings(small_weight=2.0))
    assert {a.request for a in first.assignments} == {"town"}
    assert weight_of(asks[1], PoolSettings(small_weight=1.0)) == weight_of(
        asks[0], PoolSettings(small_weight=1.0)
    )


@pytest.mark.parametrize(
    ("pool", "reason"),
    [
        ([pro("A", {"PM": 1})], UnmetReason.NO_SKILL),
        ([pro("A", {"PM": 4}, reaches={"999999"})], UnmetReason.OUT_OF_REACH),
        ([pro("A", {"PM": 4}, months={5})], UnmetReason.NOT_AVAILABLE),
    ],
)
def test_every_request_left_short_says_why(pool, reason):
    [short] = allocate_pool(pool, [req("r", "011002", level=2)]).unmet
    assert short.reason is reason and short.short == 5


def test_fairness_raises_the_worst_served_municipality_first():
    pool = [pro("A", {"PM": 3}, days=10)]
    asks = [
        req("big", "011002", days=10, priority=1),
        req("small", "013030", days=10, priority=3),
    ]
    plain = allocate_pool(pool, asks)
    fair = allocate_pool(pool, asks, PoolSettings(fairness=True))
    assert plain.shares["013030"] == 0
    assert fair.worst_share == pytest.approx(0.5, abs=1e-5)
    assert fair.shares["013030"] == pytest.approx(0.5, abs=1e-5)
    assert fair.covered_days == pytest.approx(10)


def _brute_force(pool, asks, settings):
    """The best weighted days by enumerating whole-day splits (tiny cases only)."""
    best = 0.0
    month = 0
    cells = [(p, r) for p in pool for r in asks if p.levels.get(r.capability, 0) >= r.level]
    ranges = [range(0, int(min(p.days_per_month, r.days_per_month)) + 1) for p, r in cells]
    for combo in itertools.product(*ranges):
        used = {}
        got = {}
        for (p, r), d in zip(cells, combo, strict=True):
            used[p.code] = used.get(p.code, 0) + d
            got[r.code] = got.get(r.code, 0) + d
        if any(used[p.code] > p.days_per_month for p in pool if p.code in used):
            continue
        if any(got[r.code] > r.days_per_month for r in asks if r.code in got):
            continue
        value = sum(weight_of(r, settings) * got.get(r.code, 0) for r in asks)
        best = max(best, value)
    del month
    return best


@pytest.mark.parametrize("seed", range(6))
def test_the_optimum_matches_enumeration_on_small_random_cases(seed):
    rng = random.Random(seed)
    pool = [
        pro(f"P{i}", {"PM": rng.randint(1, 4), "SE": rng.randint(0, 4)}, days=rng.randint(1, 4))
        for i in range(3)
    ]
    asks = [
        req(
            f"R{j}",
            f"M{j % 2}",
            rng.choice(["PM", "SE"]),
            rng.randint(1, 3),
            rng.randint(1, 3),
            (0,),
            rng.randint(1, 3),
        )
        for j in range(3)
    ]
    settings = PoolSettings()
    result = allocate_pool(pool, asks, settings)
    value = sum(
        weight_of(next(r for r in asks if r.code == a.request), settings) * a.days
        for a in result.assignments
    )
    assert value == pytest.approx(_brute_force(pool, asks, settings), abs=1e-6)


def test_bad_items_are_named():
    with pytest.raises(PoolError, match='request "r": level 7') as caught:
        allocate_pool([pro("A", {"PM": 9})], [req("r", "011002", level=7)])
    assert 'professional "A", PM: level 9' in str(caught.value)


def test_an_empty_pool_leaves_every_request_short_with_no_skill():
    result = allocate_pool([], [req("r", "011002", months=YEAR)])
    assert result.unmet[0].reason is UnmetReason.NO_SKILL and result.asked_days == 60
