"""Plan runs in the background: solving three strategies (and evaluating each against the
rotation model) can take from a fraction of a second to a minute, so a run is a row that the
job runner's worker (dxtalent.web.jobs) fills in while the page polls its progress.

A queued run waits in the database until a worker takes it, even across a restart of the web
process. A run whose worker died while solving it stays "running"; `refresh_stale` marks it
failed once it is older than the longest a run may take.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from dxtalent.core.planning import (
    Plan,
    Scenario,
    dump_scenario,
    load_plan,
    plan_risk,
    plan_staffing,
)
from dxtalent.core.planning.io import scenario_from_dict
from dxtalent.core.planning.solve_limits import DEFAULT_LIMITS, TooManySolvesError
from dxtalent.web import jobs
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.planning.services import RISK_RUNS, STRATEGY_ORDER

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

# Seconds the solver may spend on each strategy, and how long a page waits for a run before
# showing its progress instead (issue #5: longer than a second runs in the background).
SOLVE_TIME_LIMIT = DEFAULT_LIMITS.time_limit
WAIT_SECONDS = 1.0
# A run still "running" after this long has lost its worker (e.g. the server restarted).
STALE_AFTER = dt.timedelta(seconds=len(STRATEGY_ORDER) * SOLVE_TIME_LIMIT * 3 + 60)
# Runs kept per organisation; older ones are deleted when a new one starts.
KEEP_RUNS = 20


def create(
    organisation: Organisation,
    user: User,
    scenario: Scenario,
    objective: str,
    rotations: int,
    params: dict[str, list[str]],
) -> PlanRun:
    """A queued run of `scenario`; the oldest runs beyond KEEP_RUNS are deleted."""
    run = PlanRun.objects.create(
        organisation=organisation,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        objective=objective,
        rotations=rotations,
        params=params,
        scenario=json.loads(dump_scenario(scenario, "json")),
    )
    old = PlanRun.objects.filter(organisation=organisation).values_list("pk", flat=True)[KEEP_RUNS:]
    PlanRun.objects.filter(pk__in=list(old)).delete()
    return run


def submit(organisation: Organisation, user: User, data: Any) -> tuple[PlanRun | None, Any]:
    """Validate the editor's fields `data` (a QueryDict; see forms.PlanForm) and, when valid,
    create and start a run. (run or None, the bound form with its errors). A scenario beyond
    the solve limits, or a user who has as many runs queued or running as they may
    (web.planning.limits), is a form error; `form.too_many` says which it was."""
    from dxtalent.core.planning.solve_limits import SolveTooLargeError, check_solve_size
    from dxtalent.web.planning import limits
    from dxtalent.web.planning.forms import plan_form
    from dxtalent.web.planning.services import scenario_for

    form = plan_form(organisation, data)
    form.too_many = False
    if not form.is_valid():
        return None, form
    fields = form.cleaned_data
    scenario = form.apply(scenario_for(organisation, fields["budget"], fields["years"]))
    try:
        check_solve_size(scenario, fields["rotations"] or 0, RISK_RUNS, limits.LIMITS)
    except SolveTooLargeError as error:
        form.add_error(None, limits.too_large_message(error))
        return None, form
    if getattr(user, "is_authenticated", False):
        try:
            limits.check_can_start(user)
        except TooManySolvesError:
            form.add_error(None, limits.too_many_message())
            form.too_many = True
            return None, form
    params = {key: data.getlist(key) for key in data}
    run = create(
        organisation, user, scenario, fields["objective"], fields["rotations"] or 0, params
    )
    return start(run), form


def start(run: PlanRun, wait: float | None = None) -> PlanRun:
    """Queue `run` for the job runner (dxtalent.web.jobs) and wait up to `wait` seconds
    (default WAIT_SECONDS) for it; the run as it then stands (refreshed).

    The job is queued in the caller's transaction: inside one (the API, whose requests are
    atomic) the worker sees it once the transaction commits, so there is no point waiting;
    the web page's view runs outside one so that it can wait. With the immediate backend
    (the test suite's default: its transactions never commit) the run is solved at once in
    the caller's thread."""
    jobs.enqueue("plan", run.pk)
    if not connection.in_atomic_block:
        limit = WAIT_SECONDS if wait is None else wait
        jobs.wait(lambda: _finished(run.pk), limit)
    run.refresh_from_db()
    return run


def _finished(pk: int) -> bool:
    return PlanRun.objects.filter(
        pk=pk, status__in=(PlanRun.Status.DONE, PlanRun.Status.FAILED)
    ).exists()


def _update(pk: int, **fields: Any) -> None:
    PlanRun.objects.filter(pk=pk).update(**fields)


def execute(pk: int) -> None:
    """Solve run `pk`: each strategy, then its Monte Carlo risk, recording the progress after
    each step; failed with the error's text if anything raises. A run deleted or already
    finished (e.g. given up as interrupted) while it was queued is left as it is."""
    run = PlanRun.objects.filter(pk=pk).first()
    if run is None or run.finished:
        return
    steps = 2 * len(STRATEGY_ORDER)
    _update(pk, status=PlanRun.Status.RUNNING, progress=0, stage=f"solve {STRATEGY_ORDER[0]}")
    try:
        scenario = scenario_from_dict(run.scenario)
        result: dict[str, Any] = {}
        done = 0
        for strategy in STRATEGY_ORDER:
            plan = plan_staffing(
                scenario,
                objective=run.objective,
                strategy=strategy,
                time_limit=SOLVE_TIME_LIMIT,
                rotation_scenarios=run.rotations,
            )
            done += 1
            _update(pk, progress=round(100 * done / steps), stage=f"risk {strategy}")
            solved = plan.status.value in ("optimal", "feasible", "time_limit")
            risk = plan_risk(scenario, plan.actions, runs=RISK_RUNS) if solved else None
            result[strategy] = {
                "plan": plan.to_dict(),
                "risk": risk.to_dict() if risk is not None else None,
            }
            done += 1
            following = STRATEGY_ORDER[min(done // 2, len(STRATEGY_ORDER) - 1)]
            _update(pk, progress=round(100 * done / steps), stage=f"solve {following}")
        with transaction.atomic():
            _update(
                pk,
                status=PlanRun.Status.DONE,
                progress=100,
                stage="",
                result=result,
                finished_at=timezone.now(),
            )
    except Exception as error:  # the run records why; the server carries on
        logger.exception("plan run %s failed", pk)
        _update(
            pk,
            status=PlanRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )


def refresh_stale(run: PlanRun) -> PlanRun:
    """Mark `run` failed if it has been running for longer than any run takes (its worker
    died). A queued run waits for a worker however long that takes."""
    if run.status == PlanRun.Status.RUNNING and timezone.now() - run.created_at > STALE_AFTER:
        _update(
            run.pk,
            status=PlanRun.Status.FAILED,
            error="interrupted: the server stopped before the run finished; solve again",
            finished_at=timezone.now(),
        )
        run.refresh_from_db()
    return run


def loaded(run: PlanRun) -> tuple[Scenario, dict[str, Plan], dict[str, Any]]:
    """A finished run's scenario, its plans by strategy (in STRATEGY_ORDER) and their risks
    (None where not evaluated), read back from what the run kept."""
    scenario = scenario_from_dict(run.scenario)
    # In STRATEGY_ORDER: PostgreSQL's jsonb does not keep the keys' order.
    order = [name for name in STRATEGY_ORDER if name in run.result]
    plans = {
        name: load_plan(json.dumps(run.result[name]["plan"], ensure_ascii=False)) for name in order
    }
    risks = {name: entry.get("risk") for name, entry in run.result.items()}
    return scenario, plans, risks
