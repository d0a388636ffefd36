"""Rotation risk by Monte Carlo: the vectorised count equals the plain loops on the same draws,
certain departures give certainties, seeds reproduce."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from dxtalent.core.diagnostics import (
    DiagnosisSettings,
    InvalidSettingError,
    coverage_probability,
    coverage_probability_loops,
    draw_departures,
    forecast_coverage,
    montecarlo,
    rotation_model,
    simulate_rotation,
)
from tests.core.diagnostics.builders import SETTINGS, TODAY, person, rotating, skill_capability

D = dt.date
SKILLS = ("CO-COMM", "CO-LEAD", "CO-NEGO", "CO-SPEC", "CO-GOVT")


def random_team(seed, size=12):
    """A mixed team: rotating staff with various starts and windows, specialists, fixed terms,
    a planned arrival and someone from another department."""
    rng = random.Random(seed)
    members = []
    for i in range(size):
        levels = {skill: rng.randint(0, 4) for skill in SKILLS}
        kind = rng.choice(("rotating", "rotating", "rotating", "specialist", "fixed", "arrival"))
        if kind == "rotating":
            start = D(rng.randint(2019, 2025), rng.choice((4, 10)), 1)
            low = rng.randint(1, 4)
            window = (low, low + rng.randint(0, 3))
            members.append(rotating(f"p{i}", start, levels=levels, rotation_window=window))
        elif kind == "specialist":
            members.append(person(f"p{i}", levels=levels))
        elif kind == "fixed":
            month = rng.choice((3, 9))  # a year end, or mid-year
            end = D(rng.randint(2025, 2029), month, 31 if month == 3 else 30)
            members.append(person(f"p{i}", levels=levels, hard_end=end))
        else:
            members.append(rotating(f"p{i}", D(2026, 4, 1), levels=levels))
    members.append(person("hr", levels=dict.fromkeys(SKILLS, 4), is_dx=False))
    return members


def capabilities():
    return [
        skill_capability("NEGO", {"CO-NEGO": 3}, target=2),
        skill_capability("SPEC", {"CO-SPEC": 2}, target=3),
        skill_capability("TEAM", {s: 3 for s in SKILLS[:4]}, target=1),
        skill_capability("GOVT", {"CO-GOVT": 3}, target=4, critical=False),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_vectorised_count_equals_the_plain_loops_on_the_same_draws(seed):
    model = rotation_model(random_team(seed), capabilities(), SETTINGS)
    last = draw_departures(model, 300, np.random.default_rng(seed))
    vectorised = coverage_probability(model, last)
    assert vectorised.tolist() == coverage_probability_loops(model, last)
    assert 0 < vectorised.mean() < 1  # the draws matter: not all certainties


def test_small_blocks_give_the_same_result_as_one_block(monkeypatch):
    model = rotation_model(random_team(4), capabilities(), SETTINGS)
    last = draw_departures(model, 257, np.random.default_rng(4))
    whole = coverage_probability(model, last)
    monkeypatch.setattr(montecarlo, "BLOCK_ELEMENTS", 7 * len(model.people) * 5)
    assert coverage_probability(model, last).tolist() == whole.tolist()


def test_certain_departures_give_probabilities_of_1_or_0_matching_the_forecast():
    spec = {"CO-SPEC": 2}
    members = [
        person("stays", levels=spec),
        rotating("fixed-window", D(2023, 4, 1), levels=spec, rotation_window=(4, 4)),
        person("term", levels=spec, hard_end=D(2027, 3, 31)),
        person("arrives", levels=spec, post_start=D(2028, 4, 1)),
    ]
    writing = [skill_capability("SPEC", spec, target=3)]
    risk = simulate_rotation(members, writing, SETTINGS, runs=200, seed=7)
    forecast = forecast_coverage(members, writing, SETTINGS)
    assert risk.probability == ((1.0, 1.0, 0.0, 0.0, 0.0),)
    assert [1.0 if cell.met else 0.0 for cell in forecast.cells[0]] == list(risk.probability[0])


def test_the_same_seed_reproduces_the_result_and_another_seed_does_not():
    team = random_team(5)
    first = simulate_rotation(team, capabilities(), SETTINGS, runs=500, seed=42)
    again = simulate_rotation(team, capabilities(), SETTINGS, runs=500, seed=42)
    other = simulate_rotation(team, capabilities(), SETTINGS, runs=500, seed=43)
    assert first == again
    assert first.probability != other.probability


def test_a_departure_is_drawn_uniformly_over_the_window():
    # (3, 5) from 2024-04-01: last fiscal year FY2026, FY2027 or FY2028, a third each.
    model = rotation_model([rotating("p", D(2024, 4, 1))], [], SETTINGS)
    last = draw_departures(model, 30_000, np.random.default_rng(0))
    shares = np.bincount(last[:, 0], minlength=5) / 30_000
    assert shares[:1].sum() == 0 and shares[4] == 0
    assert shares[1:4] == pytest.approx([1 / 3] * 3, abs=0.02)


def test_one_person_in_a_3_to_5_year_window_covers_a_capability_with_the_expected_odds():
    member = rotating("p", D(2024, 4, 1), levels={"CO-NEGO": 3})
    nego = [skill_capability("NEGO", {"CO-NEGO": 3}, target=1)]
    risk = simulate_rotation([member], nego, SETTINGS, runs=20_000, seed=1)
    assert risk.probability_of("NEGO", 2025) == 1.0
    assert risk.probability_of("NEGO", 2026) == 1.0
    assert risk.probability_of("NEGO", 2027) == pytest.approx(2 / 3, abs=0.02)
    assert risk.probability_of("NEGO", 2028) == pytest.approx(1 / 3, abs=0.02)
    assert risk.probability_of("NEGO", 2029) == 0.0


def test_only_dx_members_enter_the_model():
    model = rotation_model(random_team(6), capabilities(), SETTINGS)
    assert "hr" not in model.people
    assert model.membership.shape == (len(model.people), 4)


def test_an_empty_team_never_meets_a_target():
    risk = simulate_rotation([], capabilities(), DiagnosisSettings(today=TODAY), runs=10, seed=0)
    assert all(p == 0.0 for row in risk.probability for p in row)


def test_zero_runs_are_refused():
    model = rotation_model(random_team(7), capabilities(), SETTINGS)
    with pytest.raises(InvalidSettingError, match="runs: 0"):
        draw_departures(model, 0, np.random.default_rng(0))
