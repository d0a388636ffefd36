"""Staffing plans: the cheapest multi-year mix of hiring, secondment, sharing and training
that closes a DX department's capability gaps as people rotate out, solved to proven
optimality with HiGHS; a checker that recomputes every plan; a greedy baseline.

`plan_staffing(scenario, objective, strategy)` → Plan; `check_plan(scenario, plan)` →
violations; `plan_risk(scenario, actions)` → the probability that each target holds as
people rotate out (Monte Carlo); `load_scenario` / `dump_scenario` read and write the format of
docs/scenario-format.md.
"""

from dxtalent.core.planning.check import (
    check_plan,
    cost_lines,
    coverage_cells,
    headcount_by_year,
    net_cost_by_year,
)
from dxtalent.core.planning.explain import (
    describe_plan,
    kind_label,
    person_names,
    status_label,
    strategy_label,
)
from dxtalent.core.planning.greedy import greedy_plan
from dxtalent.core.planning.io import ScenarioFormatError, dump_scenario, load_scenario
from dxtalent.core.planning.plan import (
    Action,
    CostLine,
    CoverageCell,
    Funding,
    InvalidPlanError,
    Plan,
    PlanStatus,
    Shortfall,
    load_plan,
)
from dxtalent.core.planning.programmes import Advice, Location
from dxtalent.core.planning.robust import PlanRisk, plan_risk, sample_rotations
from dxtalent.core.planning.scenario import (
    ACQUIRE_KINDS,
    Adviser,
    ExternalPairing,
    Hire,
    InvalidScenarioError,
    Lever,
    LeverKind,
    PoolDays,
    Scenario,
    Secondee,
    SideJob,
    Subsidy,
    Training,
    expected_successors,
    is_successor,
)
from dxtalent.core.planning.shortfalls import shortfall_reason, shortfall_text
from dxtalent.core.planning.solve import (
    DEFAULT_OBJECTIVE,
    OBJECTIVES,
    STRATEGIES,
    UnknownOptionError,
    explain_infeasible,
    limits_bound,
    plan_staffing,
)
from dxtalent.core.planning.violations import Violation, violation_text

__all__ = [
    "ACQUIRE_KINDS",
    "DEFAULT_OBJECTIVE",
    "OBJECTIVES",
    "STRATEGIES",
    "Action",
    "Advice",
    "Adviser",
    "CostLine",
    "CoverageCell",
    "ExternalPairing",
    "Funding",
    "Hire",
    "InvalidPlanError",
    "InvalidScenarioError",
    "Lever",
    "LeverKind",
    "Location",
    "Plan",
    "PlanRisk",
    "PlanStatus",
    "PoolDays",
    "Scenario",
    "ScenarioFormatError",
    "Secondee",
    "Shortfall",
    "SideJob",
    "Subsidy",
    "Training",
    "UnknownOptionError",
    "Violation",
    "check_plan",
    "cost_lines",
    "coverage_cells",
    "describe_plan",
    "dump_scenario",
    "expected_successors",
    "explain_infeasible",
    "greedy_plan",
    "headcount_by_year",
    "is_successor",
    "kind_label",
    "limits_bound",
    "load_plan",
    "load_scenario",
    "net_cost_by_year",
    "person_names",
    "plan_risk",
    "plan_staffing",
    "sample_rotations",
    "shortfall_reason",
    "shortfall_text",
    "status_label",
    "strategy_label",
    "violation_text",
]
