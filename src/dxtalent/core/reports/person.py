"""The per-person development sheet (個人別育成計画) for HR interviews: one person's roles, the
current levels against each role's targets by source (self, manager, verified; the current
level is the one the organisation's policy keeps), the gaps, the programmes taken and planned,
the posts held and the rotation window with the expected move.

It names a person and their levels: always the internal version, which only an organisation's
editors may produce (the web and the CLI record each production in the audit trail)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.frameworks import Text
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    ja_day,
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


SOURCE = Text(
    "レベル: dxtalent の評価記録（本人・上司・検証済み）。現在のレベルは団体の方針で選ばれた評価。"
    "役割の目標レベルはスキル標準の人材像による。異動時期は在任期間の幅による見込みです。",
    "Levels: the ratings recorded in dxtalent (self, manager, verified); the current level is "
    "the rating the organisation's policy keeps. Targets: the roles of the skill framework. "
    "The move is an estimate from the rotation window.",
)


def _level(value: int | None) -> str:
    return "–" if value is None else str(value)


def _day(day: dt.date | None, language: str) -> str:
    if day is None:
        return "–"
    return ja_day(day) if language == "ja" else day.isoformat()


def person_document(
    facts: PersonFacts,
    *,
    organisation: str,
    language: str,
    generated: dt.date,
) -> Document:
    """The development sheet of one person (internal version)."""
    ja = language == "ja"
    blocks: list[Block] = [
        Heading("職員" if ja else "Person"),
        Table(
            header=("項目", "内容") if ja else ("Field", "Value"),
            rows=(
                ("氏名" if ja else "Name", facts.name),
                ("職員番号" if ja else "Staff number", facts.number or "–"),
                ("所属" if ja else "Department", facts.department or "–"),
                ("任用形態" if ja else "Employment", facts.employment or "–"),
            ),
        ),
        Heading("役割と目標レベル" if ja else "Roles and target levels"),
    ]
    if not facts.roles:
        blocks.append(
            Paragraph(
                "目標レベルを定めた役割がありません。" if ja else "No role sets target levels."
            )
        )
    for role in facts.roles:
        gaps = [line for line in role.skills if line.gap]
        blocks.append(Heading(role.name, level=2))
        blocks.append(
            Paragraph(
                (
                    f"適合度 {100 * role.fit:.0f}%。目標に届かないスキルは{len(gaps)}件"
                    f"（不足レベルの合計 {sum(line.gap for line in gaps)}）です。"
                )
                if ja
                else (
                    f"Fit {100 * role.fit:.0f}%. {len(gaps)} skills below the target "
                    f"({sum(line.gap for line in gaps)} levels short in all)."
                )
            )
        )
        blocks.append(
            Table(
                header=("スキル", "目標", "本人", "上司", "検証済み", "現在", "不足")
                if ja
                else ("Skill", "Target", "Self", "Manager", "Verified", "Current", "Gap"),
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
                caption="レベル（0〜4）" if ja else "Levels (0–4)",
            )
        )
        if role.skills and role is facts.roles[0]:
            # One chart, for the role the person fits best (the roles come best first).
            blocks.append(
                BarChart(
                    title=f"{role.name}: 現在のレベルと目標"
                    if ja
                    else f"{role.name}: current levels and targets",
                    categories=tuple(line.skill for line in role.skills),
                    series=(
                        ("目標" if ja else "Target", tuple(float(s.target) for s in role.skills)),
                        (
                            "現在" if ja else "Current",
                            tuple(float(s.current or 0) for s in role.skills),
                        ),
                    ),
                    unit="レベル" if ja else "level",
                    horizontal=True,
                )
            )
    blocks.append(Heading("研修" if ja else "Programmes"))
    done = [p for p in facts.programmes if p.done]
    planned = [p for p in facts.programmes if not p.done]
    blocks.append(
        Paragraph(
            (
                f"受講済み{len(done)}件（{sum(p.hours for p in done)}時間）、受講中・申込済み"
                f"{len(planned)}件、計画での受講予定{len(facts.planned)}件。"
            )
            if ja
            else (
                f"{len(done)} taken ({sum(p.hours for p in done)} hours), "
                f"{len(planned)} under way or enrolled, {len(facts.planned)} in the staffing "
                "plan."
            )
        )
    )
    if facts.programmes:
        blocks.append(
            Table(
                header=("研修", "状況", "申込日", "修了日", "時間")
                if ja
                else ("Programme", "Status", "Enrolled", "Completed", "Hours"),
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
                header=("年度", "研修") if ja else ("Fiscal year", "Programme"),
                rows=tuple(
                    (format_fiscal_year(item.fiscal_year, language), item.programme)
                    for item in facts.planned
                ),
                caption=f"人材確保・育成計画での受講予定（{facts.plan}）"
                if ja
                else f"Programmes in the staffing plan ({facts.plan})",
            )
        )
    blocks.append(Heading("職歴" if ja else "Posts"))
    if facts.posts:
        blocks.append(
            Table(
                header=("所属", "職名", "着任", "離任", "専門職")
                if ja
                else ("Department", "Title", "From", "To", "Specialist"),
                rows=tuple(
                    (
                        post.department,
                        post.title or "–",
                        _day(post.started_on, language),
                        _day(post.ended_on, language)
                        if post.ended_on
                        else ("現在" if ja else "now"),
                        ("はい" if ja else "yes") if post.specialist else "–",
                    )
                    for post in facts.posts
                ),
            )
        )
    else:
        blocks.append(Paragraph("記録された職歴はありません。" if ja else "No post recorded."))
    blocks.append(Heading("異動の見込み" if ja else "Rotation window"))
    rotation = facts.rotation
    if rotation is None:
        blocks.append(Paragraph("現在の所属がないため見込めません。" if ja else "No current post."))
    else:
        low, high = rotation.window
        whose = (
            ("本人の設定" if ja else "the person's own")
            if rotation.own
            else ("団体の設定" if ja else "the organisation's")
        )
        lines = [
            f"在任期間の幅: {low}〜{high}年（{whose}）"
            if ja
            else f"Rotation window: {low}–{high} years in post ({whose})",
        ]
        if rotation.bounds is not None:
            first, last = rotation.bounds
            lines.append(
                f"異動の時期: {format_fiscal_year(first, language)}末〜"
                f"{format_fiscal_year(last, language)}末"
                if ja
                else f"Moves at the end of {format_fiscal_year(first, language)} to "
                f"{format_fiscal_year(last, language)}"
            )
        if rotation.leaves is None:
            lines.append(f"見込み: {rotation.reason}" if ja else f"Expected: {rotation.reason}")
        else:
            lines.append(
                f"見込み: {_day(rotation.leaves, language)}まで在任（{rotation.reason}）"
                if ja
                else f"Expected: in post until {_day(rotation.leaves, language)} "
                f"({rotation.reason})"
            )
        blocks += [Paragraph(line) for line in lines]
    return Document(
        title=f"個人別育成計画: {facts.name}" if ja else f"Development sheet: {facts.name}",
        organisation=organisation,
        audience=Audience.INTERNAL,
        generated=generated,
        data_as_of=generated,
        language=language,
        blocks=tuple(blocks),
        sources=(SOURCE.get(language),),
    )
