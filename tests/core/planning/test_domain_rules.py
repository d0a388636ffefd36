"""The planner's domain rules agree with the diagnosis's (issue #11): a programme brings a
skill to its level, one rule of who is in post when, a named person engaged once at a time,
shares of full time counted alike, the budget read gross, the central figure in-house,
external professionals paired, training that not everyone finishes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from dxtalent.core.diagnostics import (
    DiagnosisSettings,
    TeamMember,
    diagnose_team,
    paper_capabilities,
)
from dxtalent.core.planning import (
    Action,
    ExternalPairing,
    Hire,
    LeverKind,
    Scenario,
    SideJob,
    check_plan,
    coverage_cells,
    load_scenario,
    plan_risk,
    plan_staffing,
)
from dxtalent.core.planning.io import ScenarioFormatError
from dxtalent.core.planning.scenario import trained
from tests.core.planning.builders import FIRST, capability, hire, person, scenario, training


def test_a_programme_brings_a_skill_to_its_level_and_never_adds_on_top():
    assert trained({"A": 1, "B": 1, "C": 4}, {"A": 3, "B": 2, "C": 2}) == {"A": 3, "B": 2, "C": 4}


def test_the_checker_counts_a_trainee_at_the_programmes_level_not_above_it():
    # Level 1 → a programme "raising to 2" gives 2, which does not meet PM 3 (it added 1+2=3
    # before the fix).
    team = (person("saito", PM=1),)
    plan_input = scenario((training(raises_to={"PM": 2}),), team)
    action = Action(FIRST, "T-PM", LeverKind.TRAINING, 1, "saito")
    assert coverage_cells(plan_input, [action])[1].count == 0


def test_a_scenario_file_with_additive_gains_is_refused_naming_the_new_field():
    text = """
first_fiscal_year: 2025
horizon_years: 1
yearly_budget: 0
levers:
  - {kind: training, code: T, gains: {PM: 1}}
