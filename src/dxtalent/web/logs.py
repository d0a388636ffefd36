"""Structured logs: one JSON object a line for every log record, and one record for every
request, carrying the request's id.

The request id comes from the `X-Request-ID` header when the reverse proxy sends one (nginx:
`proxy_set_header X-Request-ID $request_id;`) and it looks like an id, else a new one; the
response says it back in `X-Request-ID`, and every record logged while the request is handled
carries it, so one line of nginx's log finds all of the app's.

A request's record (logger `dxtalent.requests`, level INFO) holds the method, the route (the
URL pattern, e.g. `o/<str:code>/people/<int:pk>/`), the path (the route instead when the URL
holds a token: a password-reset link), the status, the duration in milliseconds and the
user's id; never a query string, a form value or a name.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Attributes every LogRecord has; anything else was passed with `extra=` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}

requests_log = logging.getLogger("dxtalent.requests")


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time (UTC, ISO 8601), level, logger, message,
    request_id when there is one, the record's extra fields, and the traceback as text."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = getattr(record, "request_id", "") or request_id.get()
        if current:
            entry["request_id"] = current
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                plain = value is None or isinstance(value, str | int | float | bool)
                entry[key] = value if plain else str(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RequestLogMiddleware:
    """Gives each request an id (request.id, the X-Request-ID response header, every log
    record meanwhile) and logs one record when it is answered (the first middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        current = incoming if _INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.id = current  # type: ignore[attr-defined]
        token = request_id.set(current)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            requests_log.info(
                "%s %s %s",
                request.method,
                _path(request),
                response.status_code,
                extra={"request_id": current, **_fields(request, response.status_code, started)},
            )
            return response
        finally:
            request_id.reset(token)


def _path(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is not None and any("token" in key for key in match.kwargs):
        return "/" + match.route
    return request.path


def _user_id(request: HttpRequest) -> int | None:
    """The user's id if the request looked the user up; logging never queries for it (the
    database may be what failed)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def _fields(request: HttpRequest, status: int, started: float) -> dict[str, Any]:
    match = request.resolver_match
    return {
        "method": request.method,
        "path": _path(request),
        "route": match.route if match is not None else "",
        "status": status,
        "duration_ms": round((time.monotonic() - started) * 1000, 1),
        "user_id": _user_id(request),
    }
