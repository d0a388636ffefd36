"""Rotation risk by Monte Carlo: the probability that each capability meets its target in each
fiscal year when nobody knows exactly when people rotate out.

In each run every DX member's last fiscal year in post is drawn uniformly among the fiscal
years their rotation window allows (rotation.departure_bounds: whole years in post from min to
max, none before the current fiscal year); hard end dates are fixed and specialist posts stay.
Runs are independent and people independent of each other within a run.

Arrays, with years counted from the current fiscal year (index 0):
- `last` (runs × people): the index of the last fiscal year in post; -1 when the person is
  gone before the end of the current one; `years` (one past the horizon) when they stay.
- in post (runs × years × people, boolean): first[p] ≤ y ≤ last[r, p].
- membership (people × capabilities, boolean): who meets which capability, computed once;
  weighted by each person's share of full time (fte) so that counts are full-time
  equivalents, as everywhere else (model.strength).
- counts per run and year = in post @ weighted membership (a matrix product in float32);
  met = counts ≥ target − COUNT_TOLERANCE; the probability is the share of runs met.

`coverage_probability_loops` does the same with plain Python loops; given the same `last`
matrix both give identical results (tests and bench/diagnostics.py compare them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dxtalent.core.diagnostics.model import Capability, InvalidSettingError, TeamMember
from dxtalent.core.diagnostics.rotation import departure_bounds, first_fiscal_year
from dxtalent.core.diagnostics.settings import DiagnosisSettings
from dxtalent.core.diagnostics.team import check_team

# Elements of the runs × years × people block handled at once: about 4 MB of booleans and
# 16 MB of float32, small enough to stay in cache-friendly sizes and bound memory.
BLOCK_ELEMENTS = 1 << 22
# Counts are sums of shares of full time in float32: 5 × 0.2 may come out a hair below 1.
COUNT_TOLERANCE = 1e-4

Int16Array = npt.NDArray[np.int16]


@dataclass(frozen=True, eq=False)
class RotationModel:
    """A team reduced to arrays for simulation (build it with `rotation_model`).

    people: DX member ids (columns of the arrays). first, earliest, latest: per person, year
    indexes (0 = current fiscal year) of the first year counted and of the earliest and
    latest possible last year in post (-1: gone before the end of the current year;
    len(fiscal_years): stays past the horizon). membership: people × capabilities, True
    where the person meets the capability. targets: people needed per capability.
    """

    people: tuple[str, ...]
    capabilities: tuple[str, ...]
    fiscal_years: tuple[int, ...]
    first: Int16Array
    earliest: Int16Array
    latest: Int16Array
    membership: npt.NDArray[np.bool_]
    targets: npt.NDArray[np.int64]
    fte: npt.NDArray[np.float32] | None = None

    def weights(self) -> npt.NDArray[np.float32]:
        """people × capabilities: each person's fte where they meet the capability, else 0."""
        fte = (
            np.ones(len(self.people), dtype=np.float32) if self.fte is None else self.fte
        ).astype(np.float32)
        weighted: npt.NDArray[np.float32] = self.membership.astype(np.float32) * fte[:, None]
        return weighted


@dataclass(frozen=True)
class RotationRisk:
    """Monte Carlo result: probability[i][j] is the share of runs (0–1) in which
    capabilities[i] meets its target at the end of fiscal_years[j]. seed: the seed used
    (None: fresh entropy, not reproducible)."""

    capabilities: tuple[str, ...]
    fiscal_years: tuple[int, ...]
    probability: tuple[tuple[float, ...], ...]
    runs: int
    seed: int | None

    def probability_of(self, capability: str, fiscal_year: int) -> float:
        """The probability for one capability code and fiscal year; KeyError outside."""
        try:
            row = self.capabilities.index(capability)
            column = self.fiscal_years.index(fiscal_year)
        except ValueError:
            raise KeyError(
                f"no risk figure for capability {capability!r} in fiscal year {fiscal_year}"
            ) from None
        return self.probability[row][column]


