"""Expected departures, the bounds Monte Carlo draws within, and the timeline."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.diagnostics import (
    DepartureReason,
    DiagnosisSettings,
    InvalidSettingError,
    departure_bounds,
    expected_departure,
    timeline,
)
from tests.core.diagnostics.builders import SETTINGS, TODAY, person, rotating

D = dt.date


def test_staff_rotate_at_the_end_of_the_fiscal_year_in_which_they_complete_the_middle_of_the_window():
    # (3, 5): four years in post, complete on 2027-03-31, the last day of FY2026.
    departure = expected_departure(rotating("p", D(2023, 4, 1)), SETTINGS)
    assert departure.reason is DepartureReason.ROTATION
    assert departure.last_fiscal_year == 2026
    assert departure.last_day == D(2027, 3, 31)


def test_a_mid_year_start_rotates_at_the_end_of_the_fiscal_year_the_middle_falls_in():
    # Four years from 2023-10-01 are complete on 2027-09-30, in FY2027.
    assert expected_departure(rotating("p", D(2023, 10, 1)), SETTINGS).last_fiscal_year == 2027


def test_a_window_whose_middle_is_half_a_year_counts_whole_months():
    # (3, 4): 42 months from 2023-04-01 end on 2026-09-30, in FY2026.
    member = rotating("p", D(2023, 4, 1), rotation_window=(3, 4))
    assert expected_departure(member, SETTINGS).last_fiscal_year == 2026


def test_a_specialist_post_never_rotates():
    departure = expected_departure(person("p", post_start=D(2010, 4, 1)), SETTINGS)
    assert departure.reason is DepartureReason.STAYS
    assert departure.last_fiscal_year is None
    assert departure_bounds(person("p"), SETTINGS) is None


def test_a_hard_end_wins_over_rotation_and_over_a_specialist_post():
    for member in (
        rotating("p", D(2025, 4, 1), hard_end=D(2026, 3, 31)),
        person("p", hard_end=D(2026, 3, 31)),
    ):
        departure = expected_departure(member, SETTINGS)
        assert departure.reason is DepartureReason.HARD_END
        assert departure.last_fiscal_year == 2025
        assert departure_bounds(member, SETTINGS) == (2025, 2025)


def test_a_term_ending_mid_year_does_not_count_for_that_fiscal_year():
    member = person("p", hard_end=D(2027, 9, 30))
    assert expected_departure(member, SETTINGS).last_fiscal_year == 2026
    assert timeline([member], SETTINGS)[0].fiscal_years == (2025, 2026)


def test_someone_past_their_window_is_expected_to_leave_at_the_end_of_the_current_fiscal_year():
    departure = expected_departure(rotating("p", D(2018, 4, 1)), SETTINGS)
    assert departure.reason is DepartureReason.OVERDUE
    assert departure.last_fiscal_year == 2025
    assert departure_bounds(rotating("p", D(2018, 4, 1)), SETTINGS) == (2025, 2025)


def test_a_personal_window_overrides_the_organisations_and_the_organisations_applies_otherwise():
    start = D(2024, 4, 1)
    assert expected_departure(rotating("p", start), SETTINGS).last_fiscal_year == 2027
    own = rotating("p", start, rotation_window=(2, 2))
    assert expected_departure(own, SETTINGS).last_fiscal_year == 2025
    organisation = DiagnosisSettings(today=TODAY, rotation_window=(6, 8))
    assert expected_departure(rotating("p", start), organisation).last_fiscal_year == 2030
    assert expected_departure(own, organisation).last_fiscal_year == 2025


def test_without_a_start_date_the_window_counts_from_the_current_fiscal_year():
    member = person("p", specialist_post=False)
    assert expected_departure(member, SETTINGS).last_fiscal_year == 2028
    assert departure_bounds(member, SETTINGS) == (2027, 2029)


def test_the_bounds_span_the_window_and_never_start_before_the_current_fiscal_year():
    assert departure_bounds(rotating("p", D(2024, 4, 1)), SETTINGS) == (2026, 2028)
    # Three years from 2022-04-01 were complete in FY2024: still here, so FY2025 at the earliest.
    assert departure_bounds(rotating("p", D(2022, 4, 1)), SETTINGS) == (2025, 2026)


def test_a_planned_arrival_is_in_post_from_its_first_fiscal_year():
    entry = timeline([person("p", post_start=D(2027, 4, 1))], SETTINGS)[0]
    assert entry.fiscal_years == (2027, 2028, 2029)


def test_the_timeline_lists_the_horizon_years_each_person_is_in_post_at_the_end_of():
    members = [
        person("stays"),
        rotating("rotates", D(2023, 4, 1)),
        person("gone", hard_end=D(2025, 5, 31)),
    ]
    entries = {entry.person: entry.fiscal_years for entry in timeline(members, SETTINGS)}
    assert entries == {
        "stays": (2025, 2026, 2027, 2028, 2029),
        "rotates": (2025, 2026),
        "gone": (),
    }


def test_an_impossible_window_is_rejected_naming_the_person():
    with pytest.raises(InvalidSettingError, match=r"person p: rotation window \(5, 3\)"):
        rotating("p", D(2024, 4, 1), rotation_window=(5, 3))
    with pytest.raises(InvalidSettingError, match="rotation_window"):
        DiagnosisSettings(rotation_window=(0, 2))
