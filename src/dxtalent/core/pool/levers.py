"""An accepted allocation of the prefecture's pool as levers of a municipality's own plan.

The pool's requests ask for one of the paper's capabilities (core.diagnostics
paper_capabilities: the central figure, the team of coordination and specification writing,
specification writing, negotiation) or one of MIC's roles. The planner plans the capabilities
with level criteria; MIC's roles (role-fit criteria) are not planned. So each pool capability
is mapped explicitly (PLANNER_CAPABILITY) to the planner's capability its days count toward.

A municipality's accepted days of one capability in one fiscal year, at one cost a day to the
municipality, become one PoolDays lever: available in that fiscal year only, at most once,
bringing the skill levels the capability's criterion asks (the professional meets the
capability they were assigned to), counting days / 240 of a person that year (the planner
counts people at the end of each fiscal year; the months are kept for the page). Its cost is
the municipality's share: 0 when the prefecture pays (普通交付税), the whole cost when the
municipality pays, the share the prefecture set when shared.

Days that cannot count are reported with the reason, never dropped silently: a capability the
planner does not plan, one only in-house staff may fill, a fiscal year outside the plan, or
fewer than half a day in the year.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dxtalent.core.calendar.fiscal_year import format_fiscal_year
from dxtalent.core.diagnostics import Capability, LevelCriterion
from dxtalent.core.i18n import gettext as _
from dxtalent.core.i18n import language
from dxtalent.core.planning.defaults import FULL_TIME_DAYS
from dxtalent.core.planning.levers import PoolDays

# Pool capability code → the planner's capability code its days count toward. A pool
# capability not listed here is not planned (MIC's roles: role-fit criteria).
PLANNER_CAPABILITY: Mapping[str, str] = {
    "CO-CAP-CENTRAL": "CO-CAP-CENTRAL",
    "CO-CAP-TEAM": "CO-CAP-TEAM",
    "CO-CAP-SPEC": "CO-CAP-SPEC",
    "CO-CAP-NEGO": "CO-CAP-NEGO",
}


class NotCounted(enum.StrEnum):
    """Why allocated days do not count in the plan."""

    NOT_PLANNED = "not_planned"  # the planner does not plan this capability
    IN_HOUSE_ONLY = "in_house_only"  # only in-house staff may fill it
    OUTSIDE_HORIZON = "outside_horizon"  # the fiscal year is not one the plan covers
    TOO_FEW_DAYS = "too_few_days"  # less than half a day in the year


@dataclass(frozen=True)
class PoolGrant:
    """Days of the accepted allocation for one municipality: one professional's days on one
    capability in one fiscal year, `months` the calendar months (April–March) they fall in,
    `cost_per_day` yen a day the municipality pays (0 when the prefecture pays)."""

    professional: str
    capability: str
    fiscal_year: int
    months: tuple[int, ...]
    days: float
    cost_per_day: int = 0


@dataclass(frozen=True)
class Contribution:
    """What the pool brings the plan: a lever's code, the capability (pool code and planner
    code), the fiscal year, the months, the days, the municipality's cost a day and the
    professionals; `counted` False with `reason` when the days cannot count."""

    lever: str
    capability: str
    planner_capability: str | None
    fiscal_year: int
    months: tuple[int, ...]
    days: float
    cost_per_day: int
    professionals: tuple[str, ...]
    counted: bool
    reason: NotCounted | None = None


@dataclass(frozen=True)
class PoolLevers:
    levers: tuple[PoolDays, ...]
    contributions: tuple[Contribution, ...]


def not_counted_text(reason: NotCounted) -> str:
    """Why days do not count, in the reader's language."""
    return {
        NotCounted.NOT_PLANNED: _(
            "The plan does not plan this capability (MIC's roles are read by role fit)."
        ),
        NotCounted.IN_HOUSE_ONLY: _("Only in-house staff may fill this capability."),
        NotCounted.OUTSIDE_HORIZON: _("The fiscal year is not one the plan covers."),
        NotCounted.TOO_FEW_DAYS: _("Less than half a day in the year."),
    }[reason]


def pool_levers(
    grants: Sequence[PoolGrant],
    capabilities: Sequence[Capability],
    fiscal_years: Sequence[int],
    capability_names: Mapping[str, str] | None = None,
) -> PoolLevers:
    """The levers of a municipality's accepted pool days (see the module notes), and what each
    group of days contributes or why it does not count. capabilities: the plan's;
    fiscal_years: the plan's; capability_names: pool code → name for the lever's name."""
    names = capability_names or {}
    planned = {c.code: c for c in capabilities if isinstance(c.criterion, LevelCriterion)}
    years = set(fiscal_years)
    groups: dict[tuple[str, int, int], list[PoolGrant]] = defaultdict(list)
    for grant in grants:
        groups[(grant.capability, grant.fiscal_year, grant.cost_per_day)].append(grant)
    levers: list[PoolDays] = []
    contributions: list[Contribution] = []
    for (capability, year, cost), items in sorted(groups.items()):
        days = round(sum(g.days for g in items), 6)
        months = tuple(sorted({m for g in items for m in g.months}, key=_fiscal_order))
        people = tuple(sorted({g.professional for g in items}))
        code = f"POOL-{year}-{capability}-{cost}"
        target = PLANNER_CAPABILITY.get(capability)
        reason: NotCounted | None = None
        if target is None or target not in planned:
            reason = NotCounted.NOT_PLANNED
        elif planned[target].in_house_only:
            reason = NotCounted.IN_HOUSE_ONLY
        elif year not in years:
            reason = NotCounted.OUTSIDE_HORIZON
        elif round(days) < 1:
            reason = NotCounted.TOO_FEW_DAYS
        if reason is None and target is not None:
            criterion = planned[target].criterion
            assert isinstance(criterion, LevelCriterion)
            whole_days = min(round(days), FULL_TIME_DAYS)
            levers.append(
                PoolDays(
                    code=code,
                    name=_("Prefecture's pool: {capability}, {days} days ({year})").format(
                        capability=names.get(capability, capability),
                        days=whole_days,
                        year=format_fiscal_year(year, language()),
                    ),
                    levels=dict(criterion.minimums),
                    days_per_year=whole_days,
                    cost_per_day=cost,
                    max_per_year=1,
                    lead_time_years=0,
                    allocated_per_year=1,
                    available_from=year,
                    available_until=year,
                )
            )
        contributions.append(
            Contribution(
                lever=code,
                capability=capability,
                planner_capability=target,
                fiscal_year=year,
                months=months,
                days=days,
                cost_per_day=cost,
                professionals=people,
                counted=reason is None,
                reason=reason,
            )
        )
    return PoolLevers(tuple(levers), tuple(contributions))


def municipality_cost_per_day(cost_per_day: float, payer: str, municipality_share: float) -> int:
    """Yen a day the municipality pays for a professional: nothing when the prefecture pays,
    all when the municipality does, `municipality_share` (0–1) of it when shared."""
    if not 0 <= municipality_share <= 1:
        raise ValueError(f"municipality_share {municipality_share}: from 0 to 1")
    share = {"prefecture": 0.0, "municipality": 1.0, "shared": municipality_share}.get(payer)
    if share is None:
        raise ValueError(f"payer {payer!r}: prefecture, municipality or shared")
    return round(cost_per_day * share)


def _fiscal_order(month: int) -> int:
    return (month - 4) % 12
