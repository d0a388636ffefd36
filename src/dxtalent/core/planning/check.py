"""A checker that trusts nothing: budget, headcount, seats, lead times, prerequisites and
coverage recomputed from a plan's actions and the scenario alone, without the solver.

The same recomputation prices and counts any list of actions (`cost_lines`,
`coverage_cells`), for the solver's report and for the greedy baseline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from dxtalent.core.diagnostics import TeamMember, strength, years_in_post
from dxtalent.core.planning.plan import Action, CostLine, CoverageCell, Plan, PlanStatus
from dxtalent.core.planning.scenario import (
    LeverKind,
    Scenario,
    Training,
)
from dxtalent.core.planning.violations import Violation, violation

TOLERANCE = 1e-6


def in_post(scenario: Scenario, member: TeamMember, fiscal_year: int) -> bool:
    """Whether `member` is in post at the end of `fiscal_year` (expected departures, the one
    rule of core.diagnostics.rotation.years_in_post), also beyond the horizon."""
    if scenario.first_fiscal_year <= fiscal_year <= scenario.last_fiscal_year:
        return fiscal_year in scenario.years_in_post(member)
    return bool(years_in_post(member, scenario.settings(), [fiscal_year]))


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
    """Yen per lever and fiscal year: gross, the lever's expected state support (at most its
    gross), other subsidies (each pays min(rate × its levers' cost after support, cap),
    shared among its levers in proportion to that cost) and net, the organisation's own
    funds. Lines with no spending are left out."""
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
                whole = round(gross[key])
                state = min(whole, round(support[key]))
                other = min(whole - state, round(paid[key]))
                lines.append(CostLine(year, key[1], whole, whole - state - other, state, other))
    return tuple(lines)


def net_cost_by_year(scenario: Scenario, actions: Sequence[Action]) -> Mapping[int, float]:
    """Fiscal year → net yen (own funds), every planned year present."""
    found = dict.fromkeys(scenario.fiscal_years(), 0.0)
    for line in cost_lines(scenario, actions):
        found[line.fiscal_year] += line.net
    return found


def budgeted_cost_by_year(scenario: Scenario, actions: Sequence[Action]) -> Mapping[int, float]:
    """Fiscal year → yen counted against the budget: gross or net, as budget_basis says."""
    found = dict.fromkeys(scenario.fiscal_years(), 0.0)
    for line in cost_lines(scenario, actions):
        found[line.fiscal_year] += line.gross if scenario.budget_basis == "gross" else line.net
    return found


def headcount_by_year(scenario: Scenario, actions: Sequence[Action]) -> Mapping[int, float]:
    """Fiscal year → people in post (fractions count): the DX team plus engagements."""
    found = {
        year: strength(m for m in scenario.staff() if in_post(scenario, m, year))
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
    pool days, advisers; fractions count) who meet the capability in that year; none for a
    capability only in-house staff may fill."""
    counts: dict[tuple[str, int], float] = defaultdict(float)
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            continue
        for year, k, _left in _engagement_years(scenario, action):
            levels = lever.levels_in_year(k)
            for capability in scenario.capabilities:
                # Scenario.engagements_count, without looking the capability up by its code.
                if not capability.in_house_only and capability.criterion.meets(levels):
                    counts[capability.code, year] += lever.fte * action.count
    return counts


def trainings_of(
    scenario: Scenario, actions: Iterable[Action]
) -> dict[str, list[tuple[int, Training]]]:
    """Trainee id → (first fiscal year the new levels count, programme) for each enrolment."""
    found: dict[str, list[tuple[int, Training]]] = defaultdict(list)
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training) and action.person is not None:
            found[action.person].append((action.fiscal_year + lever.lead_time_years, lever))
    return found


def member_counts(
    scenario: Scenario,
    member: TeamMember,
    fiscal_year: int,
    enrolments: Sequence[tuple[int, Training]] = (),
) -> dict[str, float]:
    """Capability code → what the member adds to it at the end of `fiscal_year` (in post or
    not): fte where the current levels count; fte × completion rate where only the levels
    after the training completed by then count (the expected coverage of a programme not
    everyone finishes); absent otherwise. The one counting rule of the checker, the solver's
    coefficients and the Monte Carlo (which draws completion instead)."""
    fte = float(member.fte or 1.0)
    after: Mapping[str, int] = member.levels
    rate = 1.0
    for counts_from, programme in enrolments:
        if counts_from <= fiscal_year:
            after = programme.trained(after)
            rate *= programme.expected_completion
    found: dict[str, float] = {}
    for capability in scenario.capabilities:
        if capability.in_house_only and member.is_external:
            continue
        if capability.criterion.meets(member.levels):
            found[capability.code] = fte
        elif after is not member.levels and capability.criterion.meets(after):
            found[capability.code] = fte * rate
    return found


