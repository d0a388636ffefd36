"""Which requests run in a transaction: a request that may write (POST, PUT, PATCH, DELETE)
runs its view in one transaction, so that it writes all or nothing; a read (GET, HEAD,
OPTIONS) runs in autocommit and never opens a write transaction.

This replaces Django's ATOMIC_REQUESTS, which wraps every view alike: on SQLite every
transaction begins IMMEDIATE (it takes the database's one write lock at once, so that two
writers wait for each other instead of failing half-way), and a page view holding the write
lock made every other request wait behind a long import and fail with "database is locked"
(issue #14). With WAL (settings._database) readers and one writer go on side by side.

A view marked @transaction.non_atomic_requests runs outside a request transaction even when
it writes; its service opens the short transaction itself (an import parses its file first,
then writes in one transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest, HttpResponse

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AtomicWritesMiddleware:
    """Runs the view of a writing request in one transaction (the last middleware, so that the
    others' process_view, CSRF's among them, have run)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.method in READING_METHODS:
            return None
        if DEFAULT_DB_ALIAS in getattr(view, "_non_atomic_requests", set()):
            return None
        with transaction.atomic():
            return view(request, *args, **kwargs)
