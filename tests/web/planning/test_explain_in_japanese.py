"""A plan in plain words in Japanese: core.planning.describe_plan's sentences come from the
catalogue (web/locale/ja), through the translator the web installs."""

from django.utils import translation

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.planning import describe_plan, plan_staffing
from tests.core.planning.builders import capability, hire, person, scenario, training


def test_each_action_names_the_person_the_programme_and_the_capability_it_fills():
    team = (TeamMember("saito", "斎藤 博", {"PM": 2}, specialist_post=True),)
    plan_input = scenario((training(),), team, years=2)
    plan = plan_staffing(plan_input, "coverage")
    with translation.override("ja"):
        lines = describe_plan(plan_input, plan)
    assert any(
        "斎藤 博さんが「T-PM」を受講" in line and "「PM」を担います" in line for line in lines
    )
    assert "予算の範囲で目標を最も多く満たし" in lines[0]
    assert "円" in lines[0]


def test_what_stays_unmet_is_said_with_the_numbers():
    plan_input = scenario((), (person("a", PM=3),), capabilities=(capability(target=2),), years=1)
    plan = plan_staffing(plan_input, "coverage")
    with translation.override("ja"):
        lines = describe_plan(plan_input, plan)
    assert any("目標2人に対し1人" in line for line in lines)


def test_an_infeasible_plan_says_why_and_no_cost():
    plan_input = scenario((hire("H", 1_000_000),), capabilities=(capability(target=3),), years=1)
    plan = plan_staffing(plan_input, "cost")
    with translation.override("ja"):
        lines = describe_plan(plan_input, plan)
    assert lines[0].startswith("予算と上限の範囲では、すべての目標を満たす計画はありません")
    assert not any("円" in line for line in lines)


def test_the_same_plan_reads_in_english_when_english_is_asked_for():
    team = (TeamMember("saito", "斎藤 博", {"PM": 2}, specialist_post=True),)
    plan_input = scenario((training(),), team, years=2)
    plan = plan_staffing(plan_input, "coverage")
    with translation.override("en"):
        lines = describe_plan(plan_input, plan)
    assert any("takes “T-PM”" in line for line in lines)
    assert "FY" in " ".join(lines)
