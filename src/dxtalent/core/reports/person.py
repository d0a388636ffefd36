"""The per-person development sheet (個人別育成計画) for HR interviews: one person's roles, the
current levels against each role's targets by source (self, manager, verified; the current
level is the one the organisation's policy keeps), the gaps, the programmes taken and planned,
the posts held and the rotation window with the expected move.

It names a person and their levels: always the internal version, which only an organisation's
editors may produce (the web and the CLI record each production in the audit trail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core.calendar import format_day, format_fiscal_year
from dxtalent.core.i18n import _, gettext_noop, ngettext, pgettext
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    written_in_its_language,
)


@dataclass(frozen=True)
class SkillLine:
    """One skill of a role: its target and the person's levels (None: no rating of that
    source)."""

    skill: str
    target: int
    self_level: int | None
    manager: int | None
    verified: int | None
    current: int | None

    @property
    def gap(self) -> int:
        return max(0, self.target - (self.current or 0))


@dataclass(frozen=True)
class RoleLine:
    """A role with the person's fit (the share of its target levels reached) and its skills."""

    name: str
    fit: float
    skills: tuple[SkillLine, ...]


@dataclass(frozen=True)
class ProgrammeLine:
    name: str
    status: str  # in the sheet's language
    enrolled_on: dt.date
    completed_on: dt.date | None
    hours: int
    done: bool


@dataclass(frozen=True)
class PlannedTraining:
    """A programme the staffing plan (its optimal mix) has the person take in a fiscal year."""

    fiscal_year: int
    programme: str


@dataclass(frozen=True)
class PostLine:
    department: str
    title: str
    started_on: dt.date
    ended_on: dt.date | None
    specialist: bool


@dataclass(frozen=True)
class Rotation:
    """The rotation window in years in post (own: the person's own, else the organisation's),
    the earliest and latest last fiscal year the window allows (None: stays, or a hard end),
    and the expected move: its last day and reason (in the sheet's language)."""

    window: tuple[int, int]
    own: bool
    bounds: tuple[int, int] | None
    leaves: dt.date | None
    reason: str


@dataclass(frozen=True)
class PersonFacts:
    name: str
    number: str
    department: str
    employment: str
    roles: tuple[RoleLine, ...]
    programmes: tuple[ProgrammeLine, ...]
    posts: tuple[PostLine, ...]
    rotation: Rotation | None
    planned: tuple[PlannedTraining, ...] = ()
    plan: str = ""  # the plan the planned programmes come from ("" when none)


SOURCE = gettext_noop(
    "Levels: the ratings recorded in dxtalent (self, manager, verified); the current level is "
    "the rating the organisation's policy keeps. Targets: the roles of the skill framework. "
    "The move is an estimate from the rotation window."
)


def _level(value: int | None) -> str:
    return "–" if value is None else str(value)


def _day(day: dt.date | None, language: str) -> str:
    if day is None:
        return "–"
    return format_day(day, language)


