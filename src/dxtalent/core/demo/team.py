"""The synthetic demo city's DX and HR departments: people, posts, rating history, a training
programme and six candidates, made from a seed.

Profiles follow the paper's picture of a DX department (Nakagawa 2025, "Discussion" and
"Conclusion"): one central figure strong in coordination, staff of mixed coordination skill who
rotate every 3–5 years, externally recruited professionals strong in technology but new to
local government,
and candidates from the programmes of domain-facts §4. All names and numbers are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from dxtalent.core.training import KANAZAWA, shipped_template

_KANAZAWA = shipped_template(KANAZAWA)

COORDINATION = "NAKAGAWA-2025-COORDINATION"
MIC = "MIC-2022-EXTERNAL-DX"
COORDINATION_SKILLS = ("CO-COMM", "CO-LEAD", "CO-NEGO", "CO-SPEC", "CO-GOVT")
MIC_SKILLS = (
    "MIC-P01", "MIC-P02", "MIC-P03", "MIC-P04", "MIC-P05",
    "MIC-M01", "MIC-M02", "MIC-M03", "MIC-S01", "MIC-S02", "MIC-S03", "MIC-E01",
)  # fmt: skip

# Every demo person carries this note; a staff member who moved department held this title
# in the previous one, for this many years before the current post.
NOTE = "架空のデモデータ"
PREVIOUS_POST_TITLE = "主事"
PREVIOUS_POST_YEARS = 4


@dataclass(frozen=True)
class DemoDepartment:
    code: str
    name: str
    is_dx: bool
    is_hr: bool


@dataclass(frozen=True)
class DemoRating:
    framework: str
    skill: str
    level: int
    source: str  # self, manager, verified, training
    rated_on: dt.date
    evidence: str


@dataclass(frozen=True)
class DemoPerson:
    """profile: what the person stands for in the demo (central, coordinator, external, ...)."""

    number: str
    family_name: str
    given_name: str
    kind: str  # staff or candidate
    profile: str
    employment_type: str
    origin: str
    it_years: float
    department: str | None
    post_title: str
    post_start: dt.date | None
    previous_department: str | None
    specialist_post: bool
    contract_end: dt.date | None
    source_programme: str
    expected_yearly_cost: int | None
    ratings: tuple[DemoRating, ...]
    qualifications: tuple[tuple[str, dt.date], ...]
    family_name_kana: str = ""  # readings in katakana (KANA below)
    given_name_kana: str = ""


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    provider: str
    kind: str
    is_external: bool
    hours: int
    months: int
    seats: int
    cost_per_seat: int
    outside_working_hours: bool
    gains: tuple[tuple[str, str, int], ...]  # framework, skill, to level
    enrolled: tuple[str, ...]  # numbers
    completed: tuple[str, ...]


@dataclass(frozen=True)
class DemoTeam:
    departments: tuple[DemoDepartment, ...]
    people: tuple[DemoPerson, ...]
    programmes: tuple[DemoProgramme, ...]
    central_number: str
    self_assessor_number: str


FAMILY = (
    "青木",
    "石井",
    "上田",
    "遠藤",
    "岡田",
    "金子",
    "木村",
    "久保",
    "小松",
    "斎藤",
    "坂本",
    "清水",
    "杉山",
    "竹内",
    "中島",
    "西村",
    "野口",
    "橋本",
    "藤田",
    "松本",
)
GIVEN = (
    "明",
    "彩",
    "颯",
    "千尋",
    "大輔",
    "恵",
    "健太",
    "沙織",
    "翔",
    "智子",
    "直樹",
    "奈々",
    "博",
    "真由",
    "悠",
    "由美",
    "亮",
    "玲奈",
    "和也",
    "優子",
)

# The reading of every demo name, in katakana (the usual reading; the people are fictional), so
# the demo's lists show the 五十音 order.
KANA = {
    "青木": "アオキ",
    "石井": "イシイ",
    "上田": "ウエダ",
    "遠藤": "エンドウ",
    "岡田": "オカダ",
    "金子": "カネコ",
    "木村": "キムラ",
    "久保": "クボ",
    "小松": "コマツ",
    "斎藤": "サイトウ",
    "坂本": "サカモト",
    "清水": "シミズ",
    "杉山": "スギヤマ",
    "竹内": "タケウチ",
    "中島": "ナカジマ",
    "西村": "ニシムラ",
    "野口": "ノグチ",
    "橋本": "ハシモト",
    "藤田": "フジタ",
    "松本": "マツモト",
    "明": "アキラ",
    "彩": "アヤ",
    "颯": "ハヤテ",
    "千尋": "チヒロ",
    "大輔": "ダイスケ",
    "恵": "メグミ",
    "健太": "ケンタ",
    "沙織": "サオリ",
    "翔": "ショウ",
    "智子": "トモコ",
    "直樹": "ナオキ",
    "奈々": "ナナ",
    "博": "ヒロシ",
    "真由": "マユ",
    "悠": "ユウ",
    "由美": "ユミ",
    "亮": "リョウ",
    "玲奈": "レイナ",
    "和也": "カズヤ",
    "優子": "ユウコ",
}

# (profile, employment type, origin, IT years, title, years in post, coordination levels
# COMM/LEAD/NEGO/SPEC/GOVT, MIC level band)
Profile = tuple[str, str, str, float, str, int, tuple[int, ...], tuple[int, int]]
STAFF_PROFILES: tuple[Profile, ...] = (
    # The central figure holds a specialist post exempt from rotation (専門職, as in
    # Higashi-Hiroshima, Kobe and Fukuoka: Nakagawa 2025, "Discussion"); the two coordinators
    # rotate out during the plan, so their successors must be grown.
    ("central", "regular", "in_house", 2, "課長補佐（DX推進担当）", 4, (4, 4, 4, 4, 4), (2, 3)),
    ("coordinator", "regular", "in_house", 0, "主査", 2, (3, 3, 3, 3, 3), (1, 2)),
    ("coordinator", "regular", "in_house", 0, "主任", 1, (3, 3, 3, 3, 2), (1, 2)),
    (
        "external",
        "fixed_term",
        "external",
        12,
        "DX推進専門官（任期付）",
        1,
        (2, 1, 3, 2, 1),
        (3, 4),
    ),
    (
        "secondee",
        "corporate_secondee",
        "external",
        8,
        "地域活性化起業人",
        1,
        (2, 2, 2, 1, 1),
        (2, 4),
    ),
    ("side_job", "side_job", "external", 15, "CDO補佐（副業）", 1, (2, 3, 3, 2, 1), (3, 4)),
    ("staff", "regular", "in_house", 0, "主事", 2, (2, 1, 1, 2, 2), (1, 2)),
    ("staff", "regular", "in_house", 0, "主事", 5, (2, 2, 1, 1, 3), (0, 1)),
    ("staff", "regular", "in_house", 3, "主任", 1, (1, 1, 1, 1, 2), (1, 2)),
    (
        "staff",
        "fixed_term_part_time",
        "in_house",
        0,
        "会計年度任用職員",
        1,
        (1, 0, 0, 1, 2),
        (0, 1),
    ),
    ("staff", "regular", "in_house", 0, "主事", 3, (2, 1, 0, 2, 2), (1, 1)),
    ("newcomer", "regular", "in_house", 0, "主事", 0, (1, 0, 0, 0, 1), (0, 1)),
)
HR_PROFILES: tuple[Profile, ...] = (
    ("hr", "regular", "in_house", 0, "人事課長補佐", 2, (3, 2, 1, 1, 4), (0, 1)),
    ("hr", "regular", "in_house", 0, "主査（研修担当）", 3, (2, 2, 1, 1, 3), (0, 1)),
)
CANDIDATES = (
    ("外部人材リスト（総務省）", "fixed_term", 20, 11_000_000, (2, 3, 3, 2, 1), (3, 4)),
    ("地域活性化起業人（民間企業）", "corporate_secondee", 10, 5_600_000, (2, 2, 2, 2, 1), (2, 3)),
    ("副業人材マッチング", "side_job", 14, 2_400_000, (2, 2, 3, 2, 1), (3, 4)),
    ("都道府県デジタル人材プール", "adviser", 9, 1_200_000, (3, 3, 2, 2, 3), (2, 3)),
    ("経験者採用（中途）", "regular", 7, 7_000_000, (2, 2, 2, 3, 1), (2, 3)),
    ("地域情報化アドバイザー", "adviser", 25, 600_000, (3, 3, 3, 2, 3), (3, 4)),
)


def _fiscal_start(year: int) -> dt.date:
    return dt.date(year, 4, 1)


def _ratings(
    rng: random.Random,
    coordination: tuple[int, ...],
    mic: tuple[int, int],
    today: dt.date,
    history: bool,
) -> tuple[DemoRating, ...]:
    """Self-assessment last year, manager ratings last year and this year (a step up for some),
    and a few verified ratings; a newcomer has only a self-assessment."""
    last_year = _fiscal_start(
        today.year - 1 if today.month >= 4 else today.year - 2
    ) + dt.timedelta(days=60)
    this_year = last_year.replace(year=last_year.year + 1)
    out: list[DemoRating] = []
    for skill, level in zip(COORDINATION_SKILLS, coordination, strict=True):
        self_level = min(4, level + rng.choice((0, 0, 1)))
        out.append(
            DemoRating(COORDINATION, skill, self_level, "self", last_year, "自己評価（年次）")
        )
        if history:
            before = max(0, level - rng.choice((0, 0, 1)))
            out.append(
                DemoRating(
                    COORDINATION,
                    skill,
                    before,
                    "manager",
                    last_year + dt.timedelta(days=14),
                    "上司評価（年次面談）",
                )
            )
            out.append(
                DemoRating(COORDINATION, skill, level, "manager", this_year, "上司評価（年次面談）")
            )
    for skill in MIC_SKILLS:
        level = rng.randint(*mic)
        source = "verified" if level >= 3 and rng.random() < 0.4 else "manager"
        evidence = "資格・成果物で確認" if source == "verified" else "上司評価"
        if history or source == "verified":
            out.append(DemoRating(MIC, skill, level, source, this_year, evidence))
    return tuple(out)


def generate_team(seed: int = 2025, today: dt.date | None = None) -> DemoTeam:
    """The demo city's team for a seed; dates are relative to `today` so the demo stays current."""
    rng = random.Random(seed)  # noqa: S311  (reproducible demo, not secrets)
    today = today or dt.date.today()
    names = [(f, g) for f in FAMILY for g in GIVEN]
    rng.shuffle(names)
    current_fy = today.year if today.month >= 4 else today.year - 1
    people: list[DemoPerson] = []

    def staff(index: int, profile: Profile, department: str, prefix: str) -> DemoPerson:
        kind, employment, origin, it_years, title, years, coordination, mic = profile
        family, given = names.pop()
        start = _fiscal_start(current_fy - years)
        contract_end = None
        if employment == "fixed_term":
            contract_end = _fiscal_start(current_fy + 2) - dt.timedelta(days=1)
        elif employment == "corporate_secondee":
            contract_end = _fiscal_start(current_fy + 1) + dt.timedelta(days=182)
        elif employment in ("side_job", "fixed_term_part_time"):
            contract_end = _fiscal_start(current_fy + 1) - dt.timedelta(days=1)
        qualifications: tuple[tuple[str, dt.date], ...] = ()
        if it_years >= 5:
            qualifications = (("応用情報技術者試験", dt.date(current_fy - 8, 12, 20)),)
        if kind == "central":
            qualifications = (("基本情報技術者試験", dt.date(current_fy - 10, 6, 15)),)
        return DemoPerson(
            number=f"{prefix}{index:03}",
            family_name=family,
            given_name=given,
            family_name_kana=KANA[family],
            given_name_kana=KANA[given],
            kind="staff",
            profile=kind,
            employment_type=employment,
            origin=origin,
            it_years=it_years,
            department=department,
            post_title=title,
            post_start=start,
            previous_department="SOMU" if origin == "in_house" and years < 5 else None,
            specialist_post=kind in ("external", "central"),
            contract_end=contract_end,
            source_programme="",
            expected_yearly_cost=None,
            ratings=_ratings(rng, coordination, mic, today, history=kind != "newcomer"),
            qualifications=qualifications,
        )

    for index, profile in enumerate(STAFF_PROFILES, start=1):
        people.append(staff(index, profile, "DX", "S"))
    for index, profile in enumerate(HR_PROFILES, start=len(STAFF_PROFILES) + 1):
        people.append(staff(index, profile, "HR", "S"))
    for index, (source, employment, it_years, cost, coordination, mic) in enumerate(
        CANDIDATES, start=1
    ):
        family, given = names.pop()
        people.append(
            DemoPerson(
                number=f"C{index:03}",
                family_name=family,
                given_name=given,
                family_name_kana=KANA[family],
                given_name_kana=KANA[given],
                kind="candidate",
                profile="candidate",
                employment_type=employment,
                origin="external",
                it_years=it_years,
                department=None,
                post_title="",
                post_start=None,
                previous_department=None,
                specialist_post=False,
                contract_end=None,
                source_programme=source,
                expected_yearly_cost=cost,
                ratings=_ratings(rng, coordination, mic, today, history=True),
                qualifications=(),
            )
        )
    dx_numbers = [
        p.number for p in people if p.department == "DX" and p.profile in ("staff", "newcomer")
    ]
    workshop = DemoProgramme(
        name="DX推進リーダー育成ワークショップ",
        provider="みらい市（架空）人事課",
        kind="internal_training",
        is_external=False,
        # Hours, months and seats from the paper's strategy 2 example, Kanazawa's workshops
        # (Nakagawa 2025, "Method" and footnote 8: core.training's shipped template). The
        # cost per seat and the evening schedule are the invented demo city's own: the
        # paper gives neither.
        hours=_KANAZAWA.hours,
        months=_KANAZAWA.months,
        seats=_KANAZAWA.seats_per_year,
        cost_per_seat=150_000,
        outside_working_hours=True,
        # Raises to level 3 (independent) in the four abilities: the workshop's digital
        # service design with IT companies (Nakagawa 2025, "Method"), dxtalent's reading.
        gains=(
            (COORDINATION, "CO-COMM", 3),
            (COORDINATION, "CO-LEAD", 3),
            (COORDINATION, "CO-NEGO", 3),
            (COORDINATION, "CO-SPEC", 3),
        ),
        enrolled=tuple(dx_numbers[:4]),
        completed=tuple(dx_numbers[:2]),
    )
    external = DemoProgramme(
        name="自治体DX・情報システム標準化研修",
        provider="地方公共団体情報システム機構（J-LIS）等の外部研修（架空の設定）",
        kind="external_training",
        is_external=True,
        hours=24,
        months=1,
        seats=4,
        cost_per_seat=60_000,
        outside_working_hours=False,
        gains=((MIC, "MIC-P01", 2),),
        enrolled=(),
        completed=(),
    )
    departments = (
        DemoDepartment("DX", "DX推進課", True, False),
        DemoDepartment("HR", "人事課", False, True),
        DemoDepartment("SOMU", "総務課", False, False),
    )
    central = next(p.number for p in people if p.profile == "central")
    self_assessor = next(p.number for p in people if p.profile == "newcomer")
    return DemoTeam(departments, tuple(people), (workshop, external), central, self_assessor)
