"""A staffing plan as values: the actions, what they cost, what they cover, and how the solver
ended; with a JSON form that round-trips."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from types import MappingProxyType
from typing import Any

from dxtalent.core.planning.scenario import LeverKind


class PlanStatus(enum.StrEnum):
    """How solving ended. optimal: proven optimal within the relative gap asked (1e-6, or 1 %
    when planning against several rotation scenarios; the plan's `gap` says which).
    feasible: a plan found without a proof of optimality (the greedy baseline).
    time_limit: stopped at the time limit; the actions are the best found, if any.
    infeasible: no plan meets every target within the budget and caps (see `explanation`).
    error: the solver failed."""

    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    TIME_LIMIT = "time_limit"
    INFEASIBLE = "infeasible"
    ERROR = "error"


class InvalidPlanError(ValueError):
    """A plan file that cannot be read; the message names the field."""


@dataclass(frozen=True)
class Action:
    """One thing to do.

    fiscal_year: when it starts: the arrival of people engaged, or the start of a training.
    decided_in: when to decide (start minus the lever's lead time; training: the start).
    lever: the lever's code; kind: its kind. count: units engaged (1 for a trainee).
    person: the trainee's id (training only).
    """

    fiscal_year: int
    lever: str
    kind: LeverKind
    count: int = 1
    person: str | None = None
    decided_in: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", LeverKind(self.kind))
        if self.decided_in is None:
            object.__setattr__(self, "decided_in", self.fiscal_year)


@dataclass(frozen=True)
class CostLine:
    """Yen spent on one lever in one fiscal year, as a budget request reads it: gross (what
    the budget must hold), the expected state support (特別交付税 and the like, capped per
    lever: not earmarked money, it arrives with the allocation), other subsidies (shared
    among their levers in proportion to cost), and net = gross − support − subsidy, the
    organisation's own funds (never below 0)."""

    fiscal_year: int
    lever: str
    gross: int
    net: int
    support: int = 0
    subsidy: int = 0


@dataclass(frozen=True)
class Funding:
    """One fiscal year of a plan's cost by funding source, in yen: gross = support + subsidy
    + own funds (net)."""

    fiscal_year: int
    gross: int
    support: int
    subsidy: int
    net: int


@dataclass(frozen=True)
class CoverageCell:
    """People (fractions count) meeting one capability in one fiscal year, and the target."""

    capability: str
    fiscal_year: int
    count: float
    target: int

    @property
    def met(self) -> bool:
        """Whether the count reaches the target (1e-6 tolerance for fractions)."""
        return self.count >= self.target - 1e-6


@dataclass(frozen=True)
class Shortfall:
    """A target no plan meets, and why: `best` people is the most any plan reaches.
    capability: its code, "" for the whole plan. reason: why, in English; cause and figures:
    the same reason as data, written in the reader's language when shown
    (core.planning.shortfalls; a plan stored before causes were recorded has neither)."""

    capability: str
    fiscal_year: int
    target: int
    best: float
    reason: str
    cause: str = ""
    figures: Mapping[str, float] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Plan:
    """What plan_staffing returns.

    status: a PlanStatus value. objective: "cost" or "coverage"; strategy: "mix", "acquire"
    or "develop". actions: ordered by fiscal year, then lever. costs: a line per lever and
    fiscal year with spending. coverage: a cell per capability and fiscal year.
    objective_value: total net yen ("cost"), or weighted shortfall in people ("coverage"; 0
    when every target is met). gap: the solver's relative optimality gap (0 when proven
    optimal; None without a solution). binding: constraints at their limit, e.g. "budget
    FY2026". explanation: for an infeasible plan, the targets no lever can meet and why.
    rotation_scenarios: the sampled rotation scenarios planned against besides the expected
    departures (0: the expected departures alone).
    """

    status: PlanStatus
    objective: str
    strategy: str
    fiscal_years: tuple[int, ...]
    actions: tuple[Action, ...] = ()
    costs: tuple[CostLine, ...] = ()
    coverage: tuple[CoverageCell, ...] = ()
    objective_value: float | None = None
    gap: float | None = None
    binding: tuple[str, ...] = ()
    explanation: tuple[Shortfall, ...] = ()
    solve_seconds: float = 0.0
    rotation_scenarios: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", PlanStatus(self.status))

    def actions_in(self, fiscal_year: int) -> tuple[Action, ...]:
        """The actions starting in `fiscal_year`."""
        return tuple(action for action in self.actions if action.fiscal_year == fiscal_year)

    def total_cost(self, net: bool = True) -> int:
        """Yen over the horizon, net (default) or gross."""
        return sum(line.net if net else line.gross for line in self.costs)

    def cost_by_year(self, net: bool = True) -> Mapping[int, int]:
        """Fiscal year → yen, net (default) or gross; every planned year present."""
        found = dict.fromkeys(self.fiscal_years, 0)
        for line in self.costs:
            found[line.fiscal_year] += line.net if net else line.gross
        return MappingProxyType(found)

    def funding_by_year(self) -> tuple[Funding, ...]:
        """Per fiscal year: gross, expected state support, other subsidies and own funds
        (net), every planned year present: the table of a budget request."""
        rows = {year: [0, 0, 0, 0] for year in self.fiscal_years}
        for line in self.costs:
            row = rows[line.fiscal_year]
            row[0] += line.gross
            row[1] += line.support
            row[2] += line.subsidy
            row[3] += line.net
        return tuple(Funding(year, *values) for year, values in rows.items())

    def to_dict(self) -> dict[str, Any]:
        """The plan as JSON-ready values."""
        data = asdict(self)
        data["status"] = self.status.value
        data["fiscal_years"] = list(self.fiscal_years)
        for action in data["actions"]:
            action["kind"] = LeverKind(action["kind"]).value
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """The plan as JSON text, with a top-level "status"."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _shortfall(item: Mapping[str, Any]) -> Shortfall:
    """A Shortfall from to_json()'s values; TypeError or ValueError when a field is not as
    it writes it (the figures are numbers by name)."""
    found = Shortfall(**item)
    if not isinstance(found.cause, str) or not isinstance(found.figures, Mapping):
        raise TypeError("explanation: cause is text and figures are numbers by name")
    figures = {str(name): float(value) for name, value in found.figures.items()}
    return Shortfall(
        found.capability,
        found.fiscal_year,
        found.target,
        found.best,
        found.reason,
        found.cause,
        figures,
    )


def load_plan(text: str) -> Plan:
    """A plan from to_json() text; InvalidPlanError naming the field that is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidPlanError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise InvalidPlanError("a plan is a JSON object with a status")
    try:
        return Plan(
            status=PlanStatus(data["status"]),
            objective=str(data.get("objective", "cost")),
            strategy=str(data.get("strategy", "mix")),
            fiscal_years=tuple(int(year) for year in data["fiscal_years"]),
            actions=tuple(Action(**action) for action in data.get("actions", [])),
            costs=tuple(CostLine(**line) for line in data.get("costs", [])),
            coverage=tuple(CoverageCell(**cell) for cell in data.get("coverage", [])),
            objective_value=data.get("objective_value"),
            gap=data.get("gap"),
            binding=tuple(data.get("binding", [])),
            explanation=tuple(_shortfall(item) for item in data.get("explanation", [])),
            solve_seconds=float(data.get("solve_seconds", 0.0)),
            rotation_scenarios=int(data.get("rotation_scenarios", 0)),
        )
    except KeyError as error:
        raise InvalidPlanError(f"{error.args[0]}: missing") from None
    except (TypeError, ValueError) as error:
        raise InvalidPlanError(f"a field is not as to_json() writes it: {error}") from None


__all__ = [
    "Action",
    "CostLine",
    "CoverageCell",
    "Funding",
    "InvalidPlanError",
    "Plan",
    "PlanStatus",
    "Shortfall",
]
