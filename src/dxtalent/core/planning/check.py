"""A checker that trusts nothing: budget, headcount, seats, lead times, prerequisites and
coverage recomputed from a plan's actions and the scenario alone, without the solver.

The same recomputation prices and counts any list of actions (`cost_lines`,
`coverage_cells`), for the solver's report and for the greedy baseline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dxtalent.core.diagnostics import TeamMember, expected_departure, first_fiscal_year
from dxtalent.core.planning.plan import Action, CostLine, CoverageCell, Plan, PlanStatus
from dxtalent.core.planning.scenario import (
    LeverKind,
    Scenario,
    Training,
    raised,
)

TOLERANCE = 1e-6


@dataclass(frozen=True)
class Violation:
    """One rule a plan breaks. rule: "budget", "headcount", "seats", "lead_time",
    "prerequisite", "eligibility", "in_post", "train_once", "max_per_year", "horizon",
    "unknown_lever", "count", "coverage" or "report" (the plan's own figures disagree with
    the recomputation). fiscal_year: where it applies, None for the whole plan."""

    rule: str
    fiscal_year: int | None
    message: str


def in_post(scenario: Scenario, member: TeamMember, fiscal_year: int) -> bool:
    """Whether `member` is in post at the end of `fiscal_year` (expected departures), also
    beyond the horizon."""
    settings = scenario.settings()
    last = expected_departure(member, settings).last_fiscal_year
    first = first_fiscal_year(member, settings)
    return first <= fiscal_year and (last is None or fiscal_year <= last)


def _engagement_years(scenario: Scenario, action: Action) -> list[tuple[int, int, int]]:
    """(fiscal year, year in post, years_left) for each planned year an engagement runs."""
    lever = scenario.lever(action.lever)
    if isinstance(lever, Training):
        return []
    years_left = scenario.last_fiscal_year - action.fiscal_year + 1
    return [(action.fiscal_year + k, k, years_left) for k in range(len(lever.shares(years_left)))]


def _known(scenario: Scenario, actions: Iterable[Action]) -> list[Action]:
    codes = {lever.code for lever in scenario.levers}
    return [action for action in actions if action.lever in codes]


def cost_lines(scenario: Scenario, actions: Sequence[Action]) -> tuple[CostLine, ...]:
    """Yen per lever and fiscal year, gross and net of state support and subsidies; each
    subsidy pays min(rate × its levers' cost, cap) and is shared among its levers in
    proportion to their cost. Lines with no spending are left out."""
    gross: dict[tuple[int, str], float] = defaultdict(float)
    support: dict[tuple[int, str], float] = defaultdict(float)
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            gross[action.fiscal_year, lever.code] += lever.cost_per_seat * action.count
            continue
        for year, k, left in _engagement_years(scenario, action):
            gross[year, lever.code] += lever.gross_cost(k, left) * action.count
            support[year, lever.code] += lever.support(k, left) * action.count
    lines = []
    for year in scenario.fiscal_years():
        keys = [key for key in gross if key[0] == year]
        base = {key: gross[key] - support[key] for key in keys}
        paid: dict[tuple[int, str], float] = defaultdict(float)
        for subsidy in scenario.subsidies:
            covered = [key for key in keys if scenario.lever(key[1]).kind in subsidy.kinds]
            total = sum(base[key] for key in covered)
            if total <= 0:
                continue
            amount = subsidy.amount(total)
            for key in covered:
                paid[key] += amount * base[key] / total
        for key in sorted(keys, key=lambda key: key[1]):
            if gross[key] > 0:
                net = base[key] - paid[key]
                lines.append(CostLine(year, key[1], round(gross[key]), round(net)))
    return tuple(lines)


def net_cost_by_year(scenario: Scenario, actions: Sequence[Action]) -> Mapping[int, float]:
    """Fiscal year → net yen (unrounded), every planned year present."""
    found = dict.fromkeys(scenario.fiscal_years(), 0.0)
    for line in cost_lines(scenario, actions):
        found[line.fiscal_year] += line.net
    return found


def headcount_by_year(scenario: Scenario, actions: Sequence[Action]) -> Mapping[int, float]:
    """Fiscal year → people in post (fractions count): the DX team plus engagements."""
    found = {
        year: float(sum(in_post(scenario, member, year) for member in scenario.staff()))
        for year in scenario.fiscal_years()
    }
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            continue
        for year, _k, _left in _engagement_years(scenario, action):
            found[year] += lever.fte * action.count
    return found


def engaged_counts(scenario: Scenario, actions: Sequence[Action]) -> dict[tuple[str, int], float]:
    """(capability, fiscal year) → people engaged by the actions (hires, secondees, side jobs,
    pool days, advisers; fractions count) who meet the capability in that year."""
    counts: dict[tuple[str, int], float] = defaultdict(float)
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            continue
        for year, k, _left in _engagement_years(scenario, action):
            levels = lever.levels_in_year(k)
            for capability in scenario.capabilities:
                if capability.criterion.meets(levels):
                    counts[capability.code, year] += lever.fte * action.count
    return counts


def coverage_cells(scenario: Scenario, actions: Sequence[Action]) -> tuple[CoverageCell, ...]:
    """People meeting each capability in each fiscal year: staff in post with their levels
    raised by the training they completed, plus engagements in post (fractions count)."""
    trained: dict[str, list[tuple[int, Training]]] = defaultdict(list)
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training) and action.person is not None:
            trained[action.person].append((action.fiscal_year + lever.lead_time_years, lever))
    counts: dict[tuple[str, int], float] = defaultdict(float)
    for year in scenario.fiscal_years():
        for member in scenario.staff():
            if not in_post(scenario, member, year):
                continue
            levels: Mapping[str, int] = member.levels
            for counts_from, programme in trained.get(member.id, []):
                if counts_from <= year:
                    levels = raised(levels, programme.gains)
            for capability in scenario.capabilities:
                if capability.criterion.meets(levels):
                    counts[capability.code, year] += 1
    for key, engaged in engaged_counts(scenario, actions).items():
        counts[key] += engaged
    return tuple(
        CoverageCell(c.code, year, round(counts[c.code, year], 9), scenario.target(c.code, year))
        for c in scenario.capabilities
        for year in scenario.fiscal_years()
    )


def _check_action(scenario: Scenario, action: Action) -> list[Violation]:
    year = action.fiscal_year
    lever = scenario.lever(action.lever)
    found = []
    if not scenario.first_fiscal_year <= year <= scenario.last_fiscal_year:
        found.append(Violation("horizon", year, f"{lever.code} starts outside the horizon"))
    if isinstance(action.count, bool) or not isinstance(action.count, int) or action.count < 1:
        found.append(Violation("count", year, f"{lever.code}: count {action.count!r}"))
    if action.kind != lever.kind:
        found.append(Violation("report", year, f"{lever.code} is a {lever.kind.value} lever"))
    if isinstance(lever, Training):
        member = next((m for m in scenario.staff() if m.id == action.person), None)
        if member is None:
            found.append(
                Violation("eligibility", year, f"{lever.code}: {action.person} is not DX staff")
            )
            return found
        if member.is_external:
            found.append(
                Violation("eligibility", year, f"{lever.code}: {member.id} is not in-house")
            )
        if not lever.admits(member.levels):
            found.append(
                Violation("prerequisite", year, f"{lever.code}: {member.id} lacks the prerequisite")
            )
        last = year + lever.lead_time_years - 1
        if not all(in_post(scenario, member, y) for y in range(year, last + 1)):
            found.append(
                Violation("in_post", year, f"{lever.code}: {member.id} leaves before completing")
            )
        return found
    decided = action.decided_in if action.decided_in is not None else year
    if decided < scenario.first_fiscal_year or year - decided < lever.lead_time_years:
        found.append(
            Violation(
                "lead_time",
                year,
                f"{lever.code} starts in FY{year}, decided in FY{decided}; it needs "
                f"{lever.lead_time_years} year(s) from a decision in the horizon",
            )
        )
    return found


def check_plan(scenario: Scenario, plan: Plan) -> list[Violation]:
    """Every rule the plan breaks, recomputed from its actions alone: known levers, horizon,
    lead times, eligibility and prerequisites of trainees (in-house DX staff, in post until
    the training completes, at most one programme each), seats and starts per year, the
    budget and the headcount cap each year, every target met (objective "cost" with a
    solution), and the plan's reported costs and coverage. An empty list: the plan holds."""
    found: list[Violation] = []
    codes = {lever.code for lever in scenario.levers}
    for action in plan.actions:
        if action.lever not in codes:
            found.append(
                Violation("unknown_lever", action.fiscal_year, f"{action.lever} is not a lever")
            )
        else:
            found += _check_action(scenario, action)
    actions = _known(scenario, plan.actions)
    starts: dict[tuple[str, int], int] = defaultdict(int)
    programmes: dict[str, int] = defaultdict(int)
    for action in actions:
        starts[action.lever, action.fiscal_year] += action.count
        if action.person is not None:
            programmes[action.person] += 1
    for (code, year), started in sorted(starts.items()):
        lever = scenario.lever(code)
        limit = lever.seats_per_year if isinstance(lever, Training) else lever.max_per_year
        if started > limit:
            rule = "seats" if isinstance(lever, Training) else "max_per_year"
            found.append(Violation(rule, year, f"{code}: {started} start, at most {limit}"))
    for person, count in sorted(programmes.items()):
        if count > 1:
            found.append(Violation("train_once", None, f"{person} enrols {count} times"))
    for year, net in net_cost_by_year(scenario, actions).items():
        if net > scenario.budget(year) * (1 + TOLERANCE) + 1:
            found.append(
                Violation("budget", year, f"net ¥{net:,.0f} over budget ¥{scenario.budget(year):,}")
            )
    if scenario.headcount_cap is not None:
        for year, people in headcount_by_year(scenario, actions).items():
            if people > scenario.headcount_cap + TOLERANCE:
                found.append(
                    Violation(
                        "headcount", year, f"{people:g} people, cap {scenario.headcount_cap:g}"
                    )
                )
    cells = coverage_cells(scenario, actions)
    solved = plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)
    if plan.objective == "cost" and solved:
        for cell in cells:
            if not cell.met:
                found.append(
                    Violation(
                        "coverage",
                        cell.fiscal_year,
                        f"{cell.capability}: {cell.count:g} of {cell.target} people",
                    )
                )
    if solved:
        reported = {(c.capability, c.fiscal_year): c.count for c in plan.coverage}
        for cell in cells:
            if abs(reported.get((cell.capability, cell.fiscal_year), 0.0) - cell.count) > 1e-6:
                found.append(
                    Violation(
                        "report", cell.fiscal_year, f"{cell.capability}: coverage misreported"
                    )
                )
        if set(plan.costs) != set(cost_lines(scenario, actions)):
            found.append(Violation("report", None, "costs misreported"))
    return found


def kind_of(scenario: Scenario, action: Action) -> LeverKind:
    """The kind of the action's lever."""
    return scenario.lever(action.lever).kind
