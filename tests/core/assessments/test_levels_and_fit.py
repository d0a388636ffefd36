import datetime as dt

import pytest

from dxtalent.core.assessments import (
    CurrentLevelPolicy,
    InvalidRatingError,
    Rating,
    RatingSource,
    build_matrix,
    current_levels,
    rank_for_role,
    role_fit,
)

D = dt.date


def r(level, source, day, person="p1", skill="S1"):
    return Rating(person, skill, level, RatingSource(source), day)


def test_a_verified_rating_beats_a_later_manager_and_self_rating():
    ratings = [
        r(3, "verified", D(2024, 4, 1)),
        r(4, "manager", D(2025, 4, 1)),
        r(1, "self", D(2025, 5, 1)),
    ]
    assert current_levels(ratings)[("p1", "S1")].level == 3


def test_without_verification_the_latest_manager_rating_counts_whatever_the_input_order():
    ratings = [
        r(2, "manager", D(2025, 4, 1)),
        r(1, "manager", D(2023, 4, 1)),
        r(4, "self", D(2025, 6, 1)),
    ]
    assert current_levels(ratings)[("p1", "S1")].level == 2
    assert current_levels(list(reversed(ratings)))[("p1", "S1")].level == 2


def test_a_self_assessment_counts_when_nobody_else_rated():
    assert current_levels([r(2, "self", D(2025, 1, 1))])[("p1", "S1")].source is RatingSource.SELF


def test_training_evidence_alone_gives_no_current_level():
    assert current_levels([r(3, "training", D(2025, 1, 1))]) == {}


def test_an_old_verified_rating_gives_way_when_the_policy_sets_a_maximum_age():
    policy = CurrentLevelPolicy(max_age_days=730, reference_day=D(2026, 4, 1))
    ratings = [r(4, "verified", D(2020, 4, 1)), r(2, "manager", D(2025, 4, 1))]
    assert current_levels(ratings, policy)[("p1", "S1")].level == 2


def test_two_ratings_on_the_same_day_from_the_same_source_take_the_later_entry():
    ratings = [r(1, "manager", D(2025, 4, 1)), r(3, "manager", D(2025, 4, 1))]
    assert current_levels(ratings)[("p1", "S1")].level == 3


@pytest.mark.parametrize("level", [-1, 5])
def test_a_level_outside_0_to_4_is_refused(level):
    with pytest.raises(InvalidRatingError, match="use 0–4"):
        r(level, "self", D(2025, 1, 1))


def test_role_fit_counts_gaps_against_targets_and_ignores_surplus():
    fit = role_fit("p1", "PM", {"A": 3, "B": 2, "C": 0}, {"A": 4, "B": 1})
    assert fit.met == 1 and fit.total == 2
    assert [(g.skill, g.size) for g in fit.gaps] == [("B", 1)]
    assert fit.score == pytest.approx(1 - 1 / 5)


def test_a_person_with_no_ratings_fits_a_role_with_score_zero():
    fit = role_fit("p1", "PM", {"A": 3, "B": 2}, {})
    assert fit.score == 0 and fit.total_gap == 5


def test_ranking_puts_the_best_fit_first_and_breaks_ties_stably():
    targets = {"A": 3, "B": 3}
    people = {"zoe": {"A": 3, "B": 3}, "amy": {"A": 3}, "bob": {"A": 3}, "cat": {"B": 1}}
    assert [f.person for f in rank_for_role("PM", targets, people)] == ["zoe", "amy", "bob", "cat"]


def test_the_matrix_has_empty_cells_for_unrated_skills_and_counts_coverage():
    matrix = build_matrix(
        ["p1", "p2"], ["A", "B"], {("p1", "A"): 3, ("p2", "A"): 1, ("p2", "B"): 4}, {"A": 3}
    )
    assert matrix.levels == ((3, None), (1, 4))
    assert matrix.coverage() == (1, 1)
    assert matrix.targets == (3, None)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from dxtalent.core.assessments import current_levels_from_rows  # noqa: E402

rows_strategy = st.lists(
    st.tuples(
        st.integers(1, 3),
        st.integers(1, 3),
        st.integers(0, 4),
        st.sampled_from(["self", "manager", "verified", "training"]),
        st.dates(min_value=D(2020, 1, 1), max_value=D(2020, 1, 10)),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(rows_strategy, st.sampled_from([None, 3]))
def test_the_fast_row_path_always_agrees_with_the_reference_policy(rows, max_age):
    policy = CurrentLevelPolicy(max_age_days=max_age, reference_day=D(2020, 1, 10))
    reference = current_levels(
        [Rating(str(p), str(s), level, RatingSource(src), day) for p, s, level, src, day in rows],
        policy,
    )
    fast = current_levels_from_rows(rows, policy)
    assert fast == {(int(p), int(s)): rating.level for (p, s), rating in reference.items()}
