"""The staffing MILP built from a scenario (planning notes §1.3, reduced to counts because a
scenario's levers are options, not named candidates).

Variables:
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

Who meets which capability is worked out once per distinct set of levels (each member now,
each member after each programme, each engagement in each year in post), not once per
coefficient: a designated city's model asks it about 200,000 times otherwise. Each trainee's
coverage in every rotation scenario is worked out as one array per person and programme (who
is in post, through the training and after it, in which scenario and year) and the coverage
rows are made from the entries at the end; the rows other rows imply are left out when the
model is solved (reduce.py). Money (costs, budgets, subsidies) is counted in units of
MONEY_UNIT yen, not in yen: the same model, better scaled for the solver.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dxtalent.core.diagnostics import Capability, LevelCriterion
from dxtalent.core.planning.milp import _Model
from dxtalent.core.planning.robust import InPost, expected_rotation
from dxtalent.core.planning.scenario import ACQUIRE_KINDS, LeverKind, Scenario, Training

Cell = tuple[str, int]
# The yen one unit of money stands for in the model. Costs, budgets and subsidy caps run to
# hundreds of millions of yen while coverage counts people: in yen, a budget row's bound is 1e8
# times the solver's feasibility tolerance and HiGHS warns that the model is badly scaled; in
# units of ¥100,000 the same model (the same optimum, its cost multiplied back) is solved
# about a fifth faster at twice the designated city's size.
MONEY_UNIT = 100_000.0


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


def _in(future: int, futures: Sequence[object]) -> str:
    """A row label's suffix naming the rotation scenario, when there are several."""
    return f" rotation {future}" if len(futures) > 1 else ""


class _Meeting:
    """The indexes of the capabilities (in scenario order) whose criterion a set of levels
    meets. Level criteria are compared as one array (levels × minimums) per batch of levels;
    any other criterion is asked directly."""

    def __init__(self, capabilities: Sequence[Capability]) -> None:
        self._criteria = [c.criterion for c in capabilities]
        self._levelled = [isinstance(c, LevelCriterion) for c in self._criteria]
        self._skills = sorted(
            {s for c in self._criteria if isinstance(c, LevelCriterion) for s in c.minimums}
        )
        self._minimums = np.zeros((len(self._criteria), len(self._skills)), dtype=np.int16)
        column = {skill: j for j, skill in enumerate(self._skills)}
        for i, criterion in enumerate(self._criteria):
            if isinstance(criterion, LevelCriterion):
                for skill, minimum in criterion.minimums.items():
                    self._minimums[i, column[skill]] = minimum

    def __call__(self, levels: Mapping[str, int]) -> tuple[int, ...]:
        return self.many([levels])[0]

    def many(self, batch: Sequence[Mapping[str, int]]) -> list[tuple[int, ...]]:
        """For each set of levels in `batch`, the capabilities it meets."""
        if not batch:
            return []
        found: np.ndarray[tuple[int, ...], np.dtype[np.bool_]] = np.ones(
            (len(batch), len(self._criteria)), dtype=bool
        )
        if self._skills:
            have = np.array(
                [[levels.get(skill, 0) for skill in self._skills] for levels in batch],
                dtype=np.int16,
            )
            found = np.all(have[:, None, :] >= self._minimums[None, :, :], axis=2)
        for i, criterion in enumerate(self._criteria):
            if not self._levelled[i]:
                found[:, i] = [criterion.meets(levels) for levels in batch]
        return [tuple(int(i) for i in np.flatnonzero(row)) for row in found]


