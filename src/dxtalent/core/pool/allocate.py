"""A prefecture's talent pool (人材プール) allocated to its municipalities' requests.

From FY2025 each prefecture runs a system that supports its municipalities' DX with a pool of
professionals (domain-facts §1.5, §4). Municipalities ask for a capability for some days a
month over some months; the prefecture assigns its professionals' days.

The allocation is a linear programme solved by HiGHS (through scipy): x[p, r, m] ≥ 0 days of
professional p on request r in month m, only where p may serve r in m (p's level in the
capability reaches the request's, p can reach the municipality, and p's term covers m).

    maximise   Σ w_r · x[p, r, m]
    subject to Σ_r x[p, r, m] ≤ capacity of p in m     (each professional's days a month)
               Σ_p x[p, r, m] ≤ days r asks for in m   (no more than asked)

The weight w_r is the request's priority weight, times `small_weight` for a municipality
under `small_population` people (a setting: small municipalities depend on the pool, 211 of
them with at most one DX staff member, domain-facts §6). Days are continuous (a half day is a
day's fraction); the optimum is exact.

Fairness (a setting): first raise the worst-served municipality's share of its asked days as
far as it goes (max-min), then, keeping every municipality at or above that share, maximise
the weighted days as above.

Each request left short gets the reason: nobody in the pool has the capability at the level
asked; those who have it cannot reach the municipality; they are not available in the months
asked; or their days went to other requests (of higher or equal weight: the optimum chose so).
"""

from __future__ import annotations

import enum
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize, sparse  # type: ignore[import-untyped]

from dxtalent.core.i18n import gettext as _

PRIORITY_WEIGHTS: Mapping[int, float] = {1: 3.0, 2: 2.0, 3: 1.0}  # 1 high … 3 low
SMALL_POPULATION = 50_000
SMALL_WEIGHT = 1.5
TOLERANCE = 1e-6


class PoolError(ValueError):
    """Pool data that cannot be allocated; the message names the item and the value."""


class Status(enum.StrEnum):
    OPTIMAL = "optimal"
    ERROR = "error"


class UnmetReason(enum.StrEnum):
    """Why a request is left short, in the order they are tested."""

    NO_SKILL = "no_skill"  # nobody in the pool has the capability at the level asked
    OUT_OF_REACH = "out_of_reach"  # those who have it cannot reach the municipality
    NOT_AVAILABLE = "not_available"  # they are not available in the months asked
    CAPACITY_TAKEN = "capacity_taken"  # their days went to other requests


@dataclass(frozen=True)
class Professional:
    """One professional of the pool.

    levels: capability code → level (0–4). days_per_month: capacity (days, > 0).
    reaches: the municipality codes they can serve (None: any, e.g. remote work).
    months: the month indexes of the horizon their term covers (None: all).
    """

    code: str
    name: str
    levels: Mapping[str, int]
    days_per_month: float
    reaches: frozenset[str] | None = None
    months: frozenset[int] | None = None
    cost_per_day: float = 0.0


@dataclass(frozen=True)
class Request:
    """A municipality's request: a capability at a level (1–4), days a month (> 0) over the
    month indexes `months`, priority 1 (high) to 3 (low), the municipality's population
    (None when not known; then not counted as small)."""

    code: str
    municipality: str
    capability: str
    level: int
    days_per_month: float
    months: tuple[int, ...]
    priority: int = 2
    population: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class PoolSettings:
    """small_population: people; municipalities below it get `small_weight` (≥ 1) on their
    requests (1: no priority). fairness: raise the worst-served municipality first."""

    small_population: int = SMALL_POPULATION
    small_weight: float = SMALL_WEIGHT
    fairness: bool = False
    time_limit: float = 60.0


@dataclass(frozen=True)
class Assignment:
    professional: str
    request: str
    month: int
    days: float


@dataclass(frozen=True)
class Unmet:
    """A request left short: days asked in all and days not covered, and why."""

    request: str
    municipality: str
    asked: float
    short: float
    reason: UnmetReason


@dataclass(frozen=True)
class Allocation:
    status: Status
    assignments: tuple[Assignment, ...]
    unmet: tuple[Unmet, ...]
    covered_days: float
    asked_days: float
    worst_share: float | None = None  # the worst-served municipality's share, with fairness
    seconds: float = 0.0
    shares: Mapping[str, float] = field(default_factory=dict)
    message: str = ""


