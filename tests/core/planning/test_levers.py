"""The levers' state support: one rule for every kind (support ≤ the cap × the share of the
year, never more than the gross cost), and 地域活性化起業人's area rules deciding whether the
support counts where the organisation is."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dxtalent.core.planning import (
    Advice,
    Adviser,
    Hire,
    PoolDays,
    Secondee,
    SideJob,
    check_plan,
    load_scenario,
    plan_staffing,
)
from dxtalent.core.planning.programmes import (
    Finding,
    InvalidLocationError,
    Location,
    corporate_secondee_eligibility,
)
from tests.core.planning.builders import scenario

KANAZAWA = Location("17201")  # 石川県金沢市: outside the three metropolitan areas
YOKOHAMA = Location("14100")  # 神奈川県横浜市: a designated city inside them
CHIYODA = Location("13101", disadvantaged_area=True)  # 東京都千代田区: a special ward
OKUTAMA = Location("13308")  # 東京都奥多摩町: a town inside them (過疎, 山村)
SAITAMA_PREF = Location("11000")  # 埼玉県 itself


def secondee(location: Location | None = KANAZAWA, cost: int = 8_000_000, **changes: object):
    fields: dict[str, object] = {
        "code": "K",
        "name": "secondee",
        "levels": {"PM": 3},
        "cost_per_year": cost,
        "lead_time_years": 0,
        "duration_years": 3.0,
        "firm_in_metropolitan_area": True,
        "location": location,
    }
    fields.update(changes)
    return Secondee(**fields)  # type: ignore[arg-type]


def side_job(cost: int, travel: int = 0, location: Location | None = KANAZAWA, **changes: object):
    fields: dict[str, object] = {
        "code": "J",
        "name": "side job",
        "levels": {"PM": 3},
        "cost_per_year": cost,
        "travel_per_year": travel,
        "firm_in_metropolitan_area": True,
        "location": location,
    }
    fields.update(changes)
    return SideJob(**fields)  # type: ignore[arg-type]


def test_a_secondee_is_supported_in_a_municipality_outside_the_three_metropolitan_areas():
    lever = secondee(KANAZAWA)
    assert lever.eligibility().finding is Finding.OUTSIDE
    assert lever.support(0, 3) == 5_600_000
    assert lever.gross_cost(0, 3) - lever.support(0, 3) == 2_400_000
    assert "outside the three metropolitan areas" in lever.support_note().en


@pytest.mark.parametrize(
    ("location", "finding", "named"),
    [
        (YOKOHAMA, Finding.INSIDE_DESIGNATED_CITY, "神奈川県"),
        (CHIYODA, Finding.INSIDE_WARD, "東京都"),
        (SAITAMA_PREF, Finding.INSIDE_PREFECTURE, "埼玉県"),
        (OKUTAMA, Finding.INSIDE_DISADVANTAGED_NOT_KNOWN, "東京都"),
        (None, Finding.NO_LOCATION, "location.code"),
    ],
)
def test_a_secondee_is_not_supported_inside_the_three_areas_and_the_note_says_why(
    location, finding, named
):
    lever = secondee(location)
    assert lever.eligibility().finding is finding
    assert lever.support(0, 3) == 0
    assert lever.gross_cost(0, 3) == 8_000_000
    note = lever.support_note()
    assert "no state support counted" in note.en and "計上していません" in note.ja
    assert named in note.ja + note.en


def test_a_town_inside_the_areas_with_a_disadvantaged_area_is_supported_and_unknown_says_how():
    # Where to say it has one: the team diagnosis settings on the web, the scenario file else.
    on_page, in_file = (secondee(OKUTAMA).support_note(advice) for advice in Advice)
    assert "team diagnosis settings" in on_page.en and "チーム診断の設定" in on_page.ja
    assert "location.disadvantaged_area" not in on_page.en
    assert "location.disadvantaged_area: true" in in_file.en and "診断の設定" not in in_file.ja
    assert "location.disadvantaged_area" not in secondee(OKUTAMA).support_note(None).en
    assert secondee(Location("13308", disadvantaged_area=False)).support(0, 3) == 0
    assert secondee(Location("13308", disadvantaged_area=True)).support(0, 3) == 5_600_000


def test_a_designated_city_inside_the_areas_is_not_supported_even_with_a_disadvantaged_area():
    assert secondee(Location("14150", disadvantaged_area=True)).support(0, 3) == 0  # 相模原市


def test_the_firm_must_be_in_the_three_metropolitan_areas_and_not_given_counts_as_no():
    outside = secondee(KANAZAWA, firm_in_metropolitan_area=False)
    assert outside.support(0, 3) == 0 and outside.eligibility().finding is Finding.FIRM_OUTSIDE
    not_given = secondee(KANAZAWA, firm_in_metropolitan_area=None)
    assert not_given.support(0, 3) == 0
    assert "firm_in_metropolitan_area: true" in not_given.support_note(Advice.FILE).en
    assert "firm_in_metropolitan_area" not in not_given.support_note(Advice.PAGE).en


def test_the_organisation_is_judged_before_the_firm():
    assert corporate_secondee_eligibility(YOKOHAMA, None).finding is (
        Finding.INSIDE_DESIGNATED_CITY
    )


def test_a_half_year_secondee_gets_half_the_cap_and_never_more_than_its_cost():
    lever = secondee(KANAZAWA, cost=8_000_000, duration_years=1.5)
    assert [lever.support(k, 2) for k in range(2)] == [2_800_000, 5_600_000]
    cheap = secondee(KANAZAWA, cost=3_000_000, duration_years=0.5)
    assert cheap.gross_cost(0, 1) == 1_500_000 and cheap.support(0, 1) == 1_500_000


def test_side_job_support_is_at_most_one_million_for_the_fee_and_one_for_travel():
    assert side_job(3_000_000, travel=1_500_000).support(0, 1) == 2_000_000
    # Travel not paid is not supported: the fee alone gets at most ¥1 M.
    assert side_job(2_400_000).support(0, 1) == 1_000_000
    assert side_job(600_000, travel=300_000).support(0, 1) == 900_000
    assert side_job(2_400_000, travel=200_000).gross_cost(0, 1) == 2_600_000


def test_a_side_job_is_supported_only_under_the_programme_and_with_four_days_a_month():
    assert side_job(2_400_000, location=YOKOHAMA).support(0, 1) == 0
    assert side_job(2_400_000, firm_in_metropolitan_area=None).support(0, 1) == 0
    short = side_job(2_400_000, fraction=0.1)
    assert short.support(0, 1) == 0 and short.eligibility().finding is Finding.TOO_LITTLE_TIME


def test_the_default_side_job_fee_is_48_days_at_the_middle_of_the_cio_assistant_day_rate():
    from dxtalent.core.planning import defaults

    assert defaults.SIDE_JOB_COST_PER_YEAR == 48 * (40_460 + 59_280) // 2


def test_advisers_and_pool_days_cost_nothing_by_default_and_say_who_pays():
    adviser = Adviser("A", "adviser", {"PM": 3})
    pool = PoolDays("Q", "pool", {"PM": 3})
    assert adviser.gross_cost(0, 1) == 0 and pool.gross_cost(0, 1) == 0
    assert adviser.support(0, 1) == 0 and pool.support(0, 1) == 0
    assert "MIC pays the adviser's fees and travel" in adviser.support_note().en
    assert "普通交付税" in pool.support_note().ja


def test_a_hire_has_no_support_unless_a_cap_is_given_such_as_a_regional_pm():
    assert Hire("H", "hire", {"PM": 3}, 7_000_000).support(0, 1) == 0
    regional_pm = Hire("H", "hire", {"PM": 3}, 7_000_000, state_support_per_person_year=6_500_000)
    assert regional_pm.support(0, 1) == 6_500_000
    assert "not checked" in regional_pm.support_note().en
    # Without a cap, the advice follows in one message: sentences run on in Japanese.
    plain = Hire("H", "hire", {"PM": 3}, 7_000_000)
    note = plain.support_note(Advice.PAGE)
    assert note.ja.startswith("国の支援は計上していません。支援のある制度で採用する場合")
    assert note.en.startswith("No state support counted. A hire under a programme")


LOCATIONS = st.sampled_from([KANAZAWA, YOKOHAMA, CHIYODA, OKUTAMA, SAITAMA_PREF, None])


@st.composite
def engagements(draw):
    kind = draw(st.sampled_from(("hire", "secondee", "side_job", "adviser")))
    cost = draw(st.integers(0, 20_000_000))
    cap = draw(st.integers(0, 20_000_000))
    location = draw(LOCATIONS)
    firm = draw(st.sampled_from([True, False, None]))
    if kind == "hire":
        return Hire("E", "E", {}, cost, state_support_per_person_year=cap, location=location)
    if kind == "secondee":
        years = draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.5, 3.0]))
        return secondee(location, cost, duration_years=years, firm_in_metropolitan_area=firm,
                        state_support_per_person_year=cap)  # fmt: skip
    if kind == "side_job":
        travel = draw(st.integers(0, 3_000_000))
        fraction = draw(st.sampled_from([0.1, 0.2, 0.5, 1.0]))
        return side_job(cost, travel, location, firm_in_metropolitan_area=firm,
                        state_support_per_person_year=cap, fraction=fraction)  # fmt: skip
    return Adviser("E", "E", {}, cost_per_year=cost, state_support_per_person_year=cap)


@given(engagements(), st.integers(1, 5))
def test_support_never_exceeds_the_gross_cost_nor_the_cap_and_net_is_never_below_zero(lever, left):
    for k in range(len(lever.shares(left))):
        gross, support = lever.gross_cost(k, left), lever.support(k, left)
        assert 0 <= support <= gross
        assert support <= lever.support_cap() * lever.shares(left)[k] + 1
        if not (lever.eligibility() is None or lever.eligibility().eligible):
            assert support == 0


def test_an_ineligible_organisations_plan_never_shows_a_secondee_at_net_cost_zero():
    # ¥5 M a year is under the ¥5.6 M cap: with support it would cost nothing.
    lever = secondee(None, cost=5_000_000, duration_years=2.0)
    for where in (YOKOHAMA, CHIYODA, OKUTAMA, None):
        s = scenario((lever,), location=where)
        plan = plan_staffing(s)
        assert [a.lever for a in plan.actions] == ["K"]
        assert [(line.gross, line.net) for line in plan.costs] == [(5_000_000, 5_000_000)] * 2
        assert check_plan(s, plan) == []
    supported = plan_staffing(scenario((lever,), location=KANAZAWA))
    assert [line.net for line in supported.costs] == [0, 0]


def test_a_scenario_gives_its_location_to_its_engagement_levers():
    s = scenario((secondee(None),), location=KANAZAWA)
    assert s.levers[0].location == KANAZAWA and s.levers[0].support(0, 3) == 5_600_000
    assert scenario((secondee(KANAZAWA),)).levers[0].location is None


def test_a_location_takes_five_or_six_digits_and_names_a_bad_code():
    assert Location("17201").code == "172014" and Location("１７２０１４").prefecture == "17"
    with pytest.raises(InvalidLocationError, match=r"location\.code: .*check digit"):
        Location("172015")
    with pytest.raises(InvalidLocationError, match=r"disadvantaged_area: 'yes'"):
        Location("17201", disadvantaged_area="yes")  # type: ignore[arg-type]


SCENARIO = """
first_fiscal_year: 2025
horizon_years: 2
yearly_budget: 30000000
location: {code: "13308", disadvantaged_area: true}
levers:
  - {kind: corporate_secondee, code: K-1, levels: {PM: 3}, cost_per_year: 8000000,
     firm_in_metropolitan_area: true}
  - {kind: side_job, code: J-1, levels: {PM: 3}, cost_per_year: 2400000, travel_per_year: 300000,
     firm_in_metropolitan_area: true}
  - {kind: hire, code: H-1, levels: {PM: 3}, cost_per_year: 7000000,
     state_support_per_person_year: 6500000}
