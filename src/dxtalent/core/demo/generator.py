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
    population: int | None = None  # people; None where the demo leaves it unknown


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
    population=88_000,
)


def _municipality(
    code: str, name: str, name_en: str, kana: str, kind: OrganisationKind, population: int
) -> DemoOrganisation:
    return DemoOrganisation(
        code=code,
        name=name + SYNTHETIC_JA,
        name_en=name_en + SYNTHETIC_EN,
        kana=kana,
        kind=kind,
        prefecture_code=PREFECTURE.code,
        population=population,
    )


# The demo prefecture's other municipalities, from a city of 240,000 to a village of 900: with
# city A and city B, a dozen; most of them under 50,000 people, as in most prefectures.
TOWNS = (
    _municipality(
        "DEMO-CITY-C", "あおば市", "Aoba City", "アオバシ", OrganisationKind.CITY, 240_000
    ),
    _municipality(
        "DEMO-CITY-D", "かわせ市", "Kawase City", "カワセシ", OrganisationKind.CITY, 61_000
    ),
    _municipality(
        "DEMO-CITY-E", "みなと市", "Minato City", "ミナトシ", OrganisationKind.CITY, 34_000
    ),
    _municipality(
        "DEMO-TOWN-F", "ひかり町", "Hikari Town", "ヒカリチョウ", OrganisationKind.TOWN, 18_500
    ),
    _municipality(
        "DEMO-TOWN-G", "もりの町", "Morino Town", "モリノチョウ", OrganisationKind.TOWN, 12_000
    ),
    _municipality(
        "DEMO-TOWN-H", "しおかぜ町", "Shiokaze Town", "シオカゼチョウ", OrganisationKind.TOWN, 8_300
    ),
    _municipality(
        "DEMO-TOWN-I", "たかね町", "Takane Town", "タカネチョウ", OrganisationKind.TOWN, 5_600
    ),
    _municipality(
        "DEMO-TOWN-J", "ゆずは町", "Yuzuha Town", "ユズハチョウ", OrganisationKind.TOWN, 3_900
    ),
    _municipality(
        "DEMO-VILLAGE-K",
        "ほしぞら村",
        "Hoshizora Village",
        "ホシゾラムラ",
        OrganisationKind.VILLAGE,
        2_100,
    ),
    _municipality(
        "DEMO-VILLAGE-L", "こだま村", "Kodama Village", "コダマムラ", OrganisationKind.VILLAGE, 900
    ),
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
        (
            "demo-pref",
            PREFECTURE,
            "editor",
            "editor in the prefecture: its talent pool, the allocation and the aggregates of "
            "its sharing municipalities (never their people)",
        ),
    )
    users = []
    for username, organisation, role, purpose in roles:
        family, given = person()
        users.append(DemoUser(username, family, given, organisation.code, role, purpose))
    return DemoPlan(organisations=(PREFECTURE, CITY_A, CITY_B, *TOWNS), users=tuple(users))
