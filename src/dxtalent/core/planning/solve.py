"""plan_staffing: the cheapest (or best-covering) multi-year mix of levers, as a mixed-integer
program solved by HiGHS (highspy).

Variables (planning notes §1.3, reduced to counts because a scenario's levers are options,
not named candidates):
- x[L, a] ∈ {0..max_per_year}: units of engagement lever L starting in fiscal year a
  (a ≥ first year + lead time);
- y[i, P, τ] ∈ {0, 1}: in-house DX staff member i starts programme P in year τ; only when
  i meets P's prerequisites, is in post from τ until the training completes (end of
  τ + lead − 1) and the new levels make i meet some capability in a later year in post;
- s[S, t] ≥ 0 (≤ cap): subsidy S paid in year t;
- u[c, t] ∈ [0, need]: shortfall (objective "coverage" only).
Constraints:
- coverage (c, t): Σ staff meeting c in post + Σ trained staff newly meeting c in post
  (from τ + lead) + Σ fte × x of engagements in post at t whose levels meet c (+ u)
  ≥ target;
- budget t: Σ (gross − state support) − Σ_S s[S, t] ≤ budget; s[S, t] ≤ rate × (cost of
  S's lever kinds in t);
- headcount t: staff in post + Σ fte × x in post ≤ cap;
- seats (P, τ): Σ_i y ≤ seats; once i: Σ_{P,τ} y ≤ 1.
Objectives: "cost" minimises total net yen subject to every target; "coverage" first
minimises the weighted shortfall within the budget, then the net cost among plans within
`coverage_tolerance` of that best shortfall.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np
from highspy._core import _Highs

from dxtalent.core.diagnostics import strength
from dxtalent.core.planning.check import cost_lines, coverage_cells
from dxtalent.core.planning.plan import Action, Plan, PlanStatus, Shortfall
from dxtalent.core.planning.robust import InPost, expected_rotation, sample_rotations
from dxtalent.core.planning.scenario import (
    ACQUIRE_KINDS,
    InvalidScenarioError,
    LeverKind,
    Scenario,
    Training,
)

OBJECTIVES = ("cost", "coverage")
# The objective every entry point (web page, CLI, API) uses unless told otherwise: the plan
# that covers the targets best within the budget, then costs least. It always gives a plan
# and says what stays unmet, where "cost" answers "infeasible" when a target is out of reach.
DEFAULT_OBJECTIVE = "coverage"
STRATEGIES = ("mix", "acquire", "develop")
MIP_REL_GAP = 1e-6
# The relative gap when planning against several rotation scenarios: "within 1 % of optimal"
# (issue #5); proving 1e-6 on 20 scenarios takes minutes (planning notes §3.2).
ROBUST_REL_GAP = 0.01
# At most this many shortfalls are checked one by one (a MILP each) in an explanation.
MAX_ISOLATED_CHECKS = 20


class UnknownOptionError(ValueError):
    """An objective or strategy that plan_staffing does not know."""


Cell = tuple[str, int]


def _new_highs() -> _Highs:
    """A silent solver, made without touching the process's file descriptors (safe in a
    threaded server). highspy's `Highs()` wrapper calls into HiGHS while it is constructed
    (it registers its callback), and HiGHS prints its banner to stdout on the first call
    an instance gets while `output_flag` is on: that would corrupt `--json` output. HiGHS's
    own object (`_Highs`, the class the wrapper extends, with the same solving methods)
    makes no call when built, so `output_flag` is switched off before anything can print.
    The wrapper's extras (callbacks, keyboard interrupts, the modelling API) are unused here."""
    h = _Highs()
    h.setOptionValue("output_flag", False)
    return h


