"""The planner's model exactly as solve.py built it before issue #15 (one criterion check per
coefficient, trainees re-collected per staff member), kept as the oracle the fast builder
(core/planning/build.py) is compared with. Not used by the application."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from dxtalent.core.diagnostics import strength
from dxtalent.core.planning.build import Cell, _allowed, _Built, _in, _objective
from dxtalent.core.planning.milp import _Model
from dxtalent.core.planning.robust import InPost, expected_rotation
from dxtalent.core.planning.scenario import LeverKind, Scenario, Training


def reference_build(
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