def _check(professionals: Sequence[Professional], requests: Sequence[Request]) -> None:
    problems = []
    seen: set[str] = set()
    for p in professionals:
        if p.code in seen:
            problems.append(_('professional "{code}" appears twice').format(code=p.code))
        seen.add(p.code)
        if not p.days_per_month > 0:
            problems.append(
                _('professional "{code}": days a month {value}; more than 0').format(
                    code=p.code, value=p.days_per_month
                )
            )
        for capability, level in p.levels.items():
            if not 0 <= level <= 4:
                problems.append(
                    _('professional "{code}", {capability}: level {level} (0–4)').format(
                        code=p.code, capability=capability, level=level
                    )
                )
    seen = set()
    for r in requests:
        if r.code in seen:
            problems.append(_('request "{code}" appears twice').format(code=r.code))
        seen.add(r.code)
        if not 1 <= r.level <= 4:
            problems.append(
                _('request "{code}": level {level} (1–4)').format(code=r.code, level=r.level)
            )
        if not r.days_per_month > 0:
            problems.append(
                _('request "{code}": days a month {value}; more than 0').format(
                    code=r.code, value=r.days_per_month
                )
            )
        if not r.months:
            problems.append(_('request "{code}": no month').format(code=r.code))
        if r.priority not in PRIORITY_WEIGHTS:
            problems.append(
                _('request "{code}": priority {priority} (1 high, 2, 3 low)').format(
                    code=r.code, priority=r.priority
                )
            )
    if problems:
        raise PoolError("; ".join(problems))


def weight_of(request: Request, settings: PoolSettings) -> float:
    """The weight of a day on `request` (see the module notes)."""
    small = request.population is not None and request.population < settings.small_population
    return PRIORITY_WEIGHTS[request.priority] * (settings.small_weight if small else 1.0)


def _serves(p: Professional, r: Request) -> tuple[bool, bool]:
    """(has the capability at the level, can reach the municipality)."""
    return p.levels.get(r.capability, 0) >= r.level, (
        p.reaches is None or r.municipality in p.reaches
    )


def allocate_pool(
    professionals: Sequence[Professional],
    requests: Sequence[Request],
    settings: PoolSettings | None = None,
) -> Allocation:
    """The optimal allocation of the pool's days to the requests (see the module notes).
    Raises PoolError naming each bad item."""
    settings = settings or PoolSettings()
    _check(professionals, requests)
    started = time.perf_counter()
    columns: list[tuple[int, int, int]] = []  # (professional, request, month)
    for j, r in enumerate(requests):
        for i, p in enumerate(professionals):
            skilled, reachable = _serves(p, r)
            if not (skilled and reachable):
                continue
            for m in r.months:
                if p.months is None or m in p.months:
                    columns.append((i, j, m))
    if not columns:
        return _result(professionals, requests, [], np.zeros(0), settings, started, None)
    index = np.array(columns, dtype=np.int64)
    n = len(columns)
    # Capacity rows: one per (professional, month) used; need rows: one per (request, month).
    capacity_keys = {
        key: k for k, key in enumerate(dict.fromkeys(zip(index[:, 0], index[:, 2], strict=True)))
    }
    need_keys = {
        key: k for k, key in enumerate(dict.fromkeys(zip(index[:, 1], index[:, 2], strict=True)))
    }
    capacity_row = np.array([capacity_keys[(i, m)] for i, _j, m in columns])
    need_row = np.array([need_keys[(j, m)] for _i, j, m in columns])
    ones = np.ones(n)
    a_capacity = sparse.csr_matrix(
        (ones, (capacity_row, np.arange(n))), shape=(len(capacity_keys), n)
    )
    a_need = sparse.csr_matrix((ones, (need_row, np.arange(n))), shape=(len(need_keys), n))
    b_capacity = np.array([professionals[i].days_per_month for i, _m in capacity_keys])
    b_need = np.array([requests[j].days_per_month for j, _m in need_keys])
    weights = np.array([weight_of(requests[j], settings) for _i, j, _m in columns])
    a_ub = sparse.vstack([a_capacity, a_need]).tocsr()
    b_ub = np.concatenate([b_capacity, b_need])
    options = {"time_limit": settings.time_limit, "presolve": True}
    worst = None
    if settings.fairness:
        # Stage 1: maximise t with covered(m) ≥ t · asked(m) for every municipality.
        municipalities = sorted({r.municipality for r in requests})
        position = {m: k for k, m in enumerate(municipalities)}
        asked = np.zeros(len(municipalities))
        for r in requests:
            asked[position[r.municipality]] += r.days_per_month * len(r.months)
        muni_of_column = np.array([position[requests[j].municipality] for _i, j, _m in columns])
        covered = sparse.csr_matrix(
            (-ones, (muni_of_column, np.arange(n))), shape=(len(municipalities), n)
        )
        fair_rows = sparse.hstack([covered, sparse.csr_matrix(asked.reshape(-1, 1))]).tocsr()
        stage_one = optimize.linprog(
            c=np.concatenate([np.zeros(n), [-1.0]]),
            A_ub=sparse.vstack(
                [sparse.hstack([a_ub, sparse.csr_matrix((a_ub.shape[0], 1))]), fair_rows]
            ).tocsr(),
            b_ub=np.concatenate([b_ub, np.zeros(len(municipalities))]),
            bounds=[(0, None)] * n + [(0, 1)],
            method="highs-ipm",  # the max-min LP: interior point is ~8x faster here
            options=options,
        )
        if stage_one.status != 0:
            return _failed(requests, started, str(stage_one.message))
        worst = float(stage_one.x[-1])
        floor = max(worst - 1e-7, 0.0)
        a_ub = sparse.vstack([a_ub, covered]).tocsr()
        b_ub = np.concatenate([b_ub, -floor * asked])
    solved = optimize.linprog(
        c=-weights,
        A_ub=a_ub,
        b_ub=b_ub,
        bounds=(0, None),
        method="highs-ipm" if settings.fairness else "highs",
        options=options,
    )
    if solved.status != 0:
        return _failed(requests, started, str(solved.message))
    return _result(professionals, requests, columns, solved.x, settings, started, worst)


