"""The audit trail: who created, changed or deleted which record of an organisation, when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.organisations.models import Organisation


class AuditEvent(models.Model):
    """One create, update or delete of an organisation's record.

    changes: {field: [old, new]} for an update, {field: [None, value]} for a create and
    {field: [value, None]} for a delete; values as JSON (dates and decimals as text).
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        # A document naming people and their levels left the app (an internal report).
        EXPORT = "export", _("exported")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="audit_events",
        verbose_name=_("organisation"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    actor = models.CharField(_("actor"), max_length=150, help_text=_("Username, or cli or system."))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(_("record id"), max_length=64)
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.model} {self.object_repr}"
        )
