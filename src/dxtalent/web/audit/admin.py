from django.contrib import admin

from dxtalent.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "organisation", "actor", "action", "model", "object_repr")
    list_filter = ("action", "model")
    search_fields = ("organisation__code", "actor", "object_repr")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
