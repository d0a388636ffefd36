"""Robustness of staffing plans against rotation: nobody knows exactly when each member of the
team rotates out, so a plan made for the expected departures may fall short when people leave
early.

- `plan_risk(scenario, actions)`: the Monte Carlo model of core.diagnostics.montecarlo applied
  to a plan. In each run every DX member's last fiscal year in post is drawn within their
  rotation window (hard end dates fixed, specialist posts staying); each trainee completes
  their programme with its completion rate (drawn per run) and then counts with the levels it
  brings from the year their training counts, while still in post in that run;
  engagements (hires, secondees, side jobs, pool days, advisers) count as planned, since
  their terms are set by contract. The result: the probability that each capability meets its
  target in each fiscal year, and that every target of the year is met at once.
- `sample_rotations(scenario, count, seed)`: rotation scenarios for planning against several
  futures at once (sample average approximation, planning notes §1.3 and §6.2): the expected
  departures first, then `count` draws of the same model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from dxtalent.core.diagnostics import InvalidSettingError
from dxtalent.core.diagnostics.montecarlo import (
    BLOCK_ELEMENTS,
    COUNT_TOLERANCE,
    RotationModel,
    draw_departures,
    rotation_model,
)
from dxtalent.core.planning.check import engaged_counts, member_counts, trainings_of
from dxtalent.core.planning.plan import Action
from dxtalent.core.planning.scenario import Scenario

# Runs of the Monte Carlo evaluation unless told otherwise (as in the team diagnosis).
DEFAULT_RUNS = 10_000
TOLERANCE = 1e-6

InPost = Mapping[str, frozenset[int]]


@dataclass(frozen=True)
class PlanRisk:
    """Monte Carlo result for a plan: probability[i][j] is the share of runs (0–1) in which
    capabilities[i] meets its target at the end of fiscal_years[j]; all_met[j] the share in
    which every target of fiscal_years[j] is met at once. seed: the seed used."""

    capabilities: tuple[str, ...]
    fiscal_years: tuple[int, ...]
    probability: tuple[tuple[float, ...], ...]
    all_met: tuple[float, ...]
    runs: int
    seed: int | None

    def probability_of(self, capability: str, fiscal_year: int) -> float:
        """The probability for one capability and fiscal year; KeyError outside."""
        try:
            return self.probability[self.capabilities.index(capability)][
                self.fiscal_years.index(fiscal_year)
            ]
        except ValueError:
            raise KeyError(f"no figure for {capability!r} in fiscal year {fiscal_year}") from None

    def weakest(self) -> tuple[str, int, float] | None:
        """The capability and fiscal year least likely to meet its target, and that
        probability; None without capabilities."""
        cells = [
            (code, year, self.probability[i][j])
            for i, code in enumerate(self.capabilities)
            for j, year in enumerate(self.fiscal_years)
        ]
        return min(cells, key=lambda cell: cell[2]) if cells else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {
            "runs": self.runs,
            "seed": self.seed,
            "fiscal_years": list(self.fiscal_years),
            "all_met": list(self.all_met),
            "capabilities": {
                code: dict(zip(map(str, self.fiscal_years), row, strict=True))
                for code, row in zip(self.capabilities, self.probability, strict=True)
            },
        }


def _model(scenario: Scenario) -> RotationModel:
    return rotation_model(scenario.staff(), scenario.capabilities, scenario.settings())


def _membership_by_year(
    scenario: Scenario, model: RotationModel, actions: Sequence[Action]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float64]]:
    """(sure, trained, completion): years × people × capabilities. `sure`: the person's fte
    where their current levels count (check.member_counts); `trained`: the fte where only the
    levels after a training completed by then count; completion: per person, the
    programme's completion rate (1 without training), drawn per run."""
    years = scenario.fiscal_years()
    trained_from = trainings_of(scenario, actions)
    staff = {member.id: member for member in scenario.staff()}
    shape = (len(years), len(model.people), len(scenario.capabilities))
    sure = np.zeros(shape, dtype=np.float32)
    extra = np.zeros(shape, dtype=np.float32)
    completion = np.ones(len(model.people), dtype=np.float64)
    for p, person in enumerate(model.people):
        member = staff[person]
        fte = float(member.fte or 1.0)
        enrolments = trained_from.get(person, [])
        for _start, programme in enrolments:
            completion[p] *= programme.expected_completion
        for y, year in enumerate(years):
            certain = member_counts(scenario, member, year)
            with_training = member_counts(
                scenario,
                replace(member, fte=1.0),
                year,
                [(s, replace(t, completion_rate=1.0)) for s, t in enrolments],
            )
            for c, capability in enumerate(scenario.capabilities):
                if capability.code in certain:
                    sure[y, p, c] = fte
                elif capability.code in with_training:
                    extra[y, p, c] = fte
    return sure, extra, completion


