"""A synthetic demo: fictional organisations and their users, made from a seed.

Everything here is invented; names carry （架空） / "(synthetic)" so nobody mistakes it for a
real government. Passwords are not part of the plan: the web layer draws them from the
operating system's randomness each time the demo is prepared, and prints them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dxtalent.core.organisations.codes import OrganisationKind

SYNTHETIC_JA = "（架空）"
SYNTHETIC_EN = " (synthetic demo)"


@dataclass(frozen=True)
class DemoOrganisation:
    code: str
    name: str
    name_en: str
    kana: str
    kind: OrganisationKind
    prefecture_code: str | None


@dataclass(frozen=True)
class DemoUser:
    username: str
    family_name: str
    given_name: str
    organisation_code: str
    role: str  # viewer, editor or admin
    purpose: str


@dataclass(frozen=True)
class DemoPlan:
    organisations: tuple[DemoOrganisation, ...]
    users: tuple[DemoUser, ...]


FAMILY_NAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤")
GIVEN_NAMES = ("陽菜", "蓮", "結衣", "湊", "美咲", "大翔", "葵", "悠真", "さくら", "颯太")

PREFECTURE = DemoOrganisation(
    code="DEMO-PREF",
    name="みらい県" + SYNTHETIC_JA,
    name_en="Mirai Prefecture" + SYNTHETIC_EN,
    kana="ミライケン",
    kind=OrganisationKind.PREFECTURE,
    prefecture_code=None,
)
CITY_A = DemoOrganisation(
    code="DEMO-CITY-A",
    name="みらい市" + SYNTHETIC_JA,
    name_en="Mirai City" + SYNTHETIC_EN,
    kana="ミライシ",
    kind=OrganisationKind.CITY,
    prefecture_code=PREFECTURE.code,
)
CITY_B = DemoOrganisation(
    code="DEMO-CITY-B",
    name="さくら市" + SYNTHETIC_JA,
    name_en="Sakura City" + SYNTHETIC_EN,
    kana="サクラシ",
    kind=OrganisationKind.CITY,
    prefecture_code=PREFECTURE.code,
)


def generate_demo(seed: int = 2025) -> DemoPlan:
    """The demo plan for a seed: the same seed always gives the same people and names.

    Users: an administrator, an editor and a viewer in city A; an editor in city B (who must
    never see city A's data).
    """
    rng = random.Random(seed)  # noqa: S311  (reproducible names, not secrets)

    def person() -> tuple[str, str]:
        return rng.choice(FAMILY_NAMES), rng.choice(GIVEN_NAMES)

    roles = (
        (
            "demo-admin",
            CITY_A,
            "admin",
            "administrator of city A: members, invitations, audit trail",
        ),
        ("demo-editor", CITY_A, "editor", "editor in city A"),
        ("demo-viewer", CITY_A, "viewer", "viewer in city A: reads, cannot change"),
        ("demo-other", CITY_B, "editor", "editor in city B: cannot see city A"),
    )
    users = []
    for username, organisation, role, purpose in roles:
        family, given = person()
        users.append(DemoUser(username, family, given, organisation.code, role, purpose))
    return DemoPlan(organisations=(PREFECTURE, CITY_A, CITY_B), users=tuple(users))
