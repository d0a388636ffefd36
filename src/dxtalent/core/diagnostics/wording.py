"""How findings name people and days, in Japanese and English: one place for the rules and
the advice on departures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from dxtalent.core import i18n
from dxtalent.core.calendar import format_day
from dxtalent.core.diagnostics.model import TeamMember
from dxtalent.core.frameworks import Text


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


# --- in the language current when a phrase is shown (core.i18n.Phrase) -------------------
#
# The words of a finding go through the catalogue (`_`, `ngettext`); what differs between the
# languages beyond words (さん after a name, how a list is joined, how a day is written) is
# here, chosen by the current language.


def japanese() -> bool:
    """Whether the current language is Japanese."""
    return i18n.language().split("-")[0].split("_")[0].lower() == "ja"


def person(member: TeamMember) -> str:
    """ "佐藤 花子さん" in Japanese, the English name in English."""
    return ja_person(member) if japanese() else en_person(member)


# A finding names at most this many people (or items) and counts the rest: in a large city
# hundreds of staff meet a condition, and a finding naming each of them fills the page.
NAMED_AT_MOST = 10


def listed(items: Sequence[str], of_people: bool = False, more: int = 0) -> str:
    """ "A、B、C" in Japanese; "A, B and C" in English. Beyond NAMED_AT_MOST items, the first
    ones and how many more: "A、B、…、Jほか5人" (of_people) or "…ほか5件". more: items
    beyond those given, counted but not written (a caller need not word them all)."""
    rest = len(items) + more - NAMED_AT_MOST
    if rest <= 0:
        return "、".join(items) if japanese() else en_list(items)
    if of_people:
        text = i18n.ngettext("{items} and {count} other", "{items} and {count} others", rest)
    else:
        text = i18n.ngettext("{items} and {count} more", "{items} and {count} more", rest)
    return text.format(items=commas(items[:NAMED_AT_MOST]), count=rest)


def people(members: Iterable[TeamMember]) -> str:
    """The members' names as a list (see `listed`)."""
    members = list(members)
    return listed(
        [person(m) for m in members[:NAMED_AT_MOST]],
        of_people=True,
        more=max(0, len(members) - NAMED_AT_MOST),
    )


def commas(items: Iterable[str]) -> str:
    """ "A、B" in Japanese; "A, B" in English."""
    return ("、" if japanese() else ", ").join(items)


def semicolons(items: Iterable[str]) -> str:
    """ "A、B" in Japanese; "A; B" in English, for items that may hold a comma themselves
    ("Knowledge of RPA, low-code and related technology: 1; Data analysis: 2")."""
    return ("、" if japanese() else "; ").join(items)


def date(day: dt.date) -> str:
    """ "2027年4月1日" in Japanese; "2027-04-01" in English."""
    return format_day(day, "ja" if japanese() else "en")


def sentences(parts: Iterable[str]) -> str:
    """Sentences of one message: run together in Japanese, with a space in English; empty
    parts are left out."""
    return ("" if japanese() else " ").join(part for part in parts if part)


def current(text: Text | i18n.Phrase) -> str:
    """A bilingual value (a skill's or capability's name) in the current language."""
    return text.get(i18n.language())
