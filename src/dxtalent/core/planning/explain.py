"""A plan in plain words, in Japanese and English: why this plan, what each action fills, and
what it leaves unmet, for an officer who reports it to the mayor and council."""

from __future__ import annotations

from collections.abc import Sequence

from dxtalent.core.calendar import format_fiscal_year
from dxtalent.core.frameworks import Text
from dxtalent.core.planning.check import coverage_cells
from dxtalent.core.planning.plan import Action, Plan, PlanStatus
from dxtalent.core.planning.scenario import Scenario, Training

_SOLVED = (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)


def _fy(year: int, language: str) -> str:
    return format_fiscal_year(year, language)


def _yen(amount: int, language: str) -> str:
    return f"{amount:,}円" if language == "ja" else f"¥{amount:,}"


def _names(scenario: Scenario, codes: Sequence[str], language: str) -> str:
    names = [scenario.capability(code).name.get(language) for code in codes]
    if language == "ja":
        return "、".join(f"「{name}」" for name in names)
    return ", ".join(names)


def filled_by(scenario: Scenario, plan: Plan, action: Action) -> tuple[str, ...]:
    """The capabilities whose count the action raises in some fiscal year: the plan's coverage
    against the same plan without this action."""
    without = [a for a in plan.actions if a != action]
    before = {(c.capability, c.fiscal_year): c.count for c in coverage_cells(scenario, without)}
    codes = []
    for cell in coverage_cells(scenario, plan.actions):
        raised = cell.count > before[cell.capability, cell.fiscal_year] + 1e-9
        if raised and cell.capability not in codes:
            codes.append(cell.capability)
    return tuple(codes)


def _action_text(scenario: Scenario, plan: Plan, action: Action) -> Text:
    lever = scenario.lever(action.lever)
    people = {member.id: member.name for member in scenario.team}
    filled = filled_by(scenario, plan, action)
    texts = []
    for language in ("ja", "en"):
        year = _fy(action.fiscal_year, language)
        if isinstance(lever, Training):
            who = people.get(action.person or "", action.person or "")
            counts_from = _fy(action.fiscal_year + lever.lead_time_years, language)
            if language == "ja":
                text = f"{year}: {who}さんが「{lever.name}」を受講し、{counts_from}から"
            else:
                text = f"{year}: {who} takes “{lever.name}” and, from {counts_from},"
        else:
            count = f"×{action.count}" if action.count > 1 else ""
            decided = _fy(action.decided_in or action.fiscal_year, language)
            if language == "ja":
                text = f"{year}: 「{lever.name}」{count}（{decided}に決定）が着任し、"
            else:
                text = f"{year}: “{lever.name}”{count} arrives (decided in {decided}) and"
        if filled:
            what = _names(scenario, filled, language)
            text += f"{what}を担います。" if language == "ja" else f" covers {what}."
        else:
            text += "目標に届く見込みです。" if language == "ja" else " helps to reach the targets."
        texts.append(text)
    return Text(texts[0], texts[1])


def why_plan(plan: Plan) -> Text:
    """Why this plan, in one sentence: the objective and what it costs, gross and net (for a
    solved plan; describe_plan's first sentence)."""
    gross, net = plan.total_cost(net=False), plan.total_cost()
    if plan.objective == "cost":
        return Text(
            f"すべての目標を満たす計画のうち、実質負担が最も少ない組み合わせです（総額"
            f"{_yen(gross, 'ja')}、国の支援を除く実質{_yen(net, 'ja')}）。",
            f"Of the plans that meet every target, this one costs the organisation least "
            f"({_yen(gross, 'en')} gross, {_yen(net, 'en')} after expected state support).",
        )
    return Text(
        f"予算の範囲で目標を最も多く満たし、その中で実質負担が最も少ない組み合わせです（総額"
        f"{_yen(gross, 'ja')}、国の支援を除く実質{_yen(net, 'ja')}）。",
        f"Within the budget this plan meets the most of the targets, and of those plans it "
        f"costs least ({_yen(gross, 'en')} gross, {_yen(net, 'en')} after expected state "
        "support).",
    )


def describe_plan(scenario: Scenario, plan: Plan) -> tuple[Text, ...]:
    """Sentences, each in Japanese and English: why this plan (the objective and what it
    costs), one per action naming the people, programmes and capabilities, then what stays
    unmet and why (the explanation of an infeasible plan, or the targets the best plan within
    the budget misses)."""
    if plan.status not in _SOLVED:
        found = [
            Text(
                "予算と上限の範囲では、すべての目標を満たす計画はありません。理由:",
                "No plan meets every target within the budget and the limits. Why:",
            )
        ]
        for item in plan.explanation:
            name = (
                scenario.capability(item.capability).name
                if item.capability
                else Text("計画全体", "the plan")
            )
            found.append(
                Text(
                    f"{_fy(item.fiscal_year, 'ja')}の{name.ja}: 目標{item.target}人に対し、"
                    f"届くのは{item.best:g}人まで（{item.reason}）。",
                    f"{_fy(item.fiscal_year, 'en')}, {name.en}: target {item.target}, at most "
                    f"{item.best:g} ({item.reason}).",
                )
            )
        return tuple(found)
    found = [why_plan(plan)]
    if not plan.actions:
        found.append(
            Text(
                "新たな手段は不要です。今のチームで目標を満たします。",
                "Nothing new is needed: the current team meets the targets.",
            )
            if all(cell.met for cell in plan.coverage)
            else Text(
                "予算と上限の範囲で取れる手段がありません。",
                "No lever fits within the budget and the limits.",
            )
        )
    found += [_action_text(scenario, plan, action) for action in plan.actions]
    unmet = [cell for cell in plan.coverage if not cell.met]
    if unmet:
        found.append(
            Text(
                "満たせない目標（予算・上限・受講枠の範囲で最善でも届かないもの）:",
                "Targets left unmet (the best within the budget, caps and seats falls short):",
            )
        )
        for cell in unmet:
            name = scenario.capability(cell.capability).name
            found.append(
                Text(
                    f"{_fy(cell.fiscal_year, 'ja')}の「{name.ja}」: 目標{cell.target}人に対し"
                    f"{cell.count:g}人。",
                    f"{_fy(cell.fiscal_year, 'en')}, {name.en}: {cell.count:g} of {cell.target}.",
                )
            )
    else:
        found.append(
            Text(
                "すべての年度で、すべての目標を満たします。",
                "Every target is met in every fiscal year.",
            )
        )
    return tuple(found)
