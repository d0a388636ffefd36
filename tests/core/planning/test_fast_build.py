"""The fast model builder (criteria checked once per set of levels) builds exactly the model
the per-coefficient builder built before, on random scenarios with every kind of lever,
named candidates, subsidies, pairing, in-house-only capabilities and rotation scenarios; and
the plan solved from it is the same."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import (
    Adviser,
    ExternalPairing,
    Hire,
    Lever,
    PoolDays,
    Scenario,
    Secondee,
    SideJob,
    Subsidy,
    Training,
    plan_staffing,
    sample_rotations,
)
from dxtalent.core.planning.build import _build, _Built
from tests.core.planning.builders import FIRST
from tests.core.planning.reference_build import reference_build

SKILLS = ("A", "B", "C", "D", "E")


def random_scenario(seed: int) -> Scenario:
    rng = random.Random(seed)
    team = []
    for i in range(rng.randint(0, 25)):
        levels = {s: rng.choice((0, 1, 2, 3)) for s in rng.sample(SKILLS, rng.randint(1, 5))}
        roll = rng.random()
        fields: dict[str, object] = {"levels": levels, "fte": rng.choice((None, 0.5, 0.2))}
        if roll < 0.25:
            fields["specialist_post"] = True
        elif roll < 0.45:
            fields["is_external"] = True
            fields["employment_type"] = "fixed_term"
            fields["hard_end"] = dt.date(rng.randint(2025, 2029), 3, 31)
        else:
            fields["post_start"] = dt.date(rng.randint(2019, 2025), 4, 1)
        team.append(TeamMember(f"P{i}", f"P{i}", **fields))  # type: ignore[arg-type]
    capabilities = tuple(
        Capability(
            f"C{c}",
            Text(f"C{c}", f"C{c}"),
            LevelCriterion({s: rng.randint(2, 4) for s in rng.sample(SKILLS, rng.randint(1, 3))}),
            target=rng.randint(1, 5),
            in_house_only=rng.random() < 0.2,
        )
        for c in range(rng.randint(1, 6))
    )
    levers: list[Lever] = []
    for o in range(rng.randint(0, 10)):
        levels = {s: rng.randint(1, 4) for s in rng.sample(SKILLS, rng.randint(1, 4))}
        cost = rng.randint(2, 9) * 1_000_000
        kind = rng.choice(("hire", "secondee", "side_job", "pool", "adviser"))
        common: dict[str, object] = {
            "max_per_year": rng.randint(0, 2),
            "lead_time_years": rng.randint(0, 1),
        }
        if rng.random() < 0.2:
            common["candidate"] = f"N{rng.randint(0, 2)}"
            common["max_per_year"] = 1
        if kind == "hire":
            levers.append(
                Hire(f"H{o}", "h", levels, cost, specialist_post=rng.random() < 0.5,
                     term_years=rng.choice((None, 2)), growth_per_year={"A": rng.randint(0, 1)},
                     state_support_per_person_year=rng.choice((0, 2_000_000)),
                     **common)  # type: ignore[arg-type]
            )  # fmt: skip
        elif kind == "secondee":
            levers.append(
                Secondee(f"K{o}", "k", levels, cost, duration_years=rng.choice((0.5, 1.0, 2.0)),
                         **common)  # type: ignore[arg-type]
            )  # fmt: skip
        elif kind == "side_job":
            levers.append(SideJob(f"J{o}", "j", levels, cost // 3, **common))  # type: ignore[arg-type]
        elif kind == "pool":
            levers.append(PoolDays(f"Q{o}", "q", levels, days_per_year=48, **common))  # type: ignore[arg-type]
        else:
            levers.append(Adviser(f"A{o}", "a", levels))
    for p in range(rng.randint(0, 3)):
        levers.append(
            Training(f"T{p}", "t", {s: rng.randint(2, 4) for s in rng.sample(SKILLS, 2)},
                     seats_per_year=rng.randint(0, 3), cost_per_seat=rng.randint(1, 9) * 100_000,
                     months=rng.choice((6, 12, 18)),
                     prerequisites={rng.choice(SKILLS): 1} if p % 2 else {})
        )  # fmt: skip
    subsidies = (
        (Subsidy("SAT", "s", ("hire", "corporate_secondee"), rng.choice((0.0, 0.5)), rng.choice((None, 5_000_000))),)
        if rng.random() < 0.5
        else ()
    )  # fmt: skip
    years = rng.randint(1, 6)
    return Scenario(
        FIRST,
        years,
        rng.randint(5, 60) * 1_000_000,
        capabilities,
        tuple(team),
        tuple(levers),
        subsidies,
        headcount_cap=rng.choice((None, float(len(team) + rng.randint(-1, 4)))),
        budget_basis=rng.choice(("gross", "net")),
        external_pairing=ExternalPairing("A", 2, 2) if rng.random() < 0.4 else None,
        weights={capabilities[0].code: 2.0},
        targets={capabilities[0].code: {FIRST: rng.randint(0, 3)}},
    )


def same_model(fast: _Built, before: _Built) -> None:
    a, b = fast.model, before.model
    assert a.column_labels == b.column_labels
    assert (a.cost, a.lower, a.upper, a.integer) == (b.cost, b.lower, b.upper, b.integer)
    assert a.row_labels == b.row_labels
    assert (a.row_lower, a.row_upper) == (b.row_lower, b.row_upper)
    # Same entries in the same order: HiGHS gets the very same matrix.
    assert [list(row.items()) for row in a.rows] == [list(row.items()) for row in b.rows]
    assert fast.engagements == before.engagements
    assert fast.trainings == before.trainings
    assert fast.shortfall == before.shortfall
    assert fast.net_cost == before.net_cost
    assert fast.shortfall_weight == before.shortfall_weight
    assert fast.binding_rows == before.binding_rows


@pytest.mark.parametrize("seed", range(60))
def test_the_fast_builder_builds_the_same_model_as_before(seed):
    s = random_scenario(seed)
    rotations = sample_rotations(s, 3, seed) if seed % 3 == 0 else None
    strategy = ("mix", "acquire", "develop")[seed % 3]
    for soft in (False, True):
        same_model(
            _build(s, strategy, soft, rotations=rotations, money_unit=1),
            reference_build(s, strategy, soft, rotations=rotations),
        )
    cells = [(c.code, FIRST + seed % s.horizon_years) for c in s.capabilities[:2]]
    same_model(
        _build(s, "mix", True, cells=cells, money_unit=1),
        reference_build(s, "mix", True, cells=cells),
    )


@pytest.mark.parametrize("seed", range(0, 60, 7))
def test_a_plan_from_the_fast_builder_is_the_plan_from_the_model_before(seed, monkeypatch):
    s = random_scenario(seed)
    # The same model solved the same way: pooling (tested in test_pooling.py) may choose
    # another of several equally good plans.
    monkeypatch.setattr("dxtalent.core.planning.milp.pooled", lambda model: None)
    for objective in ("cost", "coverage"):
        fast = plan_staffing(s, objective, explain=False)
        monkeypatch.setattr("dxtalent.core.planning.solve._build", reference_build)
        before = plan_staffing(s, objective, explain=False)
        monkeypatch.setattr("dxtalent.core.planning.solve._build", _build)
        assert (fast.status, fast.actions, fast.objective_value) == (
            before.status,
            before.actions,
            before.objective_value,
        )


@given(
    st.dictionaries(st.sampled_from(SKILLS), st.integers(1, 4), min_size=1),
    st.dictionaries(st.sampled_from((*SKILLS, "Z")), st.integers(0, 4)),
)
def test_a_level_criterion_is_met_exactly_when_no_level_step_is_missing(minimums, levels):
    criterion = LevelCriterion(minimums)
    assert criterion.meets(levels) is (criterion.shortfall(levels) == 0)
