"""What a plan breaks, said by name (core.planning.violations): each violation keeps what
happened and its figures, its English message keeps the codes for the plan's JSON, and
violation_text says it with levers, people and capabilities by name in the reader's language."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest

from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.i18n import in_language
from dxtalent.core.planning import Action, LeverKind, check_plan, violation_text
from dxtalent.core.planning.violations import WHATS, Violation
from tests.core.planning.builders import hire, person, scenario, training
from tests.core.planning.test_check import plan_of

PM = Capability("PM", Text("プロジェクト管理", "project management"), LevelCriterion({"PM": 3}), 1)


def named(member: TeamMember, ja: str, en: str) -> TeamMember:
    return dataclasses.replace(member, name=ja, name_en=en)


def only(s, *actions, objective="coverage"):
    [found] = check_plan(s, plan_of(s, *actions, objective=objective))
    return found


def test_a_budget_overrun_in_english_keeps_the_figures_and_in_the_readers_words():
    s = scenario(
        (dataclasses.replace(hire("H", 6_000_000, max_per_year=2), name="中途採用"),),
        budget=10_000_000,
        capabilities=(PM,),
        years=1,
    )
    found = only(s, Action(2025, "H", LeverKind.HIRE, 2))
    assert (found.rule, found.what, found.fiscal_year) == ("budget", "over_budget", 2025)
    assert found.figures == {
        "year": 2025, "spent": 12_000_000, "basis": "gross", "budget": 10_000_000
    }  # fmt: skip
    with in_language("ja"):
        assert violation_text(s, found) == (
            "2025年度（令和7年度）：12,000,000円（総額）が予算10,000,000円を超えています"
        )
    assert found.message == "FY2025: ¥12,000,000 (gross) is over the budget of ¥10,000,000"
    with in_language("en"):
        assert violation_text(s, found) == found.message


def test_levers_people_and_capabilities_are_named_and_their_codes_kept_in_the_message():
    sato = named(person("P-001", PM=2), "佐藤 花子", "Sato Hanako")
    s = scenario(
        (dataclasses.replace(training(prerequisites={"DA": 2}), name="PM研修"),),
        team=(sato,),
        capabilities=(PM,),
    )
    found = only(s, Action(2025, "T-PM", LeverKind.TRAINING, 1, "P-001"))
    assert found.message == "T-PM: P-001 does not meet the programme's prerequisites"
    with in_language("en"):
        assert violation_text(s, found) == (
            "“PM研修”: Sato Hanako does not meet the programme's prerequisites"
        )
    with in_language("ja"):
        text = violation_text(s, found)
    assert "「PM研修」" in text and "佐藤 花子" in text
    assert "T-PM" not in text and "P-001" not in text


def test_an_unmet_target_names_the_capability():
    s = scenario((hire("H", 1_000_000),), capabilities=(PM,), years=1)
    found = only(s, objective="cost")
    assert found.message == "FY2025, PM: 0 of the 1 people needed"
    with in_language("ja"):
        text = violation_text(s, found)
    assert "「プロジェクト管理」" in text and "2025年度" in text and "PM:" not in text


def test_a_named_person_engaged_twice_is_named_by_the_lever_that_names_them():
    levers = (
        dataclasses.replace(hire("H1", 6_000_000, candidate="X"), name="山田 太郎（中途）"),
        dataclasses.replace(hire("H2", 6_000_000, candidate="X"), name="山田 太郎（任期付）"),
    )
    s = scenario(levers, capabilities=(PM,), years=1)
    plan = plan_of(s, Action(2025, "H1", LeverKind.HIRE, 1), Action(2025, "H2", LeverKind.HIRE, 1))
    [found] = [v for v in check_plan(s, plan) if v.rule == "named_once"]
    with in_language("ja"):
        text = violation_text(s, found)
    assert "山田 太郎（中途）" in text and "X" not in text


def test_every_what_round_trips_through_json_and_its_japanese_has_the_same_placeholders():
    from dxtalent.core.i18n import _

    placeholders = re.compile(r"\{(\w+)\}")
    with in_language("ja"):
        for what, english in WHATS.items():
            japanese = _(english)
            assert japanese != english, what
            assert sorted(placeholders.findall(japanese)) == sorted(
                placeholders.findall(english)
            ), what
    ito = TeamMember("ito", "伊藤", {"PM": 2}, hard_end=dt.date(2025, 9, 30))
    s = scenario((training(),), team=(ito,), capabilities=(PM,), years=1)
    found = only(s, Action(2025, "T-PM", LeverKind.TRAINING, 1, "ito"))
    kept = Violation(**json.loads(json.dumps(dataclasses.asdict(found))))
    assert kept == found and kept.what == "leaves"


def test_a_violation_without_a_known_what_reads_with_its_message():
    s = scenario((hire("H", 1_000_000),), capabilities=(PM,))
    old = Violation("budget", 2025, "gross ¥1 over budget ¥0")
    assert violation_text(s, old) == "gross ¥1 over budget ¥0"
    missing = Violation("budget", 2025, "kept", "over_budget", {"year": 2025})
    assert violation_text(s, missing) == "kept"


@pytest.mark.parametrize(
    ("actions", "what"),
    [
        ((Action(2099, "H", LeverKind.HIRE, 1),), "outside_horizon"),
        ((Action(2025, "NOPE", LeverKind.HIRE, 1),), "unknown_lever"),
        ((Action(2025, "H", LeverKind.ADVISER, 1),), "wrong_kind"),
        ((Action(2025, "H", LeverKind.HIRE, 2),), "too_many_starts"),
    ],
)
def test_each_rule_of_an_action_reads_in_japanese_without_codes(actions, what):
    s = scenario((dataclasses.replace(hire("H", 1_000_000), name="中途採用"),), capabilities=(PM,))
    found = [v for v in check_plan(s, plan_of(s, *actions)) if v.what == what]
    assert found, [v.what for v in check_plan(s, plan_of(s, *actions))]
    with in_language("ja"):
        text = violation_text(s, found[0])
    assert not re.search(r"[A-Za-z]{3,}", text.replace("NOPE", "")), text
