"""What any plan could reach at most: each capability's people with every lever at its limits
(the budget ignored), and the years in which the current team alone is above the headcount
cap. The first step of explaining why no plan meets every target.

Who meets which capability is asked once per set of levels (each member now and after each
programme, each engagement in each year in post: build._Meeting), and the trainees are
counted per fiscal year for all capabilities at once, as arrays of members × capabilities:
asked per capability and year, a designated city's bound took 0.8 s and the bench's 4×
instance 40 s (issue #15)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import numpy.typing as npt

from dxtalent.core.diagnostics import strength
from dxtalent.core.planning.build import Cell, _allowed, _Meeting
from dxtalent.core.planning.plan import Shortfall
from dxtalent.core.planning.scenario import Scenario, Training
from dxtalent.core.planning.shortfalls import shortfall

Flags = npt.NDArray[np.bool_]


def limits_bound(
    scenario: Scenario, strategy: str = "mix"
) -> dict[Cell, tuple[float, dict[str, float]]]:
    """For each capability and fiscal year, the most people any plan could reach with every
    lever at its limits (ignoring the budget), and its parts: "base" (in post now meeting it),
    "engaged" (engagements at most), "trained" (training at most).

    - base: the fte of the members in post at the end of the year who count for it now;
    - engaged: for each engagement lever and start whose engagement is in post that year
      with levels that meet it, the lever's most units a year × their fte (a named
      candidate once, at most their fte); none for a capability only in-house staff fill;
      at most the room under the headcount cap that year;
    - trained: the best trainees, as many as the programmes' seats allow: each in-house
      member in post that year who does not count for it now, and whom a programme admits
      and would make count, with a start whose training ends by then and through which they
      are in post, counts their fte × the programme's expected completion (their best
      programme's); each programme that could train someone for it adds its seats a year ×
      its starts ending by then."""
    allowed = _allowed(strategy)
    years = scenario.fiscal_years()
    first, last = years[0], years[-1]
    staff = scenario.staff()
    capabilities = scenario.capabilities
    width, depth = len(capabilities), len(years)
    meeting = _Meeting(capabilities)
    in_post_years = [set(scenario.years_in_post(member)) for member in staff]
    in_post = np.array(
        [[year in found for year in years] for found in in_post_years], dtype=bool
    ).reshape(len(staff), depth)
    fte = np.array([float(member.fte or 1.0) for member in staff], dtype=np.float64)
    external = np.array([member.is_external for member in staff], dtype=bool)
    in_house_only = np.array([c.in_house_only for c in capabilities], dtype=bool)
    meets_now = _flags(meeting.many([member.levels for member in staff]), len(staff), width)
    counts_now = meets_now & ~(external[:, np.newaxis] & in_house_only[np.newaxis, :])
    # The same sum as the planner's model's base counts (build.py).
    base = np.round(np.einsum("my,mc->cy", in_post, counts_now * fte[:, np.newaxis]), 9)

    engaged = np.zeros((width, depth), dtype=np.float64)
    # (capability, year index) → candidate → the most fte any of their engagements brings,
    # in the order the engagements are met.
    named: dict[tuple[int, int], dict[str, float]] = defaultdict(dict)
    for lever in scenario.levers:
        if lever.kind not in allowed or isinstance(lever, Training):
            continue
        met_in_year: dict[int, list[int]] = {}
        for start in range(first + lever.lead_time_years, last + 1):
            left = last - start + 1
            if not lever.available(start, left):
                continue
            for k in range(len(lever.shares(left))):
                year = start + k
                if year > last:
                    break
                if k not in met_in_year:
                    met_in_year[k] = [
                        i for i in meeting(lever.levels_in_year(k)) if not in_house_only[i]
                    ]
                for i in met_in_year[k]:
                    if lever.candidate:
                        best = named[i, year - first]
                        best[lever.candidate] = max(best.get(lever.candidate, 0.0), lever.fte)
                    else:
                        engaged[i, year - first] += lever.max_per_year * lever.fte
    for (i, y), best in named.items():
        engaged[i, y] += sum(best.values())
    if scenario.headcount_cap is not None:
        for y, year in enumerate(years):
            present = strength(
                m for m, found in zip(staff, in_post_years, strict=True) if year in found
            )
            room = max(0.0, scenario.headcount_cap - present)
            engaged[:, y] = np.minimum(engaged[:, y], room)

    # Per programme: the members it could make count for each capability (admitted, in-house,
    # not counting now, counting after), the fiscal year their earliest training within
    # their years in post ends, and what each would count.
    programmes = []
    for lever in scenario.levers:
        if (
            lever.kind not in allowed
            or not isinstance(lever, Training)
            or lever.seats_per_year == 0
        ):
            continue
        lead = lever.lead_time_years
        admitted = [
            m
            for m, member in enumerate(staff)
            if not member.is_external and lever.admits(member.levels)
        ]
        gains = np.zeros((len(staff), width), dtype=bool)
        after = meeting.many([lever.trained(staff[m].levels) for m in admitted])
        gains[admitted] = _flags(after, len(admitted), width)
        gains &= ~meets_now
        ends = np.full(len(staff), np.iinfo(np.int64).max, dtype=np.int64)
        for m in admitted:
            posts = in_post_years[m]
            ends[m] = next(
                (s + lead for s in years if all(y in posts for y in range(s, s + lead))),
                ends[m],
            )
        value = fte * lever.expected_completion
        programmes.append((lever, gains, ends, value))

    found: dict[Cell, tuple[float, dict[str, float]]] = {}
    for y, year in enumerate(years):
        best_value = np.zeros((len(staff), width), dtype=np.float64)
        seats = np.zeros(width, dtype=np.int64)
        for lever, gains, ends, value in programmes:
            eligible = gains & (in_post[:, y] & (ends <= year))[:, np.newaxis]
            useful = eligible.any(axis=0)
            starts = sum(1 for s in years if s + lever.lead_time_years <= year)
            seats += useful * (lever.seats_per_year * starts)
            np.maximum(best_value, np.where(eligible, value[:, np.newaxis], 0.0), out=best_value)
        ranked = -np.sort(-best_value, axis=0)
        for i, capability in enumerate(capabilities):
            trained = round(sum(ranked[: seats[i], i].tolist()), 9)
            parts = {
                "base": float(base[i, y]),
                "engaged": float(engaged[i, y]),
                "trained": trained,
            }
            found[capability.code, year] = (parts["base"] + parts["engaged"] + trained, parts)
    return found


def _flags(met: list[tuple[int, ...]], rows: int, width: int) -> Flags:
    """`met` (for each row, the capabilities met: _Meeting.many) as rows × capabilities."""
    flags = np.zeros((rows, width), dtype=bool)
    for r, indexes in enumerate(met):
        flags[r, list(indexes)] = True
    return flags


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