def coverage_cells(scenario: Scenario, actions: Sequence[Action]) -> tuple[CoverageCell, ...]:
    """People meeting each capability in each fiscal year (full-time equivalents): staff in
    post (member_counts: trained levels weighted by the completion rate), plus engagements in
    post (fractions count)."""
    trained = trainings_of(scenario, actions)
    counts: dict[tuple[str, int], float] = defaultdict(float)
    # A member's counts change only in the years a programme completes: worked out once per
    # member and set of completed programmes, not once per year.
    known: dict[tuple[str, tuple[int, ...]], dict[str, float]] = {}
    for year in scenario.fiscal_years():
        for member in scenario.staff():
            if not in_post(scenario, member, year):
                continue
            enrolments = trained.get(member.id, [])
            done = tuple(i for i, (counts_from, _) in enumerate(enrolments) if counts_from <= year)
            if (member.id, done) not in known:
                known[member.id, done] = member_counts(scenario, member, year, enrolments)
            for code, value in known[member.id, done].items():
                counts[code, year] += value
    for key, engaged in engaged_counts(scenario, actions).items():
        counts[key] += engaged
    return tuple(
        CoverageCell(c.code, year, round(counts[c.code, year], 9), scenario.target(c.code, year))
        for c in scenario.capabilities
        for year in scenario.fiscal_years()
    )


def pairing_room(
    scenario: Scenario, actions: Sequence[Action]
) -> Mapping[int, tuple[float, float]]:
    """With external_pairing set: fiscal year → (engaged professionals below the rule's
    level, in people with fractions; the room for them). The room is externals_per_partner
    for each in-house DX member in post at the rule's level, less the external staff already
    in the team who need a partner (never below 0), plus externals_per_partner for each
    trainee who reaches the level by then. Empty without the rule."""
    rule = scenario.external_pairing
    if rule is None:
        return {}
    trained = trainings_of(scenario, actions)
    found = {}
    for year in scenario.fiscal_years():
        present = [m for m in scenario.staff() if in_post(scenario, m, year)]
        needing = sum(1 for m in present if m.is_external and m.level(rule.skill) < rule.min_level)
        partners = sum(
            1 for m in present if not m.is_external and m.level(rule.skill) >= rule.min_level
        )
        grown = 0
        for member in present:
            if member.is_external or member.level(rule.skill) >= rule.min_level:
                continue
            for counts_from, programme in trained.get(member.id, []):
                if counts_from <= year and programme.raises_to.get(rule.skill, 0) >= rule.min_level:
                    grown += 1
                    break
        per = rule.externals_per_partner
        found[year] = (0.0, float(max(0, partners * per - needing) + grown * per))
    for action in _known(scenario, actions):
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training):
            continue
        for year, k, _left in _engagement_years(scenario, action):
            if lever.levels_in_year(k).get(rule.skill, 0) < rule.min_level:
                added, room = found[year]
                found[year] = (added + lever.fte * action.count, room)
    return found


def _check_action(scenario: Scenario, action: Action) -> list[Violation]:
    year = action.fiscal_year
    lever = scenario.lever(action.lever)
    found = []
    if not scenario.first_fiscal_year <= year <= scenario.last_fiscal_year:
        found.append(violation("horizon", year, "outside_horizon", lever=lever.code, year=year))
    if isinstance(action.count, bool) or not isinstance(action.count, int) or action.count < 1:
        found.append(
            violation("count", year, "bad_count", lever=lever.code, count=repr(action.count))
        )
    if action.kind != lever.kind:
        found.append(
            violation(
                "report",
                year,
                "wrong_kind",
                lever=lever.code,
                reported=action.kind.value,
                kind=lever.kind.value,
            )
        )
    if isinstance(lever, Training):
        member = next((m for m in scenario.staff() if m.id == action.person), None)
        if member is None:
            found.append(
                violation(
                    "eligibility", year, "not_dx_staff", lever=lever.code, person=action.person
                )
            )
            return found
        if member.is_external:
            found.append(
                violation("eligibility", year, "not_in_house", lever=lever.code, person=member.id)
            )
        if not lever.admits(member.levels):
            found.append(
                violation("prerequisite", year, "prerequisite", lever=lever.code, person=member.id)
            )
        last = year + lever.lead_time_years - 1
        if not all(in_post(scenario, member, y) for y in range(year, last + 1)):
            found.append(violation("in_post", year, "leaves", lever=lever.code, person=member.id))
        return found
    if not lever.available(year, scenario.last_fiscal_year - year + 1):
        found.append(
            violation(
                "availability",
                year,
                "availability",
                lever=lever.code,
                available_from=lever.available_from,
                available_until=lever.available_until,
                year=year,
            )
        )
    decided = action.decided_in if action.decided_in is not None else year
    if decided < scenario.first_fiscal_year or year - decided < lever.lead_time_years:
        found.append(
            violation(
                "lead_time",
                year,
                "lead_time",
                lever=lever.code,
                year=year,
                decided=decided,
                lead=lever.lead_time_years,
            )
        )
    return found


