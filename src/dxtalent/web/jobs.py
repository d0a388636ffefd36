"""Long-running work, through one job runner: Django's tasks framework (the `django-tasks`
backport) with its database backend (`django-tasks-db`).

A job is a row of some model (a plan run, a queued mail; reports and pool allocations later) that
records its own status and progress; `enqueue(kind, pk)` queues "do job `kind` for row `pk`"
in the database, in the caller's transaction, so the job is queued exactly when its row is
committed. A worker (`dxtalent worker`, or the one `dxtalent serve` and `dxtalent demo` start
in a thread) takes queued jobs one at a time; a job queued while no worker runs (the web
process restarted, the worker was stopped) waits in the database until one does.

The job's function is looked up by name when the job runs, not when it is queued, so a
renamed or patched function is the one called.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks import task

logger = logging.getLogger(__name__)

# kind → dotted path of a function taking the row's primary key; it records its own outcome
# (status, progress, error) on the row and must not raise for a failure of the work itself.
KINDS: dict[str, str] = {
    "plan": "dxtalent.web.planning.runs.execute",
    "mail": "dxtalent.web.accounts.mail.send",
    "report": "dxtalent.web.reports.report_jobs.execute",
}

# Seconds a worker sleeps when the queue is empty: a run queued by the page is picked up
# within this, while an idle worker costs one small query a second.
POLL_INTERVAL = 1.0


class UnknownJobKindError(ValueError):
    """A job kind that is not in KINDS."""


def _handler(kind: str) -> Callable[[int], None]:
    if kind not in KINDS:
        raise UnknownJobKindError(
            f'job kind "{kind}" is not known; use one of {", ".join(sorted(KINDS))}'
        )
    handler: Callable[[int], None] = import_string(KINDS[kind])
    return handler


@task()
def run_job(kind: str, pk: int) -> None:
    """Do job `kind` (a key of KINDS) for row `pk`."""
    _handler(kind)(pk)


def enqueue(kind: str, pk: int) -> None:
    """Queue job `kind` for row `pk` with the configured backend (settings.TASKS): the
    database in production (in the caller's transaction), at once in the caller's thread
    with the immediate backend (the test suite's default)."""
    _handler(kind)  # an unknown kind fails here, in the request, not later in the worker
    run_job.enqueue(kind, pk)


def wait(finished: Callable[[], bool], seconds: float, step: float = 0.05) -> bool:
    """Poll `finished` every `step` seconds for up to `seconds`; whether it became true.
    seconds ≤ 0: asks once."""
    deadline = time.monotonic() + seconds
    while True:
        if finished():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


def _worker(batch: bool, interval: float) -> Any:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )


def work(batch: bool = False, interval: float = POLL_INTERVAL) -> None:
    """Run queued jobs in this thread, one at a time, until stopped (Ctrl+C, SIGTERM: the
    job in hand is finished first); with `batch`, until the queue is empty."""
    worker = _worker(batch, interval)
    if threading.current_thread() is threading.main_thread():
        worker.configure_signals()
    worker.run()


class WorkerThread:
    """A worker in a daemon thread of this process: the single-machine default of `dxtalent
    serve` and `dxtalent demo`, and the tests' worker. stop() lets the job in hand finish."""

    def __init__(self, interval: float = POLL_INTERVAL) -> None:
        self.worker = _worker(batch=False, interval=interval)
        self.thread = threading.Thread(target=self._run, name="dxtalent-jobs", daemon=True)

    def _run(self) -> None:
        try:
            self.worker.run()
        except Exception:  # the web app carries on; its pages say the run is queued
            logger.exception("the job worker thread stopped")
        finally:
            connection.close()

    def start(self) -> WorkerThread:
        self.thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        self.worker.running = False
        self.thread.join(timeout)
