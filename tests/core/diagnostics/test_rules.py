"""Each rule on small hand-built teams: it fires at its boundary and not just inside it."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.diagnostics import (
    RULE_IDS,
    BusFactorParams,
    CentralFigureParams,
    CoordinatingStaffParams,
    DiagnosisSettings,
    ExternalPairingParams,
    InvalidSettingError,
    MicRolesParams,
    NegotiationParams,
    Severity,
    SpecificationTeamParams,
    SuccessionParams,
    YearWorkload,
    diagnose_team,
    paper_capabilities,
)
from dxtalent.core.diagnostics.rules import (
    check_bus_factor,
    check_central_figure,
    check_coordinating_staff,
    check_external_pairing,
    check_mic_roles,
    check_negotiation_capacity,
    check_specification_team,
    check_succession,
)
from tests.core.diagnostics.builders import (
    LEADER,
    SPEC,
    STRONG,
    TODAY,
    person,
    role,
    rotating,
    skill_capability,
    view,
)

D = dt.date
JUST_SHORT = {**STRONG, "CO-SPEC": 2}


def severities(findings):
    return [f.severity for f in findings]


# --- central figure -------------------------------------------------------------------------


def test_without_anyone_at_the_central_figures_targets_there_is_no_central_figure():
    members = [person("sato", "佐藤", levels={**LEADER, "CO-SPEC": 3}, name_en="Sato")]
    [finding] = check_central_figure(view(members), CentralFigureParams())
    assert finding.severity is Severity.CRITICAL
    assert finding.people == ("sato",)
    assert "最も近いのは佐藤さん（仕様書作成 3→4）" in finding.message.ja
    assert "Closest: Sato (specification writing 3→4)" in finding.message.en
    assert finding.source.startswith('Nakagawa 2025, "Discussion"')


def test_level_3_in_the_four_abilities_is_not_enough_for_the_central_figure():
    members = [person("sato", "佐藤", levels=STRONG)]
    [finding] = check_central_figure(view(members), CentralFigureParams())
    assert finding.severity is Severity.CRITICAL


def test_one_person_at_the_roles_targets_is_the_central_figure():
    members = [person("sato", "佐藤", levels=LEADER), person("ito", "伊藤", levels=JUST_SHORT)]
    [finding] = check_central_figure(view(members), CentralFigureParams())
    assert finding.severity is Severity.INFO
    assert finding.people == ("sato",)
    assert finding.message.ja.startswith("佐藤さんが中心人物（司令塔）の条件")


def test_the_strongest_of_several_candidates_is_named_central_figure_first():
    leader = {**STRONG, "CO-COMM": 4, "CO-LEAD": 4}
    members = [person("ito", "伊藤", levels=STRONG), person("sato", "佐藤", levels=leader)]
    [finding] = check_central_figure(view(members), CentralFigureParams())
    assert finding.people == ("sato", "ito")


def test_an_external_professional_is_not_the_central_figure_unless_the_organisation_allows_it():
    members = [person("ext", levels=LEADER, is_external=True, employment_type="fixed_term")]
    assert severities(check_central_figure(view(members), CentralFigureParams())) == [
        Severity.CRITICAL
    ]
    allowed = CentralFigureParams(in_house_only=False)
    assert severities(check_central_figure(view(members), allowed)) == [Severity.INFO]


def test_people_outside_the_dx_department_or_no_longer_in_post_do_not_count():
    members = [
        person("hr", levels=STRONG, is_dx=False),
        person("gone", levels=STRONG, hard_end=TODAY - dt.timedelta(days=1)),
        person("later", levels=STRONG, post_start=D(2026, 4, 1)),
    ]
    assert severities(check_central_figure(view(members), CentralFigureParams())) == [
        Severity.CRITICAL
    ]


# --- two more coordinating staff ------------------------------------------------------------


def test_two_more_staff_besides_the_central_figure_meet_the_paper():
    members = [person("central", levels=LEADER)] + [person(p, levels=STRONG) for p in "ab"]
    [finding] = check_coordinating_staff(view(members), CoordinatingStaffParams())
    assert finding.severity is Severity.INFO
    assert finding.people == ("a", "b")


def test_one_more_staff_member_is_a_warning_naming_the_nearest_candidate():
    members = [
        person("central", "山田", levels=LEADER),
        person("a", "鈴木", levels=STRONG),
        person("b", "佐藤", levels=JUST_SHORT, name_en="Sato"),
    ]
    [finding] = check_coordinating_staff(view(members), CoordinatingStaffParams())
    assert finding.severity is Severity.WARNING
    assert finding.people == ("a", "b")
    assert "中心人物（山田さん）のほかに" in finding.message.ja
    assert "1人（鈴木さん）しかいません" in finding.message.ja
    assert "Nearest: Sato (specification writing 2→3)" in finding.message.en


def test_the_central_figure_alone_is_critical():
    members = [person("central", levels=LEADER), person("a", levels=JUST_SHORT)]
    [finding] = check_coordinating_staff(view(members), CoordinatingStaffParams())
    assert finding.severity is Severity.CRITICAL


# --- specification team ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("writers", "severity"),
    [(3, Severity.INFO), (2, Severity.WARNING), (1, Severity.CRITICAL), (0, Severity.CRITICAL)],
)
def test_a_specification_takes_three_people_at_level_2(writers, severity):
    members = [person(f"w{i}", levels={"CO-SPEC": 2}) for i in range(writers)]
    members.append(person("novice", levels={"CO-SPEC": 1}))
    [finding] = check_specification_team(view(members), SpecificationTeamParams())
    assert finding.severity is severity
    assert len(finding.people) == writers


# --- MIC's roles ----------------------------------------------------------------------------

PM = role("R-PM", {"A": 2, "B": 2, "C": 2, "D": 2, "E": 2}, name="プロジェクトマネージャー")


def test_a_covered_role_says_by_whom_and_whether_in_house_or_external():
    members = [
        person("ext", "田中", levels=dict.fromkeys("ABCDE", 2), is_external=True,
               employment_type="side_job", name_en="Tanaka"),
        person("own", "佐藤", levels={"A": 2, "B": 2, "C": 2, "D": 1, "E": 1}),
    ]  # fmt: skip
    [finding] = check_mic_roles(view(members), MicRolesParams(roles=(PM,)))
    assert finding.severity is Severity.INFO
    assert finding.people == ("ext", "own")
    assert "田中さん（外部・副業人材、適合度1.00）" in finding.message.ja
    assert "佐藤さん（庁内・正規職員、適合度0.80）" in finding.message.ja
    assert "Tanaka (external, side-job professional; fit 1.00)" in finding.message.en


def test_a_role_nobody_fits_well_enough_is_a_warning_not_critical_since_mics_roles_are_a_menu():
    members = [person("own", "佐藤", levels={"A": 2, "B": 2, "C": 2, "D": 1})]  # fit 0.7
    [finding] = check_mic_roles(view(members), MicRolesParams(roles=(PM,)))
    assert finding.severity is Severity.WARNING
    assert "最も近いのは佐藤さん（適合度0.70）" in finding.message.ja
    assert "menu" in finding.message.en


def test_a_role_the_organisation_has_not_chosen_from_the_menu_raises_no_warning():
    members = [person("own", levels={"A": 1})]
    assert check_mic_roles(view(members), MicRolesParams(roles=(PM,), wanted=())) == []


def test_by_default_the_rule_checks_mics_four_roles():
    findings = check_mic_roles(view([person("p")]), MicRolesParams())
    assert severities(findings) == [Severity.WARNING] * 4
    assert "プロデューサー（CIO補佐官等）" in findings[0].message.ja


# --- bus factor -----------------------------------------------------------------------------


def test_a_critical_capability_resting_on_one_person_is_a_warning_naming_them():
    capability = skill_capability("NEGO", {"CO-NEGO": 3}, target=1)
    members = [person("sato", "佐藤", levels={"CO-NEGO": 3}, name_en="Sato"), person("ito")]
    [finding] = check_bus_factor(view(members, [capability]), BusFactorParams())
    assert finding.severity is Severity.WARNING
    assert finding.people == ("sato",)
    assert finding.capability == "NEGO"
    assert finding.message.en.startswith("Only Sato can cover")


def test_two_people_are_enough_and_nobody_is_critical():
    capability = skill_capability("NEGO", {"CO-NEGO": 3}, target=1)
    two = [person(p, levels={"CO-NEGO": 3}) for p in ("a", "b")]
    assert check_bus_factor(view(two, [capability]), BusFactorParams()) == []
    nobody = [person("a", levels={"CO-NEGO": 2})]
    [finding] = check_bus_factor(view(nobody, [capability]), BusFactorParams())
    assert finding.severity is Severity.CRITICAL


def test_a_capability_that_is_not_critical_may_rest_on_one_person():
    capability = skill_capability("UX", {"MIC-S03": 3}, target=1, critical=False)
    members = [person("a", levels={"MIC-S03": 3})]
    assert check_bus_factor(view(members, [capability]), BusFactorParams()) == []


# --- succession -----------------------------------------------------------------------------


SATO_START = D(2024, 4, 1)


def spec_team(sato_start=SATO_START):
    """Three specification writers, Sato rotating at the end of FY2027, and two people who
    could grow into the role."""
    return [
        rotating("sato", sato_start, name="佐藤", name_en="Sato", levels={"CO-SPEC": 3}),
        person("tanaka", "田中", levels={"CO-SPEC": 2}),
        person("suzuki", "鈴木", levels={"CO-SPEC": 2}),
        person("ito", "伊藤", levels={"CO-SPEC": 1, "CO-NEGO": 2}, name_en="Ito"),
        person("kato", "加藤", levels={}, name_en="Kato"),
    ]


def test_a_rotation_that_drops_a_capability_below_target_names_the_best_successors():
    [finding] = check_succession(view(spec_team(), [SPEC]), SuccessionParams())
    assert finding.message.ja.startswith(
        "佐藤さんが2027年度末に異動すると、「仕様書作成」を担える職員が2人になります（目標3人）。"
    )
    assert finding.message.en.startswith(
        "When Sato rotates out at the end of FY2027, only 2 people can cover “specification "
        "writing” (target 3)."
    )
    assert (
        "Best successors: Ito (specification writing 1→2), Kato (specification writing 0→2)"
        in finding.message.en
    )
    assert finding.message.en.endswith("34 months to the move on 2028-04-01.")
    assert (finding.departure_day, finding.time_left.months) == (D(2028, 4, 1), 34)
    assert finding.fiscal_year == 2028
    assert finding.people == ("sato", "ito", "kato")
    assert [(s.person, s.shortfall) for s in finding.successors] == [("ito", 1), ("kato", 2)]
    assert finding.severity is Severity.WARNING


def test_a_departure_that_leaves_the_target_met_is_no_succession_finding():
    members = [*spec_team(), person("extra", levels={"CO-SPEC": 2})]
    assert check_succession(view(members, [SPEC]), SuccessionParams()) == []


def test_a_departure_after_the_horizon_is_not_reported():
    settings = DiagnosisSettings(today=TODAY, horizon_years=3)  # FY2025–FY2027
    assert check_succession(view(spec_team(), [SPEC], settings), SuccessionParams()) == []


def test_losing_a_critical_capability_at_the_end_of_this_fiscal_year_is_critical():
    # Four years from 2021-10-01 are complete in FY2025: Sato leaves on 2026-03-31.
    [finding] = check_succession(view(spec_team(D(2021, 10, 1)), [SPEC]), SuccessionParams())
    assert finding.fiscal_year == 2026
    assert finding.severity is Severity.CRITICAL


def test_a_term_that_ends_is_named_by_its_date():
    members = spec_team()
    members[0] = person("sato", "佐藤", levels={"CO-SPEC": 3}, hard_end=D(2026, 9, 30))
    [finding] = check_succession(view(members, [SPEC]), SuccessionParams())
    assert finding.message.ja.startswith("佐藤さんの任期が2026年9月30日に終わると")
    assert finding.message.ja.endswith("任期満了（2026年9月30日）まであと16か月です。")
    assert finding.fiscal_year == 2026


def test_a_term_ending_this_fiscal_year_is_critical_and_counted_in_months_to_its_end():
    members = spec_team()
    members[0] = person("sato", "佐藤", levels={"CO-SPEC": 3}, hard_end=D(2026, 1, 31))
    [finding] = check_succession(view(members, [SPEC]), SuccessionParams())
    assert finding.fiscal_year == 2025
    assert finding.severity is Severity.CRITICAL
    assert finding.message.en.endswith("8 months to the end of the term on 2026-01-31.")


def test_a_capability_already_below_target_is_reported_again_when_it_falls_further():
    members = [*spec_team()[:2], person("ito", levels={"CO-SPEC": 1})]  # 2 writers of 3
    [finding] = check_succession(view(members, [SPEC]), SuccessionParams())
    assert "1人になります" in finding.message.ja


def test_successors_come_from_other_departments_only_when_asked():
    members = [*spec_team()[:3], person("hr", "人事", is_dx=False, levels={"CO-SPEC": 1})]
    [inside] = check_succession(view(members, [SPEC]), SuccessionParams())
    assert inside.successors == ()
    assert "後任の候補になる職員がいません" in inside.message.ja
    wider = SuccessionParams(include_other_departments=True)
    [outside] = check_succession(view(members, [SPEC]), wider)
    assert [s.person for s in outside.successors] == ["hr"]


# --- external professionals and in-house partners ------------------------------------------


def external(person_id, govt=1):
    return person(person_id, is_external=True, employment_type="corporate_secondee",
                  levels={"CO-GOVT": govt})  # fmt: skip


def test_an_external_professional_without_an_in_house_partner_is_a_warning():
    members = [external("ext"), person("own", levels={"CO-GOVT": 2})]
    [finding] = check_external_pairing(view(members), ExternalPairingParams())
    assert finding.severity is Severity.WARNING
    assert finding.people == ("ext",)
    assert "understanding of local government" in finding.message.en


def test_an_in_house_partner_who_knows_local_government_is_enough_for_two_externals():
    partner = person("own", levels={"CO-GOVT": 3})
    two = [external("e1"), external("e2"), partner]
    assert check_external_pairing(view(two), ExternalPairingParams()) == []
    three = [*two, external("e3")]
    [finding] = check_external_pairing(view(three), ExternalPairingParams())
    assert finding.people == ("e1", "e2", "e3", "own")


def test_an_external_professional_who_knows_local_government_needs_no_partner():
    assert check_external_pairing(view([external("ext", govt=3)]), ExternalPairingParams()) == []


# --- negotiation capacity -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("negotiators", "expected"),
    [(2, []), (1, [Severity.WARNING]), (0, [Severity.CRITICAL])],
)
def test_ten_contracts_need_two_negotiators(negotiators, expected):
    members = [person(f"n{i}", levels={"CO-NEGO": 3}) for i in range(negotiators)]
    members.append(person("junior", levels={"CO-NEGO": 2}))
    params = NegotiationParams(contracts=10)
    assert severities(check_negotiation_capacity(view(members), params)) == expected


def test_a_large_contract_counts_double_and_no_contracts_mean_no_finding():
    members = [person("n1", "田中", levels={"CO-NEGO": 3})]
    [finding] = check_negotiation_capacity(
        view(members), NegotiationParams(contracts=9, large_contracts=1)
    )
    assert "事業者との契約9件（うち大規模1件）" in finding.message.ja
    assert "the guide is 2" in finding.message.en
    assert check_negotiation_capacity(view([]), NegotiationParams()) == []


def test_renewals_from_the_register_find_the_year_the_negotiators_rotate_out():
    # 田中 and 鈴木 can negotiate; both move on 1 April 2027 (in post from 2022-04-01, window
    # 3–5 years: the latest move is after FY2026). FY2027 has 4 renewals and 2 migrations.
    members = [
        rotating("n1", dt.date(2022, 4, 1), name="田中", levels={"CO-NEGO": 3}),
        rotating("n2", dt.date(2022, 4, 1), name="鈴木", levels={"CO-SPEC": 3}),
        person("junior", levels={"CO-NEGO": 2}),
    ]
    params = NegotiationParams(
        workload={2025: YearWorkload(renewals=2), 2027: YearWorkload(renewals=4, migrations=2)}
    )
    [finding] = check_negotiation_capacity(view(members), params)
    assert finding.fiscal_year == 2027
    assert finding.severity is Severity.CRITICAL
    assert "2027年度は契約の更新4件" in finding.message.ja
    assert "田中" in finding.message.ja and "異動する見込み" in finding.message.ja
    assert "the guide is 2" in finding.message.en and "assumption" in finding.message.en
    assert set(finding.people) == {"n1", "n2"}


def test_the_ratio_of_events_per_negotiator_is_a_setting():
    members = [person("n1", levels={"CO-NEGO": 3})]
    work = {2025: YearWorkload(renewals=4)}
    assert check_negotiation_capacity(view(members), NegotiationParams(workload=work))
    assert not check_negotiation_capacity(
        view(members), NegotiationParams(workload=work, events_per_negotiator=4)
    )
    with pytest.raises(InvalidSettingError, match="events_per_negotiator"):
        NegotiationParams(events_per_negotiator=0)


# --- switching rules off --------------------------------------------------------------------


def troubled_team():
    """Sato (strong in coordination, 2 in understanding local government) rotates out at the
    end of FY2025; Tanaka, an external without local-government knowledge, has a fixed term."""
    levels = {**STRONG, "CO-GOVT": 2}
    return [
        rotating("sato", D(2022, 4, 1), name="佐藤", levels=levels),
        person("tanaka", "田中", is_external=True, employment_type="fixed_term",
               hard_end=D(2027, 3, 31)),
    ]  # fmt: skip


TROUBLED = DiagnosisSettings(today=TODAY).with_rule("negotiation-capacity", contracts=20)


def test_the_troubled_team_triggers_every_rule():
    diagnosis = diagnose_team(troubled_team(), paper_capabilities(), TROUBLED)
    assert {f.rule for f in diagnosis.findings} == set(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_a_disabled_rule_produces_nothing_and_leaves_the_others_alone(rule_id):
    everything = diagnose_team(troubled_team(), paper_capabilities(), TROUBLED)
    without = diagnose_team(
        troubled_team(), paper_capabilities(), TROUBLED.with_rule(rule_id, enabled=False)
    )
    assert without.of_rule(rule_id) == ()
    assert without.findings == tuple(f for f in everything.findings if f.rule != rule_id)


def test_with_every_rule_off_there_are_no_findings_but_still_a_forecast():
    settings = TROUBLED
    for rule_id in RULE_IDS:
        settings = settings.with_rule(rule_id, enabled=False)
    diagnosis = diagnose_team(troubled_team(), paper_capabilities(), settings)
    assert diagnosis.findings == ()
    assert len(diagnosis.forecast.capabilities) == 8
