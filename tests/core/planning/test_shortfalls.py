"""Why a target is out of reach (core.planning.shortfalls): each cause is recorded with the
figures its reason names, the English reason is written from the same words every reader sees,
and the reason survives the plan's JSON."""

from __future__ import annotations

import dataclasses
import json

import pytest

from dxtalent.core.planning import (
    InvalidPlanError,
    PlanStatus,
    Shortfall,
    load_plan,
    plan_staffing,
    shortfall_reason,
    shortfall_text,
)
from dxtalent.core.planning.shortfalls import CAUSES, shortfall
from tests.core.planning.builders import capability, hire, person, scenario, training
from tests.core.planning.test_robust import rotating


def test_a_target_beyond_every_lever_records_the_parts_of_the_most_reachable():
    s = scenario(
        (hire("H", 6_000_000, max_per_year=1),),
        team=(person("a", PM=3),),
        capabilities=(capability(target=3),),
        years=1,
    )
    [first] = plan_staffing(s).explanation
    assert (first.cause, first.target, first.best) == ("limits", 3, 2)
    assert first.figures == {"base": 1, "engaged": 1, "trained": 0}
    assert first.reason == (
        "with every lever at its limits, the budget aside: 1 in post meet it, engagements can "
        "add at most 1, training at most 0"
    )
    assert shortfall_reason(first) == first.reason  # no translator: English


def test_a_target_out_of_reach_within_the_budget_even_alone():
    plan = plan_staffing(scenario((hire("H", 6_000_000),), budget=5_000_000))
    first = plan.explanation[0]
    assert {item.cause for item in plan.explanation} == {"alone"} and first.best == 0
    assert "within the budget and the headcount cap" in first.reason


def test_targets_reachable_alone_but_not_together_say_so():
    # One seat, one person who could learn either capability: each target alone is reachable.
    both = (capability("PM", PM=3), capability("DA", DA=3))
    programmes = (
        training("T-PM", raises_to={"PM": 3}),
        training("T-DA", raises_to={"DA": 3}),
    )
    s = scenario(programmes, team=(person("a", PM=2, DA=2),), capabilities=both, years=3)
    wanted = {2025: 0, 2026: 0, 2027: 1}
    s = dataclasses.replace(s, targets={"PM": wanted, "DA": wanted})
    plan = plan_staffing(s, "cost")
    assert plan.status is PlanStatus.INFEASIBLE
    causes = {item.cause for item in plan.explanation}
    assert causes == {"together"}, plan.explanation
    assert all("best joint plan reaches" in item.reason for item in plan.explanation)


def test_a_team_over_the_headcount_cap_names_the_cap_for_the_whole_plan():
    team = (person("a", PM=3), person("b", PM=3), person("c", PM=3))
    plan = plan_staffing(scenario((), team, headcount_cap=2.0, years=1), "cost")
    [item] = plan.explanation
    assert (item.capability, item.cause, dict(item.figures)) == (
        "",
        "headcount",
        {"present": 3, "cap": 2},
    )
    assert "alone is 3 people in FY2025, above the headcount cap of 2" in item.reason
    # Of the whole plan: the reason as a sentence of its own, not a capability's.
    assert shortfall_text(scenario((), team), item).startswith("The current team alone is 3")


def test_a_plan_out_of_reach_only_across_rotation_scenarios_says_how_many():
    late = hire("H", 5_000_000, lead_time_years=2)
    s = scenario((late,), team=(rotating("A", PM=3),), years=4)
    plan = plan_staffing(s, rotation_scenarios=10, seed=0)
    [item] = plan.explanation
    assert item.cause == "rotation" and item.figures == {"rotations": 10}
    assert "10 sampled rotation scenarios" in item.reason


def test_a_capability_is_named_not_coded_in_the_sentence():
    s = scenario((), capabilities=(capability("PM", target=2),))
    item = shortfall("PM", 2025, 2, 0.5, "alone")
    assert shortfall_text(s, item) == (
        "FY2025, PM: target 2, at most 0.5 (within the budget and the headcount cap, even "
        "with every other target dropped)."
    )


@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_every_cause_reads_with_its_figures_and_round_trips_through_json(cause):
    figures = {"base": 1, "engaged": 2, "trained": 3, "count": 4, "present": 5, "cap": 4}
    figures |= {"rotations": 20}
    item = shortfall("PM", 2026, 6, 1.5, cause, **figures)
    assert "{" not in item.reason and item.reason
    plan = dataclasses.replace(_infeasible(), explanation=(item,))
    [loaded] = load_plan(plan.to_json()).explanation
    assert loaded == item and loaded.figures == item.figures
    assert shortfall_reason(loaded) == item.reason


def test_a_plan_stored_before_causes_were_recorded_keeps_its_reason():
    old = Shortfall("PM", 2026, 3, 1.0, "levers at their limits reach only 1 of 3: ...")
    data = json.loads(dataclasses.replace(_infeasible(), explanation=(old,)).to_json())
    del data["explanation"][0]["cause"], data["explanation"][0]["figures"]
    [loaded] = load_plan(json.dumps(data)).explanation
    assert shortfall_reason(loaded) == old.reason
    # A known cause whose figures are missing reads as stored, too.
    partial = Shortfall("PM", 2026, 3, 1.0, "stored words", "limits", {"base": 1})
    assert shortfall_reason(partial) == "stored words"


@pytest.mark.parametrize(
    "figures", [{"base": "many"}, ["base", 1], {"base": [1]}], ids=["text", "list", "nested"]
)
def test_figures_that_are_not_numbers_by_name_are_refused_naming_the_field(figures):
    data = json.loads(
        dataclasses.replace(
            _infeasible(), explanation=(shortfall("PM", 2026, 3, 1.0, "alone"),)
        ).to_json()
    )
    data["explanation"][0]["figures"] = figures
    with pytest.raises(InvalidPlanError, match="not as to_json"):
        load_plan(json.dumps(data))


def _infeasible():
    return plan_staffing(scenario((), capabilities=(capability(target=1),), years=1), "cost")
