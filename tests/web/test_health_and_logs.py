"""`/health` (the database and the job queue, for a monitor) and the structured logs: one JSON
line per log record and per request, with the request's id (issue #14)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dxtalent.web import jobs
from dxtalent.web.logs import JsonFormatter
from tests.web.test_settings import PRODUCTION, _django

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_health_answers_200_naming_the_checks_without_a_login_or_a_cookie(client: Client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Set-Cookie" not in response.headers and "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["database"]["engine"] in ("sqlite", "postgresql")
    assert body["checks"]["queue"] == {
        "ok": True,
        "waiting": 0,
        "oldest_waiting_seconds": 0,
        "max_waiting_seconds": 300,
        "running": 0,
    }
    assert (
        set(json.dumps(body).lower().split('"')) & {"secret", "password", "database_url"} == set()
    )


@pytest.mark.django_db
def test_health_answers_503_when_a_queued_job_has_waited_longer_than_allowed(client, settings):
    settings.TASKS = DATABASE_QUEUE
    jobs.run_job.enqueue("plan", 1)
    assert client.get("/health").json()["checks"]["queue"]["waiting"] == 1
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(seconds=400))
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["checks"]["queue"]["ok"] is False
    assert body["checks"]["queue"]["oldest_waiting_seconds"] >= 400
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_health_answers_503_when_the_database_does_not_answer(client, monkeypatch):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "ok": False,
        "engine": connection.vendor,
        "error": "the database does not answer",
    }


@pytest.mark.django_db
def test_health_is_answered_over_plain_http_when_https_is_enforced(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health").status_code == 200
    assert client.get("/accounts/login/").status_code == 301


def _request_records(caplog) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(r)) for r in caplog.records if r.name == "dxtalent.requests"
    ]


@pytest.mark.django_db
def test_each_request_is_logged_as_one_json_line_with_its_id(client, alice, caplog):
    client.force_login(alice)
    with caplog.at_level(logging.INFO, logger="dxtalent.requests"):
        response = client.get("/o/342122/people/?q=secret-search")
    (record,) = _request_records(caplog)
    assert record["request_id"] == response["X-Request-ID"] and len(record["request_id"]) == 32
    assert record["method"] == "GET" and record["status"] == 200
    assert record["path"] == "/o/342122/people/" and record["route"] == "o/<str:code>/people/"
    assert record["user_id"] == alice.pk and record["level"] == "INFO"
    assert record["time"].endswith("+00:00") and record["duration_ms"] >= 0
    assert "secret-search" not in json.dumps(record)


@pytest.mark.django_db
def test_a_password_reset_link_is_logged_by_its_route_not_its_token(client, caplog):
    with caplog.at_level(logging.INFO, logger="dxtalent.requests"):
        client.get("/accounts/password/reset/MQ/set-password-token-123/")
    (record,) = _request_records(caplog)
    assert record["user_id"] is None
    assert "set-password-token-123" not in json.dumps(record)
    assert record["path"] == "/accounts/password/reset/<uidb64>/<token>/"


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_when_it_looks_like_one_and_replaced_when_not(client):
    kept = client.get("/health", HTTP_X_REQUEST_ID="0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert kept["X-Request-ID"] == "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    replaced = client.get("/health", HTTP_X_REQUEST_ID='x"\n{"level": "forged"}')
    assert (
        replaced["X-Request-ID"] != 'x"\n{"level": "forged"}'
        and len(replaced["X-Request-ID"]) == 32
    )


def test_a_record_with_a_traceback_stays_one_json_line():
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, __file__, 1, "failed: %s", ("a",), sys.exc_info(), extra={"row": 3}
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed: a" and entry["row"] == 3
    assert "ValueError: bad" in entry["exception"]


def test_production_logs_json_lines_and_local_mode_text(tmp_path):
    show = "from django.conf import settings; print(settings.LOGGING['handlers']['console']['formatter'])"
    production = _django({**PRODUCTION, "DXTALENT_DATA_DIR": str(tmp_path)}, "shell", "-c", show)
    assert production.stdout.split()[-1:] == ["json"], production.stderr
    local = _django(
        {"DXTALENT_LOCAL": "1", "DXTALENT_DATA_DIR": str(tmp_path)}, "shell", "-c", show
    )
    assert local.stdout.split()[-1:] == ["text"], local.stderr


@pytest.mark.django_db
def test_a_request_is_logged_when_the_database_fails_without_querying_for_the_user(
    client, alice, caplog, monkeypatch
):
    client.force_login(alice)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    with caplog.at_level(logging.INFO, logger="dxtalent.requests"):
        response = client.get("/health")
    assert response.status_code == 503
    (record,) = _request_records(caplog)
    assert record["status"] == 503 and record["user_id"] is None
