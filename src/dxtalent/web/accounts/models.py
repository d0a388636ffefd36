"""Login throttling and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "dxt_"  # noqa: S105  (a visible prefix, not a secret)

# Days an API token lasts unless its creator chooses another of TOKEN_LIFETIME_CHOICES: a
# leaked token stops working on its own within a quarter.
TOKEN_DEFAULT_DAYS = 90
TOKEN_LIFETIME_CHOICES = (7, 30, 90, 180, 365)


def default_token_expiry() -> datetime:
    """TOKEN_DEFAULT_DAYS from now."""
    return timezone.now() + timedelta(days=TOKEN_DEFAULT_DAYS)


class LoginFailure(models.Model):
    """One failed login, kept for the throttle window (DXTALENT_LOGIN_FAILURE_WINDOW_MINUTES)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")

    def __str__(self) -> str:
        return f"{self.username} from {self.address} at {self.at:%Y-%m-%d %H:%M}"


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token: `Authorization: Bearer dxt_...`. Only its hash is stored; the key
    is shown once when created. It acts with its owner's memberships until `expires_at`, and
    is deleted (revoked) when its owner's password changes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=default_token_expiry)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user: object, name: str, days: int = TOKEN_DEFAULT_DAYS) -> tuple[ApiToken, str]:
        """A new token for `user` lasting `days` (≥ 1) days from now, and its key (shown once)."""
        if days < 1:
            raise ValueError(f"an API token lasts at least 1 day, not days={days}")
        key = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=hash_token(key),
            prefix=key[:12],
            expires_at=timezone.now() + timedelta(days=days),
        )
        return token, key

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()


class QueuedMail(models.Model):
    """A mail to send outside the request, by the job runner (web/jobs.py, kind "mail").
    The body is emptied once sent: a password-reset link in it is a credential."""

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("queued mail")
        verbose_name_plural = _("queued mails")

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class PasswordResetRequest(models.Model):
    """One accepted password-reset request, kept for an hour for the rate limit
    (settings.PASSWORD_RESET_LIMIT_PER_HOUR per email and per client address)."""

    email = models.EmailField(db_index=True)
    address = models.GenericIPAddressField(null=True, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} from {self.address} at {self.at:%Y-%m-%d %H:%M}"
