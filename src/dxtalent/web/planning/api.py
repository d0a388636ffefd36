"""API for staffing plans: an organisation's scenario and plan, or any scenario posted."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from dxtalent.core.planning import (
    InvalidPlanError,
    Plan,
    ScenarioFormatError,
    check_plan,
    dump_scenario,
    load_plan,
    load_scenario,
    plan_risk,
)
from dxtalent.core.planning.io import path_text
from dxtalent.web.organisations.access import membership_for
from dxtalent.web.planning import services

router = Router(tags=["planning"])


@router.get(
    "/organisations/{code}/plan/scenario", summary="The scenario of the organisation's current data"
)
def organisation_scenario(
    request: HttpRequest,
    code: str,
    budget: int | None = Query(None, ge=0),
    years: int | None = Query(None, ge=1, le=30),
) -> Any:
    organisation = membership_for(request.user, code).organisation
    return json.loads(dump_scenario(services.scenario_for(organisation, budget, years), "json"))


@router.get(
    "/organisations/{code}/plan", summary="Solve the organisation's scenario (nothing is saved)"
)
def organisation_plan(
    request: HttpRequest,
    code: str,
    objective: str = Query("cost", pattern="^(cost|coverage)$"),
    strategy: str = Query("mix", pattern="^(acquire|develop|mix)$"),
    budget: int | None = Query(None, ge=0),
    years: int | None = Query(None, ge=1, le=30),
    rotations: int = Query(0, ge=0, le=services.MAX_ROTATIONS),
    seed: int = Query(0),
    runs: int = Query(services.RISK_RUNS, ge=0, le=services.MAX_RUNS),
) -> Any:
    organisation = membership_for(request.user, code).organisation
    scenario = services.scenario_for(organisation, budget, years)
    return services.plan_dict(
        scenario, objective, strategy, rotations=rotations, seed=seed, runs=runs
    )


class SolveIn(Schema):
    scenario: dict[str, Any]
    objective: str = "cost"
    strategy: str = "mix"
    rotations: int = Field(0, ge=0, le=services.MAX_ROTATIONS)
    seed: int = 0
    runs: int = Field(services.RISK_RUNS, ge=0, le=services.MAX_RUNS)


class RiskIn(Schema):
    scenario: dict[str, Any]
    plan: dict[str, Any]
    seed: int = 0
    runs: int = Field(services.RISK_RUNS, ge=1, le=services.MAX_RUNS)


class CheckIn(Schema):
    scenario: dict[str, Any]
    plan: dict[str, Any]


def _scenario(data: dict[str, Any]) -> Any:
    try:
        return load_scenario(json.dumps(data, ensure_ascii=False))
    except ScenarioFormatError as error:
        raise ValidationError(
            {"scenario": [f"{path_text(loc)}: {message}" for loc, message in error.errors]}
        ) from None


@router.post("/plans/solve", summary="Solve a scenario given in the body (docs/scenario-format.md)")
def solve(request: HttpRequest, payload: SolveIn) -> Any:
    if payload.objective not in ("cost", "coverage") or payload.strategy not in (
        "acquire",
        "develop",
        "mix",
    ):
        raise ValidationError(
            {"objective": ["objective: cost or coverage; strategy: acquire, develop or mix"]}
        )
    return services.plan_dict(
        _scenario(payload.scenario),
        payload.objective,
        payload.strategy,
        rotations=payload.rotations,
        seed=payload.seed,
        runs=payload.runs,
    )


def _plan(data: dict[str, Any]) -> Plan:
    try:
        return load_plan(json.dumps(data, ensure_ascii=False))
    except (ValueError, InvalidPlanError) as error:
        raise ValidationError({"plan": [str(error)]}) from None


@router.post("/plans/check", summary="Recompute a plan against its scenario; lists every violation")
def check(request: HttpRequest, payload: CheckIn) -> Any:
    plan = _plan(payload.plan)
    return {"violations": [asdict(v) for v in check_plan(_scenario(payload.scenario), plan)]}


@router.post(
    "/plans/risk",
    summary="Evaluate a plan against the Monte Carlo rotation model: the probability that each "
    "target holds in each fiscal year",
)
def risk(request: HttpRequest, payload: RiskIn) -> Any:
    plan = _plan(payload.plan)
    scenario = _scenario(payload.scenario)
    return plan_risk(scenario, plan.actions, runs=payload.runs, seed=payload.seed).to_dict()