def _failed(requests: Sequence[Request], started: float, message: str) -> Allocation:
    """No allocation: the solver stopped (`message`, e.g. the time limit)."""
    asked = sum(r.days_per_month * len(r.months) for r in requests)
    return Allocation(
        Status.ERROR, (), (), 0.0, asked, None, time.perf_counter() - started, message=message
    )


def _result(
    professionals: Sequence[Professional],
    requests: Sequence[Request],
    columns: list[tuple[int, int, int]],
    values: np.ndarray,
    settings: PoolSettings,
    started: float,
    worst: float | None,
) -> Allocation:
    assignments = []
    covered_by_request: dict[int, float] = defaultdict(float)
    for (i, j, m), days in zip(columns, values, strict=True):
        if days > TOLERANCE:
            days = round(float(days), 6)
            assignments.append(Assignment(professionals[i].code, requests[j].code, m, days))
            covered_by_request[j] += days
    unmet = []
    asked_by_muni: dict[str, float] = defaultdict(float)
    covered_by_muni: dict[str, float] = defaultdict(float)
    for j, r in enumerate(requests):
        asked = r.days_per_month * len(r.months)
        asked_by_muni[r.municipality] += asked
        covered_by_muni[r.municipality] += covered_by_request[j]
        short = asked - covered_by_request[j]
        if short > 1e-4:
            unmet.append(
                Unmet(r.code, r.municipality, asked, round(short, 6), _why(professionals, r))
            )
    shares = {
        m: covered_by_muni[m] / asked_by_muni[m] for m in asked_by_muni if asked_by_muni[m] > 0
    }
    return Allocation(
        Status.OPTIMAL,
        tuple(assignments),
        tuple(unmet),
        round(sum(covered_by_request.values()), 6),
        sum(asked_by_muni.values()),
        worst,
        time.perf_counter() - started,
        shares,
    )


def _why(professionals: Sequence[Professional], request: Request) -> UnmetReason:
    skilled = [p for p in professionals if _serves(p, request)[0]]
    if not skilled:
        return UnmetReason.NO_SKILL
    reachable = [p for p in skilled if _serves(p, request)[1]]
    if not reachable:
        return UnmetReason.OUT_OF_REACH
    available = [
        p for p in reachable if p.months is None or any(m in p.months for m in request.months)
    ]
    if not available:
        return UnmetReason.NOT_AVAILABLE
    return UnmetReason.CAPACITY_TAKEN
