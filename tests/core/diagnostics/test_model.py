"""The input values: members, criteria, capabilities and settings, and the errors they raise."""

from __future__ import annotations

import pytest

from dxtalent.core.diagnostics import (
    Capability,
    DiagnosisSettings,
    DuplicatePersonError,
    InvalidCapabilityError,
    InvalidSettingError,
    LevelCriterion,
    NegotiationParams,
    RoleFitCriterion,
    TeamMember,
    UnknownEmploymentTypeError,
    UnknownRuleError,
    diagnose_team,
    paper_capabilities,
)
from dxtalent.core.frameworks import LevelOutOfRangeError, Text
from tests.core.diagnostics.builders import SETTINGS, person


def test_an_unknown_employment_type_is_rejected_with_the_accepted_values():
    with pytest.raises(UnknownEmploymentTypeError, match=r'"contractor".*"fixed_term_part_time"'):
        TeamMember("p1", "佐藤", {}, employment_type="contractor")


def test_an_employment_type_given_as_text_becomes_the_enum():
    assert (
        TeamMember("p1", "佐藤", {}, "corporate_secondee").employment_type == "corporate_secondee"
    )


def test_a_level_outside_0_to_4_is_rejected_naming_the_person_and_skill():
    with pytest.raises(LevelOutOfRangeError, match="person p1, CO-SPEC"):
        TeamMember("p1", "佐藤", {"CO-SPEC": 5})


def test_a_member_counts_a_missing_skill_as_level_0_and_their_levels_cannot_be_changed():
    member = TeamMember("p1", "佐藤", {"CO-SPEC": 2})
    assert member.level("CO-NEGO") == 0
    with pytest.raises(TypeError):
        member.levels["CO-SPEC"] = 4  # type: ignore[index]


def test_a_capability_needs_at_least_one_person_and_a_criterion_a_real_minimum():
    with pytest.raises(InvalidCapabilityError, match="target 0"):
        Capability("X", Text("x", "x"), LevelCriterion({"CO-SPEC": 2}), target=0)
    with pytest.raises(InvalidCapabilityError, match="0 is met by everyone"):
        LevelCriterion({"CO-SPEC": 0})


def test_a_level_criterion_lists_the_gaps_largest_first_and_counts_the_steps_short():
    criterion = LevelCriterion({"CO-COMM": 3, "CO-NEGO": 3, "CO-SPEC": 3})
    levels = {"CO-COMM": 3, "CO-NEGO": 1, "CO-SPEC": 2}
    assert [(g.skill, g.level, g.target) for g in criterion.gaps(levels)] == [
        ("CO-NEGO", 1, 3),
        ("CO-SPEC", 2, 3),
    ]
    assert criterion.shortfall(levels) == 3
    assert not criterion.meets(levels)
    assert criterion.meets({"CO-COMM": 4, "CO-NEGO": 3, "CO-SPEC": 3})


def test_a_role_fit_criterion_is_met_exactly_at_the_threshold():
    # Five skills at target 2: 10 levels; a score of 0.8 allows 2 missing levels.
    criterion = RoleFitCriterion("R", {s: 2 for s in "ABCDE"}, min_score=0.8)
    two_missing = {"A": 1, "B": 1, "C": 2, "D": 2, "E": 2}
    three_missing = {"A": 0, "B": 1, "C": 2, "D": 2, "E": 2}
    assert criterion.score(two_missing) == pytest.approx(0.8)
    assert criterion.meets(two_missing)
    assert not criterion.meets(three_missing)
    assert criterion.shortfall(three_missing) == 1


def test_settings_change_one_rule_by_id_and_refuse_unknown_rules_and_parameters():
    changed = SETTINGS.with_rule("negotiation-capacity", contracts=12)
    assert changed.negotiation_capacity.contracts == 12
    assert SETTINGS.negotiation_capacity.contracts == 0
    assert "bus-factor" not in SETTINGS.with_rule("bus-factor", enabled=False).enabled_rules()
    with pytest.raises(
        UnknownRuleError, match='"bus" is not a diagnostic rule; accepted: central-figure'
    ):
        SETTINGS.with_rule("bus", enabled=False)
    with pytest.raises(
        InvalidSettingError, match="bus-factor: no parameter people; accepted: enabled, min_people"
    ):
        SETTINGS.with_rule("bus-factor", people=3)


def test_rule_parameters_outside_their_range_are_refused_naming_the_parameter():
    with pytest.raises(InvalidSettingError, match=r"bus-factor\.min_people: 0"):
        SETTINGS.with_rule("bus-factor", min_people=0)
    with pytest.raises(
        InvalidSettingError, match="large_contracts: 5 is more than the 2 contracts"
    ):
        NegotiationParams(contracts=2, large_contracts=5)
    with pytest.raises(InvalidSettingError, match="horizon_years: 0"):
        DiagnosisSettings(horizon_years=0)


def test_negotiators_needed_count_a_large_contract_as_several():
    assert NegotiationParams(contracts=0).negotiators_needed() == 0
    assert NegotiationParams(contracts=10).negotiators_needed() == 2
    assert NegotiationParams(contracts=11).negotiators_needed() == 3
    assert NegotiationParams(contracts=9, large_contracts=1).negotiators_needed() == 2
    assert NegotiationParams(contracts=12, large_contracts=3).negotiators_needed() == 3


def test_a_team_with_the_same_person_twice_is_rejected():
    with pytest.raises(DuplicatePersonError, match='"p1" appears twice'):
        diagnose_team([person("p1"), person("p1")], [], SETTINGS)


def test_a_capability_code_given_twice_is_rejected():
    capabilities = list(paper_capabilities())
    with pytest.raises(InvalidCapabilityError, match='"CO-CAP-SPEC" appears twice'):
        diagnose_team([person("p1")], capabilities + capabilities[2:3], SETTINGS)


def test_the_paper_capabilities_follow_the_team_rule_and_keep_mics_roles_non_critical():
    capabilities = {c.code: c for c in paper_capabilities()}
    assert capabilities["CO-CAP-TEAM"].target == 3
    assert capabilities["CO-CAP-SPEC"].target == 3
    assert capabilities["CO-CAP-NEGO"].critical
    mic = [c for code, c in capabilities.items() if code.startswith("MIC-R-")]
    assert len(mic) == 4
    assert not any(c.critical for c in mic)