@dataclass
class _Model:
    """A MILP under construction: columns with bounds, cost and integrality; rows as
    sparse dicts with bounds and a label."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    column_labels: list[str] = field(default_factory=list)
    rows: list[dict[int, float]] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_labels: list[str] = field(default_factory=list)

    def column(self, cost: float, lower: float, upper: float, integer: bool, label: str) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        self.column_labels.append(label)
        return len(self.cost) - 1

    def row(self, entries: Mapping[int, float], lower: float, upper: float, label: str) -> int:
        self.rows.append({k: v for k, v in entries.items() if v != 0})
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_labels.append(label)
        return len(self.rows) - 1

    def solve(
        self, time_limit: float, gap: float = MIP_REL_GAP
    ) -> tuple[str, list[float] | None, list[float], float, float | None]:
        """(status, column values, row values, objective, gap); no values without a
        solution."""
        if not self.cost:
            # HiGHS refuses a model without columns; its rows hold or fail at 0.
            holds = all(
                lo <= 1e-9 and up >= -1e-9
                for lo, up in zip(self.row_lower, self.row_upper, strict=True)
            )
            if holds:
                return PlanStatus.OPTIMAL.value, [], [0.0] * len(self.rows), 0.0, 0.0
            return PlanStatus.INFEASIBLE.value, None, [], math.nan, None
        h = _new_highs()
        h.setOptionValue("time_limit", max(0.01, float(time_limit)))
        h.setOptionValue("mip_rel_gap", gap)
        h.setOptionValue("random_seed", 0)
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = np.array(self.cost, dtype=np.float64)
        lp.col_lower_ = np.array(self.lower, dtype=np.float64)
        lp.col_upper_ = np.array([inf if math.isinf(v) else v for v in self.upper])
        lp.row_lower_ = np.array([-inf if math.isinf(v) else v for v in self.row_lower])
        lp.row_upper_ = np.array([inf if math.isinf(v) else v for v in self.row_upper])
        starts: list[int] = [0]
        index: list[int] = []
        value: list[float] = []
        for row in self.rows:
            index.extend(row.keys())
            value.extend(row.values())
            starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
        lp.a_matrix_.num_col_ = lp.num_col_
        lp.a_matrix_.num_row_ = lp.num_row_
        if any(self.integer):
            lp.integrality_ = [
                highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
                for flag in self.integer
            ]
        h.passModel(lp)
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2
        if status == highspy.HighsModelStatus.kOptimal:
            name = PlanStatus.OPTIMAL.value
        elif status in (
            highspy.HighsModelStatus.kInfeasible,
            highspy.HighsModelStatus.kUnboundedOrInfeasible,
        ):
            name = PlanStatus.INFEASIBLE.value
        elif status == highspy.HighsModelStatus.kTimeLimit:
            name = PlanStatus.TIME_LIMIT.value
        else:
            name = PlanStatus.ERROR.value
        if not has_solution:
            return name, None, [], math.nan, None
        solution = h.getSolution()
        gap = float(info.mip_gap) if any(self.integer) else 0.0
        if name == PlanStatus.OPTIMAL.value and not math.isfinite(gap):
            gap = 0.0
        return (
            name,
            list(solution.col_value),
            list(solution.row_value),
            float(info.objective_function_value),
            gap,
        )


@dataclass
class _Built:
    model: _Model
    engagements: dict[int, tuple[str, int, LeverKind, int]]  # column → lever, start, kind, lead
    trainings: dict[int, tuple[str, str, int]]  # column → programme, person, start
    shortfall: dict[int, Cell]
    net_cost: dict[int, float]
    shortfall_weight: dict[int, float]
    binding_rows: list[int]


def _allowed(strategy: str) -> frozenset[LeverKind]:
    if strategy == "acquire":
        return ACQUIRE_KINDS
    if strategy == "develop":
        return frozenset({LeverKind.TRAINING})
    return frozenset(LeverKind)


def _build(
    scenario: Scenario,
    strategy: str,
    soft: bool,
    cells: Iterable[Cell] | None = None,
    weights: Mapping[Cell, float] | None = None,
    rotations: Sequence[InPost] | None = None,
) -> _Built:
    """The MILP; `soft` adds shortfall columns (weighted by `weights`, default the
    capability's weight) instead of hard targets; `cells` restricts the targets modelled.

    rotations: each DX member's fiscal years in post in each rotation scenario (default: the
    expected departures alone; see robust.sample_rotations, whose first is the expected one).
    The actions are shared; coverage and headcount hold in every rotation scenario, and a
    soft shortfall costs its weight divided by the number of scenarios (the expected
    shortfall). A trainee must be in post until the training completes under the expected
    departures; in a scenario where they leave earlier their training counts for nothing."""
    model = _Model()
    years = scenario.fiscal_years()
    last = scenario.last_fiscal_year
    allowed = _allowed(strategy)
    capabilities = scenario.capabilities
    wanted = set(cells) if cells is not None else {(c.code, t) for c in capabilities for t in years}
    staff = scenario.staff()
    futures = list(rotations) if rotations else [expected_rotation(scenario)]
    in_post = futures[0]
    share = 1.0 / len(futures)

    coverage: dict[tuple[Cell, int], dict[int, float]] = defaultdict(dict)
    budget: dict[int, dict[int, float]] = defaultdict(dict)
    headcount: dict[int, dict[int, float]] = defaultdict(dict)
    kind_cost: dict[tuple[LeverKind, int], dict[int, float]] = defaultdict(dict)
    engagements: dict[int, tuple[str, int, LeverKind, int]] = {}
    trainings: dict[int, tuple[str, str, int]] = {}
    cost_columns: list[int] = []
    binding_rows: list[int] = []
    gross_basis = scenario.budget_basis == "gross"
    named: dict[tuple[str, int], dict[int, float]] = defaultdict(dict)
    pairing = scenario.external_pairing
    pairs: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)

    for lever in scenario.levers:
        if lever.kind not in allowed:
            continue
        if isinstance(lever, Training):
            if lever.seats_per_year == 0:
                continue
            by_start: dict[int, list[int]] = defaultdict(list)
            for member in staff:
                if member.is_external or not lever.admits(member.levels):
                    continue
                after = lever.trained(member.levels)
                delta = [
                    c.code
                    for c in capabilities
                    if c.criterion.meets(after) and not c.criterion.meets(member.levels)
                ]
                partner = (
                    pairing is not None
                    and member.level(pairing.skill) < pairing.min_level
                    and after.get(pairing.skill, 0) >= pairing.min_level
                )
                if not delta:
                    continue
                lead = lever.lead_time_years
                value = float(member.fte or 1.0) * lever.expected_completion
                for start in years:
                    if start + lead > last:
                        continue
                    if not all(y in in_post[member.id] for y in range(start, start + lead)):
                        continue
                    useful = [
                        ((code, t), f)
                        for f, future in enumerate(futures)
                        if all(y in future[member.id] for y in range(start, start + lead))
                        for t in range(start + lead, last + 1)
                        if t in future[member.id]
                        for code in delta
                        if (code, t) in wanted
                    ]
                    if not useful:
                        continue
                    column = model.column(
                        lever.cost_per_seat,
                        0,
                        1,
                        True,
                        f"train {member.id} {lever.code} FY{start}",
                    )
                    cost_columns.append(column)
                    trainings[column] = (lever.code, member.id, start)
                    by_start[start].append(column)
                    for key in useful:
                        coverage[key][column] = value
                    budget[start][column] = lever.cost_per_seat
                    kind_cost[lever.kind, start][column] = lever.cost_per_seat
                    if partner and pairing is not None:
                        for f, future in enumerate(futures):
                            for t in range(start + lead, last + 1):
                                if t in future[member.id]:
                                    pairs[t, f][column] = -float(pairing.externals_per_partner)
            for start, columns in sorted(by_start.items()):
                if len(columns) > lever.seats_per_year:
                    binding_rows.append(
                        model.row(
                            dict.fromkeys(columns, 1.0),
                            -math.inf,
                            lever.seats_per_year,
                            f"seats {lever.code} FY{start}",
                        )
                    )
            continue
        if lever.max_per_year == 0:
            continue
        for start in range(scenario.first_fiscal_year + lever.lead_time_years, last + 1):
            left = last - start + 1
            if not lever.available(start, left):
                continue
            shares = lever.shares(left)
            total = sum(
                lever.gross_cost(k, left) - lever.support(k, left) for k in range(len(shares))
            )
            column = model.column(
                total,
                0,
                lever.max_per_year,
                True,
                f"starts {lever.code} FY{start}",
            )
            cost_columns.append(column)
            engagements[column] = (lever.code, start, lever.kind, lever.lead_time_years)
            for k in range(len(shares)):
                year = start + k
                gross = lever.gross_cost(k, left)
                net = gross - lever.support(k, left)
                budget[year][column] = gross if gross_basis else net
                kind_cost[lever.kind, year][column] = net
                headcount[year][column] = lever.fte
                if lever.candidate:
                    named[lever.candidate, year][column] = 1.0
                levels = lever.levels_in_year(k)
                if pairing is not None and levels.get(pairing.skill, 0) < pairing.min_level:
                    for f in range(len(futures)):
                        pairs[year, f][column] = lever.fte
                for capability in capabilities:
                    if (
                        (capability.code, year) in wanted
                        and not capability.in_house_only
                        and capability.criterion.meets(levels)
                    ):
                        for f in range(len(futures)):
                            coverage[(capability.code, year), f][column] = lever.fte

    for (person, year), active in sorted(named.items()):
        if len(active) > 1:
            model.row(active, -math.inf, 1, f"named {person} FY{year}")

    people = [member for member in staff if member.id in {p for _, p, _ in trainings.values()}]
    for member in people:
        columns = [col for col, (_, person, _) in trainings.items() if person == member.id]
        if len(columns) > 1:
            model.row(dict.fromkeys(columns, 1.0), -math.inf, 1, f"once {member.id}")

    for subsidy in scenario.subsidies:
        for year in years:
            entries: dict[int, float] = {}
            for kind in subsidy.kinds:
                for column, amount in kind_cost.get((kind, year), {}).items():
                    entries[column] = entries.get(column, 0.0) - subsidy.rate * amount
            if not entries or subsidy.rate == 0:
                continue
            cap = math.inf if subsidy.cap_per_year is None else float(subsidy.cap_per_year)
            column = model.column(-1.0, 0, cap, False, f"subsidy {subsidy.code} FY{year}")
            entries[column] = 1.0
            model.row(entries, -math.inf, 0, f"subsidy {subsidy.code} rate FY{year}")
            if not gross_basis:
                budget[year][column] = -1.0
            cost_columns.append(column)

    for year in years:
        if budget[year]:
            binding_rows.append(
                model.row(budget[year], -math.inf, scenario.budget(year), f"budget FY{year}")
            )
    if scenario.headcount_cap is not None:
        for f, future in enumerate(futures):
            for year in years:
                present = strength(m for m in staff if year in future[m.id])
                room = scenario.headcount_cap - present
                if headcount[year] or room < 0:
                    binding_rows.append(
                        model.row(
                            headcount[year], -math.inf, room, f"headcount FY{year}{_in(f, futures)}"
                        )
                    )

    if pairing is not None:
        for f, future in enumerate(futures):
            for year in years:
                if not any(value > 0 for value in pairs[year, f].values()):
                    continue
                posted = [m for m in staff if year in future[m.id]]
                needing = sum(
                    1
                    for m in posted
                    if m.is_external and m.level(pairing.skill) < pairing.min_level
                )
                partners = sum(
                    1
                    for m in posted
                    if not m.is_external and m.level(pairing.skill) >= pairing.min_level
                )
                room = max(0, partners * pairing.externals_per_partner - needing)
                binding_rows.append(
                    model.row(pairs[year, f], -math.inf, room, f"pairing FY{year}{_in(f, futures)}")
                )

    shortfall: dict[int, Cell] = {}
    for f, future in enumerate(futures):
        for capability in capabilities:
            for year in years:
                cell = (capability.code, year)
                if cell not in wanted:
                    continue
                base = strength(
                    member
                    for member in staff
                    if year in future[member.id] and capability.counts(member)
                )
                need = scenario.target(capability.code, year) - base
                if need <= 1e-9:
                    continue
                entries = dict(coverage.get((cell, f), {}))
                label = f"{capability.code} FY{year}{_in(f, futures)}"
                if soft:
                    weight = (weights or {}).get(cell, scenario.weight(capability.code)) * share
                    column = model.column(weight, 0, need, False, f"short {label}")
                    shortfall[column] = cell
                    entries[column] = 1.0
                model.row(entries, need, math.inf, f"target {label}")
    net_cost = {column: model.cost[column] for column in cost_columns}
    shortfall_weight = {column: model.cost[column] for column in shortfall}
    built = _Built(
        model, engagements, trainings, shortfall, net_cost, shortfall_weight, binding_rows
    )
    _objective(built, "shortfall" if soft else "cost")
    return built


def _in(future: int, futures: Sequence[object]) -> str:
    """A row label's suffix naming the rotation scenario, when there are several."""
    return f" rotation {future}" if len(futures) > 1 else ""