"""
    with pytest.raises(
        ScenarioFormatError, match=r"levers\[0\]\.gains: no longer accepted.*raises_to"
    ):
        load_scenario(text)


@st.composite
def teams(draw: st.DrawFn) -> tuple[tuple[TeamMember, ...], dt.date, int]:
    today = draw(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
    members = []
    for index in range(draw(st.integers(1, 6))):
        start = draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2029, 12, 31))))
        low = draw(st.integers(1, 5))
        kind = draw(st.sampled_from(("regular", "fixed_term", "fixed_term_part_time")))
        end = None
        if kind != "regular" and draw(st.booleans()):
            end = draw(st.dates(dt.date(2024, 1, 1), dt.date(2034, 3, 31)))
        members.append(
            TeamMember(
                f"p{index}",
                f"p{index}",
                {"PM": draw(st.integers(0, 4))},
                employment_type=kind,
                post_start=start,
                hard_end=end,
                specialist_post=draw(st.booleans()),
                rotation_window=(low, low + draw(st.integers(0, 3))),
            )
        )
    today_fy = today.year if today.month >= 4 else today.year - 1
    first = today_fy + draw(st.integers(0, 2))
    return tuple(members), today, first


@settings(max_examples=150, deadline=None)
@given(teams(), st.sampled_from((None, 0, 2)))
def test_the_diagnosis_and_the_planner_see_the_same_people_in_post_in_every_fiscal_year(
    drawn, reappointments
):
    members, today, first = drawn
    horizon = 5
    plan_input = Scenario(
        first_fiscal_year=first,
        horizon_years=horizon,
        yearly_budget=0,
        capabilities=(capability(target=1),),
        team=members,
        as_of=today,
        reappointments=reappointments,
    )
    today_fy = today.year if today.month >= 4 else today.year - 1
    diagnosis = diagnose_team(
        members,
        (capability(target=1),),
        DiagnosisSettings(
            today=today,
            horizon_years=first + horizon - today_fy,
            reappointments=reappointments,
        ),
    )
    seen = {entry.person: set(entry.fiscal_years) for entry in diagnosis.timeline}
    for member in members:
        planned = set(plan_input.years_in_post(member))
        assert planned == seen[member.id] & set(plan_input.fiscal_years()), member


def test_someone_due_to_move_on_1_april_is_not_counted_in_the_first_planned_year():
    # In post since 2023-04-01, window 3–5: four years complete on 2027-03-31; the plan made in
    # December 2026 for FY2027 must not count them (the diagnosis does not either).
    member = TeamMember("ueda", "上田", {"PM": 3}, post_start=dt.date(2023, 4, 1))
    plan_input = Scenario(2027, 2, 0, (capability(),), (member,), as_of=dt.date(2026, 12, 5))
    assert plan_input.years_in_post(member) == ()
    assert coverage_cells(plan_input, [])[0].count == 0


def test_a_fiscal_year_appointee_is_reappointed_unless_the_organisation_limits_it():
    member = TeamMember(
        "nakajima",
        "中島",
        {"PM": 3},
        employment_type="fixed_term_part_time",
        post_start=dt.date(2025, 4, 1),
        hard_end=dt.date(2026, 3, 31),
    )
    open_ended = scenario((), (member,), years=4)
    assert open_ended.years_in_post(member) == (2025, 2026, 2027, 2028)
    limited = scenario((), (member,), years=4, reappointments=2)
    assert limited.years_in_post(member) == (2025, 2026, 2027)


def test_a_named_candidate_is_engaged_at_most_once_at_a_time_even_for_best_coverage():
    ishii = hire("C-ISHII", 1_000_000, candidate="ISHII", max_per_year=1, term_years=3)
    plan_input = scenario((ishii,), capabilities=(capability(target=3),), years=3)
    plan = plan_staffing(plan_input, "coverage")
    assert sum(a.count for a in plan.actions) == 1
    assert check_plan(plan_input, plan) == []


def test_the_checker_rejects_a_plan_that_engages_one_person_twice_at_once():
    ishii = hire("C-ISHII", 1_000_000, candidate="ISHII", max_per_year=1, term_years=3)
    plan_input = scenario((ishii,), years=3)
    plan = plan_staffing(plan_input, "coverage")
    twice = dataclasses.replace(
        plan,
        actions=(
            Action(FIRST, "C-ISHII", LeverKind.HIRE, 1, None, FIRST),
            Action(FIRST + 1, "C-ISHII", LeverKind.HIRE, 1, None, FIRST + 1),
        ),
    )
    assert "named_once" in {v.rule for v in check_plan(plan_input, twice)}


def test_a_named_candidate_is_engaged_only_within_their_availability():
    late = hire("C-LATE", 1_000_000, candidate="LATE", available_from=FIRST + 1, term_years=1)
    plan_input = scenario((late,), years=2)
    plan = plan_staffing(plan_input, "coverage")
    assert [a.fiscal_year for a in plan.actions] == [FIRST + 1]


def test_a_part_time_cdo_counts_as_a_share_of_a_person_in_the_diagnosis_and_the_planner():
    cdo = TeamMember("cdo", "CDO", {"CO-SPEC": 3}, employment_type="side_job", specialist_post=True)
    assert cdo.fte == pytest.approx(0.2)
    spec = capability("SPEC", 1, **{"CO-SPEC": 2})
    diagnosis = diagnose_team((cdo,), (spec,), DiagnosisSettings(today=dt.date(2025, 6, 1)))
    assert diagnosis.forecast.cells[0][0].count == pytest.approx(0.2)
    assert not diagnosis.forecast.cells[0][0].met
    plan_input = scenario((), (cdo,), capabilities=(spec,), years=1)
    assert coverage_cells(plan_input, [])[0].count == pytest.approx(0.2)


def test_the_budget_limits_gross_cost_by_default_and_net_on_request():
    # Gross ¥2.4 M a year, of which the state supports up to ¥2 M: over a ¥1 M gross budget,
    # within it net.
    helper = SideJob("C-SJ", "side job", {"PM": 3}, 2_400_000, lead_time_years=0)
    gross = scenario((helper,), budget=1_000_000, years=1)
    net = scenario((helper,), budget=1_000_000, years=1, budget_basis="net")
    gross_plan = plan_staffing(gross, "coverage")
    assert gross_plan.actions == ()
    assert gross.budget_basis == "gross" and net.budget_basis == "net"


def test_a_plan_shows_each_year_gross_support_subsidy_and_own_funds():
    plan_input = scenario((hire("H", 5_000_000, term_years=1),), years=1)
    plan = plan_staffing(plan_input, "cost")
    [year] = plan.funding_by_year()
    assert year.gross == 5_000_000 and year.gross == year.support + year.subsidy + year.net


def test_engaged_professionals_do_not_count_for_the_central_figure():
    central = dataclasses.replace(capability("CENTRAL", 1), in_house_only=True)
    plan_input = scenario((hire("H", 1_000_000),), capabilities=(central,), years=1)
    assert plan_staffing(plan_input, "cost").status.value == "infeasible"


def test_the_paper_capabilities_ask_for_an_in_house_central_figure_at_the_roles_targets():
    from dxtalent.core.frameworks import load_shipped_packs

    central = next(c for c in paper_capabilities() if c.code == "CO-CAP-CENTRAL")
    role = next(
        r
        for f in load_shipped_packs().frameworks.values()
        for r in f.roles
        if r.code == "CO-R-CENTRAL"
    )
    assert central.in_house_only and dict(central.criterion.minimums) == dict(role.targets)


def test_external_professionals_need_in_house_partners_in_the_plan():
    partner = person("local", PM=1, **{"CO-GOVT": 3})
    outsiders = hire("H", 1_000_000, max_per_year=5, term_years=1, levels={"PM": 3})
    plan_input = scenario(
        (outsiders,),
        (partner,),
        capabilities=(capability(target=4),),
        years=1,
        external_pairing=ExternalPairing(externals_per_partner=2),
    )
    plan = plan_staffing(plan_input, "coverage")
    assert sum(a.count for a in plan.actions) == 2
    assert check_plan(plan_input, plan) == []


def test_training_outside_working_hours_counts_at_its_completion_rate_and_is_drawn():
    team = (person("a", PM=2),)
    programme = training(outside_working_hours=True, completion_rate=0.5)
    plan_input = scenario((programme,), team, years=2)
    action = Action(FIRST, "T-PM", LeverKind.TRAINING, 1, "a")
    cells = coverage_cells(plan_input, [action])
    assert [c.count for c in cells] == [0, 0.5]
    risk = plan_risk(plan_input, [action], runs=4000, seed=1)
    assert risk.probability_of("PM", FIRST + 1) == pytest.approx(0.5, abs=0.03)


def test_a_programme_in_working_hours_is_completed_by_default():
    assert training().completion_rate == 1.0
    assert training(outside_working_hours=True).completion_rate == pytest.approx(0.8)


def test_hire_growth_still_adds_levels_each_year():
    grower = Hire("H", "H", {"PM": 1}, 1, growth_per_year={"PM": 1})
    assert grower.levels_in_year(2)["PM"] == 3


def test_a_team_above_the_headcount_cap_is_explained_by_the_cap_not_the_targets():
    team = (person("a", PM=3), person("b", PM=3), person("c", PM=3))
    plan = plan_staffing(scenario((), team, headcount_cap=2.0, years=1), "cost")
    assert plan.status.value == "infeasible"
    [reason] = plan.explanation
    assert reason.capability == "" and "headcount cap of 2" in reason.reason
