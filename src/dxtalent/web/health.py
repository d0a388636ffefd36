"""`/health`: whether the app can do its work, for a load balancer or a monitor.

No login, no secrets: the answer says whether the database answers (and which engine) and
how the job queue stands: how many jobs wait, how long the oldest has waited, how many run.
Status 200 when all is well, 503 when the database does not answer or a job has waited
longer than DXTALENT_HEALTH_MAX_QUEUE_WAIT_SECONDS (no worker is taking jobs: see "Long-running
work" in the README). A GET reads only, in autocommit.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def _database() -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return {"ok": False, "engine": connection.vendor, "error": "the database does not answer"}
    return {
        "ok": True,
        "engine": connection.vendor,
        "ms": round((time.monotonic() - started) * 1000, 1),
    }


def _queue() -> dict[str, Any]:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    try:
        waiting = DBTaskResult.objects.ready()
        oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        count = waiting.count()
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count()
    except DatabaseError:
        return {"ok": False, "error": "the job queue cannot be read"}
    wait = round((now - oldest).total_seconds()) if oldest is not None else 0
    limit = settings.HEALTH_MAX_QUEUE_WAIT_SECONDS
    return {
        "ok": wait <= limit,
        "waiting": count,
        "oldest_waiting_seconds": wait,
        "max_waiting_seconds": limit,
        "running": running,
    }


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """{"status": "ok"|"failing", "checks": {"database": {...}, "queue": {...}}}."""
    checks = {"database": _database()}
    checks["queue"] = (
        _queue() if checks["database"]["ok"] else {"ok": False, "error": "no database"}
    )
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ok else "failing", "checks": checks}, status=200 if ok else 503
    )
