"""The job runner: plan runs are queued in the database and survive a restart of the web
process; `dxtalent worker` does them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dxtalent.cli import app
from dxtalent.web import jobs
from dxtalent.web.demo.services import prepare_demo
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning import runs
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.planning.services import scenario_for

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_run_queued_while_no_worker_runs_is_solved_by_the_worker_started_later(settings):
    settings.TASKS = DATABASE_QUEUE
    prepare_demo(seed=2025)
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    run = runs.create(organisation, None, scenario_for(organisation, 1_000_000, 1), "cost", 0, {})
    run = runs.start(run, wait=0.2)
    assert run.status == PlanRun.Status.QUEUED  # no worker: it waits in the database
    result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    run.refresh_from_db()
    assert run.status == PlanRun.Status.DONE, run.error
    assert set(run.result) == {"acquire", "develop", "mix"} and run.progress == 100


@pytest.mark.django_db(transaction=True)
def test_a_queued_run_deleted_before_the_worker_reaches_it_is_skipped(settings):
    settings.TASKS = DATABASE_QUEUE
    prepare_demo(seed=2025)
    organisation = Organisation.objects.get(code="DEMO-CITY-A")
    run = runs.create(organisation, None, scenario_for(organisation, 1_000_000, 1), "cost", 0, {})
    runs.start(run, wait=0)
    PlanRun.objects.filter(pk=run.pk).delete()
    jobs.work(batch=True, interval=0)
    from django_tasks_db.models import DBTaskResult

    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


def test_a_job_of_an_unknown_kind_is_refused_naming_the_kinds_accepted():
    with pytest.raises(
        jobs.UnknownJobKindError, match='"allocation" is not known; use one of mail, plan, report'
    ):
        jobs.enqueue("allocation", 1)
