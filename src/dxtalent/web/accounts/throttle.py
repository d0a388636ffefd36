"""Failed-login throttle, kept in the database so that every web worker sees the same count."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from dxtalent.web.accounts.models import LoginFailure


def client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _recent() -> timezone.datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def is_locked_out(username: str, address: str | None) -> bool:
    """True when this username, or this address, failed LOGIN_FAILURE_LIMIT times within the
    window. Addresses get five times the limit, so one office behind NAT is not locked out
    by one person's typos."""
    since = _recent()
    by_user = LoginFailure.objects.filter(username__iexact=username, at__gte=since).count()
    if by_user >= settings.LOGIN_FAILURE_LIMIT:
        return True
    if address:
        by_address = LoginFailure.objects.filter(address=address, at__gte=since).count()
        return by_address >= settings.LOGIN_FAILURE_LIMIT * 5
    return False


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(at__lt=_recent()).delete()
    LoginFailure.objects.create(username=username[:150], address=address)


def clear_failures(username: str, address: str | None) -> None:
    LoginFailure.objects.filter(Q(username__iexact=username)).delete()
