"""The standardization of local governments' core systems as public facts: the 20 業務 plus
共通機能, the deadlines, and the four reasons a system may miss the deadline.

Sources: 地方公共団体情報システムの標準化に関する法律 (令和3年法律第40号) and its basic
policy (閣議決定 2022-10-07, revised 2023-09-08 and 2024-12-24); the list of the 20 業務 as
published by the City of Shimada; the reasons and their counts from the Digital Agency's
release reported by ascii.jp (domain-facts §3).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from dxtalent.core.frameworks.model import Text


class UnknownBusinessError(ValueError):
    """A name or code that is none of the 20 業務 nor 共通機能."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(
            f'"{value}" is not one of the 20 standardized business areas nor 共通機能 '
            '(e.g. "住民基本台帳", "固定資産税", "共通機能")'
        )


@dataclass(frozen=True)
class Business:
    """One standardized business area (業務), or 共通機能 (the shared functions).

    code: dxtalent's English identifier; number: 1–20 in the national list, 21 for 共通機能;
    aliases: other Japanese names the public files use (e.g. MIC's 住民記録 for
    住民基本台帳).
    """

    code: str
    number: int
    name: Text
    aliases: tuple[str, ...] = ()

    @property
    def is_common_functions(self) -> bool:
        """Whether this is 共通機能 rather than one of the 20 業務."""
        return self.number == 21


BUSINESSES: tuple[Business, ...] = (
    Business("resident-register", 1, Text("住民基本台帳", "resident register"), ("住民記録",)),
    Business("electoral-roll", 2, Text("選挙人名簿管理", "electoral roll")),
    Business("fixed-asset-tax", 3, Text("固定資産税", "fixed-asset tax")),
    Business("individual-inhabitant-tax", 4, Text("個人住民税", "individual inhabitant tax")),
    Business("corporate-inhabitant-tax", 5, Text("法人住民税", "corporate inhabitant tax")),
    Business("light-vehicle-tax", 6, Text("軽自動車税", "light-vehicle tax")),
    Business("national-health-insurance", 7, Text("国民健康保険", "national health insurance")),
    Business("national-pension", 8, Text("国民年金", "national pension")),
    Business("disability-welfare", 9, Text("障害者福祉", "disability welfare")),
    Business(
        "late-stage-elderly-care",
        10,
        Text("後期高齢者医療", "late-stage elderly medical care"),
    ),
    Business("long-term-care", 11, Text("介護保険", "long-term-care insurance")),
    Business("child-allowance", 12, Text("児童手当", "child allowance")),
    Business("health-management", 13, Text("健康管理", "health management")),
    Business("school-enrolment", 14, Text("就学", "school enrolment")),
    Business("child-rearing-allowance", 15, Text("児童扶養手当", "child-rearing allowance")),
    Business("public-assistance", 16, Text("生活保護", "public assistance")),
    Business("child-support", 17, Text("子ども・子育て支援", "child and child-rearing support")),
    Business("seal-registration", 18, Text("印鑑登録", "seal registration")),
    Business("family-register", 19, Text("戸籍", "family register")),
    Business(
        "family-register-supplement",
        20,
        Text("戸籍の附票", "family-register supplement"),
        ("戸籍附票",),
    ),
    Business("common-functions", 21, Text("共通機能", "common functions")),
)

_BY_CODE = {b.code: b for b in BUSINESSES}
_BY_NAME = {
    unicodedata.normalize("NFKC", name).strip(): b
    for b in BUSINESSES
    for name in (b.name.ja, b.name.en.lower(), *b.aliases)
}


def business(value: str) -> Business:
    """The business area named `value`: its code ("fixed-asset-tax"), its Japanese name or an
    alias ("固定資産税", "住民記録"), or its English name, after NFKC and trimming. Raises
    UnknownBusinessError."""
    key = unicodedata.normalize("NFKC", value).strip()
    found = _BY_CODE.get(key) or _BY_NAME.get(key) or _BY_NAME.get(key.lower())
    if found is None:
        raise UnknownBusinessError(value)
    return found


@dataclass(frozen=True)
class Deadline:
    """A migration deadline: what it applies to, the last fiscal year (April to March) by
    whose end the migration is to be complete, when it was decided, and the source in both
    languages (the decision, and where it is reported)."""

    code: str
    applies_to: Text
    fiscal_year: int
    decided_on: dt.date
    source: Text

    @property
    def last_day(self) -> dt.date:
        """31 March after the fiscal year: the day the deadline falls."""
        return dt.date(self.fiscal_year + 1, 3, 31)


