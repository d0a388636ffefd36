from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from dxtalent.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ("at", "organisation", "actor", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("organisation__code", "actor", "object_repr")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
