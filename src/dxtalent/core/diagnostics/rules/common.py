"""What the rules share: choosing people (nearest, central_figure_candidates) and the pieces
of their messages (people counted, skill minimums, gaps, shared resources).

The pieces are called when a finding's message is shown (core.i18n.Phrase), so they speak
the language current then.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from dxtalent.core.assessments import Gap
from dxtalent.core.diagnostics import small
from dxtalent.core.diagnostics.capabilities import skill_name
from dxtalent.core.diagnostics.model import (
    EMPLOYMENT_LABELS,
    Criterion,
    EmploymentType,
    LevelCriterion,
    SmallMunicipality,
    TeamMember,
    strength,
)
from dxtalent.core.diagnostics.settings import CentralFigureParams
from dxtalent.core.diagnostics.team import TeamView
from dxtalent.core.diagnostics.wording import commas, current, japanese, listed, person
from dxtalent.core.i18n import Phrase, _, ngettext

# Gaps listed per person in a message; the rest are counted.
MAX_GAPS_SHOWN = 3


def enough(members: Sequence[TeamMember], needed: float) -> bool:
    """Whether the members' full-time equivalents (model.strength) reach `needed`."""
    return strength(members) >= needed - 1e-9


def count(number: int) -> str:
    """ "1 person", "2 people" (Japanese "2人")."""
    return ngettext("{count} person", "{count} people", number).format(count=number)


def headcount(members: Sequence[TeamMember]) -> str:
    """ "2 people", or "2 people (1.2 full-time equivalent)" when someone works part of full
    time (Japanese "2人（常勤換算1.2人）")."""
    fte = strength(members)
    if fte == len(members):
        return count(len(members))
    return _("{people} ({fte} full-time equivalent)").format(
        people=count(len(members)), fte=f"{fte:g}"
    )


def gaps(found: Sequence[Gap]) -> str:
    """ "Specification 2→3, Negotiation 1→3 and 2 more"."""
    shown = [f"{current(skill_name(g.skill))} {g.level}→{g.target}" for g in found]
    text = commas(shown[:MAX_GAPS_SHOWN])
    rest = len(shown) - MAX_GAPS_SHOWN
    return _("{gaps} and {count} more").format(gaps=text, count=rest) if rest > 0 else text


def minimums(levels: Mapping[str, int]) -> str:
    """ "level 3 or above in A and B" (Japanese "A、BがいずれもレベルN以上")."""
    names = [current(skill_name(skill)) for skill in levels]
    distinct = set(levels.values())
    if len(distinct) == 1:
        level = distinct.pop()
        if len(names) == 1:
            return _("level {level} or above in {skill}").format(level=level, skill=names[0])
        return _("level {level} or above in {skills}").format(level=level, skills=listed(names))
    parts = [
        _("level {level} or above in {skill}").format(level=level, skill=current(skill_name(s)))
        for s, level in levels.items()
    ]
    return listed(parts)


def candidates(found: Sequence[tuple[TeamMember, Sequence[Gap]]]) -> str:
    """People with the gaps each must close: "Sato (Negotiation 2→3), Ito (…)"."""
    return commas(_("{person} ({gaps})").format(person=person(m), gaps=gaps(g)) for m, g in found)


def origin(member: TeamMember) -> str:
    """ "in-house, regular staff" or "external, side-job professional"."""
    label = EMPLOYMENT_LABELS[EmploymentType(member.employment_type)].render()
    if member.is_external:
        return _("external, {employment}").format(employment=label)
    return _("in-house, {employment}").format(employment=label)


# --- small municipalities -----------------------------------------------------------------


def small_status(team: TeamView) -> SmallMunicipality:
    """Whether the team is read as a small municipality's (core.diagnostics.small)."""
    return small.small_municipality(team.members, team.capabilities, team.settings)


def small_note(text: str) -> str:
    """A sentence about the small-municipality reading: "Small municipality: …"."""
    return _("Small municipality: {note}").format(note=text)


def options(found: Iterable[Phrase]) -> str:
    """ "What is possible: a; b." (Japanese "できること: a／b。"); empty without options."""
    texts = [option.render() for option in found]
    if not texts:
        return ""
    return _("What is possible: {options}.").format(
        options=("／" if japanese() else "; ").join(texts)
    )


def shared(team: TeamView, work: str, number: int) -> str:
    """ "2 counted from shared resources (the prefecture's pool (48 days a year))"."""
    used = small.used(team.settings.small_municipality, work).render()
    if not used:
        return _("none from shared resources")
    return _("{count} counted from shared resources ({used})").format(count=number, used=used)


# --- shared selections --------------------------------------------------------------------


def nearest(
    people: Iterable[TeamMember], criterion: Criterion, count: int
) -> list[tuple[TeamMember, tuple[Gap, ...]]]:
    """Up to `count` people who do not meet `criterion`, closest first (fewest level steps
    short, then the given order), each with the gaps to close."""
    short = [(criterion.shortfall(m.levels), index, m) for index, m in enumerate(people)]
    ranked = sorted((s for s in short if s[0] > 0), key=lambda s: (s[0], s[1]))
    return [(m, criterion.gaps(m.levels)) for _, _, m in ranked[:count]]


def central_figure_candidates(
    team: TeamView, params: CentralFigureParams
) -> tuple[TeamMember, ...]:
    """DX members in post today who meet the central figure's criterion, the strongest first
    (highest sum of levels in the criterion's skills, then the given order)."""
    criterion = LevelCriterion(params.minimums)
    able = [
        m
        for m in team.present()
        if criterion.meets(m.levels) and not (params.in_house_only and m.is_external)
    ]
    strength = {m.id: sum(m.level(skill) for skill in params.minimums) for m in able}
    return tuple(sorted(able, key=lambda m: -strength[m.id]))
