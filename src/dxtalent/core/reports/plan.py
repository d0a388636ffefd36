"""The staffing plan as a briefing for the mayor and the council: the three strategies side by
side, the cost of each fiscal year as a budget request reads it (gross; expected 特別交付税
support; other subsidies; own funds = net), what each strategy does, and what it leaves unmet.

The council version names no person: a candidate lever is called by its kind and trainees
are counted ("職員2名が…を受講"); the internal version names the candidates and lists the
trainees by name. (describe_plan's sentence per action costs a coverage recount each, too slow
for a designated city's hundreds of actions; its first sentence, why_plan, is used.)"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.frameworks import Text
from dxtalent.core.planning.explain import describe_plan, why_plan
from dxtalent.core.planning.plan import Plan, PlanStatus
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.reports.document import (
    Audience,
    BarChart,
    Block,
    Document,
    Heading,
    Paragraph,
    Table,
    yen,
)

STRATEGY_ORDER = ("acquire", "develop", "mix")
SOLVED = (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)
STRATEGY_NAMES = {
    "acquire": Text("戦略1: 外部から確保", "Strategy 1: acquire"),
    "develop": Text("戦略2: 内部で育成", "Strategy 2: develop"),
    "mix": Text("最適な組み合わせ", "Optimal mix"),
}
STATUS_NAMES = {
    PlanStatus.OPTIMAL: Text("最適（証明済み）", "proven optimal"),
    PlanStatus.FEASIBLE: Text("実行可能", "feasible"),
    PlanStatus.INFEASIBLE: Text("すべての目標を満たす計画なし", "no plan meets every target"),
    PlanStatus.TIME_LIMIT: Text("制限時間内の最良解", "best found within the time limit"),
    PlanStatus.ERROR: Text("求解に失敗", "the solver failed"),
}
KIND_NAMES = {
    "hire": Text("採用", "Hire"),
    "corporate_secondee": Text("地域活性化起業人", "Corporate secondee (地域活性化起業人)"),
    "side_job": Text("副業人材", "Side-job professional"),
    "pool": Text("都道府県の人材プール", "Days from the prefecture's pool"),
    "adviser": Text("地域情報化アドバイザー", "Adviser visits"),
    "training": Text("研修", "Training"),
}
SOURCES = (
    Text(
        "費用と財源: dxtalent の計画（HiGHS による最適化）。特別交付税等の見込みは各手段の上限額による"
        "推計で、交付を約束するものではありません。",
        "Costs and funding: dxtalent's plan (optimised with HiGHS). Expected state support is "
        "estimated from each lever's cap; it is not a promise of allocation.",
    ),
    Text(
        "目標人数: 中川（2025）の調整スキルと総務省「自治体DX推進のための外部人材スキル標準」の人材像。",
        "Targets: the coordination skills of Nakagawa (2025) and MIC's skill standard for "
        "external DX talent.",
    ),
)


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


def _lever_name(scenario: Scenario, code: str, audience: Audience, language: str) -> str:
    lever = scenario.lever(code)
    if audience is Audience.COUNCIL and bool(getattr(lever, "candidate", False)):
        kind = KIND_NAMES.get(lever.kind.value, Text(lever.kind.value, lever.kind.value))
        return kind.get(language) + ("（候補者）" if language == "ja" else " (candidate)")
    return lever.name


def _actions(
    scenario: Scenario, plan: Plan, language: str, audience: Audience = Audience.COUNCIL
) -> tuple[str, ...]:
    """The plan's actions per fiscal year and lever: the units engaged or the number of staff
    trained (a candidate lever by its kind in the council version, by name internally)."""
    counted: Counter[tuple[int, str]] = Counter()
    for action in plan.actions:
        counted[action.fiscal_year, action.lever] += action.count
    lines = []
    for (year, code), count in sorted(counted.items()):
        lever = scenario.lever(code)
        name = _lever_name(scenario, code, audience, language)
        if isinstance(lever, Training):
            lines.append(
                f"{_fy(year, language)}: 職員{count}名が「{name}」を受講"
                if language == "ja"
                else f"{_fy(year, language)}: {count} staff take “{name}”"
            )
        else:
            lines.append(
                f"{_fy(year, language)}: 「{name}」×{count}"
                if language == "ja"
                else f"{_fy(year, language)}: “{name}” ×{count}"
            )
    return tuple(lines)


def funding_table(plans: Mapping[str, Plan], language: str) -> Table:
    """One table for the three strategies: per fiscal year gross, expected state support
    (特別交付税 and the like), other subsidies and own funds (net), with each strategy's total.
    A strategy without a plan (no plan meets every target) has one row saying so."""
    ja = language == "ja"
    header = (
        (
            "戦略",
            "年度",
            "総事業費",
            "特別交付税措置等（見込み）",
            "その他の補助",
            "一般財源（実質負担）",
        )
        if ja
        else (
            "Strategy",
            "Fiscal year",
            "Gross",
            "Expected state support",
            "Other",
            "Own funds (net)",
        )
    )
    rows: list[tuple[str, ...]] = []
    for name, plan in plans.items():
        label = STRATEGY_NAMES.get(name, Text(name, name)).get(language)
        if plan.status not in SOLVED:
            rows.append((label, STATUS_NAMES[plan.status].get(language), "—", "—", "—", "—"))
            continue
        total = [0, 0, 0, 0]
        for index, line in enumerate(plan.funding_by_year()):
            values = (line.gross, line.support, line.subsidy, line.net)
            total = [a + b for a, b in zip(total, values, strict=True)]
            rows.append(
                (
                    label if index == 0 else "",
                    _fy(line.fiscal_year, language),
                    *(yen(v, language) for v in values),
                )
            )
        rows.append(("", "合計" if ja else "Total", *(yen(v, language) for v in total)))
    return Table(header=header, rows=tuple(rows), numeric=(2, 3, 4, 5))


def plan_document(
    scenario: Scenario,
    plans: Mapping[str, Plan],
    *,
    organisation: str,
    audience: Audience,
    language: str,
    generated: dt.date,
    data_as_of: dt.date,
) -> Document:
    """The plan briefing. plans: strategy ("acquire", "develop", "mix") → Plan, shown in that
    order; data_as_of: the day the scenario was built from the live data."""
    ja = language == "ja"
    ordered = {name: plans[name] for name in STRATEGY_ORDER if name in plans}
    ordered.update({name: plan for name, plan in plans.items() if name not in ordered})
    years = scenario.fiscal_years()
    blocks: list[Block] = [
        Heading("概要" if ja else "Summary"),
        Paragraph(
            (
                f"{_fy(years[0], language)}から{_fy(years[-1], language)}までの"
                f"{len(years)}年度について、外部から確保する戦略、内部で育成する戦略、その最適な"
                "組み合わせを比べます。金額は円（税込の見込み額）です。"
            )
            if ja
            else (
                f"Three ways to reach the targets from {_fy(years[0], language)} to "
                f"{_fy(years[-1], language)} ({len(years)} fiscal years): acquire from outside, "
                "develop staff, and the optimal mix. Amounts in yen."
            )
        ),
    ]
    summary_rows = []
    for name, plan in ordered.items():
        wanted = sum(cell.target for cell in plan.coverage)
        covered = sum(min(cell.count, cell.target) for cell in plan.coverage)
        share = f"{100 * covered / wanted:.0f}%" if wanted and plan.status in SOLVED else "—"
        summary_rows.append(
            (
                STRATEGY_NAMES.get(name, Text(name, name)).get(language),
                STATUS_NAMES[plan.status].get(language),
                yen(plan.total_cost(net=False), language) if plan.status in SOLVED else "—",
                yen(plan.total_cost(), language) if plan.status in SOLVED else "—",
                share,
            )
        )
    blocks.append(
        Table(
            header=("戦略", "結果", "総事業費", "実質負担", "目標の充足")
            if ja
            else ("Strategy", "Result", "Gross", "Net", "Targets met"),
            rows=tuple(summary_rows),
            numeric=(2, 3, 4),
            caption="三つの戦略の比較" if ja else "The three strategies side by side",
        )
    )
    blocks.append(Heading("年度別の費用と財源" if ja else "Cost per fiscal year and funding"))
    blocks.append(funding_table(ordered, language))
    blocks.append(
        BarChart(
            title="年度別の実質負担" if ja else "Net cost per fiscal year",
            categories=tuple(_fy(year, language).split("（")[0] for year in years),
            series=tuple(
                (
                    STRATEGY_NAMES.get(name, Text(name, name)).get(language),
                    tuple(plan.cost_by_year()[year] / 1000 for year in years),
                )
                for name, plan in ordered.items()
                if plan.status in SOLVED
            ),
            unit="千円" if ja else "thousand yen",
        )
    )
    for name, plan in ordered.items():
        blocks.append(Heading(STRATEGY_NAMES.get(name, Text(name, name)).get(language)))
        if plan.status not in SOLVED:
            # Why no plan: the targets no lever can meet (no person is named there).
            # describe_plan speaks the current language (core.i18n), which the caller set
            blocks += [Paragraph(text) for text in describe_plan(scenario, plan)]
            continue
        lines: tuple[str, ...] = (why_plan(plan),)
        lines += _actions(scenario, plan, language, audience) or (
            ("新たな手段は不要です。",) if ja else ("Nothing new is needed.",)
        )
        for cell in plan.coverage:
            if cell.met:
                continue
            capability = scenario.capability(cell.capability).name.get(language)
            lines += (
                (
                    f"満たせない目標: {_fy(cell.fiscal_year, language)}の「{capability}」"
                    f"（目標{cell.target}人に対し{cell.count:g}人）"
                )
                if ja
                else (
                    f"Unmet: {_fy(cell.fiscal_year, language)}, {capability} "
                    f"({cell.count:g} of {cell.target})"
                ),
            )
        blocks += [Paragraph(line) for line in lines]
        trainees = [action for action in plan.actions if action.person]
        if audience is Audience.INTERNAL and trainees:
            people = {member.id: member.name for member in scenario.team}
            blocks.append(
                Table(
                    header=("年度", "受講者", "研修")
                    if ja
                    else ("Fiscal year", "Trainee", "Programme"),
                    rows=tuple(
                        (
                            _fy(action.fiscal_year, language),
                            people.get(action.person or "", action.person or ""),
                            scenario.lever(action.lever).name,
                        )
                        for action in trainees
                    ),
                    caption="研修の受講者（個人別）" if ja else "Trainees by name",
                )
            )
    notes: list[str] = []
    used = {action.lever for plan in ordered.values() for action in plan.actions}
    for lever in scenario.levers:
        if lever.code in used and not isinstance(lever, Training):
            note = lever.support_note().get(language)
            if note and note not in notes:
                notes.append(note)
    return Document(
        title="人材確保・育成計画（戦略の比較）"
        if ja
        else "Staffing plan: the strategies compared",
        organisation=organisation,
        audience=audience,
        generated=generated,
        data_as_of=data_as_of,
        language=language,
        blocks=tuple(blocks),
        sources=tuple(source.get(language) for source in SOURCES) + tuple(notes),
    )
