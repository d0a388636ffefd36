"""The columns of the staff, candidates and assessments imports (headers, accepted values and
help for the templates), an example row of each, and the columns an imported rating fills.
The import itself is web/people/imports.py."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_noop

from dxtalent.core.assessments import RatingSource
from dxtalent.core.tabular import Column, boolean, choice, date, decimal, integer, kana, text
from dxtalent.web.people.models import EmploymentType

EMPLOYMENT = choice(
    {
        "regular": EmploymentType.REGULAR.value,
        "正規": EmploymentType.REGULAR.value,
        "正規職員": EmploymentType.REGULAR.value,
        "fixed_term": EmploymentType.FIXED_TERM.value,
        "任期付": EmploymentType.FIXED_TERM.value,
        "任期付職員": EmploymentType.FIXED_TERM.value,
        "fixed_term_part_time": EmploymentType.FIXED_TERM_PART_TIME.value,
        "会計年度任用": EmploymentType.FIXED_TERM_PART_TIME.value,
        "会計年度任用職員": EmploymentType.FIXED_TERM_PART_TIME.value,
        "corporate_secondee": EmploymentType.CORPORATE_SECONDEE.value,
        "地域活性化起業人": EmploymentType.CORPORATE_SECONDEE.value,
        "出向": EmploymentType.CORPORATE_SECONDEE.value,
        "side_job": EmploymentType.SIDE_JOB.value,
        "副業": EmploymentType.SIDE_JOB.value,
        "兼業": EmploymentType.SIDE_JOB.value,
        "dispatched": EmploymentType.DISPATCHED.value,
        "派遣": EmploymentType.DISPATCHED.value,
        "adviser": EmploymentType.ADVISER.value,
        "アドバイザー": EmploymentType.ADVISER.value,
    }
)
ORIGIN = choice(
    {
        "in_house": "in_house",
        "内部": "in_house",
        "生え抜き": "in_house",
        "external": "external",
        "外部": "external",
        "中途": "external",
    }
)
SOURCE = choice(
    {
        "self": RatingSource.SELF.value,
        "自己": RatingSource.SELF.value,
        "自己評価": RatingSource.SELF.value,
        "manager": RatingSource.MANAGER.value,
        "上司": RatingSource.MANAGER.value,
        "上司評価": RatingSource.MANAGER.value,
        "verified": RatingSource.VERIFIED.value,
        "検証済み": RatingSource.VERIFIED.value,
        "training": RatingSource.TRAINING.value,
        "研修": RatingSource.TRAINING.value,
    }
)

PERSON_COLUMNS: tuple[Column, ...] = (
    Column(
        "number",
        aliases=("職員番号", "番号"),
        required=True,
        parse=text(64),
        help=gettext_noop('your staff or candidate number, e.g. "S001"'),
    ),
    Column(
        "family_name",
        aliases=("姓", "氏"),
        required=True,
        parse=text(100),
        help=gettext_noop("the family name"),
    ),
    Column(
        "given_name",
        aliases=("名",),
        required=False,
        parse=text(100),
        help=gettext_noop("the given name"),
    ),
    Column(
        "family_name_kana",
        aliases=("姓（カナ）", "セイ"),
        required=False,
        parse=kana(100),
        help=gettext_noop("the reading of the family name in katakana or hiragana, e.g. サトウ"),
    ),
    Column(
        "given_name_kana",
        aliases=("名（カナ）", "メイ"),
        required=False,
        parse=kana(100),
        help=gettext_noop("the reading of the given name in katakana or hiragana, e.g. ハナコ"),
    ),
    Column(
        "email",
        aliases=("メール", "メールアドレス"),
        required=False,
        parse=text(254),
        help=gettext_noop("an email address"),
    ),
    Column(
        "employment_type",
        aliases=("雇用形態",),
        required=False,
        parse=EMPLOYMENT,
        help=gettext_noop(
            "regular, fixed_term, fixed_term_part_time, corporate_secondee, side_job, dispatched or adviser (or 正規, 任期付, 会計年度任用, 地域活性化起業人, 副業, 派遣, アドバイザー)"
        ),
    ),
    Column(
        "origin",
        aliases=("採用区分",),
        required=False,
        parse=ORIGIN,
        help=gettext_noop("in_house or external (内部 or 外部)"),
    ),
    Column(
        "it_years",
        aliases=("IT企業経験年数",),
        required=False,
        parse=decimal(Decimal(0), Decimal(60)),
        help=gettext_noop("years in IT companies, 0 to 60"),
    ),
)
STAFF_COLUMNS: tuple[Column, ...] = (
    *PERSON_COLUMNS,
    Column(
        "department_code",
        aliases=("部署コード",),
        required=False,
        parse=text(32),
        help=gettext_noop("the code of one of your departments"),
    ),
    Column(
        "post_title",
        aliases=("職名",),
        required=False,
        parse=text(200),
        help=gettext_noop("the post title"),
    ),
    Column(
        "post_start",
        aliases=("配属日",),
        required=False,
        parse=date(),
        help=gettext_noop("the first day in the post, e.g. 2024-04-01 or 令和6年4月1日"),
    ),
    Column(
        "specialist_post",
        aliases=("専門職",),
        required=False,
        parse=boolean(),
        help=gettext_noop("yes or no: a specialist post exempt from rotation"),
    ),
    Column(
        "contract_end",
        aliases=("任期満了日",),
        required=False,
        parse=date(),
        help=gettext_noop(
            "the last day of the term: needed for fixed_term, fixed_term_part_time and "
            "corporate_secondee staff"
        ),
    ),
    # The window's range and order are core.people's rotation rule, checked after reading.
    Column(
        "rotation_min_years",
        aliases=("異動最短年数",),
        required=False,
        parse=integer(),
        help=gettext_noop(
            "years in post before rotation at the earliest, 1 to 40, with rotation_max_years"
        ),
    ),
    Column(
        "rotation_max_years",
        aliases=("異動最長年数",),
        required=False,
        parse=integer(),
        help=gettext_noop(
            "years in post before rotation at the latest, 1 to 40, at least rotation_min_years"
        ),
    ),
)
CANDIDATE_COLUMNS: tuple[Column, ...] = (
    *PERSON_COLUMNS,
    Column(
        "source_programme",
        aliases=("出身プログラム", "登録元"),
        required=False,
        parse=text(200),
        help=gettext_noop("where the candidate comes from, e.g. 外部人材リスト"),
    ),
    Column(
        "expected_yearly_cost",
        aliases=("想定年間費用",),
        required=False,
        parse=integer(0, 100_000_000),
        help=gettext_noop("yen a year, e.g. 9000000"),
    ),
)
ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "number",
        aliases=("職員番号", "番号"),
        required=True,
        parse=text(64),
        help=gettext_noop("the number of a person already in dxtalent"),
    ),
    Column(
        "framework",
        aliases=("フレームワーク",),
        required=True,
        parse=text(200),
        help=gettext_noop("a framework, by its name (Japanese or English) or its code"),
    ),
    Column(
        "skill",
        aliases=("スキル", "スキルコード"),
        required=True,
        parse=text(200),
        help=gettext_noop(
            "a skill of that framework, by its name (Japanese or English) or its code"
        ),
    ),
    # The scale is core.people's level rule, checked after reading.
    Column(
        "level",
        aliases=("レベル",),
        required=True,
        parse=integer(),
        help=gettext_noop("a level from 0 to 4"),
    ),
    Column(
        "source",
        aliases=("評価者", "評価区分"),
        required=True,
        parse=SOURCE,
        help=gettext_noop("self, manager, verified or training (自己, 上司, 検証済み, 研修)"),
    ),
    Column(
        "rated_on",
        aliases=("評価日",),
        required=True,
        parse=date(),
        help=gettext_noop("the date of the rating, e.g. 2025-04-01"),
    ),
    Column(
        "evidence",
        aliases=("根拠", "備考"),
        required=False,
        parse=text(2000),
        help=gettext_noop("evidence or a comment"),
    ),
)

EXAMPLES: dict[str, list[dict[str, str]]] = {
    "staff": [
        {
            "number": "S001",
            "family_name": "佐藤",
            "given_name": "花子",
            "family_name_kana": "サトウ",
            "given_name_kana": "ハナコ",
            "employment_type": "正規",
            "origin": "内部",
            "it_years": "0",
            "department_code": "DX",
            "post_title": "主査",
            "post_start": "2024-04-01",
            "specialist_post": "いいえ",
        }
    ],
    "candidates": [
        {
            "number": "C001",
            "family_name": "高橋",
            "given_name": "健",
            "family_name_kana": "タカハシ",
            "given_name_kana": "ケン",
            "employment_type": "任期付",
            "origin": "外部",
            "it_years": "12",
            "source_programme": "外部人材リスト",
            "expected_yearly_cost": "9000000",
        }
    ],
    "assessments": [
        {
            "number": "S001",
            "framework": "NAKAGAWA-2025-COORDINATION",
            "skill": "CO-COMM",
            "level": "2",
            "source": "上司",
            "rated_on": "2025-04-01",
            "evidence": "庁内調整会議を主導",
        }
    ],
}
COLUMNS = {
    "staff": STAFF_COLUMNS,
    "candidates": CANDIDATE_COLUMNS,
    "assessments": ASSESSMENT_COLUMNS,
}


# The columns an imported rating fills, in the order of the tuples built for insert_rows.
RATING_COLUMNS = (
    "organisation_id",
    "person_id",
    "skill_id",
    "level",
    "source",
    "rated_on",
    "evidence",
    "rated_by_id",
    "created_at",
)