@written_in_its_language
def person_document(
    facts: PersonFacts,
    *,
    organisation: str,
    language: str,
    generated: dt.date,
) -> Document:
    """The development sheet of one person (internal version), in `language`."""
    blocks: list[Block] = [
        Heading(pgettext("report", "Person")),
        Table(
            header=(_("Field"), _("Value")),
            rows=(
                (pgettext("report", "Name"), facts.name),
                (_("Staff number"), facts.number or "–"),
                (pgettext("report", "Department"), facts.department or "–"),
                (_("Employment"), facts.employment or "–"),
            ),
        ),
        Heading(_("Roles and target levels")),
    ]
    if not facts.roles:
        blocks.append(Paragraph(_("No role sets target levels.")))
    for role in facts.roles:
        gaps = [line for line in role.skills if line.gap]
        blocks.append(Heading(role.name, level=2))
        blocks.append(
            Paragraph(
                ngettext(
                    "Fit {fit}%. {count} skill below the target ({short} levels short in all).",
                    "Fit {fit}%. {count} skills below the target ({short} levels short in all).",
                    len(gaps),
                ).format(
                    fit=f"{100 * role.fit:.0f}",
                    count=len(gaps),
                    short=sum(line.gap for line in gaps),
                )
            )
        )
        blocks.append(
            Table(
                header=(
                    _("Skill"),
                    pgettext("report", "Target"),
                    _("Self"),
                    _("Manager"),
                    _("Verified"),
                    _("Current"),
                    _("Gap"),
                ),
                rows=tuple(
                    (
                        line.skill,
                        str(line.target),
                        _level(line.self_level),
                        _level(line.manager),
                        _level(line.verified),
                        _level(line.current),
                        str(line.gap) if line.gap else "–",
                    )
                    for line in role.skills
                ),
                numeric=(1, 2, 3, 4, 5, 6),
                caption=_("Levels (0–4)"),
            )
        )
        if role.skills and role is facts.roles[0]:
            # One chart, for the role the person fits best (the roles come best first).
            blocks.append(
                BarChart(
                    title=_("{role}: current levels and targets").format(role=role.name),
                    categories=tuple(line.skill for line in role.skills),
                    series=(
                        (
                            pgettext("report", "Target"),
                            tuple(float(s.target) for s in role.skills),
                        ),
                        (_("Current"), tuple(float(s.current or 0) for s in role.skills)),
                    ),
                    unit=_("level"),
                    horizontal=True,
                )
            )
    blocks.append(Heading(_("Programmes")))
    done = [p for p in facts.programmes if p.done]
    planned = [p for p in facts.programmes if not p.done]
    blocks.append(
        Paragraph(
            _(
                "{done} taken ({hours} hours), {planned} under way or enrolled, {staffing} in "
                "the staffing plan."
            ).format(
                done=len(done),
                hours=sum(p.hours for p in done),
                planned=len(planned),
                staffing=len(facts.planned),
            )
        )
    )
    if facts.programmes:
        blocks.append(
            Table(
                header=(
                    _("Programme"),
                    _("Status"),
                    pgettext("report", "Enrolled"),
                    pgettext("report", "Completed"),
                    pgettext("report", "Hours"),
                ),
                rows=tuple(
                    (
                        p.name,
                        p.status,
                        _day(p.enrolled_on, language),
                        _day(p.completed_on, language),
                        str(p.hours),
                    )
                    for p in facts.programmes
                ),
                numeric=(4,),
            )
        )
    if facts.planned:
        blocks.append(
            Table(
                header=(_("Fiscal year"), _("Programme")),
                rows=tuple(
                    (format_fiscal_year(item.fiscal_year, language), item.programme)
                    for item in facts.planned
                ),
                caption=_("Programmes in the staffing plan ({plan})").format(plan=facts.plan),
            )
        )
    blocks.append(Heading(pgettext("report", "Posts")))
    if facts.posts:
        blocks.append(
            Table(
                header=(
                    pgettext("report", "Department"),
                    pgettext("report", "Title"),
                    pgettext("report", "From"),
                    pgettext("report", "To"),
                    _("Specialist"),
                ),
                rows=tuple(
                    (
                        post.department,
                        post.title or "–",
                        _day(post.started_on, language),
                        _day(post.ended_on, language) if post.ended_on else _("now"),
                        pgettext("report", "yes") if post.specialist else "–",
                    )
                    for post in facts.posts
                ),
            )
        )
    else:
        blocks.append(Paragraph(_("No post recorded.")))
    blocks.append(Heading(pgettext("report", "Rotation window")))
    rotation = facts.rotation
    if rotation is None:
        blocks.append(Paragraph(_("No current post.")))
    else:
        low, high = rotation.window
        whose = _("the person's own") if rotation.own else _("the organisation's")
        lines = [
            _("Rotation window: {low}–{high} years in post ({whose})").format(
                low=low, high=high, whose=whose
            ),
        ]
        if rotation.bounds is not None:
            first, last = rotation.bounds
            lines.append(
                _("Moves at the end of {first} to {last}").format(
                    first=format_fiscal_year(first, language),
                    last=format_fiscal_year(last, language),
                )
            )
        if rotation.leaves is None:
            lines.append(_("Expected: {reason}").format(reason=rotation.reason))
        else:
            lines.append(
                _("Expected: in post until {day} ({reason})").format(
                    day=_day(rotation.leaves, language), reason=rotation.reason
                )
            )
        blocks += [Paragraph(line) for line in lines]
    return Document(
        title=_("Development sheet: {name}").format(name=facts.name),
        organisation=organisation,
        audience=Audience.INTERNAL,
        generated=generated,
        data_as_of=generated,
        language=language,
        blocks=tuple(blocks),
        sources=(_(SOURCE),),
    )
