"""A plan in plain words in Japanese: core.planning.describe_plan's sentences come from the
catalogue (web/locale/ja), through the translator the web installs."""

import dataclasses

from django.utils import translation

from dxtalent.core.diagnostics import TeamMember
from dxtalent.core.frameworks import Text
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


def test_every_reason_a_target_is_out_of_reach_reads_in_japanese_with_its_figures():
    """Each cause's words (core.planning.shortfalls.CAUSES) come from the catalogue, with the
    same figures as the English: none lost, none the code cannot fill."""
    import string

    from dxtalent.core.planning import shortfall_reason
    from dxtalent.core.planning.shortfalls import CAUSES, shortfall

    def names(text: str) -> set[str]:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}

    figures = {"base": 1, "engaged": 2, "trained": 3, "count": 4, "present": 7, "cap": 6}
    figures |= {"rotations": 20}
    for cause, english in CAUSES.items():
        with translation.override("ja"):
            japanese = translation.gettext(english)
            said = shortfall_reason(shortfall("PM", 2026, 6, 1.5, cause, **figures))
        assert japanese != english and names(japanese) == names(english), cause
        assert "{" not in said and not any(
            c.isascii() and c.isalpha() for c in said.replace("coverage", "")
        ), (cause, said)


def test_an_infeasible_plan_says_why_in_japanese_by_the_capabilitys_name():
    team = (person("a", PM=3),)
    named = dataclasses.replace(capability(target=3), name=Text("プロジェクト管理", "project"))
    plan_input = scenario((hire("H", 1_000_000, max_per_year=1),), team, (named,), years=1)
    plan = plan_staffing(plan_input, "cost")
    with translation.override("ja"):
        lines = describe_plan(plan_input, plan)
    assert lines[1] == (
        "2025年度（令和7年度）のプロジェクト管理：目標3人に対し、届くのは2人まで（すべての手段を"
        "上限まで使った場合（予算は考えない）、在任者で満たしている人1人、外部人材で最大1人、"
        "研修で最大0人）。"
    )


def test_a_successor_to_come_takes_a_programme_without_san():
    successor = TeamMember(
        "successor:7",
        "上田 颯さんの後任",
        {"PM": 2},
        specialist_post=True,
        name_en="successor of Ueda",
    )
    plan_input = scenario((training(),), (successor,), years=2)
    plan = plan_staffing(plan_input, "coverage")
    with translation.override("ja"):
        lines = describe_plan(plan_input, plan)
    assert any("上田 颯さんの後任が「T-PM」を受講し" in line for line in lines), lines
    assert not any("後任さん" in line for line in lines)
    with translation.override("en"):
        lines = describe_plan(plan_input, plan)
    assert any("successor of Ueda takes “T-PM”" in line for line in lines), lines
