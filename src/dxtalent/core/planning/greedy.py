"""The spreadsheet baseline: each fiscal year, buy the cheapest lever for the largest gap."""

from __future__ import annotations

from collections import defaultdict

from dxtalent.core.planning.build import _allowed
from dxtalent.core.planning.check import (
    budgeted_cost_by_year,
    cost_lines,
    coverage_cells,
    headcount_by_year,
    in_post,
    member_counts,
    pairing_room,
)
from dxtalent.core.planning.plan import Action, Plan, PlanStatus
from dxtalent.core.planning.scenario import LeverKind, Scenario, Training

Cell = tuple[str, int]


def _merged(actions: list[Action]) -> tuple[Action, ...]:
    """The actions with the same start, lever and person merged into one with a count."""
    merged: dict[tuple[int, str, str | None], Action] = {}
    for action in actions:
        key = (action.fiscal_year, action.lever, action.person)
        if key in merged:
            old = merged[key]
            merged[key] = Action(
                old.fiscal_year, old.lever, old.kind, old.count + 1, old.person, old.decided_in
            )
        else:
            merged[key] = action
    return tuple(merged.values())


def greedy_plan(scenario: Scenario, strategy: str = "mix") -> Plan:
    """A plan as a spreadsheet user would make it: year by year, take the capability with the
    largest gap (target minus people) and buy the lever that closes it for the least net yen
    per person over its stay (an engagement starting that year, or training that completes
    by then), within the budget and the headcount cap; repeat until no gap can be closed.
    Status "feasible", objective "coverage" (targets may stay unmet); the same rules hold as
    for plan_staffing, so check_plan passes it."""
    allowed = _allowed(strategy)
    years = scenario.fiscal_years()
    staff = scenario.staff()
    posts = {m.id: {y for y in years if in_post(scenario, m, y)} for m in staff}
    counts = {(c.capability, c.fiscal_year): c.count for c in coverage_cells(scenario, [])}
    seats: dict[tuple[str, int], int] = defaultdict(int)
    starts: dict[tuple[str, int], int] = defaultdict(int)
    trained: set[str] = set()
    actions: list[Action] = []
    present = dict(headcount_by_year(scenario, []))
    engaged: set[tuple[str, int]] = set()  # (named candidate, fiscal year)

    def affordable(extra: list[Action]) -> bool:
        # The checker's rules but coverage, cheapest first: a named person once at a time and
        # within availability, the headcount cap, the budget on its basis, external pairing.
        (action,) = extra
        lever = scenario.lever(action.lever)
        if not isinstance(lever, Training):
            left = scenario.last_fiscal_year - action.fiscal_year + 1
            stay = range(action.fiscal_year, action.fiscal_year + len(lever.shares(left)))
            if not lever.available(action.fiscal_year, left):
                return False
            if lever.candidate and any((lever.candidate, y) in engaged for y in stay):
                return False
            cap = scenario.headcount_cap
            if cap is not None and any(present[y] + lever.fte > cap + 1e-9 for y in stay):
                return False
        merged = _merged([*actions, *extra])
        spent = budgeted_cost_by_year(scenario, merged)
        if any(spent[y] > scenario.budget(y) + 1e-6 for y in years):
            return False
        if scenario.external_pairing is not None and not isinstance(lever, Training):
            return all(
                added <= room + 1e-9 for added, room in pairing_room(scenario, merged).values()
            )
        return True

    for year in years:
        blocked: set[str] = set()
        while True:
            gaps = [
                (scenario.target(c.code, year) - counts[c.code, year], c.code)
                for c in scenario.capabilities
                if c.code not in blocked
            ]
            gaps = [gap for gap in gaps if gap[0] > 1e-9]
            if not gaps:
                break
            _gap, code = min(gaps, key=lambda gap: (-gap[0], gap[1]))
            meets = scenario.capability(code).criterion.meets
            options: list[tuple[float, Action]] = []
            for lever in scenario.levers:
                if lever.kind not in allowed:
                    continue
                if isinstance(lever, Training):
                    start = year - lever.lead_time_years
                    if start < scenario.first_fiscal_year:
                        continue
                    if seats[lever.code, start] >= lever.seats_per_year:
                        continue
                    for member in staff:
                        if member.id in trained or member.is_external:
                            continue
                        if not lever.admits(member.levels) or meets(member.levels):
                            continue
                        if year not in posts[member.id] or not meets(lever.trained(member.levels)):
                            continue
                        if not all(y in posts[member.id] for y in range(start, year)):
                            continue
                        action = Action(start, lever.code, LeverKind.TRAINING, 1, member.id, start)
                        options.append((float(lever.cost_per_seat), action))
                    continue
                if year - lever.lead_time_years < scenario.first_fiscal_year:
                    continue
                if starts[lever.code, year] >= lever.max_per_year or not meets(lever.levels):
                    continue
                if not scenario.engagements_count(code):
                    continue
                left = scenario.last_fiscal_year - year + 1
                total = sum(
                    lever.gross_cost(k, left) - lever.support(k, left)
                    for k in range(len(lever.shares(left)))
                )
                action = Action(year, lever.code, lever.kind, 1, None, year - lever.lead_time_years)
                options.append((total / lever.fte, action))
            chosen = None
            for _price, action in sorted(
                options, key=lambda o: (o[0], o[1].lever, o[1].person or "")
            ):
                lever = scenario.lever(action.lever)
                if affordable([action]):
                    chosen = action
                    break
            if chosen is None:
                blocked.add(code)
                continue
            actions.append(chosen)
            lever = scenario.lever(chosen.lever)
            if isinstance(lever, Training):
                assert chosen.person is not None
                seats[lever.code, chosen.fiscal_year] += 1
                trained.add(chosen.person)
                member = next(m for m in staff if m.id == chosen.person)
                counts_from = chosen.fiscal_year + lever.lead_time_years
                for y in years:
                    if y >= counts_from and y in posts[member.id]:
                        before = member_counts(scenario, member, y)
                        after = member_counts(scenario, member, y, [(counts_from, lever)])
                        for code, value in after.items():
                            counts[code, y] += value - before.get(code, 0.0)
            else:
                starts[lever.code, year] += 1
                left = scenario.last_fiscal_year - year + 1
                for k in range(len(lever.shares(left))):
                    present[year + k] += lever.fte
                    if lever.candidate:
                        engaged.add((lever.candidate, year + k))
                    for c in scenario.capabilities:
                        if scenario.engagements_count(c.code) and c.criterion.meets(
                            lever.levels_in_year(k)
                        ):
                            counts[c.code, year + k] += lever.fte
    merged = {(a.fiscal_year, a.lever, a.person): a for a in _merged(actions)}
    final = tuple(sorted(merged.values(), key=lambda a: (a.fiscal_year, a.lever, a.person or "")))
    cells = coverage_cells(scenario, final)
    shortfall = sum(scenario.weight(c.capability) * max(0.0, c.target - c.count) for c in cells)
    return Plan(
        status=PlanStatus.FEASIBLE,
        objective="coverage",
        strategy=strategy,
        fiscal_years=years,
        actions=final,
        costs=cost_lines(scenario, final),
        coverage=cells,
        objective_value=round(shortfall, 9),
    )
