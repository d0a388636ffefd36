"""How findings name people and days, in Japanese and English: one place for the rules and
the advice on departures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dxtalent.core.diagnostics.model import TeamMember


def ja_date(day: dt.date) -> str:
    """ "2027年4月1日"."""
    return f"{day.year}年{day.month}月{day.day}日"


def ja_person(member: TeamMember) -> str:
    """The person's name with さん: "佐藤 花子さん"."""
    return f"{member.display_name('ja')}さん"


def en_person(member: TeamMember) -> str:
    """The person's name in English messages (name_en, else the name)."""
    return member.display_name("en")


def ja_people(members: Iterable[TeamMember]) -> str:
    """Names with さん joined by 、."""
    return "、".join(ja_person(m) for m in members)


def en_list(items: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def en_people(members: Iterable[TeamMember]) -> str:
    """English names joined as a list: "Sato, Ito and Kato"."""
    return en_list([en_person(m) for m in members])
