"""What any plan could reach at most: each capability's people with every lever at its limits
(the budget ignored), and the years in which the current team alone is above the headcount
cap. The first step of explaining why no plan meets every target."""

from __future__ import annotations

from dxtalent.core.diagnostics import strength
from dxtalent.core.planning.build import Cell, _allowed
from dxtalent.core.planning.plan import Shortfall
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.planning.shortfalls import shortfall


def limits_bound(
    scenario: Scenario, strategy: str = "mix"
) -> dict[Cell, tuple[float, dict[str, float]]]:
    """For each capability and fiscal year, the most people any plan could reach with every
    lever at its limits (ignoring the budget), and its parts: "base" (in post now meeting it),
    "engaged" (engagements at most), "trained" (training at most)."""
    allowed = _allowed(strategy)
    years = scenario.fiscal_years()
    staff = scenario.staff()
    in_post = {member.id: set(scenario.years_in_post(member)) for member in staff}
    found: dict[Cell, tuple[float, dict[str, float]]] = {}
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
            parts = {"base": base, "engaged": engaged, "trained": trained}
            found[capability.code, year] = (base + engaged + trained, parts)
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
            found.append(shortfall("", year, 0, 0.0, "headcount", present=present, cap=cap))
    return tuple(found)
