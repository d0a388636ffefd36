"""Failed-login throttle, kept in the database so that every web worker sees the same count.

One throttle serves every login form: the app's login page and the Django admin site's
(both use ThrottleMixin in accounts/forms.py).
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from dxtalent.web.accounts.models import LoginFailure, PasswordResetRequest


def _valid_address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: REMOTE_ADDR, or behind settings.BEHIND_PROXY (≥ 1) trusted
    reverse proxies the X-Forwarded-For entry that many hops from the right (each proxy
    appends the address it received the request from, so entries further left may be forged
    by the client). A header with fewer entries than proxies, or an entry that is not an IP
    address, is not trusted: REMOTE_ADDR is used. None when there is no address at all."""
    remote = request.META.get("REMOTE_ADDR") or None
    hops: int = getattr(settings, "BEHIND_PROXY", 0)
    if hops <= 0:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(forwarded) < hops:
        return remote
    return _valid_address(forwarded[-hops]) or remote


def _recent() -> datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def is_locked_out(username: str, address: str | None) -> bool:
    """True when this username, or this address, failed LOGIN_FAILURE_LIMIT times within the
    window. Addresses get five times the limit, so one office behind NAT is not locked out
    by one person's typos. An address's lockout refuses attempts from that address only: a
    username with no failures of its own signs in from any other address."""
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


def clear_failures(username: str) -> None:
    """Forget the username's failures (after it signed in); its address's stay counted."""
    LoginFailure.objects.filter(username__iexact=username).delete()


def accept_password_reset(email: str, address: str | None) -> bool:
    """Whether a password-reset mail may be sent for `email` requested from `address`: fewer
    than settings.PASSWORD_RESET_LIMIT_PER_HOUR accepted requests for that email (any case)
    and from that address in the last hour. An accepted request is counted; a refused one is
    not (the page looks the same either way)."""
    hour_ago = timezone.now() - timedelta(hours=1)
    PasswordResetRequest.objects.filter(at__lt=hour_ago).delete()
    limit = settings.PASSWORD_RESET_LIMIT_PER_HOUR
    recent = PasswordResetRequest.objects.filter(at__gte=hour_ago)
    if recent.filter(email__iexact=email).count() >= limit:
        return False
    if address and recent.filter(address=address).count() >= limit:
        return False
    PasswordResetRequest.objects.create(email=email[:254], address=address)
    return True
