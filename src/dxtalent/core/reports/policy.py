"""A draft of the digital-talent chapter of the organisation's 人材育成・確保基本方針, from its
own data: the talent it needs, where it stands, how it will develop and secure people, the
environment, the organisation, targets with checkpoints per fiscal year and cooperation
beyond the organisation.

Every statement carries its source (a figure of the diagnosis or the plan, a rule of the
paper, MIC's standard or notice); nothing is said about the organisation that its data does
not say. It names no person: the policy is a public document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.diagnostics.capabilities import mic_roles
from dxtalent.core.diagnostics.rules import SOURCE_SUMMARIES
from dxtalent.core.frameworks import Text
from dxtalent.core.planning.explain import why_plan
from dxtalent.core.planning.plan import Plan
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.reports.document import (
    Audience,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    yen,
)
from dxtalent.core.reports.plan import (
    SOLVED,
    STRATEGY_NAMES,
    _actions,
    funding_table,
)

GUIDELINE = Text(
    "総務省「人材育成・確保基本方針策定指針」（2023年12月22日）の構成による。",
    "Structure after MIC's guideline for the talent development and securing policy (2023-12-22).",
)
POOL_NOTICE = Text(
    "総務省「都道府県と市町村の連携によるDX推進体制の構築」（2024年1月19日 大臣書簡・通知）: "
    "都道府県は2025年度中に市町村支援の体制と人材プールを整える。",
    "MIC, prefecture–municipality DX support (minister's letter and notice, 2024-01-19): "
    "every prefecture builds a support system and a talent pool for its municipalities in "
    "FY2025.",
)


@dataclass(frozen=True)
class PolicyFacts:
    """What the chapter needs besides the diagnosis and the plan: DX staff in post, of whom in
    specialist posts (exempt from rotation); and the shared resources the diagnosis settings
    record (days a year from the prefecture's pool, an adviser, joint procurement)."""

    dx_staff: int
    specialist_posts: int
    pool_days: int = 0
    adviser: bool = False
    joint_procurement: bool = False


def _cited(text: str, source: str, language: str) -> Paragraph:
    return Paragraph(
        f"{text}（出典: {source}）" if language == "ja" else f"{text} (Source: {source})"
    )


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


def policy_document(
    data: Mapping[str, Any],
    scenario: Scenario,
    plans: Mapping[str, Plan],
    facts: PolicyFacts,
    *,
    organisation: str,
    language: str,
    generated: dt.date,
    strategy: str = "mix",
) -> Document:
    """The chapter's draft. data: the diagnosis as report_json gives it; plans: a plan run's
    strategies, of which `strategy` is the one chosen; facts: PolicyFacts."""
    ja = language == "ja"
    as_of = data["today"]
    diagnosis_source = (
        f"dxtalent のチーム診断（{as_of}時点）"
        if ja
        else f"dxtalent's team diagnosis as of {as_of}"
    )
    plan_source = (
        f"dxtalent の人材確保・育成計画（{STRATEGY_NAMES[strategy].ja}）"
        if ja
        else f"dxtalent's staffing plan ({STRATEGY_NAMES[strategy].en})"
    )
    records = "団体の研修の記録" if ja else "the organisation's training records"
    settings_source = (
        "診断の設定（共有資源）" if ja else "the diagnosis settings (shared resources)"
    )
    plan = plans[strategy]
    forecast: list[Mapping[str, Any]] = list(data["forecast"])
    findings: list[Mapping[str, Any]] = list(data["findings"])
    years: list[int] = list(data["fiscal_years"])
    rule = {key: text.get(language) for key, text in SOURCE_SUMMARIES.items()}
    blocks: list[Block] = [Paragraph(GUIDELINE.get(language), note=True)]

    # 1. The talent needed: MIC's four roles and the paper's hierarchy.
    blocks.append(Heading("1 求められるデジタル人材像" if ja else "1 The digital talent needed"))
    for role in mic_roles():
        blocks.append(
            _cited(
                f"{role.name.get(language)}: {role.description.get(language)}",
                rule["mic-roles"],
                language,
            )
        )
    for key, text in (
        ("central-figure", Text("司令塔となる中心人物を1人置く。", "One central figure leads.")),
        (
            "coordinating-staff",
            Text(
                "中心人物と同じ能力を持つ職員を少なくとも2人置く。",
                "At least two more staff with the same abilities.",
            ),
        ),
        (
            "specification-team",
            Text(
                "仕様書を作成できる職員を3人以上置く。",
                "At least three staff who can write specifications.",
            ),
        ),
    ):
        blocks.append(_cited(text.get(language), rule[key], language))

    # 2. Where the organisation stands.
    blocks.append(Heading("2 現状" if ja else "2 Where the organisation stands"))
    if years:
        met = sum(1 for row in forecast if row["years"] and row["years"][0]["met"])
        blocks.append(
            _cited(
                f"{_fy(years[0], language)}に目標人数を満たす能力は{len(forecast)}のうち{met}。"
                if ja
                else f"In {_fy(years[0], language)}, {met} of {len(forecast)} capabilities meet their target.",
                diagnosis_source,
                language,
            )
        )
        blocks.append(
            Table(
                header=("能力", "目標", "現在") if ja else ("Capability", "Target", "Now"),
                rows=tuple(
                    (row["name"], str(row["target"]), f"{row['years'][0]['count']:g}")
                    for row in forecast
                    if row["years"]
                ),
                numeric=(1, 2),
                caption=diagnosis_source,
            )
        )
    succession = sum(1 for f in findings if f["rule"] == "succession")
    critical = sum(1 for f in findings if f["severity"] == "critical")
    blocks.append(
        _cited(
            f"課題は{len(findings)}件（うち重大{critical}件）、うち後継者の課題は{succession}件。"
            if ja
            else f"{len(findings)} findings ({critical} critical), {succession} about succession.",
            diagnosis_source,
            language,
        )
    )
    blocks.append(Paragraph(rule["succession"], note=True))

    # 3. Developing people.
    blocks.append(Heading("3 人材の育成" if ja else "3 Developing people"))
    programmes = [lever for lever in scenario.levers if isinstance(lever, Training)]
    if programmes:
        blocks.append(
            Table(
                header=("研修", "期間（月）", "年間の受講枠", "1人あたりの費用", "実施")
                if ja
                else ("Programme", "Months", "Seats a year", "Cost a seat", "Held"),
                rows=tuple(
                    (
                        lever.name,
                        str(lever.months),
                        str(lever.seats_per_year),
                        yen(lever.cost_per_seat, language),
                        ("勤務時間外" if lever.outside_working_hours else "勤務時間内")
                        if ja
                        else (
                            "outside working hours"
                            if lever.outside_working_hours
                            else "in working hours"
                        ),
                    )
                    for lever in programmes
                ),
                numeric=(1, 2, 3),
                caption=records,
            )
        )
    else:
        blocks.append(
            _cited(
                "研修の記録はありません。" if ja else "No training programme is recorded.",
                records,
                language,
            )
        )
    trained = [
        line for line in _actions(scenario, plan, language) if ("受講" in line or "take" in line)
    ]
    for line in trained:
        blocks.append(_cited(line, plan_source, language))

    # 4. Securing people.
    blocks.append(Heading("4 人材の確保" if ja else "4 Securing people"))
    if plan.status in SOLVED:
        blocks.append(_cited(why_plan(plan), plan_source, language))
        for line in _actions(scenario, plan, language):
            if line not in trained:
                blocks.append(_cited(line, plan_source, language))
        blocks.append(funding_table({strategy: plan}, language))
        blocks.append(Paragraph(plan_source, note=True))
    else:
        blocks.append(
            _cited(
                "予算と上限の範囲では、すべての目標を満たす計画はありません。"
                if ja
                else "No plan meets every target within the budget and the limits.",
                plan_source,
                language,
            )
        )

    # 5. The environment.
    blocks.append(Heading("5 環境の整備" if ja else "5 The environment"))
    blocks.append(
        _cited(
            f"DX部門の職員{facts.dx_staff}人のうち、異動の対象外の専門職ポストは{facts.specialist_posts}人。"
            if ja
            else f"Of {facts.dx_staff} DX staff, {facts.specialist_posts} hold specialist posts exempt from rotation.",
            diagnosis_source,
            language,
        )
    )
    outside = sum(1 for lever in programmes if lever.outside_working_hours)
    blocks.append(
        _cited(
            f"研修{len(programmes)}件のうち勤務時間外の実施は{outside}件。"
            if ja
            else f"{outside} of {len(programmes)} programmes are held outside working hours.",
            records,
            language,
        )
    )
    blocks.append(Paragraph(rule["bus-factor"], note=True))

    # 6. The organisation: the central figure, two coordinating staff, three writers.
    blocks.append(Heading("6 推進体制" if ja else "6 The organisation"))
    by_code = {row["capability"]: row for row in forecast}
    for code, key in (
        ("CO-CAP-CENTRAL", "central-figure"),
        ("CO-CAP-TEAM", "coordinating-staff"),
        ("CO-CAP-SPEC", "specification-team"),
    ):
        row = by_code.get(code)
        if row is None or not row["years"]:
            continue
        count = row["years"][0]["count"]
        blocks.append(
            _cited(
                f"{row['name']}: 目標{row['target']}人、現在{count:g}人。"
                if ja
                else f"{row['name']}: target {row['target']}, now {count:g}.",
                f"{diagnosis_source}; {rule[key]}",
                language,
            )
        )

    # 7. Targets with checkpoints per fiscal year.
    blocks.append(Heading("7 目標と年度ごとの確認" if ja else "7 Targets and checkpoints"))
    plan_years = scenario.fiscal_years()
    cells = {(cell.capability, cell.fiscal_year): cell for cell in plan.coverage}
    blocks.append(
        Table(
            header=("能力", *(_fy(year, language) for year in plan_years))
            if ja
            else ("Capability", *(_fy(year, language) for year in plan_years)),
            rows=tuple(
                (
                    capability.name.get(language),
                    *(
                        f"{cells[capability.code, year].count:g} / {cells[capability.code, year].target}"
                        if (capability.code, year) in cells
                        else "—"
                        for year in plan_years
                    ),
                )
                for capability in scenario.capabilities
            ),
            numeric=tuple(range(1, len(plan_years) + 1)),
            caption=("計画による人数 / 目標" if ja else "Planned people / target")
            + f" — {plan_source}",
        )
    )

    # 8. Cooperation beyond the organisation.
    blocks.append(Heading("8 団体外との連携" if ja else "8 Cooperation beyond the organisation"))
    shared = (
        f"都道府県の人材プールから年{facts.pool_days}日、地域情報化アドバイザー: "
        f"{'活用' if facts.adviser else 'なし'}、共同調達: {'あり' if facts.joint_procurement else 'なし'}。"
        if ja
        else (
            f"{facts.pool_days} days a year from the prefecture's pool; adviser: "
            f"{'yes' if facts.adviser else 'no'}; joint procurement: "
            f"{'yes' if facts.joint_procurement else 'no'}."
        )
    )
    blocks.append(_cited(shared, settings_source, language))
    blocks.append(Paragraph(POOL_NOTICE.get(language), note=True))
    return Document(
        title="人材育成・確保基本方針（デジタル人材）案"
        if ja
        else "Talent policy: the digital talent chapter (draft)",
        organisation=organisation,
        audience=Audience.COUNCIL,
        generated=generated,
        data_as_of=dt.date.fromisoformat(as_of),
        language=language,
        blocks=tuple(blocks),
        sources=(GUIDELINE.get(language), diagnosis_source, plan_source, POOL_NOTICE.get(language)),
    )


def uncited(document: Document) -> Sequence[str]:
    """The paragraphs of a policy draft that state something without a source (notes, which
    are sources themselves, excepted)."""
    return [
        block.text
        for block in document.blocks
        if isinstance(block, Paragraph)
        and not block.note
        and "（出典: " not in block.text
        and "(Source: " not in block.text
    ]