def _engaged(scenario: Scenario, actions: Sequence[Action]) -> npt.NDArray[np.float64]:
    """years × capabilities: people engaged by the plan meeting each capability, as in
    check.coverage_cells."""
    counts = engaged_counts(scenario, actions)
    return np.array(
        [
            [counts.get((c.code, year), 0.0) for c in scenario.capabilities]
            for year in scenario.fiscal_years()
        ],
        dtype=np.float64,
    ).reshape(scenario.horizon_years, len(scenario.capabilities))


def _targets(scenario: Scenario) -> npt.NDArray[np.float64]:
    return np.array(
        [
            [scenario.target(c.code, year) for c in scenario.capabilities]
            for year in scenario.fiscal_years()
        ],
        dtype=np.float64,
    ).reshape(len(scenario.fiscal_years()), len(scenario.capabilities))


def plan_risk(
    scenario: Scenario,
    actions: Sequence[Action],
    runs: int = DEFAULT_RUNS,
    seed: int | None = 0,
) -> PlanRisk:
    """The probability that each target holds in each fiscal year under the plan's `actions`
    when departures are drawn within the rotation windows (module notes); numpy's
    default_rng(seed): the same seed gives the same figures."""
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise InvalidSettingError(f"runs: {runs!r} is not accepted; a whole number, 1 or more")
    model = _model(scenario)
    rng = np.random.default_rng(seed)
    last = draw_departures(model, runs, rng)
    sure, extra, completion = _membership_by_year(scenario, model, actions)  # Y × P × C
    # Whether each trainee completes their programme in each run (runs × people).
    completes = rng.random((runs, len(model.people))) < completion[np.newaxis, :]
    engaged = _engaged(scenario, actions)  # Y × C
    targets = _targets(scenario) - COUNT_TOLERANCE
    years, people = sure.shape[0], sure.shape[1]
    capabilities = len(scenario.capabilities)
    # The model's years start at as_of's fiscal year; the plan's at first_fiscal_year.
    offset = scenario.first_fiscal_year - model.fiscal_years[0]
    year_index = np.arange(offset, offset + years, dtype=np.int16)
    started = model.first[np.newaxis, :] <= year_index[:, np.newaxis]  # Y × P
    hits = np.zeros((years, capabilities), dtype=np.int64)
    all_hits = np.zeros(years, dtype=np.int64)
    block = max(1, BLOCK_ELEMENTS // max(1, years * people))
    for begin in range(0, runs, block):
        chunk = last[begin : begin + block]
        in_post = chunk[:, np.newaxis, :] >= year_index[np.newaxis, :, np.newaxis]
        in_post &= started
        in_post_f = in_post.transpose(1, 0, 2).astype(np.float32)  # Y × R × P
        done = completes[begin : begin + block].astype(np.float32)  # R × P
        # (Y × R × P) @ (Y × P × C) → Y × R × C
        counts = np.matmul(in_post_f, sure) + np.matmul(in_post_f * done[np.newaxis], extra)
        met = counts + engaged[:, np.newaxis, :] >= targets[:, np.newaxis, :]
        hits += met.sum(axis=1, dtype=np.int64)
        all_hits += met.all(axis=2).sum(axis=1, dtype=np.int64)
    probability = (hits / runs).T
    return PlanRisk(
        capabilities=tuple(c.code for c in scenario.capabilities),
        fiscal_years=scenario.fiscal_years(),
        probability=tuple(tuple(float(p) for p in row) for row in probability),
        all_met=tuple(float(p) for p in all_hits / runs),
        runs=runs,
        seed=seed,
    )


def expected_rotation(scenario: Scenario) -> dict[str, frozenset[int]]:
    """Each DX member's planned fiscal years in post under the expected departures."""
    return {member.id: frozenset(scenario.years_in_post(member)) for member in scenario.staff()}


def sample_rotations(scenario: Scenario, count: int, seed: int | None = 0) -> tuple[InPost, ...]:
    """The expected departures, then `count` rotation scenarios drawn as in plan_risk: for
    each, every DX member's planned fiscal years in post."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InvalidSettingError(
            f"rotation scenarios: {count!r} is not accepted; a whole number, 0 or more"
        )
    found: list[InPost] = [expected_rotation(scenario)]
    if count == 0:
        return tuple(found)
    model = _model(scenario)
    last = draw_departures(model, count, np.random.default_rng(seed)).tolist()
    # Model year indexes count from as_of's fiscal year.
    base = model.fiscal_years[0]
    wanted = set(scenario.fiscal_years())
    first = model.first.tolist()
    for row in last:
        found.append(
            {
                person: frozenset(
                    base + y for y in range(max(0, first[p]), row[p] + 1) if base + y in wanted
                )
                for p, person in enumerate(model.people)
            }
        )
    return tuple(found)