"""


def test_a_scenario_file_carries_the_location_and_the_new_lever_fields_and_dumps_them_back():
    from dxtalent.core.planning import dump_scenario

    s = load_scenario(SCENARIO)
    assert s.location == Location("133086", disadvantaged_area=True)
    assert [lever.support(0, 1) for lever in s.levers] == [5_600_000, 1_300_000, 6_500_000]
    assert load_scenario(dump_scenario(s)) == s
    assert load_scenario(dump_scenario(s, "json")) == s


def test_a_scenario_file_with_a_bad_location_names_the_field():
    from dxtalent.core.planning import ScenarioFormatError

    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario(SCENARIO.replace('"13308"', '"99999"'))
    assert "location" in str(caught.value) and "not a prefecture" in str(caught.value)
    with pytest.raises(ScenarioFormatError) as caught:
        load_scenario(SCENARIO.replace("disadvantaged_area: true", "rural: true"))
    assert "location.rural: unknown field" in str(caught.value)


def test_a_pool_lever_from_an_allocation_may_not_plan_more_days_than_allocated():
    from dxtalent.core.planning import InvalidScenarioError, PoolDays

    allocated = PoolDays(
        code="POOL-1",
        name="pool",
        levels={"CO-CAP-SPEC": 3},
        days_per_year=120,
        allocated_per_year=1,
    )
    with pytest.raises(InvalidScenarioError, match=r"allocated 120 days .* at most 1"):
        dataclasses.replace(allocated, max_per_year=2)
    # A pool lever of a scenario file has no allocation: its limit is the planner's to choose.
    free = PoolDays(code="Q-1", name="pool", levels={"CO-CAP-SPEC": 3}, max_per_year=3)
    assert free.max_per_year == 3