def _actions(built: _Built, values: list[float]) -> tuple[Action, ...]:
    found = []
    for column, (code, start, kind, lead) in built.engagements.items():
        count = round(values[column])
        if count > 0:
            found.append(Action(start, code, kind, count, None, start - lead))
    for column, (code, person, start) in built.trainings.items():
        if values[column] > 0.5:
            found.append(Action(start, code, LeverKind.TRAINING, 1, person, start))
    return tuple(sorted(found, key=lambda a: (a.fiscal_year, a.lever, a.person or "")))


def _binding(built: _Built, values: list[float], row_values: list[float]) -> tuple[str, ...]:
    model = built.model
    found = []
    for row in built.binding_rows:
        upper = model.row_upper[row]
        if upper - row_values[row] <= 1e-6 * max(1.0, abs(upper)):
            found.append(model.row_labels[row])
    for column in built.engagements:
        if values[column] >= model.upper[column] - 1e-6:
            found.append(f"max_per_year {model.column_labels[column].removeprefix('starts ')}")
    return tuple(found)


def _objective(built: _Built, which: str) -> None:
    """Set the model's objective: "cost" (net yen; shortfall free) or "shortfall" (weighted
    shortfall; money free)."""
    cost = [0.0] * len(built.model.cost)
    source = built.net_cost if which == "cost" else built.shortfall_weight
    for column, value in source.items():
        cost[column] = value
    built.model.cost = cost


