"""The succession rule: who leaves in which fiscal year of the horizon (rotation, the end of
a term), what is left of each capability, the best successors and what can still be done
before the departure (core.diagnostics.advice)."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.calendar import DepartureKind
from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.advice import departure_steps
from dxtalent.core.diagnostics.model import (
    Capability,
    Departure,
    DepartureReason,
    Finding,
    Severity,
    Successor,
    TeamMember,
    strength,
)
from dxtalent.core.diagnostics.rules.common import candidates, nearest, small_note, small_status
from dxtalent.core.diagnostics.rules.sources import SOURCES
from dxtalent.core.diagnostics.settings import SuccessionParams
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import current, date, listed, person, sentences
from dxtalent.core.i18n import Phrase, _, ngettext


def _term_ends(departure: Departure) -> bool:
    return departure.reason is DepartureReason.HARD_END and departure.last_day is not None


def _leaving(leavers: Sequence[TeamMember], team: TeamView) -> str:
    """ "When Sato rotates out at the end of FY2027", "When Sato (…) and Ito (…) leave"."""
    if len(leavers) == 1:
        member = leavers[0]
        departure = team.departures[member.id]
        if _term_ends(departure):
            assert departure.last_day is not None
            return _("When {person}'s term ends on {date}").format(
                person=person(member), date=date(departure.last_day)
            )
        return _("When {person} rotates out at the end of FY{year}").format(
            person=person(member), year=departure.last_fiscal_year
        )
    parts = []
    for m in leavers:
        departure = team.departures[m.id]
        if _term_ends(departure):
            assert departure.last_day is not None
            parts.append(
                _("{person} (term ending {date})").format(
                    person=person(m), date=date(departure.last_day)
                )
            )
        else:
            parts.append(
                _("{person} (rotating out at the end of FY{year})").format(
                    person=person(m), year=departure.last_fiscal_year
                )
            )
    return _("When {people} leave").format(people=listed(parts, of_people=True))


def check_succession(team: TeamView, params: SuccessionParams) -> list[Finding]:
    """For every capability and fiscal year of the horizon in which departures leave fewer
    people meeting it than its target (taking it below target, or further below when it
    already was): who leaves, what is left, and the best successors (people in post that
    year, closest to the criterion) with the gaps each must close. Critical for a critical
    capability lost within imminent_years after the current fiscal year, else a warning."""
    findings = []
    for capability in team.capabilities:
        before = team.holders(capability)
        for year in team.fiscal_years:
            after = team.holders(capability, year)
            after_ids = {m.id for m in after}
            leavers = [m for m in before if m.id not in after_ids]
            # Arrivals may make up for leavers; only a net loss below target is reported.
            dropped = strength(after) < min(strength(before), capability.target) - 1e-9
            if leavers and dropped:
                findings.append(
                    _succession_finding(team, params, capability, year, leavers, len(after))
                )
            before = after
    return findings


def _succession_finding(
    team: TeamView,
    params: SuccessionParams,
    capability: Capability,
    year: int,
    leavers: Sequence[TeamMember],
    left: int,
) -> Finding:
    rule = "succession"
    leaving = {m.id for m in leavers}
    pool = [
        m
        for m in team.members
        if m.id not in leaving
        and (m.is_dx or params.include_other_departments)
        and (team.in_post(m.id, year) if m.is_dx else team.employed(m.id, year))
    ]
    # DX members first among equally close people: they need no transfer.
    pool.sort(key=lambda m: not m.is_dx)
    successors = nearest(pool, capability.criterion, params.candidates)
    # Training mostly happens outside working hours (the paper), so the time left to the
    # departure decides what can still be done (core.diagnostics.advice).
    outlook, steps = departure_steps(team, capability, leavers, successors)
    status = small_status(team)
    work = small.CAPABILITY_WORK.get(capability.code)
    shared = status.shared[work] if status.active and work is not None else 0

    def text() -> str:
        name, target = current(capability.name), capability.target
        leaving_text = _leaving(leavers, team)
        if left:
            first = ngettext(
                "{leaving}, only {count} person can cover “{capability}” (target {target}).",
                "{leaving}, only {count} people can cover “{capability}” (target {target}).",
                left,
            )
        else:
            first = _("{leaving}, nobody can cover “{capability}” (target {target}).")
        parts = [first.format(leaving=leaving_text, count=left, capability=name, target=target)]
        if successors:
            parts.append(
                _("Best successors: {candidates}.").format(candidates=candidates(successors))
            )
        else:
            parts.append(_("Nobody in the team is in line to succeed."))
        if outlook is not None:
            time_left = current(outlook.time_left.text())
            if outlook.kind is DepartureKind.TERM_END:
                parts.append(
                    _("{time_left} to the end of the term on {date}.").format(
                        time_left=time_left, date=date(outlook.last_day)
                    )
                )
            else:
                parts.append(
                    _("{time_left} to the move on {date}.").format(
                        time_left=time_left, date=date(outlook.departure_day)
                    )
                )
        if shared:
            parts.append(
                small_note(
                    _(
                        "the target is the in-house one, {count} counted from shared resources."
                    ).format(count=shared)
                )
            )
        return sentences(parts)

    imminent = year <= team.current_fiscal_year + params.imminent_years
    severity = Severity.CRITICAL if capability.critical and imminent else Severity.WARNING
    return Finding(
        rule,
        severity,
        Phrase(text),
        tuple(m.id for m in leavers) + tuple(m.id for m, _ in successors),
        SOURCES[rule],
        fiscal_year=year,
        capability=capability.code,
        successors=tuple(
            Successor(m.id, gaps, capability.criterion.shortfall(m.levels))
            for m, gaps in successors
        ),
        departure_day=outlook.departure_day if outlook else None,
        time_left=outlook.time_left if outlook else None,
        next_steps=steps,
    )
