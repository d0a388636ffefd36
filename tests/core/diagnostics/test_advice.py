"""Next steps before a departure: what is still feasible on the personnel calendar, in months
to the date, and training only when it can finish in time."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.core.calendar import StepStatus
from dxtalent.core.diagnostics import (
    DiagnosisSettings,
    SuccessionParams,
    TrainingOffer,
    diagnose_team,
)
from dxtalent.core.diagnostics.rules import check_succession
from dxtalent.core.frameworks import Text
from tests.core.diagnostics.builders import SPEC, person, rotating, view

D = dt.date


def writers():
    """Sato (the third specification writer) moves on 1 April 2027; Ito is the closest
    successor, one level short."""
    return [
        rotating("sato", D(2023, 4, 1), name="佐藤", name_en="Sato", levels={"CO-SPEC": 3}),
        person("tanaka", "田中", levels={"CO-SPEC": 2}),
        person("suzuki", "鈴木", levels={"CO-SPEC": 2}),
        person("ito", "伊藤", name_en="Ito", levels={"CO-SPEC": 1}),
    ]


def succession(today, members=None, **settings):
    team = view(members or writers(), [SPEC], DiagnosisSettings(today=today, **settings))
    [finding] = check_succession(team, SuccessionParams())
    return finding


def statuses(finding):
    return {step.code: step.status.value for step in finding.next_steps}


# today, months left, defer-move, specialist-post, request-successor, handover, training
TABLE = [
    (D(2026, 9, 1), 7, "open", "open", "open", "open", "open"),
    (D(2026, 12, 5), 3, "late", "late", "late", "open", "closed"),
    (D(2027, 3, 20), 0, "closed", "closed", "closed", "open", "closed"),
    (D(2027, 3, 31), 0, "closed", "closed", "closed", "open", "closed"),
]


@pytest.mark.parametrize(
    ("today", "months", "defer", "specialist", "successor", "handover", "training"), TABLE
)
def test_the_next_steps_for_a_move_on_1_april_follow_the_calendar(
    today, months, defer, specialist, successor, handover, training
):
    finding = succession(today)
    assert finding.departure_day == D(2027, 4, 1)
    assert finding.time_left.months == months
    assert statuses(finding) == {
        "defer-move": defer,
        "specialist-post": specialist,
        "request-successor": successor,
        "handover": handover,
        "training": training,
    }
    ranks = [step.status.rank for step in finding.next_steps]
    assert ranks == sorted(ranks)


def test_before_the_hearings_the_request_to_defer_comes_first_and_names_the_deadline():
    finding = succession(D(2026, 9, 1))
    first = finding.next_steps[0]
    assert first.code == "defer-move"
    assert first.message.ja == (
        "佐藤さんの異動の見送り（留任）を人事課に要望する：2026年11月30日までの"
        "自己申告・人事ヒアリングで伝えてください。"
    )
    assert first.people == ("sato",)
    assert "異動（2027年4月1日）まであと7か月です。" in finding.message.ja


def test_the_handover_names_the_closest_successor_and_the_months_left():
    handover = next(s for s in succession(D(2026, 12, 5)).next_steps if s.code == "handover")
    assert handover.message.en == (
        "Hand over to the closest successor, Ito (to close: specification writing 1→2), by "
        "2027-03-31 (3 months left)."
    )
    assert handover.due == D(2027, 3, 31)


def test_a_seven_month_course_is_proposed_with_seven_months_left_and_ends_on_31_march():
    training = next(s for s in succession(D(2026, 9, 1)).next_steps if s.code == "training")
    assert training.status is StepStatus.OPEN
    assert training.due == D(2027, 3, 31)
    assert "今から始めれば2027年3月31日に修了し" in training.message.ja


def test_a_seven_month_course_is_not_proposed_with_three_months_left():
    training = next(s for s in succession(D(2026, 12, 5)).next_steps if s.code == "training")
    assert training.status is StepStatus.CLOSED
    assert training.due is None
    assert "cannot finish in the 3 months left before 2027-04-01" in training.message.en


def test_after_the_notice_the_move_is_practically_fixed():
    defer = next(s for s in succession(D(2027, 3, 20)).next_steps if s.code == "defer-move")
    assert "内示（2027年3月15日ごろ）の後のため異動はほぼ確定しており" in defer.message.ja


def offer(code, months, raises, prerequisites=None):
    return TrainingOffer(
        code=code,
        name=Text(f"研修{code}", f"course {code}"),
        months=months,
        raises=raises,
        prerequisites=prerequisites or {},
    )


def test_a_recorded_programme_short_enough_is_proposed_and_a_longer_one_is_left_out():
    programmes = (
        offer("long", 7, {"CO-SPEC": 2}),
        offer("short", 3, {"CO-SPEC": 2}),
        offer("other", 1, {"CO-NEGO": 3}),  # does not raise the gap
        offer("advanced", 2, {"CO-SPEC": 3}, prerequisites={"CO-SPEC": 2}),  # Ito cannot enrol
    )
    finding = succession(D(2026, 12, 5), training=programmes)
    training = [s for s in finding.next_steps if s.code == "training"]
    assert [s.status for s in training] == [StepStatus.OPEN]
    assert "Ito takes “course short” (3 months)" in training[0].message.en
    assert training[0].due == D(2027, 3, 4)


def test_when_no_programme_fits_the_shortest_one_says_it_cannot_finish():
    programmes = (offer("long", 9, {"CO-SPEC": 2}), offer("longer", 12, {"CO-SPEC": 2}))
    finding = succession(D(2026, 12, 5), training=programmes)
    [training] = [s for s in finding.next_steps if s.code == "training"]
    assert training.status is StepStatus.CLOSED
    assert (
        "「研修long」（9か月）は、2027年4月1日までの残り3か月では修了できません"
        in training.message.ja
    )


def test_a_term_that_ends_asks_to_extend_it_instead_of_deferring_a_move():
    members = writers()
    members[0] = person("sato", "佐藤", levels={"CO-SPEC": 3}, hard_end=D(2027, 3, 31))
    finding = succession(D(2026, 9, 1), members)
    assert [s.code for s in finding.next_steps][:2] == ["extend-term", "request-successor"]
    assert "任期満了（2027年3月31日）まであと7か月です。" in finding.message.ja


def test_without_a_successor_there_is_no_handover_or_training_only_the_request():
    members = writers()[:3]
    finding = succession(D(2026, 9, 1), members)
    assert [s.code for s in finding.next_steps] == [
        "defer-move",
        "specialist-post",
        "request-successor",
    ]


def test_diagnose_team_gives_the_succession_findings_their_next_steps():
    diagnosis = diagnose_team(writers(), [SPEC], DiagnosisSettings(today=D(2026, 9, 1)))
    [finding] = diagnosis.of_rule("succession")
    assert finding.next_steps and finding.time_left.months == 7
    assert all(not f.next_steps for f in diagnosis.findings if f.rule != "succession")