def plan_staffing(
    scenario: Scenario,
    objective: str = "cost",
    strategy: str = "mix",
    time_limit: float = 60,
    coverage_tolerance: float = 1e-6,
    explain: bool = True,
    rotation_scenarios: int = 0,
    seed: int | None = 0,
    gap: float | None = None,
) -> Plan:
    """The plan that meets every target at least net cost ("cost"), or covers the targets
    best within the budget and then costs least ("coverage": weighted shortfall in people
    at most `coverage_tolerance` above the best), using the levers of `strategy`: "acquire"
    (engagements only: strategy 1 of Nakagawa 2025), "develop" (training only: strategy 2)
    or "mix" (all).

    time_limit: seconds for the solver (shared by the stages); at the limit the status is
    "time_limit" with the best plan found, if any. An infeasible "cost" plan carries
    `explanation` (unless explain=False): the targets no plan can meet and why.

    rotation_scenarios: plan against the expected departures and this many more rotation
    scenarios drawn with `seed` (robust.sample_rotations): "cost" then meets every target in
    all of them, "coverage" minimises the expected shortfall. gap: the relative optimality
    gap at which the solver stops (default 1e-6, or 1 % with rotation scenarios).
    Raises UnknownOptionError for an unknown objective or strategy.
    """
    if objective not in OBJECTIVES:
        raise UnknownOptionError(
            f'objective "{objective}" is not known; accepted: {", ".join(OBJECTIVES)}'
        )
    if strategy not in STRATEGIES:
        raise UnknownOptionError(
            f'strategy "{strategy}" is not known; accepted: {", ".join(STRATEGIES)}'
        )
    if not math.isfinite(time_limit) or time_limit <= 0:
        raise InvalidScenarioError(f"time_limit: {time_limit!r}; seconds above 0")
    if gap is None:
        gap = ROBUST_REL_GAP if rotation_scenarios else MIP_REL_GAP
    if not math.isfinite(gap) or not 0 <= gap < 1:
        raise InvalidScenarioError(f"gap: {gap!r}; a relative gap from 0 to below 1, e.g. 0.01")
    began = time.perf_counter()
    futures = sample_rotations(scenario, rotation_scenarios, seed) if rotation_scenarios else None
    built = _build(scenario, strategy, soft=objective == "coverage", rotations=futures)
    status, values, rows, value, found_gap = built.model.solve(time_limit, gap)
    if objective == "coverage" and values is not None:
        best = value
        _objective(built, "cost")
        entries = dict(built.shortfall_weight)
        built.model.row(entries, -math.inf, best + coverage_tolerance, "best coverage")
        remaining = time_limit - (time.perf_counter() - began)
        status2, values2, rows2, _cost, gap2 = built.model.solve(remaining, gap)
        if values2 is not None:
            status, values, rows, found_gap = status2, values2, rows2, gap2
    plan_fields: dict[str, object] = {}
    if values is not None:
        actions = _actions(built, values)
        lines = cost_lines(scenario, actions)
        cells = coverage_cells(scenario, actions)
        short = sum(
            scenario.weight(cell.capability) * max(0.0, cell.target - cell.count) for cell in cells
        )
        plan_fields = {
            "actions": actions,
            "costs": lines,
            "coverage": cells,
            "objective_value": float(sum(line.net for line in lines))
            if objective == "cost"
            else round(short, 9),
            "gap": found_gap,
            "binding": _binding(built, values, rows),
        }
    explanation: tuple[Shortfall, ...] = ()
    if status == PlanStatus.INFEASIBLE.value and explain and not rotation_scenarios:
        explanation = explain_infeasible(scenario, strategy, time_limit)
    elif status == PlanStatus.INFEASIBLE.value and explain:
        expected = plan_staffing(scenario, objective, strategy, time_limit, coverage_tolerance)
        explanation = expected.explanation or (
            Shortfall(
                "",
                scenario.first_fiscal_year,
                0,
                0.0,
                f"every target can be met with the expected departures, but not in all "
                f"{rotation_scenarios} sampled rotation scenarios as well; the objective "
                '"coverage" gives the plan with the least expected shortfall',
            ),
        )
    return Plan(
        status=PlanStatus(status),
        objective=objective,
        strategy=strategy,
        fiscal_years=scenario.fiscal_years(),
        explanation=explanation,
        solve_seconds=time.perf_counter() - began,
        rotation_scenarios=rotation_scenarios,
        # The solved plan's fields, each of its own type: a dict of them can only say object.
        **plan_fields,  # type: ignore[arg-type]
    )


