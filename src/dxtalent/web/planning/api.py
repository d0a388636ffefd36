"""API for staffing plans: an organisation's scenario and plan, or any scenario posted."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, QueryDict
from ninja import Field, Router, Schema

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.core.i18n import LANGUAGE_PATTERN, in_language
from dxtalent.core.planning import (
    DEFAULT_OBJECTIVE,
    InvalidPlanError,
    Plan,
    ScenarioFormatError,
    check_plan,
    dump_scenario,
    load_plan,
    plan_risk,
)
from dxtalent.core.planning.io import path_text, scenario_from_dict
from dxtalent.core.planning.scenario import MAX_PLAN_YEARS
from dxtalent.core.planning.solve_limits import TooManySolvesError
from dxtalent.core.planning.violations import violation_text
from dxtalent.web.api.schemas import MAX_SEED, In, answers
from dxtalent.web.organisations.access import AuthenticatedRequest, membership_for
from dxtalent.web.organisations.models import Membership, Role
from dxtalent.web.planning import limits, runs, services
from dxtalent.web.planning.forms import plan_form
from dxtalent.web.planning.models import PlanRun

router = Router(tags=["planning"])


@router.get(
    "/organisations/{code}/plan/scenario",
    response=answers(dict[str, Any]),
    summary="The scenario of the organisation's current data",
)
def organisation_scenario(
    request: HttpRequest,
    code: str,
    budget: int | None = Query(None, ge=0),
    years: int | None = Query(None, ge=1, le=MAX_PLAN_YEARS),
) -> Any:
    organisation = membership_for(request.user, code).organisation
    return json.loads(dump_scenario(services.scenario_for(organisation, budget, years), "json"))


@router.get(
    "/organisations/{code}/plan",
    response=answers(dict[str, Any], extra=(429,)),
    summary="Solve the organisation's scenario (nothing is saved)",
)
def organisation_plan(
    request: HttpRequest,
    code: str,
    objective: str = Query(DEFAULT_OBJECTIVE, pattern="^(cost|coverage)$"),
    strategy: str = Query("mix", pattern="^(acquire|develop|mix)$"),
    budget: int | None = Query(None, ge=0),
    years: int | None = Query(None, ge=1, le=MAX_PLAN_YEARS),
    rotations: int = Query(0, ge=0, le=services.MAX_ROTATIONS),
    seed: int = Query(0, ge=0, le=MAX_SEED),
    runs: int = Query(services.RISK_RUNS, ge=0, le=services.MAX_RUNS),
    language: str = Query("ja", pattern=LANGUAGE_PATTERN),
) -> Any:
    organisation = membership_for(request.user, code).organisation
    scenario = services.scenario_for(organisation, budget, years)
    with limits.solving(request.user, scenario, rotations, runs):
        return services.plan_dict(
            scenario,
            objective,
            strategy,
            rotations=rotations,
            seed=seed,
            runs=runs,
            language=language,
        )


class SolveIn(In):
    scenario: dict[str, Any]
    objective: str = DEFAULT_OBJECTIVE
    strategy: str = "mix"
    rotations: int = Field(0, ge=0, le=services.MAX_ROTATIONS)
    seed: int = Field(0, ge=0, le=MAX_SEED)
    runs: int = Field(services.RISK_RUNS, ge=0, le=services.MAX_RUNS)
    # The language of each shortfall's "text" (the English reason, cause and figures stay).
    language: str = Field("ja", pattern=LANGUAGE_PATTERN)


class RiskIn(In):
    scenario: dict[str, Any]
    plan: dict[str, Any]
    seed: int = Field(0, ge=0, le=MAX_SEED)
    runs: int = Field(services.RISK_RUNS, ge=1, le=services.MAX_RUNS)


class CheckIn(In):
    scenario: dict[str, Any]
    plan: dict[str, Any]
    # The language of each violation's "text" (its English message and figures stay).
    language: str = Field("ja", pattern=LANGUAGE_PATTERN)


class ViolationsOut(Schema):
    violations: list[dict[str, Any]]


class RunSummaryOut(Schema):
    id: int
    status: str
    progress: int
    stage: str
    error: str
    objective: str
    rotations: int
    created_at: str
    finished_at: str | None


class RunOut(RunSummaryOut):
    result: dict[str, Any] | None = Field(None, description="the three plans, when done")


def _scenario(data: dict[str, Any]) -> Any:
    try:
        return scenario_from_dict(data)
    except ScenarioFormatError as error:
        raise ValidationError(
            {"scenario": [f"{path_text(loc)}: {message}" for loc, message in error.errors]}
        ) from None


@router.post(
    "/plans/solve",
    response=answers(dict[str, Any], extra=(429,)),
    summary="Solve a scenario given in the body (docs/scenario-format.md); for editors of an "
    "organisation, within the limits of a solve (docs/scenario-format.md, Limits)",
)
def solve(request: HttpRequest, payload: SolveIn) -> Any:
    _ensure_editor_somewhere(request)
    if payload.objective not in ("cost", "coverage") or payload.strategy not in (
        "acquire",
        "develop",
        "mix",
    ):
        raise ValidationError(
            {"objective": ["objective: cost or coverage; strategy: acquire, develop or mix"]}
        )
    scenario = _scenario(payload.scenario)
    with limits.solving(request.user, scenario, payload.rotations, payload.runs):
        return services.plan_dict(
            scenario,
            payload.objective,
            payload.strategy,
            rotations=payload.rotations,
            seed=payload.seed,
            runs=payload.runs,
            language=payload.language,
        )


def _ensure_editor_somewhere(request: HttpRequest) -> None:
    """Solving a posted scenario costs the server as much as an organisation's plan: only an
    editor of some organisation may (403 otherwise)."""
    user = cast(AuthenticatedRequest, request).user  # the API's authentication ran first
    if not Membership.objects.filter(user=user, role__gte=Role.EDITOR).exists():
        raise PermissionDenied(
            "Solving a posted scenario needs the editor role in an organisation; you have it "
            "in none."
        )


def _plan(data: dict[str, Any]) -> Plan:
    try:
        return load_plan(json.dumps(data, ensure_ascii=False))
    except (ValueError, InvalidPlanError) as error:
        raise ValidationError({"plan": [str(error)]}) from None


@router.post(
    "/plans/check",
    response=answers(ViolationsOut),
    summary="Recompute a plan against its scenario; lists every violation",
)
def check(request: HttpRequest, payload: CheckIn) -> Any:
    """Each violation with "text": what it says in `language`, each lever, person and
    capability by name (as the plan page and `dxtalent plan check` say it)."""
    plan = _plan(payload.plan)
    scenario = _scenario(payload.scenario)
    found = []
    with in_language(payload.language):
        for violation in check_plan(scenario, plan):
            found.append({**asdict(violation), "text": violation_text(scenario, violation)})
    return {"violations": found}


@router.post(
    "/plans/risk",
    response=answers(dict[str, Any], extra=(429,)),
    summary="Evaluate a plan against the Monte Carlo rotation model: the probability that each "
    "target holds in each fiscal year",
)
def risk(request: HttpRequest, payload: RiskIn) -> Any:
    _ensure_editor_somewhere(request)
    plan = _plan(payload.plan)
    scenario = _scenario(payload.scenario)
    with limits.solving(request.user, scenario, 0, payload.runs):
        return plan_risk(scenario, plan.actions, runs=payload.runs, seed=payload.seed).to_dict()


class RunIn(In):
    """The scenario editor's fields; what is left out keeps the organisation's defaults
    (targets from the paper, every lever with its own cost and limit)."""

    budget: int | None = None
    years: int | None = None
    objective: str = "coverage"
    rotations: int = 0
    headcount_cap: float | None = None
    targets: dict[str, int] = Field(default_factory=dict)
    levers: list[str] | None = None
    costs: dict[str, int] = Field(default_factory=dict)
    limits: dict[str, int] = Field(default_factory=dict)
    # Lever code → whether a secondee's or side-job professional's firm is in the three
    # metropolitan areas (地域活性化起業人); left out: not given.
    firms: dict[str, bool] = Field(default_factory=dict)
    # Lever code → a hire's state support cap a year per person in yen (the programme it is
    # made under, e.g. 地域プロジェクトマネージャー up to ¥6.5 M; its rules are not checked);
    # left out: the candidate's own (none).
    support_caps: dict[str, int] = Field(default_factory=dict)


def _run_summary(run: PlanRun) -> dict[str, Any]:
    """A run's progress, without its result."""
    return {
        "id": run.pk,
        "status": run.status,
        "progress": run.progress,
        "stage": run.stage,
        "error": run.error,
        "objective": run.objective,
        "rotations": run.rotations,
        "created_at": run.created_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
    }


