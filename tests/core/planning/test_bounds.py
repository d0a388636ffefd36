"""The most any plan could reach (core.planning.bounds.limits_bound), worked out by hand: the
first step of explaining why no plan meets every target."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import limits_bound
from tests.core.planning.builders import hire, person, scenario, training


def test_engagements_add_up_over_their_starts_within_the_headcount_cap():
    # Two hires a year, each staying: 2 in post in FY2025, 4 in FY2026, 6 in FY2027; one
    # member already in post and a cap of 4 leave room for 3.
    s = scenario(
        (hire("H", 6_000_000, max_per_year=2),),
        team=(person("a", PM=3),),
        years=3,
        headcount_cap=4.0,
    )
    bound = limits_bound(s)
    assert [bound["PM", year][1]["engaged"] for year in (2025, 2026, 2027)] == [2, 3, 3]
    assert bound["PM", 2027] == (4, {"base": 1, "engaged": 3, "trained": 0})
    # Without the cap, every start counts.
    uncapped = limits_bound(dataclasses.replace(s, headcount_cap=None))
    assert [uncapped["PM", year][0] for year in (2025, 2026, 2027)] == [3, 5, 7]


def test_a_named_candidate_counts_once_however_many_levers_name_them():
    levers = (
        hire("H1", 6_000_000, candidate="X"),
        hire("H2", 7_000_000, candidate="X"),
        hire("H3", 7_000_000),
    )
    bound = limits_bound(scenario(levers, years=2))
    # X once a year; the generic hire once for each start so far.
    assert [bound["PM", year][1]["engaged"] for year in (2025, 2026)] == [2, 3]


def test_engagements_do_not_count_for_a_capability_only_in_house_staff_fill():
    in_house = Capability("PM", Text("PM", "PM"), LevelCriterion({"PM": 3}), 1, in_house_only=True)
    external = TeamMember("e", "e", {"PM": 3}, is_external=True, specialist_post=True)
    s = scenario(
        (hire("H", 6_000_000), training(seats_per_year=1)),
        team=(external, person("a", PM=2)),
        capabilities=(in_house,),
        years=2,
    )
    bound = limits_bound(s)
    # The external member and the hire do not count; the in-house member can be trained.
    assert bound["PM", 2025] == (0, {"base": 0, "engaged": 0, "trained": 0})
    assert bound["PM", 2026] == (1, {"base": 0, "engaged": 0, "trained": 1})


def test_the_best_trainees_count_up_to_the_seats_of_the_starts_ending_by_then():
    # A 7-month programme (it counts the fiscal year after its start), one seat a year and
    # 80 % expected completion: "a" counts 0.8, "b" (half time) 0.4; "c" meets it already;
    # "d" leaves at the end of FY2025, so is never in post once trained.
    leaving = TeamMember("d", "d", {"PM": 2}, hard_end=dt.date(2026, 3, 31))
    half = dataclasses.replace(person("b", PM=2), fte=0.5)
    s = scenario(
        (training(seats_per_year=1, completion_rate=0.8),),
        team=(person("a", PM=2), half, person("c", PM=3), leaving),
        years=3,
    )
    bound = limits_bound(s)
    assert bound["PM", 2025] == (1, {"base": 1, "engaged": 0, "trained": 0})
    assert bound["PM", 2026] == (1.8, {"base": 1, "engaged": 0, "trained": 0.8})
    assert bound["PM", 2027] == (2.2, {"base": 1, "engaged": 0, "trained": 1.2})
    # A prerequisite nobody meets leaves no one to train, and adds no seats.
    closed = dataclasses.replace(s, levers=(training(prerequisites={"DA": 2}),))
    assert limits_bound(closed)["PM", 2027][1]["trained"] == 0


def test_each_strategy_bounds_only_its_own_levers():
    s = scenario(
        (hire("H", 6_000_000), training(seats_per_year=2)),
        team=(person("a", PM=2), person("b", PM=2)),
        years=2,
    )
    assert limits_bound(s, "acquire")["PM", 2026][1] == {"base": 0, "engaged": 2, "trained": 0}
    assert limits_bound(s, "develop")["PM", 2026][1] == {"base": 0, "engaged": 0, "trained": 2}
    assert limits_bound(s, "mix")["PM", 2026][0] == 4


def test_only_the_seats_of_programmes_that_could_train_someone_for_it_count():
    # Three could learn PM from "T-PM" (one seat a year); "T-DA" has five seats but teaches
    # nothing PM asks for, so the first year's trainees are one, not six.
    s = scenario(
        (training(seats_per_year=1), training("T-DA", raises_to={"DA": 3}, seats_per_year=5)),
        team=(person("a", PM=2), person("b", PM=2), person("c", PM=2)),
        years=3,
    )
    bound = limits_bound(s)
    assert [bound["PM", year][1]["trained"] for year in (2025, 2026, 2027)] == [0, 1, 2]
