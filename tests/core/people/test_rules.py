"""The rules of a person's record, as every entry point calls them."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.diagnostics.model import check_window
from dxtalent.core.people import (
    EmploymentTermError,
    LevelOutOfScaleError,
    PersonFields,
    RotationWindowError,
    UnknownEmploymentTypeError,
    check_employment,
    check_rating_level,
    check_rotation_window,
    person_errors,
)


def test_a_window_upside_down_is_blamed_on_the_longest_stay_naming_both():
    with pytest.raises(RotationWindowError) as caught:
        check_rotation_window(5, 3)
    assert caught.value.field == "rotation_max_years" and caught.value.value == "3"
    assert str(caught.value) == (
        "rotation_max_years: the longest stay (3 years) is shorter than the shortest (5 years); "
        "give a longest stay of at least 5 years"
    )


@pytest.mark.parametrize(
    ("low", "high", "field"),
    [(0, 3, "rotation_min_years"), (3, 41, "rotation_max_years"), (None, 5, "rotation_min_years")],
)
def test_a_bound_outside_1_to_40_or_given_alone_is_refused_naming_its_field(low, high, field):
    with pytest.raises(RotationWindowError) as caught:
        check_rotation_window(low, high)
    assert caught.value.field == field


def test_every_window_the_rule_accepts_is_one_the_diagnosis_accepts():
    for low in range(0, 42):
        for high in range(0, 42):
            try:
                window = check_rotation_window(low, high)
            except RotationWindowError:
                with pytest.raises(ValueError):
                    check_window((low, high), "t")
            else:
                assert window == check_window((low, high), "t")


def test_no_window_means_the_organisations():
    assert check_rotation_window(None, None) is None


def test_staff_of_a_term_type_need_the_terms_last_day_and_candidates_do_not():
    for kind in ("fixed_term", "fixed_term_part_time", "corporate_secondee"):
        with pytest.raises(EmploymentTermError, match=f'"{kind}" staff serve a term'):
            check_employment(kind, None)
        assert check_employment(kind, None, is_staff=False) == kind
        assert check_employment(kind, dt.date(2027, 3, 31)) == kind
    assert check_employment("regular", None) == "regular"


def test_an_unknown_employment_type_is_named_with_the_accepted_ones():
    with pytest.raises(UnknownEmploymentTypeError, match='"permanent" is not an employment type'):
        check_employment("permanent", None)


@pytest.mark.parametrize("level", [-1, 5, 7, "x", "", True, 2.5])
def test_a_level_outside_0_to_4_or_not_a_whole_number_is_refused(level):
    with pytest.raises(LevelOutOfScaleError, match="give a whole number from 0 to 4"):
        check_rating_level(level)


def test_a_level_is_read_from_its_digits():
    assert [check_rating_level(v) for v in (0, "4", " 3 ")] == [0, 4, 3]


def test_a_person_breaking_two_rules_gets_both_errors_in_field_order():
    errors = person_errors(
        PersonFields("staff", "fixed_term", None, rotation_min_years=5, rotation_max_years=3)
    )
    assert [e.field for e in errors] == ["contract_end", "rotation_max_years"]
