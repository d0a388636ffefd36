from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from dxtalent.web.audit.actor import acting_as


class AuditActorMiddleware:
    """Makes the request the audit actor for everything saved while it is handled."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(request):
            return self.get_response(request)