def _run_json(run: PlanRun, language: str = "ja") -> dict[str, Any]:
    """A run's progress and, when done, its result: each strategy's plan and risk as the run
    kept them, each shortfall with its "text" in `language` (services.with_texts)."""
    if run.status != PlanRun.Status.DONE:
        return {**_run_summary(run), "result": None}
    scenario, plans, _risks = runs.loaded(run)
    result = {}
    for name, entry in run.result.items():
        if name in plans:
            plan = dict(entry["plan"])
            plan["explanation"] = [dict(e) for e in plan.get("explanation", [])]
            entry = {**entry, "plan": services.with_texts(plan, plans[name], scenario, language)}
        result[name] = entry
    return {**_run_summary(run), "result": result}


@router.post(
    "/organisations/{code}/plan/runs",
    response=answers(RunOut, extra=(429,)),
    summary="Solve the organisation's scenario three ways in the background; poll the run",
)
def start_run(request: AuthenticatedRequest, code: str, payload: RunIn) -> Any:
    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    form = plan_form(organisation)
    data = QueryDict(mutable=True)
    for name, field in form.fields.items():
        initial = form.get_initial_for_field(field, name)
        if name == "levers":
            data.setlist(name, payload.levers if payload.levers is not None else initial)
        elif initial is not None:
            data[name] = str(initial)
    given = {
        "budget": payload.budget,
        "years": payload.years,
        "objective": payload.objective,
        "rotations": payload.rotations,
        "headcount_cap": payload.headcount_cap,
    }
    given |= {f"target_{key}": value for key, value in payload.targets.items()}
    given |= {f"cost_{key}": value for key, value in payload.costs.items()}
    given |= {f"limit_{key}": value for key, value in payload.limits.items()}
    given |= {f"firm_{key}": value for key, value in payload.firms.items()}
    given |= {f"support_{key}": value for key, value in payload.support_caps.items()}
    for name, value in given.items():
        if value is not None:
            if name not in form.fields:
                raise ValidationError(
                    {name: [f"{name}: not a field of this organisation's scenario"]}
                )
            data[name] = str(value)
    run, bound = runs.submit(organisation, request.user, data)
    if run is None and bound.too_many:
        raise TooManySolvesError(limits.active_solves(request.user), limits.LIMITS.active_per_user)
    if run is None:
        raise ValidationError(
            {
                name: [f"{name}: {message}" for message in messages]
                for name, messages in bound.errors.items()
            }
        )
    return _run_json(run)


@router.get(
    "/organisations/{code}/plan/runs",
    response=answers(list[RunSummaryOut]),
    summary="The organisation's recent plan runs",
)
def list_runs(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code).organisation
    found = PlanRun.objects.filter(organisation=organisation)[: runs.KEEP_RUNS]
    return [_run_summary(run) for run in found]


@router.get(
    "/organisations/{code}/plan/runs/{run_id}",
    response=answers(RunOut),
    summary="A plan run: its progress, and its result when done",
)
def get_run(
    request: HttpRequest,
    code: str,
    run_id: int,
    language: str = Query("ja", pattern=LANGUAGE_PATTERN),
) -> Any:
    organisation = membership_for(request.user, code).organisation
    run = PlanRun.objects.filter(organisation=organisation, pk=run_id).first()
    if run is None:
        raise Http404("no such plan run")
    return _run_json(runs.refresh_stale(run), language)
