"""API tokens: revoked when their owner's password changes, and recorded in the audit trail.

A token belongs to a user, not to an organisation, but it acts with the user's memberships;
so its creation and revocation are recorded in the trail of every organisation the user is a
member of at that moment (the trail each organisation's administrators read). A user with no
membership leaves no event: there is no trail to put it in, and the token can reach no
organisation's data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.signals import post_delete, post_save

from dxtalent.web.accounts.models import ApiToken
from dxtalent.web.audit.signals import record, snapshot

if TYPE_CHECKING:
    from dxtalent.web.organisations.models import Organisation


def revoke_tokens_on_password_change(
    sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any
) -> None:
    """set_password() (the password-change page, a password reset, the admin, `changepassword`)
    marks the user with `_password` until saved: once the new password is written, every
    token of theirs is deleted. A hash upgraded at login is not a change (Django clears
    `_password` before that save)."""
    if raw or getattr(instance, "_password", None) is None:
        return
    for token in ApiToken.objects.filter(user_id=instance.pk):
        token.delete()  # one by one, so each revocation is in the trail


def _organisations(token: ApiToken) -> list[Organisation]:
    from dxtalent.web.organisations.models import Organisation

    return list(Organisation.objects.filter(memberships__user_id=token.user_id).order_by("pk"))


def audit_token_created(
    sender: type[ApiToken], instance: ApiToken, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not created:
        return  # last_used_at is written with update(), not save()
    changes = {key: [None, value] for key, value in snapshot(instance).items()}
    for organisation in _organisations(instance):
        record(organisation, instance, "create", changes)


def audit_token_revoked(sender: type[ApiToken], instance: ApiToken, **kwargs: Any) -> None:
    changes = {key: [value, None] for key, value in snapshot(instance).items()}
    for organisation in _organisations(instance):
        record(organisation, instance, "delete", changes)


def connect() -> None:
    post_save.connect(
        revoke_tokens_on_password_change,
        sender=get_user_model(),
        dispatch_uid="accounts-revoke-tokens",
    )
    post_save.connect(audit_token_created, sender=ApiToken, dispatch_uid="accounts-audit-token")
    post_delete.connect(
        audit_token_revoked, sender=ApiToken, dispatch_uid="accounts-audit-token-revoked"
    )