def rule_violations(scenario: Scenario, actions: Sequence[Action]) -> list[Violation]:
    """Every rule `actions` break except the targets and the plan's own report: known
    levers, horizon, lead times, trainees' eligibility, seats and starts, a named person
    once at a time, budget, headcount and external pairing."""
    plan = Plan(PlanStatus.FEASIBLE, "coverage", "mix", scenario.fiscal_years(), tuple(actions))
    return [v for v in check_plan(scenario, plan, report=False)]


def check_plan(scenario: Scenario, plan: Plan, report: bool = True) -> list[Violation]:
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
                violation("unknown_lever", action.fiscal_year, "unknown_lever", lever=action.lever)
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
            found.append(
                violation(
                    rule,
                    year,
                    "too_many_starts",
                    lever=code,
                    started=started,
                    year=year,
                    limit=limit,
                )
            )
    for person, count in sorted(programmes.items()):
        if count > 1:
            found.append(violation("train_once", None, "trained_twice", person=person, count=count))
    engaged: dict[tuple[str, int], int] = defaultdict(int)
    for action in actions:
        lever = scenario.lever(action.lever)
        if isinstance(lever, Training) or not lever.candidate:
            continue
        for year, _k, _left in _engagement_years(scenario, action):
            engaged[lever.candidate, year] += action.count
    for (person, year), times in sorted(engaged.items()):
        if times > 1:
            found.append(
                violation(
                    "named_once", year, "engaged_twice", person=person, times=times, year=year
                )
            )
    basis = scenario.budget_basis
    for year, spent in budgeted_cost_by_year(scenario, actions).items():
        if spent > scenario.budget(year) * (1 + TOLERANCE) + 1:
            found.append(
                violation(
                    "budget",
                    year,
                    "over_budget",
                    year=year,
                    spent=spent,
                    basis=basis,
                    budget=scenario.budget(year),
                )
            )
    for year, (added, room) in pairing_room(scenario, actions).items():
        if added > room + TOLERANCE:
            found.append(violation("pairing", year, "pairing", year=year, added=added, room=room))
    if scenario.headcount_cap is not None:
        for year, people in headcount_by_year(scenario, actions).items():
            if people > scenario.headcount_cap + TOLERANCE:
                found.append(
                    violation(
                        "headcount",
                        year,
                        "headcount",
                        year=year,
                        people=float(people),
                        cap=float(scenario.headcount_cap),
                    )
                )
    cells = coverage_cells(scenario, actions)
    solved = plan.status in (PlanStatus.OPTIMAL, PlanStatus.FEASIBLE, PlanStatus.TIME_LIMIT)
    if plan.objective == "cost" and solved:
        for cell in cells:
            if not cell.met:
                found.append(
                    violation(
                        "coverage",
                        cell.fiscal_year,
                        "coverage",
                        year=cell.fiscal_year,
                        capability=cell.capability,
                        count=float(cell.count),
                        target=cell.target,
                    )
                )
    if solved and report:
        reported = {(c.capability, c.fiscal_year): c.count for c in plan.coverage}
        for cell in cells:
            if abs(reported.get((cell.capability, cell.fiscal_year), 0.0) - cell.count) > 1e-6:
                found.append(
                    violation(
                        "report",
                        cell.fiscal_year,
                        "coverage_misreported",
                        year=cell.fiscal_year,
                        capability=cell.capability,
                    )
                )
        if set(plan.costs) != set(cost_lines(scenario, actions)):
            found.append(violation("report", None, "costs_misreported"))
    return found


def kind_of(scenario: Scenario, action: Action) -> LeverKind:
    """The kind of the action's lever."""
    return scenario.lever(action.lever).kind
