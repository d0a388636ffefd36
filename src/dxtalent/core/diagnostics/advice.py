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
from dxtalent.core.diagnostics.wording import commas, current, date, people, person
from dxtalent.core.i18n import Phrase, _, ngettext


@functools.cache
def paper_workshop() -> TrainingOffer:
    """The paper's in-house workshop (200 hours over seven months, outside working hours),
    the reference when the organisation has recorded no programme."""
    # Imported here: core.planning imports core.diagnostics.
    from dxtalent.core.planning import defaults

    months = defaults.TRAINING_MONTHS
    return TrainingOffer(
        code="paper-workshop",
        name=Phrase(
            lambda: _(
                "in-house workshop (the paper's example: 200 hours over {months} months)"
            ).format(months=months)
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


def _timing(outlook: DepartureOutlook, step: StepOutlook) -> str:
    """When a request to 人事課 is due, or why it is late or too late (in the current
    language: called when the step's message is shown)."""
    cycle = outlook.cycle
    if step.status is StepStatus.OPEN:
        if cycle is not None and step.step.due == "hearings_end":
            return _("raise it in the self-declaration and personnel hearings, by {date}.").format(
                date=date(step.due)
            )
        return _("by {date}.").format(date=date(step.due))
    if step.status is StepStatus.LATE and cycle is not None:
        return _(
            "the hearings ended on {hearings_end}; before the notice (内示, around {notice}) it "
            "may still work if raised at once."
        ).format(hearings_end=date(cycle.hearings_end), notice=date(cycle.notice))
    if cycle is not None and outlook.today < outlook.departure_day:
        return _(
            "after the notice (内示, around {notice}) the move is practically fixed: too late "
            "for this April."
        ).format(notice=date(cycle.notice))
    return _("too late for this departure.")


def _action(
    code: str, members: Sequence[TeamMember], capability: Capability, pooled: bool = False
) -> str:
    """The request to 人事課 (in the current language)."""
    count = len(members)
    if code == "defer-move":
        return ngettext(
            "Ask 人事課 to defer {people}'s move", "Ask 人事課 to defer {people}'s moves", count
        ).format(people=people(members))
    if code == "specialist-post":
        return ngettext(
            "Ask 人事課 to make {people}'s post a specialist one (exempt from rotation)",
            "Ask 人事課 to make {people}'s posts specialist ones (exempt from rotation)",
            count,
        ).format(people=people(members))
    if code == "extend-term":
        return ngettext(
            "Ask 人事課 to extend or renew {people}'s term",
            "Ask 人事課 to extend or renew {people}'s terms",
            count,
        ).format(people=people(members))
    name = current(capability.name)
    if pooled:
        # A small municipality may have nobody to post: the prefecture's pool stands in.
        return _(
            "Ask 人事課 to post a successor who can cover “{capability}” (failing that, ask the "
            "prefecture's talent pool for support)"
        ).format(capability=name)
    return _("Ask 人事課 to post a successor who can cover “{capability}”").format(capability=name)


def _request(
    outlook: DepartureOutlook,
    code: str,
    members: Sequence[TeamMember],
    capability: Capability,
    pooled: bool = False,
) -> NextStep | None:
    step = outlook.step(code)
    if step is None:
        return None

    def text() -> str:
        return _("{action}: {timing}").format(
            action=_action(code, members, capability, pooled), timing=_timing(outlook, step)
        )

    return NextStep(
        code=code,
        status=step.status,
        due=step.due,
        message=Phrase(text),
        people=tuple(m.id for m in members),
    )


def _gap_text(gaps: Sequence[Gap]) -> str:
    return commas(f"{current(skill_name(g.skill))} {g.level}→{g.target}" for g in gaps[:3])


def _handover(outlook: DepartureOutlook, successor: TeamMember, gaps: Sequence[Gap]) -> NextStep:
    last = outlook.last_day
    step = outlook.step("handover")
    status = step.status if step is not None else StepStatus.CLOSED
    left = outlook.time_left.text()

    def text() -> str:
        to_close = _(" (to close: {gaps})").format(gaps=_gap_text(gaps)) if gaps else ""
        return _(
            "Hand over to the closest successor, {person}{to_close}, by {date} ({time_left} left)."
        ).format(
            person=person(successor),
            to_close=to_close,
            date=date(last),
            time_left=current(left),
        )

    return NextStep(
        code="handover",
        status=status,
        due=last,
        message=Phrase(text),
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

        def fits() -> str:
            partial = _(" (not enough on its own)") if not choice.closes else ""
            return _(
                "{person} takes “{offer}” ({months} months){partial}: started now, it ends on "
                "{finish}, before {day}."
            ).format(
                person=person(successor),
                offer=current(offer.name),
                months=offer.months,
                partial=partial,
                finish=date(finish),
                day=date(day),
            )

        return NextStep(
            code="training",
            status=StepStatus.OPEN,
            due=finish,
            message=Phrase(fits),
            people=(successor.id,),
        )

    def too_late() -> str:
        return _(
            "“{offer}” takes {months} months and cannot finish in the {time_left} left before "
            "{day}: training {person} comes too late, so rely on the steps still open."
        ).format(
            offer=current(offer.name),
            months=offer.months,
            time_left=current(left),
            day=date(day),
            person=person(successor),
        )

    return NextStep(
        code="training",
        status=StepStatus.CLOSED,
        due=None,
        message=Phrase(too_late),
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
    for (kind, day), leaving in groups.items():
        outlook = departure_outlook(team.today, day, kind, settings.hr_calendar)
        first = first or outlook
        for code in ("defer-move", "specialist-post", "extend-term"):
            step = _request(outlook, code, leaving, capability)
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
