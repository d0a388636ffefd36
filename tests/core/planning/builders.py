"""Small hand-built scenarios for the planner tests: FY2025 onwards, people in specialist
posts (they stay) unless a test says otherwise, one capability "PM" (project management at
level 3) unless a test adds more."""

from __future__ import annotations

from dxtalent.core.diagnostics import Capability, LevelCriterion, TeamMember
from dxtalent.core.frameworks import Text
from dxtalent.core.planning import Hire, Lever, Scenario, Training

FIRST = 2025


def capability(code: str = "PM", target: int = 1, **minimums: int) -> Capability:
    """A level capability; default: PM level 3."""
    return Capability(code, Text(code, code), LevelCriterion(minimums or {"PM": 3}), target)


def person(person_id: str, **levels: int) -> TeamMember:
    """In-house DX staff in a specialist post with these levels."""
    return TeamMember(person_id, person_id, levels, specialist_post=True)


def hire(code: str, cost: int, **changes: object) -> Hire:
    """A specialist hire bringing PM 3, starting as early as FY2025."""
    fields: dict[str, object] = {
        "code": code,
        "name": code,
        "levels": {"PM": 3},
        "cost_per_year": cost,
        "lead_time_years": 0,
        "max_per_year": 1,
        "specialist_post": True,
    }
    fields.update(changes)
    return Hire(**fields)  # type: ignore[arg-type]


def training(code: str = "T-PM", cost: int = 300_000, **changes: object) -> Training:
    """A 7-month programme bringing PM to 3 (counts the next fiscal year), 1 seat a year."""
    fields: dict[str, object] = {
        "code": code,
        "name": code,
        "raises_to": {"PM": 3},
        "cost_per_seat": cost,
        "seats_per_year": 1,
        "months": 7,
    }
    fields.update(changes)
    return Training(**fields)  # type: ignore[arg-type]


def scenario(
    levers: tuple[Lever, ...],
    team: tuple[TeamMember, ...] = (),
    capabilities: tuple[Capability, ...] | None = None,
    years: int = 2,
    budget: int = 100_000_000,
    **changes: object,
) -> Scenario:
    """A scenario over `years` fiscal years from FY2025."""
    return Scenario(
        first_fiscal_year=FIRST,
        horizon_years=years,
        yearly_budget=budget,
        capabilities=capabilities or (capability(),),
        team=team,
        levers=levers,
        **changes,  # type: ignore[arg-type]
    )
