"""The rules about roles and single points of failure: MIC's four talent profiles (a menu
to choose from) and the critical capabilities that rest on one person."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.capabilities import mic_roles
from dxtalent.core.diagnostics.model import (
    Capability,
    Finding,
    RoleFitCriterion,
    Severity,
    SmallMunicipality,
    TeamMember,
)
from dxtalent.core.diagnostics.rules.common import (
    enough,
    headcount,
    options,
    origin,
    shared,
    small_note,
    small_status,
)
from dxtalent.core.diagnostics.rules.sources import SOURCES
from dxtalent.core.diagnostics.settings import BusFactorParams, MicRolesParams
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import (
    NAMED_AT_MOST,
    current,
    listed,
    people,
    person,
    sentences,
)
from dxtalent.core.frameworks import Role
from dxtalent.core.i18n import Phrase, _


def _covered(role: Role, covering: Sequence[TeamMember], scores: dict[str, float]) -> Phrase:
    def text() -> str:
        found = listed(
            [
                _("{person} ({origin}; fit {score})").format(
                    person=person(m), origin=origin(m), score=f"{scores[m.id]:.2f}"
                )
                for m in covering[:NAMED_AT_MOST]
            ],
            of_people=True,
            more=max(0, len(covering) - NAMED_AT_MOST),
        )
        return _("MIC's role “{role}” is covered by {people}.").format(
            role=current(role.name), people=found
        )

    return Phrase(text)


def _uncovered(
    role: Role, best: TeamMember | None, scores: dict[str, float], min_score: float
) -> Phrase:
    def text() -> str:
        parts = [
            _("Nobody covers MIC's role “{role}” (fit {min_score} or above).").format(
                role=current(role.name), min_score=f"{min_score:.2f}"
            )
        ]
        if best is not None:
            parts.append(
                _("Closest: {person} (fit {score}).").format(
                    person=person(best), score=f"{scores[best.id]:.2f}"
                )
            )
        parts.append(
            _(
                "MIC's standard is a menu to choose from: if the team needs this role, consider "
                "recruiting external talent or developing staff."
            )
        )
        return sentences(parts)

    return Phrase(text)


def check_mic_roles(team: TeamView, params: MicRolesParams) -> list[Finding]:
    """For each MIC role, who covers it (role fit ≥ min_score), in-house or external: info.
    A wanted role nobody covers is a warning naming the closest person: MIC's roles are a
    menu, so a missing one is not critical."""
    rule = "mic-roles"
    findings = []
    present = team.present()
    for role in mic_roles() if params.roles is None else params.roles:
        criterion = RoleFitCriterion.from_role(role, params.min_score)
        scores = {m.id: criterion.score(m.levels) for m in present}
        ranked = sorted(present, key=lambda m: -scores[m.id])
        covering = [m for m in ranked if criterion.meets(m.levels)]
        if covering:
            message = _covered(role, covering, scores)
            found = tuple(m.id for m in covering)
            findings.append(Finding(rule, Severity.INFO, message, found, SOURCES[rule]))
            continue
        if params.wanted is not None and role.code not in params.wanted:
            continue
        best = ranked[0] if ranked else None
        message = _uncovered(role, best, scores, params.min_score)
        found = (best.id,) if best is not None else ()
        findings.append(Finding(rule, Severity.WARNING, message, found, SOURCES[rule]))
    return findings


def _resting_on(capability: Capability, holders: Sequence[TeamMember], wanted: int) -> Phrase:
    def text() -> str:
        name = current(capability.name)
        if not holders:
            return _(
                "Nobody can cover “{capability}” (at least {wanted} people are wanted)."
            ).format(capability=name, wanted=wanted)
        if len(holders) == 1:
            return _(
                "Only {person} can cover “{capability}”; if {person} leaves, the team loses it "
                "(at least {wanted} people are wanted)."
            ).format(person=person(holders[0]), capability=name, wanted=wanted)
        return _(
            "Only {count} can cover “{capability}” ({people}); at least {wanted} are wanted."
        ).format(count=headcount(holders), capability=name, people=people(holders), wanted=wanted)

    return Phrase(text)


def check_bus_factor(team: TeamView, params: BusFactorParams) -> list[Finding]:
    """Every critical capability rests on at least min_people in post today: a warning when
    fewer, critical when nobody."""
    rule = "bus-factor"
    findings = []
    status = small_status(team)
    for capability in team.capabilities:
        if not capability.critical:
            continue
        holders = team.holders(capability)
        if enough(holders, params.min_people):
            continue
        work = small.CAPABILITY_WORK.get(capability.code)
        if status.active and work is not None:
            findings.append(_small_bus_factor(team, params, capability, holders, work, status))
            continue
        severity = Severity.WARNING if holders else Severity.CRITICAL
        findings.append(
            Finding(
                rule,
                severity,
                _resting_on(capability, holders, params.min_people),
                tuple(m.id for m in holders),
                SOURCES[rule],
                capability=capability.code,
            )
        )
    return findings


def _small_bus_factor(
    team: TeamView,
    params: BusFactorParams,
    capability: Capability,
    holders: Sequence[TeamMember],
    work: str,
    status: SmallMunicipality,
) -> Finding:
    """A critical capability of a small municipality resting on fewer than min_people
    in-house: info when shared resources make up the rest, else a warning saying what is
    possible (see core.diagnostics.small)."""
    rule = "bus-factor"
    wanted = params.min_people
    total = small.counted(len(holders), status.shared[work], wanted)
    from_shared = total - len(holders)
    met = total >= wanted
    small_params = team.settings.small_municipality

    def text() -> str:
        who = people(holders) if holders else _("nobody in-house")
        parts = [
            small_note(
                _(
                    "“{capability}” rests on {who}, with {shared}: {total} (at least {wanted} "
                    "are wanted)."
                ).format(
                    capability=current(capability.name),
                    who=who,
                    shared=shared(team, work, from_shared),
                    total=total,
                    wanted=wanted,
                )
            )
        ]
        if not met:
            parts.append(options(small.options(small_params, work, wanted - total)))
        return sentences(parts)

    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    severity = Severity.INFO if met else Severity.WARNING
    found = tuple(m.id for m in holders)
    return Finding(rule, severity, Phrase(text), found, source, capability=capability.code)