def limits_bound(scenario: Scenario, strategy: str = "mix") -> dict[Cell, tuple[float, str]]:
    """For each capability and fiscal year, the most people any plan could reach with every
    lever at its limits (ignoring the budget), and the breakdown as text."""
    allowed = _allowed(strategy)
    years = scenario.fiscal_years()
    staff = scenario.staff()
    in_post = {member.id: set(scenario.years_in_post(member)) for member in staff}
    found: dict[Cell, tuple[float, str]] = {}
    for capability in scenario.capabilities:
        meets = capability.criterion.meets
        for year in years:
            present = [m for m in staff if year in in_post[m.id]]
            base = strength(m for m in present if capability.counts(m))
            engaged = 0.0
            named: dict[str, float] = {}
            for lever in scenario.levers:
                if (
                    lever.kind not in allowed
                    or isinstance(lever, Training)
                    or capability.in_house_only
                ):
                    continue
                first = scenario.first_fiscal_year + lever.lead_time_years
                for start in range(first, year + 1):
                    k = year - start
                    left = scenario.last_fiscal_year - start + 1
                    if (
                        k < len(lever.shares(left))
                        and lever.available(start, left)
                        and meets(lever.levels_in_year(k))
                    ):
                        if lever.candidate:
                            named[lever.candidate] = max(named.get(lever.candidate, 0.0), lever.fte)
                        else:
                            engaged += lever.max_per_year * lever.fte
            engaged += sum(named.values())
            if scenario.headcount_cap is not None:
                room = max(0.0, scenario.headcount_cap - strength(present))
                engaged = min(engaged, room)
            trainable: dict[str, float] = {}
            seats = 0
            for lever in scenario.levers:
                if lever.kind not in allowed or not isinstance(lever, Training):
                    continue
                starts = [
                    s
                    for s in years
                    if s + lever.lead_time_years <= year and lever.seats_per_year > 0
                ]
                useful = False
                for member in present:
                    if (
                        member.is_external
                        or capability.counts(member)
                        or not lever.admits(member.levels)
                    ):
                        continue
                    if not meets(lever.trained(member.levels)):
                        continue
                    if any(
                        all(y in in_post[member.id] for y in range(s, s + lever.lead_time_years))
                        for s in starts
                    ):
                        value = float(member.fte or 1.0) * lever.expected_completion
                        trainable[member.id] = max(trainable.get(member.id, 0.0), value)
                        useful = True
                if useful:
                    seats += lever.seats_per_year * len(starts)
            best_trainees = sorted(trainable.values(), reverse=True)[:seats]
            trained = round(sum(best_trainees), 9)
            text = (
                f"{base:g} in post meet it; engagements can add at most {engaged:g}; "
                f"training at most {trained:g}"
            )
            found[capability.code, year] = (base + engaged + trained, text)
    return found