def rotation_model(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings | None = None,
) -> RotationModel:
    """The DX members and capabilities as arrays. Raises DuplicatePersonError or
    InvalidCapabilityError for ids or codes given twice."""
    settings = settings or DiagnosisSettings()
    check_team(members, capabilities)
    dx = [m for m in members if m.is_dx]
    years = settings.fiscal_years()
    current, beyond = years[0], len(years)

    def index(fiscal_year: int) -> int:
        return min(max(fiscal_year - current, -1), beyond)

    first, earliest, latest = [], [], []
    for member in dx:
        first.append(min(first_fiscal_year(member, settings) - current, beyond))
        bounds = departure_bounds(member, settings)
        low, high = (beyond, beyond) if bounds is None else (index(bounds[0]), index(bounds[1]))
        earliest.append(low)
        latest.append(high)
    membership = np.array(
        [[c.counts(m) for c in capabilities] for m in dx], dtype=np.bool_
    ).reshape(len(dx), len(capabilities))
    return RotationModel(
        people=tuple(m.id for m in dx),
        capabilities=tuple(c.code for c in capabilities),
        fiscal_years=years,
        first=np.array(first, dtype=np.int16),
        earliest=np.array(earliest, dtype=np.int16),
        latest=np.array(latest, dtype=np.int16),
        membership=membership,
        targets=np.array([c.target for c in capabilities], dtype=np.int64),
        fte=np.array([m.fte or 1.0 for m in dx], dtype=np.float32),
    )


def draw_departures(model: RotationModel, runs: int, rng: np.random.Generator) -> Int16Array:
    """The last-year index of every person in every run (runs × people), each uniform between
    the person's earliest and latest, both included."""
    if runs < 1:
        raise InvalidSettingError(f"runs: {runs!r} is not accepted; a whole number, 1 or more")
    size = (runs, len(model.people))
    return rng.integers(model.earliest, model.latest, size=size, endpoint=True, dtype=np.int16)


def coverage_probability(model: RotationModel, last: Int16Array) -> npt.NDArray[np.float64]:
    """Capabilities × years: the share of runs (rows of `last`) in which each capability meets
    its target at the end of each fiscal year. Vectorised; see the module notes."""
    runs, people = last.shape
    years, capabilities = len(model.fiscal_years), len(model.capabilities)
    if runs < 1:
        raise InvalidSettingError("runs: 0 is not accepted; a whole number, 1 or more")
    year_index = np.arange(years, dtype=np.int16)
    started = model.first[np.newaxis, :] <= year_index[:, np.newaxis]  # years × people
    weights = model.weights()
    targets = model.targets.astype(np.float32) - COUNT_TOLERANCE
    hits = np.zeros((years, capabilities), dtype=np.int64)
    block = max(1, BLOCK_ELEMENTS // max(1, years * people))
    for start in range(0, runs, block):
        chunk = last[start : start + block]
        in_post = chunk[:, np.newaxis, :] >= year_index[np.newaxis, :, np.newaxis]
        in_post &= started
        counts = in_post.reshape(len(chunk) * years, people).astype(np.float32) @ weights
        met = counts.reshape(len(chunk), years, capabilities) >= targets
        hits += met.sum(axis=0, dtype=np.int64)
    result: npt.NDArray[np.float64] = (hits / runs).T
    return result


def coverage_probability_loops(model: RotationModel, last: Int16Array) -> list[list[float]]:
    """The same as coverage_probability, with plain Python loops over runs, years,
    capabilities and people: the reference the vectorised version is checked against."""
    first = model.first.tolist()
    membership = model.weights().tolist()
    targets = model.targets.tolist()
    draws = last.tolist()
    years, capabilities = len(model.fiscal_years), len(model.capabilities)
    if not draws:
        raise InvalidSettingError("runs: 0 is not accepted; a whole number, 1 or more")
    hits = [[0] * years for _ in range(capabilities)]
    for row in draws:
        for year in range(years):
            for capability in range(capabilities):
                count = 0.0
                for person, last_year in enumerate(row):
                    if membership[person][capability] and first[person] <= year <= last_year:
                        count += membership[person][capability]
                if count >= targets[capability] - COUNT_TOLERANCE:
                    hits[capability][year] += 1
    return [[hit / len(draws) for hit in row] for row in hits]


def simulate_rotation(
    members: Sequence[TeamMember],
    capabilities: Sequence[Capability],
    settings: DiagnosisSettings | None = None,
    runs: int = 10_000,
    seed: int | None = None,
) -> RotationRisk:
    """The probability that each capability meets its target at the end of each fiscal year
    of the horizon, over `runs` draws of everyone's departure (numpy.random.default_rng(seed):
    the same seed gives the same result)."""
    model = rotation_model(members, capabilities, settings)
    last = draw_departures(model, runs, np.random.default_rng(seed))
    probability = coverage_probability(model, last)
    return RotationRisk(
        capabilities=model.capabilities,
        fiscal_years=model.fiscal_years,
        probability=tuple(tuple(float(p) for p in row) for row in probability),
        runs=runs,
        seed=seed,
    )
