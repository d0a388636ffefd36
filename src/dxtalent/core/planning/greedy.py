"""The spreadsheet baseline: each fiscal year, buy the cheapest lever for the largest gap."""

from __future__ import annotations

from collections import defaultdict

from dxtalent.core.planning.check import cost_lines, coverage_cells, in_post, rule_violations
from dxtalent.core.planning.plan import Action, Plan, PlanStatus
from dxtalent.core.planning.scenario import LeverKind, Scenario, Training
from dxtalent.core.planning.solve import _allowed

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

    def affordable(extra: list[Action]) -> bool:
        # Every rule of the checker but coverage: budget (on its basis), headcount, a named
        # person once at a time and within availability, external pairing.
        return not rule_violations(scenario, _merged([*actions, *extra]))

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
            else:
                starts[lever.code, year] += 1
            counts = {
                (c.capability, c.fiscal_year): c.count
                for c in coverage_cells(scenario, _merged(actions))
            }
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
