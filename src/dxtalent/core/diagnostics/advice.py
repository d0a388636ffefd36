"""Next steps for a departure: what the department can still do before people leave, on the
personnel calendar (core.calendar.hr), ordered by what is still feasible.

For a succession finding (people leave and a capability drops below target):

1. For each group of leavers leaving on the same day in the same way: ask 人事課 to defer the
   move and to make the post a specialist one (a rotation), or to extend the term (a term
   that ends). Due by the end of the autumn hearings, late until the 内示, then closed.
2. Ask 人事課 to post a successor who has the capability (same timing, for the first
   departure).
3. Hand over to the closest successor (the first of the rule's successors) by the last day
   in post.
4. Training for the closest successor: a programme is proposed only when it can finish
   before the first departure (its months ≤ the whole months left); otherwise the step says
   it cannot finish in time. Without recorded programmes the paper's seven-month workshop
   is the reference.

Steps are listed open first, then late, then closed; equally feasible steps in the order
above (core.calendar.STEP_ORDER).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from dxtalent.core.assessments import Gap
from dxtalent.core.calendar import (
    STEP_ORDER,
    DepartureKind,
    DepartureOutlook,
    StepOutlook,
    StepStatus,
    TimeLeft,
    add_months,
    departure_outlook,
)
from dxtalent.core.diagnostics.capabilities import skill_name
from dxtalent.core.diagnostics.model import Capability, DepartureReason, NextStep, TeamMember
from dxtalent.core.diagnostics.settings import TrainingOffer
from dxtalent.core.diagnostics.small import small_municipality
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import en_people, en_person, ja_date, ja_people, ja_person
from dxtalent.core.frameworks import Text


@functools.cache
def paper_workshop() -> TrainingOffer:
    """The paper's in-house workshop (200 hours over seven months, outside working hours),
    the reference when the organisation has recorded no programme."""
    # Imported here: core.planning imports core.diagnostics.
    from dxtalent.core.planning import defaults

    months = defaults.TRAINING_MONTHS
    return TrainingOffer(
        code="paper-workshop",
        name=Text(
            f"庁内育成ワークショップ（論文の例: 200時間・{months}か月）",
            f"in-house workshop (the paper's example: 200 hours over {months} months)",
        ),
        months=months,
        source=(
            'Nakagawa 2025, "Method", strategy 2 (Kanazawa): workshops of 200 hours over '
            "seven months"
        ),
    )


# Training offers named per successor.
MAX_OFFERS = 2


def departure_day(team: TeamView, member: TeamMember) -> dt.date | None:
    """The first day `member` is out of post (the day after the last day); None if they stay."""
    last = team.departures[member.id].last_day
    return None if last is None else last + dt.timedelta(days=1)


def _kind(team: TeamView, member: TeamMember) -> DepartureKind:
    if team.departures[member.id].reason is DepartureReason.HARD_END:
        return DepartureKind.TERM_END
    return DepartureKind.ROTATION


def _timing(outlook: DepartureOutlook, step: StepOutlook) -> Text:
    """When a request to 人事課 is due, or why it is late or too late."""
    cycle = outlook.cycle
    if step.status is StepStatus.OPEN:
        if cycle is not None and step.step.due == "hearings_end":
            return Text(
                f"{ja_date(step.due)}までの自己申告・人事ヒアリングで伝えてください。",
                f"raise it in the self-declaration and personnel hearings, by "
                f"{step.due.isoformat()}.",
            )
        return Text(f"{ja_date(step.due)}までに伝えてください。", f"by {step.due.isoformat()}.")
    if step.status is StepStatus.LATE and cycle is not None:
        return Text(
            f"人事ヒアリングは{ja_date(cycle.hearings_end)}に終わっています。内示（"
            f"{ja_date(cycle.notice)}ごろ）の前の今なら、至急伝えれば間に合う可能性があります。",
            f"the hearings ended on {cycle.hearings_end.isoformat()}; before the notice (内示, "
            f"around {cycle.notice.isoformat()}) it may still work if raised at once.",
        )
    if cycle is not None and outlook.today < outlook.departure_day:
        return Text(
            f"内示（{ja_date(cycle.notice)}ごろ）の後のため異動はほぼ確定しており、"
            "この4月には間に合いません。",
            f"after the notice (内示, around {cycle.notice.isoformat()}) the move is practically "
            "fixed: too late for this April.",
        )
    return Text("この退出には間に合いません。", "too late for this departure.")


def _action(
    code: str, people: Sequence[TeamMember], capability: Capability, pooled: bool = False
) -> Text:
    several = len(people) > 1
    if code == "defer-move":
        return Text(
            f"{ja_people(people)}の異動の見送り（留任）を人事課に要望する",
            f"Ask 人事課 to defer {en_people(people)}'s {'moves' if several else 'move'}",
        )
    if code == "specialist-post":
        return Text(
            f"{ja_people(people)}のポストを専門職ポスト（異動のないポスト）とするよう人事課に要望する",
            f"Ask 人事課 to make {en_people(people)}'s "
            f"{'posts specialist ones' if several else 'post a specialist one'} (exempt from "
            "rotation)",
        )
    if code == "extend-term":
        return Text(
            f"{ja_people(people)}の任期の延長・再度の任用を人事課に要望する",
            f"Ask 人事課 to extend or renew {en_people(people)}'s {'terms' if several else 'term'}",
        )
    if pooled:
        # A small municipality may have nobody to post: the prefecture's pool stands in.
        return Text(
            f"後任に「{capability.name.ja}」を担える職員を配置するよう人事課に要望する"
            "（難しければ都道府県の人材プールに支援を依頼する）",
            f"Ask 人事課 to post a successor who can cover “{capability.name.en}” (failing "
            "that, ask the prefecture's talent pool for support)",
        )
    return Text(
        f"後任に「{capability.name.ja}」を担える職員を配置するよう人事課に要望する",
        f"Ask 人事課 to post a successor who can cover “{capability.name.en}”",
    )


def _request(
    outlook: DepartureOutlook,
    code: str,
    people: Sequence[TeamMember],
    capability: Capability,
    pooled: bool = False,
) -> NextStep | None:
    step = outlook.step(code)
    if step is None:
        return None
    action, timing = _action(code, people, capability, pooled), _timing(outlook, step)
    return NextStep(
        code=code,
        status=step.status,
        due=step.due,
        message=Text(f"{action.ja}：{timing.ja}", f"{action.en}: {timing.en}"),
        people=tuple(m.id for m in people),
    )


def _gap_text(gaps: Sequence[Gap], language: str) -> str:
    return ("、" if language == "ja" else ", ").join(
        f"{skill_name(g.skill).get(language)} {g.level}→{g.target}" for g in gaps[:3]
    )


def _handover(outlook: DepartureOutlook, successor: TeamMember, gaps: Sequence[Gap]) -> NextStep:
    last = outlook.last_day
    step = outlook.step("handover")
    status = step.status if step is not None else StepStatus.CLOSED
    left = outlook.time_left.text()
    ja_gaps = f"（不足: {_gap_text(gaps, 'ja')}）" if gaps else ""
    en_gaps = f" (to close: {_gap_text(gaps, 'en')})" if gaps else ""
    return NextStep(
        code="handover",
        status=status,
        due=last,
        message=Text(
            f"最も近い後任候補の{ja_person(successor)}{ja_gaps}に、{ja_date(last)}までに引き継ぐ"
            f"（あと{left.ja}）。",
            f"Hand over to the closest successor, {en_person(successor)}{en_gaps}, by "
            f"{last.isoformat()} ({left.en} left).",
        ),
        people=(successor.id,),
    )


@dataclass(frozen=True)
class _Offer:
    offer: TrainingOffer
    fits: bool
    closes: bool


def _offers(
    successor: TeamMember,
    capability: Capability,
    gaps: Sequence[Gap],
    offers: Sequence[TrainingOffer],
    time_left: TimeLeft,
) -> list[_Offer]:
    gap_skills = {g.skill for g in gaps}
    found = []
    for offer in offers:
        if not offer.admits(successor.levels):
            continue
        helps = not offer.raises or any(
            offer.raises.get(skill, 0) > successor.level(skill) for skill in gap_skills
        )
        if not helps:
            continue
        closes = not offer.raises or capability.criterion.meets(offer.after(successor.levels))
        found.append(_Offer(offer, offer.months <= time_left.months, closes))
    found.sort(key=lambda o: (not o.fits, not o.closes, o.offer.months))
    fitting = [o for o in found if o.fits]
    return fitting[:MAX_OFFERS] if fitting else found[:1]


def _training(outlook: DepartureOutlook, successor: TeamMember, choice: _Offer) -> NextStep:
    offer, today, day = choice.offer, outlook.today, outlook.departure_day
    left = outlook.time_left.text()
    if choice.fits:
        # Its last day: a 7-month course started on 1 September ends on 31 March.
        finish = add_months(today, offer.months) - dt.timedelta(days=1)
        ja_partial = "（これだけでは条件に届きません）" if not choice.closes else ""
        en_partial = " (not enough on its own)" if not choice.closes else ""
        return NextStep(
            code="training",
            status=StepStatus.OPEN,
            due=finish,
            message=Text(
                f"{ja_person(successor)}が「{offer.name.ja}」（{offer.months}か月）を受講する"
                f"{ja_partial}：今から始めれば{ja_date(finish)}に修了し、{ja_date(day)}に間に合います。",
                f"{en_person(successor)} takes “{offer.name.en}” ({offer.months} months)"
                f"{en_partial}: started now it ends on {finish.isoformat()}, before "
                f"{day.isoformat()}.",
            ),
            people=(successor.id,),
        )
    return NextStep(
        code="training",
        status=StepStatus.CLOSED,
        due=None,
        message=Text(
            f"「{offer.name.ja}」（{offer.months}か月）は、{ja_date(day)}までの残り{left.ja}では"
            f"修了できません。{ja_person(successor)}を研修で育てるのは間に合わないため、まだできる"
            "手段で補ってください。",
            f"“{offer.name.en}” takes {offer.months} months and cannot finish in the {left.en} "
            f"left before {day.isoformat()}: training {en_person(successor)} comes too late, so "
            "rely on the steps still open.",
        ),
        people=(successor.id,),
    )


def departure_steps(
    team: TeamView,
    capability: Capability,
    leavers: Sequence[TeamMember],
    successors: Sequence[tuple[TeamMember, Sequence[Gap]]],
) -> tuple[DepartureOutlook | None, tuple[NextStep, ...]]:
    """The outlook of the first departure among `leavers` and the next steps (the module's
    rule); (None, ()) when none of them has a departure day."""
    dated = [(day, m) for m in leavers if (day := departure_day(team, m)) is not None]
    if not dated:
        return None, ()
    settings = team.settings
    groups: dict[tuple[DepartureKind, dt.date], list[TeamMember]] = {}
    for day, member in sorted(dated, key=lambda pair: pair[0]):
        groups.setdefault((_kind(team, member), day), []).append(member)
    steps: list[NextStep] = []
    first: DepartureOutlook | None = None
    for (kind, day), people in groups.items():
        outlook = departure_outlook(team.today, day, kind, settings.hr_calendar)
        first = first or outlook
        for code in ("defer-move", "specialist-post", "extend-term"):
            step = _request(outlook, code, people, capability)
            if step is not None:
                steps.append(step)
    assert first is not None
    pooled = small_municipality(team.members, team.capabilities, settings).active
    request = _request(first, "request-successor", [], capability, pooled)
    if request is not None:
        steps.append(request)
    if successors:
        closest, gaps = successors[0]
        steps.append(_handover(first, closest, gaps))
        offers = settings.training or (paper_workshop(),)
        for choice in _offers(closest, capability, gaps, offers, first.time_left):
            steps.append(_training(first, closest, choice))
    steps.sort(key=lambda s: (s.status.rank, STEP_ORDER.index(s.code)))
    return first, tuple(steps)
