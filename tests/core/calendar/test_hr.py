"""The personnel calendar: which requests to 人事課 are still open before a departure, and the
whole months left."""

import datetime as dt

import pytest

from dxtalent.core.calendar import (
    HrCalendar,
    HrPhase,
    InvalidHrCalendarError,
    StepStatus,
    TimeLeft,
    add_months,
    departure_outlook,
    whole_months,
)

D = dt.date
MOVE = D(2027, 4, 1)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2026, 9, 1), D(2027, 4, 1), 7),  # exactly seven months
        (D(2026, 9, 2), D(2027, 4, 1), 6),  # a day short of seven
        (D(2026, 8, 31), D(2027, 4, 1), 7),
        (D(2026, 12, 5), D(2027, 4, 1), 3),
        (D(2027, 3, 1), D(2027, 4, 1), 1),
        (D(2027, 3, 20), D(2027, 4, 1), 0),
        (D(2027, 3, 31), D(2027, 4, 1), 0),
        (D(2026, 1, 31), D(2026, 2, 28), 1),  # the 31st reaches a shorter month's last day
        (D(2026, 1, 31), D(2026, 2, 27), 0),
        (D(2027, 4, 1), D(2027, 4, 1), 0),  # on the day
        (D(2027, 5, 1), D(2027, 4, 1), 0),  # after it
    ],
)
def test_whole_months_are_counted_to_the_day(start, end, months):
    assert whole_months(start, end) == months


def test_add_months_keeps_the_day_or_takes_the_months_last_day():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2027, 4, 1), -7) == D(2026, 9, 1)
    assert add_months(D(2027, 3, 31), 11) == D(2028, 2, 29)


def test_under_a_month_the_time_left_is_given_in_days():
    left = TimeLeft.between(D(2027, 3, 20), MOVE)
    assert (left.months, left.days) == (0, 12)
    assert left.text().ja == "1か月未満（12日）"
    assert TimeLeft.between(D(2026, 9, 1), MOVE).text().en == "7 months"
    assert TimeLeft.between(D(2026, 8, 20), MOVE).text().ja == "7か月"


# A move on 1 April 2027, seen from four days of the cycle (the table of issue #11, point 13).
TABLE = [
    # today, months, phase, defer-move, specialist-post, request-successor, handover
    (D(2026, 9, 1), 7, HrPhase.BEFORE_HEARINGS, "open", "open", "open", "open"),
    (D(2026, 11, 30), 4, HrPhase.HEARINGS, "open", "open", "open", "open"),
    (D(2026, 12, 5), 3, HrPhase.DRAFTING, "late", "late", "late", "open"),
    (D(2027, 3, 14), 0, HrPhase.DRAFTING, "late", "late", "late", "open"),
    (D(2027, 3, 20), 0, HrPhase.AFTER_NOTICE, "closed", "closed", "closed", "open"),
    (D(2027, 3, 31), 0, HrPhase.AFTER_NOTICE, "closed", "closed", "closed", "open"),
    (D(2027, 4, 1), 0, HrPhase.GONE, "closed", "closed", "closed", "closed"),
]


@pytest.mark.parametrize(
    ("today", "months", "phase", "defer", "specialist", "successor", "handover"), TABLE
)
def test_what_can_still_be_done_before_a_move_on_1_april(
    today, months, phase, defer, specialist, successor, handover
):
    outlook = departure_outlook(today, MOVE, "rotation")
    assert outlook.time_left.months == months
    assert outlook.phase is phase
    statuses = {s.step.code: s.status.value for s in outlook.steps}
    assert statuses == {
        "defer-move": defer,
        "specialist-post": specialist,
        "request-successor": successor,
        "handover": handover,
    }


def test_the_requests_are_due_by_the_end_of_the_hearings_and_final_the_day_before_the_notice():
    outlook = departure_outlook(D(2026, 9, 1), MOVE)
    defer = outlook.step("defer-move")
    assert defer is not None
    assert (defer.due, defer.final) == (D(2026, 11, 30), D(2027, 3, 14))
    assert outlook.step("handover").due == D(2027, 3, 31)
    assert outlook.cycle.notice == D(2027, 3, 15)
    assert outlook.last_day == D(2027, 3, 31)


def test_open_steps_come_before_late_and_closed_ones():
    outlook = departure_outlook(D(2027, 3, 20), MOVE)
    assert [s.step.code for s in outlook.steps] == [
        "handover",
        "defer-move",
        "specialist-post",
        "request-successor",
    ]
    assert [s.status for s in outlook.steps] == [StepStatus.OPEN] + [StepStatus.CLOSED] * 3


def test_a_term_that_ends_asks_for_an_extension_not_a_deferred_move():
    codes = [s.step.code for s in departure_outlook(D(2026, 9, 1), MOVE, "term_end").steps]
    assert codes == ["extend-term", "request-successor", "handover"]


def test_a_term_ending_mid_year_is_off_the_cycle_and_open_until_its_last_day():
    outlook = departure_outlook(D(2026, 9, 1), D(2026, 10, 1), "term_end")
    assert outlook.phase is HrPhase.OFF_CYCLE
    assert outlook.cycle is None
    assert {s.status for s in outlook.steps} == {StepStatus.OPEN}
    assert {s.due for s in outlook.steps} == {D(2026, 9, 30)}
    assert outlook.time_left.months == 1


def test_an_organisation_with_a_later_notice_keeps_the_requests_late_longer():
    late_notice = HrCalendar(notice=(3, 25))
    outlook = departure_outlook(D(2027, 3, 20), MOVE, hr_calendar=late_notice)
    assert outlook.phase is HrPhase.DRAFTING
    assert outlook.step("defer-move").status is StepStatus.LATE


def test_an_unknown_departure_kind_names_what_is_accepted():
    with pytest.raises(ValueError, match='"retirement" is not accepted; accepted: "rotation"'):
        departure_outlook(D(2026, 9, 1), MOVE, "retirement")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"notice": (4, 1)}, r"hr_calendar.notice: \(4, 1\) is not accepted"),
        ({"hearings_start": (11, 31)}, "is not a day of month 11"),
        ({"hearings_start": (12, 1), "hearings_end": (11, 30)}, "is before hearings_start"),
    ],
)
def test_an_impossible_calendar_is_refused_naming_the_field(changes, message):
    with pytest.raises(InvalidHrCalendarError, match=message):
        HrCalendar(**changes)