def _build(
    scenario: Scenario,
    strategy: str,
    soft: bool,
    cells: Iterable[Cell] | None = None,
    weights: Mapping[Cell, float] | None = None,
    rotations: Sequence[InPost] | None = None,
    money_unit: float = MONEY_UNIT,
) -> _Built:
    """The MILP; `soft` adds shortfall columns (weighted by `weights`, default the
    capability's weight) instead of hard targets; `cells` restricts the targets modelled.

    rotations: each DX member's fiscal years in post in each rotation scenario (default: the
    expected departures alone; see robust.sample_rotations, whose first is the expected one).
    The actions are shared; coverage and headcount hold in every rotation scenario, and a
    soft shortfall costs its weight divided by the number of scenarios (the expected
    shortfall). A trainee must be in post until the training completes under the expected
    departures; in a scenario where they leave earlier their training counts for nothing.

    money_unit: the yen one unit of money stands for in the model (costs, budgets, subsidies;
    module notes); 1 builds it in yen."""
    model = _Model()
    years = scenario.fiscal_years()
    last = scenario.last_fiscal_year
    allowed = _allowed(strategy)
    capabilities = scenario.capabilities
    codes = [c.code for c in capabilities]
    wanted = set(cells) if cells is not None else {(c.code, t) for c in capabilities for t in years}
    staff = scenario.staff()
    futures = list(rotations) if rotations else [expected_rotation(scenario)]
    share = 1.0 / len(futures)
    meeting = _Meeting(capabilities)
    meets_now = {
        member.id: frozenset(met)
        for member, met in zip(staff, meeting.many([m.levels for m in staff]), strict=True)
    }
    staff_fte = [(member.id, float(member.fte or 1.0)) for member in staff]
    first = scenario.first_fiscal_year
    width, depth = len(capabilities), len(years)
    # in_post[f, m, y]: member m in post at the end of years[y] in rotation scenario f.
    in_post = np.zeros((len(futures), len(staff), depth), dtype=bool)
    for f, future in enumerate(futures):
        for m, member in enumerate(staff):
            for year in future[member.id]:
                if first <= year <= last:
                    in_post[f, m, year - first] = True
    # counted_by[y, m]: whether member m counts in year y; prefix[f, m, k]: years in post
    # before years[k], for "in post through the whole training" in one subtraction.
    prefix = np.zeros((len(futures), len(staff), depth + 1), dtype=np.int64)
    np.cumsum(in_post, axis=2, out=prefix[:, :, 1:])
    is_wanted = np.zeros((width, depth), dtype=bool)
    code_index = {code: i for i, code in enumerate(codes)}
    for code, year in wanted:
        if code in code_index and first <= year <= last:
            is_wanted[code_index[code], year - first] = True
    # Coverage entries as parallel arrays: the cell's key ((f · C + c) · Y + y), the column,
    # the value; the rows are made from them at the end, columns in ascending order.
    cover_keys: list[npt.NDArray[np.int64]] = []
    cover_columns: list[npt.NDArray[np.int64]] = []
    cover_values: list[npt.NDArray[np.float64]] = []
    scenario_offsets = np.arange(len(futures), dtype=np.int64) * width * depth
    budget: dict[int, dict[int, float]] = defaultdict(dict)
    headcount: dict[int, dict[int, float]] = defaultdict(dict)
    kind_cost: dict[tuple[LeverKind, int], dict[int, float]] = defaultdict(dict)
    engagements: dict[int, tuple[str, int, LeverKind, int]] = {}
    trainings: dict[int, tuple[str, str, int]] = {}
    trainee_columns: dict[str, list[int]] = defaultdict(list)
    cost_columns: list[int] = []
    binding_rows: list[int] = []
    gross_basis = scenario.budget_basis == "gross"
    index_of = {member.id: m for m, member in enumerate(staff)}
    # (member, training lead) → (completes[s, f], counted[s, f, y]) for the starts.
    trainee_years: dict[tuple[int, int], tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]] = {}
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
            lead = lever.lead_time_years
            admitted = [
                (member, lever.trained(member.levels))
                for member in staff
                if not member.is_external and lever.admits(member.levels)
            ]
            met_after = meeting.many([after for _member, after in admitted])
            starts = np.arange(first, last - lead + 1, dtype=np.int64)  # start + lead ≤ last
            offsets = starts - first
            year_index = np.arange(depth)
            # counts_from[s, y]: years[y] is on or after the completion of a start at starts[s].
            counts_from = year_index[np.newaxis, :] >= (offsets + lead)[:, np.newaxis]
            for (member, after), met in zip(admitted, met_after, strict=True):
                now = meets_now[member.id]
                delta = np.array([i for i in met if i not in now], dtype=np.int64)
                if not len(delta):
                    continue
                partner = (
                    pairing is not None
                    and member.level(pairing.skill) < pairing.min_level
                    and after.get(pairing.skill, 0) >= pairing.min_level
                )
                value = float(member.fte or 1.0) * lever.expected_completion
                m = index_of[member.id]
                posts = in_post[:, m, :]  # F × Y
                if (m, lead) not in trainee_years:
                    # completes[s, f]: in post through every training year of the start.
                    through = prefix[:, m, :]
                    training_years_in_post = (through[:, offsets + lead] - through[:, offsets]).T
                    completes = training_years_in_post == lead
                    trainee_years[m, lead] = (
                        completes,
                        posts[np.newaxis, :, :]
                        & counts_from[:, np.newaxis, :]
                        & completes[:, :, np.newaxis],
                    )
                completes, counted = trainee_years[m, lead]
                # useful[s, f, d, y]: the start's trainee counts for delta[d] in years[y]
                # in scenario f, and that cell is modelled.
                useful = counted[:, :, np.newaxis, :] & is_wanted[delta][np.newaxis, np.newaxis]
                # A start is planned only with the member in post through the training under
                # the expected departures (scenario 0).
                chosen = np.flatnonzero(completes[:, 0] & useful.any(axis=(1, 2, 3)))
                if not len(chosen):
                    continue
                # The chosen starts' columns are made one after the other below.
                s_found, f_found, d_found, y_found = np.nonzero(useful[chosen])
                cover_keys.append(scenario_offsets[f_found] + delta[d_found] * depth + y_found)
                cover_columns.append(len(model.cost) + s_found)
                cover_values.append(np.full(len(s_found), value))
                for s_index in chosen.tolist():
                    start = int(starts[s_index])
                    seat = lever.cost_per_seat / money_unit
                    column = model.column(
                        seat,
                        0,
                        1,
                        True,
                        f"train {member.id} {lever.code} FY{start}",
                    )
                    cost_columns.append(column)
                    trainings[column] = (lever.code, member.id, start)
                    trainee_columns[member.id].append(column)
                    by_start[start].append(column)
                    budget[start][column] = seat
                    kind_cost[lever.kind, start][column] = seat
                    if partner and pairing is not None:
                        after_start = posts & counts_from[s_index][np.newaxis, :]
                        for f, y in zip(*np.nonzero(after_start), strict=True):
                            pairs[first + int(y), int(f)][column] = -float(
                                pairing.externals_per_partner
                            )
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
        fte = lever.fte  # a property, read once per lever rather than per coefficient
        # Year in post → (whether the engaged need an in-house partner, the capabilities
        # their levels meet that engagements may fill).
        in_year: dict[int, tuple[bool, npt.NDArray[np.int64]]] = {}
        for start in range(scenario.first_fiscal_year + lever.lead_time_years, last + 1):
            left = last - start + 1
            if not lever.available(start, left):
                continue
            shares = lever.shares(left)
            gross_net = [
                (gross / money_unit, (gross - lever.support(k, left)) / money_unit)
                for k, gross in ((k, lever.gross_cost(k, left)) for k in range(len(shares)))
            ]
            total = sum(net for _gross, net in gross_net)
            column = model.column(
                total,
                0,
                lever.max_per_year,
                True,
                f"starts {lever.code} FY{start}",
            )
            cost_columns.append(column)
            engagements[column] = (lever.code, start, lever.kind, lever.lead_time_years)
            for k, (gross, net) in enumerate(gross_net):
                year = start + k
                budget[year][column] = gross if gross_basis else net
                kind_cost[lever.kind, year][column] = net
                headcount[year][column] = fte
                if lever.candidate:
                    named[lever.candidate, year][column] = 1.0
                if k not in in_year:
                    levels = lever.levels_in_year(k)
                    in_year[k] = (
                        pairing is not None and levels.get(pairing.skill, 0) < pairing.min_level,
                        np.array(
                            [i for i in meeting(levels) if not capabilities[i].in_house_only],
                            dtype=np.int64,
                        ),
                    )
                needs_partner, engaged_meet = in_year[k]
                if needs_partner:
                    for f in range(len(futures)):
                        pairs[year, f][column] = fte
                engaged_cells = engaged_meet[is_wanted[engaged_meet, year - first]]
                if len(engaged_cells):
                    keys = (
                        scenario_offsets[:, np.newaxis]
                        + (engaged_cells * depth + (year - first))[np.newaxis, :]
                    ).reshape(-1)
                    cover_keys.append(keys)
                    cover_columns.append(np.full(len(keys), column, dtype=np.int64))
                    cover_values.append(np.full(len(keys), fte))

    for (person, year), active in sorted(named.items()):
        if len(active) > 1:
            model.row(active, -math.inf, 1, f"named {person} FY{year}")

    for member in staff:
        columns = trainee_columns.get(member.id, [])
        once = -1
        if len(columns) > 1:
            once = model.row(dict.fromkeys(columns, 1.0), -math.inf, 1, f"once {member.id}")
        for column in columns:
            model.choices[column] = (trainings[column][0], member.id, once)

    for subsidy in scenario.subsidies:
        for year in years:
            entries: dict[int, float] = {}
            for kind in subsidy.kinds:
                for column, amount in kind_cost.get((kind, year), {}).items():
                    entries[column] = entries.get(column, 0.0) - subsidy.rate * amount
            if not entries or subsidy.rate == 0:
                continue
            cap = math.inf if subsidy.cap_per_year is None else subsidy.cap_per_year / money_unit
            column = model.column(-1.0, 0, cap, False, f"subsidy {subsidy.code} FY{year}")
            entries[column] = 1.0
            model.row(entries, -math.inf, 0, f"subsidy {subsidy.code} rate FY{year}")
            if not gross_basis:
                budget[year][column] = -1.0
            cost_columns.append(column)

    for year in years:
        if budget[year]:
            binding_rows.append(
                model.row(
                    budget[year], -math.inf, scenario.budget(year) / money_unit, f"budget FY{year}"
                )
            )
    fte_of = np.array([fte for _member, fte in staff_fte], dtype=np.float64)
    # strength() of the members in post at the end of each year, rounded as strength() is.
    strength_in_post = [
        [round(value, 9) for value in row]
        for row in np.einsum("fmy,m->fy", in_post, fte_of).tolist()
    ]
    if scenario.headcount_cap is not None:
        for f in range(len(futures)):
            for year in years:
                room = scenario.headcount_cap - strength_in_post[f][year - first]
                if headcount[year] or room < 0:
                    binding_rows.append(
                        model.row(
                            headcount[year], -math.inf, room, f"headcount FY{year}{_in(f, futures)}"
                        )
                    )

    if pairing is not None:
        unpaired = [
            m.id for m in staff if m.is_external and m.level(pairing.skill) < pairing.min_level
        ]
        paired = [
            m.id for m in staff if not m.is_external and m.level(pairing.skill) >= pairing.min_level
        ]
        for f, future in enumerate(futures):
            for year in years:
                if not any(value > 0 for value in pairs[year, f].values()):
                    continue
                needing = sum(1 for m in unpaired if year in future[m])
                partners = sum(1 for m in paired if year in future[m])
                room = max(0, partners * pairing.externals_per_partner - needing)
                binding_rows.append(
                    model.row(pairs[year, f], -math.inf, room, f"pairing FY{year}{_in(f, futures)}")
                )

    # The fte with which each member counts for each capability with their levels now.
    counting = np.zeros((len(staff), width), dtype=np.float64)
    for m, member in enumerate(staff):
        for i in meets_now[member.id]:
            if not (capabilities[i].in_house_only and member.is_external):
                counting[m, i] = fte_of[m]
    base_counts = np.einsum("fmy,mc->fcy", in_post, counting).tolist()
    targets = {(c.code, t): scenario.target(c.code, t) for c in capabilities for t in years}
    if cover_keys:
        keys = np.concatenate(cover_keys)
        order = np.argsort(keys, kind="stable")  # entries were added in column order
        keys = keys[order]
        entry_columns = np.concatenate(cover_columns)[order].tolist()
        entry_values = np.concatenate(cover_values)[order].tolist()
        found_keys, begins = np.unique(keys, return_index=True)
        ends = np.append(begins[1:], len(keys))
        spans = dict(
            zip(found_keys.tolist(), zip(begins.tolist(), ends.tolist(), strict=True), strict=True)
        )
    else:
        entry_columns, entry_values, spans = [], [], {}
    shortfall: dict[int, Cell] = {}
    for f in range(len(futures)):
        for i, capability in enumerate(capabilities):
            for year in years:
                cell = (capability.code, year)
                if cell not in wanted:
                    continue
                base = round(base_counts[f][i][year - first], 9)
                need = targets[cell] - base
                if need <= 1e-9:
                    continue
                begin, end = spans.get((f * width + i) * depth + year - first, (0, 0))
                entries = dict(zip(entry_columns[begin:end], entry_values[begin:end], strict=True))
                label = f"{capability.code} FY{year}{_in(f, futures)}"
                if soft:
                    weight = (weights or {}).get(cell, scenario.weight(capability.code)) * share
                    column = model.column(weight, 0, need, False, f"short {label}")
                    shortfall[column] = cell
                    entries[column] = 1.0
                model.row(entries, need, math.inf, f"target {label}", nonzero=True)
    net_cost = {column: model.cost[column] for column in cost_columns}
    shortfall_weight = {column: model.cost[column] for column in shortfall}
    built = _Built(
        model, engagements, trainings, shortfall, net_cost, shortfall_weight, binding_rows
    )
    _objective(built, "shortfall" if soft else "cost")
    return built


def _objective(built: _Built, which: str) -> None:
    """Set the model's objective: "cost" (net yen; shortfall free) or "shortfall" (weighted
    shortfall; money free)."""
    cost = [0.0] * len(built.model.cost)
    source = built.net_cost if which == "cost" else built.shortfall_weight
    for column, value in source.items():
        cost[column] = value
    built.model.cost = cost
