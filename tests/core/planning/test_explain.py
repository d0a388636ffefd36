"""A plan in plain words: why this plan, what each action fills, what stays unmet (in English
here, without a translator; tests/web/planning/test_explain_in_japanese.py reads them in
Japanese from the catalogue)."""

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import describe_plan, plan_staffing
from tests.core.planning.builders import capability, hire, person, scenario, training


def test_each_action_names_the_person_the_programme_and_the_capability_it_fills():
    team = (TeamMember("saito", "斎藤 博", {"PM": 2}, specialist_post=True),)
    plan_input = scenario((training(),), team, years=2)
    plan = plan_staffing(plan_input, "coverage")
    lines = describe_plan(plan_input, plan)
    assert any("斎藤 博 takes “T-PM”" in line and "covers “PM”" in line for line in lines)
    assert lines[0].startswith("Within the budget this plan meets the most of the targets")


def test_what_stays_unmet_is_said_with_the_numbers():
    plan_input = scenario((), (person("a", PM=3),), capabilities=(capability(target=2),), years=1)
    plan = plan_staffing(plan_input, "coverage")
    assert any(": 1 of 2." in line for line in describe_plan(plan_input, plan))


def test_an_infeasible_plan_says_why_and_no_cost():
    plan_input = scenario((hire("H", 1_000_000),), capabilities=(capability(target=3),), years=1)
    plan = plan_staffing(plan_input, "cost")
    lines = describe_plan(plan_input, plan)
    assert lines[0].startswith("No plan meets every target within the budget and the limits")
    assert not any("¥" in line for line in lines)