DEADLINES: tuple[Deadline, ...] = (
    Deadline(
        "principle",
        Text(
            "原則：ガバメントクラウド上の標準準拠システムへの移行（2025年度末まで）",
            "In principle: migration to standard-compliant systems on the Government Cloud "
            "by the end of FY2025",
        ),
        2025,
        dt.date(2022, 10, 7),
        # domain-facts §3.1–3.2
        Text(
            "地方公共団体情報システム標準化基本方針（2022年10月7日閣議決定。2023年9月8日と"
            "2024年12月24日の改定でも維持）",
            "Basic policy on the standardization of local government information systems "
            "(Cabinet decision of 7 October 2022; kept by the revisions of 8 September 2023 "
            "and 24 December 2024)",
        ),
    ),
    Deadline(
        "migration-support",
        Text(
            "特定移行支援システム：おおむね2030年度末までに移行",
            "Specific migration-support systems: migration by about the end of FY2030",
        ),
        2030,
        dt.date(2024, 12, 24),
        # domain-facts §3.2
        Text(
            "基本方針の改定（2024年12月24日閣議決定）：2025年度末までに移行できないシステムを"
            "特定移行支援システムとし、概ね5年以内に移行する。報道：ASCII.jp "
            "https://ascii.jp/elem/000/004/352/4352538/2",
            "Revised basic policy (Cabinet decision of 24 December 2024): systems that cannot "
            "migrate by the end of FY2025 become specific migration-support systems, to migrate "
            "within about five years. Reported by ASCII.jp, "
            "https://ascii.jp/elem/000/004/352/4352538/2",
        ),
    ),
)


def deadline_for(migration_support: bool) -> Deadline:
    """The deadline a system falls under: about FY2030 for a 特定移行支援システム, else FY2025."""
    return DEADLINES[1] if migration_support else DEADLINES[0]


@dataclass(frozen=True)
class MigrationReason:
    """Why a system is a 特定移行支援システム (one of the four reasons of the basic policy).

    systems_2025_07: how many systems nationally gave this reason as of 2025-07 (Digital
    Agency, via ascii.jp); a system may give more than one.
    """

    code: str
    name: Text
    systems_2025_07: int


# domain-facts §3.2
REASONS_SOURCE = Text(
    "デジタル庁「特定移行支援システムの該当見込み」（2025年7月時点）。報道：ASCII.jp "
    "https://ascii.jp/elem/000/004/352/4352538/2",
    "Digital Agency, the systems expected to become specific migration-support systems "
    "(as of July 2025). Reported by ASCII.jp, https://ascii.jp/elem/000/004/352/4352538/2",
)

REASONS: tuple[MigrationReason, ...] = (
    MigrationReason("mainframe", Text("メインフレーム", "mainframe"), 45),
    MigrationReason("custom-development", Text("個別開発システム", "custom-developed system"), 196),
    MigrationReason(
        "no-compliant-product",
        Text(
            "標準準拠システムが開発されず代替の見込みがない",
            "no standard-compliant product developed or expected",
        ),
        184,
    ),
    MigrationReason(
        "vendor-resources",
        Text("事業者のリソースひっ迫", "vendor resources stretched"),
        3345,
    ),
)

_REASONS = {r.code: r for r in REASONS}
_REASON_NAMES = {unicodedata.normalize("NFKC", r.name.ja): r for r in REASONS} | {
    r.name.en: r for r in REASONS
}


class UnknownReasonError(ValueError):
    """A reason that is none of the four."""

    def __init__(self, value: str) -> None:
        self.value = value
        names = ", ".join(f'"{r.code}" ({r.name.ja})' for r in REASONS)
        super().__init__(f'"{value}" is not a reason; accepted: {names}')


def reason(value: str) -> MigrationReason:
    """The reason with code or name `value` (NFKC, trimmed). Raises UnknownReasonError."""
    key = unicodedata.normalize("NFKC", value).strip()
    found = _REASONS.get(key) or _REASON_NAMES.get(key)
    if found is None:
        raise UnknownReasonError(value)
    return found