def _over_headcount_cap(scenario: Scenario) -> tuple[Shortfall, ...]:
    """The fiscal years in which the current team alone exceeds the headcount cap: no plan
    can exist there, whatever the targets, so the explanation names the cap."""
    cap = scenario.headcount_cap
    if cap is None:
        return ()
    found = []
    for year in scenario.fiscal_years():
        present = strength(m for m in scenario.staff() if year in scenario.years_in_post(m))
        if present > cap + 1e-9:
            found.append(
                Shortfall(
                    "",
                    year,
                    0,
                    0.0,
                    f"the current team alone is {present:g} people in FY{year}, above the "
                    f"headcount cap of {cap:g}: raise the cap (or leave it out); no plan fits "
                    "under it, whatever the targets",
                )
            )
    return tuple(found)


def explain_infeasible(
    scenario: Scenario, strategy: str = "mix", time_limit: float = 60
) -> tuple[Shortfall, ...]:
    """Why no plan meets every target: first the targets that even every lever at its limits
    cannot reach (budget ignored); if there are none, the targets the best-covering plan
    within the budget misses, each checked alone (a MILP with only that target) to tell a
    target out of reach within the budget from one that competes with the others."""
    over_cap = _over_headcount_cap(scenario)
    if over_cap:
        return over_cap
    bounds = limits_bound(scenario, strategy)
    found = []
    for capability in scenario.capabilities:
        for year in scenario.fiscal_years():
            best, text = bounds[capability.code, year]
            target = scenario.target(capability.code, year)
            if best < target - 1e-9:
                found.append(
                    Shortfall(
                        capability.code,
                        year,
                        target,
                        round(best, 9),
                        f"levers at their limits reach only {best:g} of {target}: {text}",
                    )
                )
    if found:
        return tuple(found)
    began = time.perf_counter()
    joint = plan_staffing(scenario, "coverage", strategy, time_limit, explain=False)
    missed = [cell for cell in joint.coverage if not cell.met]
    for cell in missed[:MAX_ISOLATED_CHECKS]:
        remaining = max(1.0, time_limit - (time.perf_counter() - began))
        built = _build(scenario, strategy, soft=True, cells=[(cell.capability, cell.fiscal_year)])
        _status, values, _rows, _value, _gap = built.model.solve(remaining)
        short = sum(values[column] for column in built.shortfall) if values is not None else 0.0
        alone = cell.target - short if values is not None else cell.count
        if alone < cell.target - 1e-6:
            reason = (
                f"within the budget and headcount cap at most {alone:g} of {cell.target}, "
                "even with every other target dropped"
            )
        else:
            reason = (
                "reachable alone, but not together with the other targets within the budget, "
                "the headcount cap, the seats and one programme per person; the best joint "
                f"plan reaches {cell.count:g}"
            )
        found.append(
            Shortfall(cell.capability, cell.fiscal_year, cell.target, round(alone, 9), reason)
        )
    for cell in missed[MAX_ISOLATED_CHECKS:]:
        found.append(
            Shortfall(
                cell.capability,
                cell.fiscal_year,
                cell.target,
                cell.count,
                f"the best joint plan within the budget reaches {cell.count:g} (not checked alone)",
            )
        )
    if not found:
        found.append(
            Shortfall(
                "",
                scenario.first_fiscal_year,
                0,
                0.0,
                "every target can be covered within the budget, yet not all at once; "
                "the solver found the combination infeasible",
            )
        )
    return tuple(found)
