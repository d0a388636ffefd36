"""The rules about the DX team's core (Nakagawa 2025, "Discussion"): a central figure, two
more coordinating staff besides them, and three people to write a specification."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.capabilities import skill_name
from dxtalent.core.diagnostics.model import (
    Finding,
    LevelCriterion,
    Severity,
    SmallMunicipality,
    TeamMember,
    strength,
)
from dxtalent.core.diagnostics.rules.common import (
    candidates,
    central_figure_candidates,
    enough,
    headcount,
    minimums,
    nearest,
    options,
    shared,
    small_note,
    small_status,
)
from dxtalent.core.diagnostics.rules.sources import SOURCES
from dxtalent.core.diagnostics.settings import (
    CentralFigureParams,
    CoordinatingStaffParams,
    SpecificationTeamParams,
)
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import current, people, person, sentences
from dxtalent.core.i18n import Phrase, _, bracketed, ngettext


def check_central_figure(team: TeamView, params: CentralFigureParams) -> list[Finding]:
    """Critical when nobody meets the central figure's criterion (naming the two closest);
    info naming the central figure (the strongest candidate) otherwise."""
    rule = "central-figure"
    found = central_figure_candidates(team, params)
    if found:
        chosen, others = found[0], found[1:]

        def chosen_text() -> str:
            parts = [
                _(
                    "{person} meets the criteria of the central figure (control tower): {minimums}."
                ).format(person=person(chosen), minimums=minimums(params.minimums))
            ]
            if others:
                parts.append(
                    ngettext("So does {people}.", "So do {people}.", len(others)).format(
                        people=people(others)
                    )
                )
            return sentences(parts)

        return [
            Finding(
                rule,
                Severity.INFO,
                Phrase(chosen_text),
                tuple(m.id for m in found),
                SOURCES[rule],
            )
        ]
    pool = [m for m in team.present() if not (params.in_house_only and m.is_external)]
    closest = nearest(pool, LevelCriterion(params.minimums), 2)
    severity = Severity.CRITICAL
    source = SOURCES[rule]
    status = small_status(team)
    params_small = team.settings.small_municipality
    if status.active:
        source = f"{source}; {small.SOURCE_SMALL}"
        if params_small.pool_people():
            severity = Severity.WARNING

    def missing_text() -> str:
        if params.in_house_only:
            nobody = _(
                "Nobody can act as the central figure (control tower): no one among in-house "
                "staff has {minimums}."
            )
        else:
            nobody = _(
                "Nobody can act as the central figure (control tower): no one has {minimums}."
            )
        parts = [nobody.format(minimums=minimums(params.minimums))]
        if closest:
            parts.append(_("Closest: {candidates}.").format(candidates=candidates(closest)))
        if status.active:
            # The pool's professionals act as producer for municipalities (MIC 2024 model):
            # they stand in, but the control tower should grow in-house.
            if params_small.pool_people():
                note = _(
                    "the prefecture's pool ({days} days a year) can act as producer meanwhile; "
                    "grow the central figure in-house."
                ).format(days=params_small.pool_days)
            else:
                note = options(small.options(params_small, "coordination", 1))
            parts.append(small_note(note))
        return sentences(parts)

    return [
        Finding(
            rule,
            severity,
            Phrase(missing_text),
            tuple(m.id for m, _ in closest),
            source,
        )
    ]


def _against(met: str, short: str, min_people: int, missing: int) -> str:
    """The sentence comparing a count with the target: `met` (with {min_people}) when
    nothing is missing, else `short` (with {min_people} and {short})."""
    if missing <= 0:
        return met.format(min_people=min_people)
    return short.format(min_people=min_people, short=missing)


def _central(central: TeamMember | None) -> str:
    return bracketed(person(central)) if central else ""


def check_coordinating_staff(team: TeamView, params: CoordinatingStaffParams) -> list[Finding]:
    """Besides the central figure (see check_central_figure; its parameters pick them even
    when that rule is off), at least min_people meet the criterion: info when so; a warning
    when fewer, critical when none, naming the nearest candidates."""
    rule = "coordinating-staff"
    found = central_figure_candidates(team, team.settings.central_figure)
    central = found[0] if found else None
    criterion = LevelCriterion(params.minimums)
    pool = [m for m in team.present() if central is None or m.id != central.id]
    able = [m for m in pool if criterion.meets(m.levels)]
    status = small_status(team)
    if status.active:
        return [_small_coordinating(team, params, central, pool, able, status)]
    if enough(able, params.min_people):

        def met() -> str:
            return ngettext(
                "Besides the central figure{central}, {count} has {minimums}: {people}; the "
                "paper asks for at least {min_people}.",
                "Besides the central figure{central}, {count} have {minimums}: {people}; the "
                "paper asks for at least {min_people}.",
                len(able),
            ).format(
                central=_central(central),
                count=headcount(able),
                minimums=minimums(params.minimums),
                people=people(able),
                min_people=params.min_people,
            )

        return [Finding(rule, Severity.INFO, Phrase(met), tuple(m.id for m in able), SOURCES[rule])]
    closest = nearest(pool, criterion, params.candidates)

    def short() -> str:
        if able:
            first = ngettext(
                "Besides the central figure{central}, only {count} ({people}) has {minimums}; "
                "the paper asks for at least {min_people}.",
                "Besides the central figure{central}, only {count} ({people}) have {minimums}; "
                "the paper asks for at least {min_people}.",
                len(able),
            )
        else:
            first = _(
                "Besides the central figure{central}, nobody has {minimums}; the paper asks for "
                "at least {min_people}."
            )
        parts = [
            first.format(
                central=_central(central),
                count=headcount(able),
                people=people(able),
                minimums=minimums(params.minimums),
                min_people=params.min_people,
            )
        ]
        if closest:
            parts.append(_("Nearest: {candidates}.").format(candidates=candidates(closest)))
        return sentences(parts)

    severity = Severity.WARNING if able else Severity.CRITICAL
    found_people = tuple(m.id for m in able) + tuple(m.id for m, _ in closest)
    return [Finding(rule, severity, Phrase(short), found_people, SOURCES[rule])]


def _small_coordinating(
    team: TeamView,
    params: CoordinatingStaffParams,
    central: TeamMember | None,
    pool: Sequence[TeamMember],
    able: Sequence[TeamMember],
    status: SmallMunicipality,
) -> Finding:
    """Coordinating staff read through shared resources: the central figure and the able
    staff are the in-house seats of a team of min_people + 1 (see core.diagnostics.small)."""
    rule = "coordinating-staff"
    in_house = len(able) + (1 if central else 0)
    besides = small.counted(in_house, status.shared["coordination"], params.min_people + 1) - (
        1 if central else 0
    )
    from_shared = besides - len(able)
    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    met = besides >= params.min_people
    missing = params.min_people - besides
    closest = [] if met else nearest(pool, LevelCriterion(params.minimums), params.candidates)
    small_params = team.settings.small_municipality

    def text() -> str:
        parts = [
            small_note(
                _(
                    "besides the central figure{central}, {in_house} in-house and {shared} make "
                    "{total}."
                ).format(
                    central=_central(central),
                    in_house=len(able),
                    shared=shared(team, "coordination", from_shared),
                    total=besides,
                )
            )
        ]
        parts.append(
            _against(
                _("The paper asks for {min_people}: met."),
                _("The paper asks for {min_people}: {short} short."),
                params.min_people,
                missing,
            )
        )
        if met:
            return sentences(parts)
        if in_house == 0:
            parts.append(_("With nobody in-house to work with, shared resources do not count."))
        parts.append(options(small.options(small_params, "coordination", missing)))
        if closest:
            parts.append(
                _("To grow in-house: {candidates}.").format(candidates=candidates(closest))
            )
        return sentences(parts)

    found_people = tuple(m.id for m in able)
    if met:
        return Finding(rule, Severity.INFO, Phrase(text), found_people, source)
    found_people += tuple(m.id for m, _ in closest)
    return Finding(rule, Severity.WARNING, Phrase(text), found_people, source)


def check_specification_team(team: TeamView, params: SpecificationTeamParams) -> list[Finding]:
    """At least min_people at min_level in the specification skill: info when so; a warning
    when fewer, critical when one or nobody (a specification is impractical for a single
    member of staff, "Discussion")."""
    rule = "specification-team"
    able = [m for m in team.present() if m.level(params.skill) >= params.min_level]
    name = skill_name(params.skill)
    level = params.min_level
    status = small_status(team)
    if status.active:
        return [_small_specification(team, params, able, status)]
    found_people = tuple(m.id for m in able)
    if enough(able, params.min_people):

        def met() -> str:
            return ngettext(
                "{count} is at level {level} or above in {skill} ({people}): enough for the "
                "{min_people} a specification takes.",
                "{count} are at level {level} or above in {skill} ({people}): enough for the "
                "{min_people} a specification takes.",
                len(able),
            ).format(
                count=headcount(able),
                level=level,
                skill=current(name),
                people=people(able),
                min_people=params.min_people,
            )

        return [Finding(rule, Severity.INFO, Phrase(met), found_people, SOURCES[rule])]

    def short() -> str:
        if able:
            text = ngettext(
                "A specification takes at least {min_people} people, but only {count} is at "
                "level {level} or above in {skill} ({people}).",
                "A specification takes at least {min_people} people, but only {count} are at "
                "level {level} or above in {skill} ({people}).",
                len(able),
            )
        else:
            text = _(
                "A specification takes at least {min_people} people, but nobody is at level "
                "{level} or above in {skill}."
            )
        return text.format(
            min_people=params.min_people,
            count=headcount(able),
            level=level,
            skill=current(name),
            people=people(able),
        )

    severity = Severity.CRITICAL if strength(able) <= 1 else Severity.WARNING
    return [Finding(rule, severity, Phrase(short), found_people, SOURCES[rule])]


def _small_specification(
    team: TeamView,
    params: SpecificationTeamParams,
    able: Sequence[TeamMember],
    status: SmallMunicipality,
) -> Finding:
    """The specification team read through shared resources (see core.diagnostics.small)."""
    rule = "specification-team"
    name, level = skill_name(params.skill), params.min_level
    total = small.counted(len(able), status.shared["specification"], params.min_people)
    from_shared = total - len(able)
    met = total >= params.min_people
    missing = params.min_people - total
    small_params = team.settings.small_municipality

    def text() -> str:
        parts = [
            small_note(
                _(
                    "{in_house} in-house at level {level} or above in {skill}{who} and {shared} "
                    "make {total} to write a specification."
                ).format(
                    in_house=len(able),
                    level=level,
                    skill=current(name),
                    who=bracketed(people(able)) if able else "",
                    shared=shared(team, "specification", from_shared),
                    total=total,
                )
            )
        ]
        parts.append(
            _against(
                _("A specification takes {min_people}: met."),
                _("A specification takes {min_people}: {short} short."),
                params.min_people,
                missing,
            )
        )
        if met:
            return sentences(parts)
        if not able:
            parts.append(
                _(
                    "Shared resources count alongside someone in-house, so one member of staff "
                    "at level {level} or above in {skill} is needed."
                ).format(level=level, skill=current(name))
            )
        parts.append(options(small.options(small_params, "specification", missing)))
        return sentences(parts)

    source = f"{SOURCES[rule]}; {small.SOURCE_SMALL}"
    severity = Severity.INFO if met else Severity.WARNING
    return Finding(rule, severity, Phrase(text), tuple(m.id for m in able), source)
