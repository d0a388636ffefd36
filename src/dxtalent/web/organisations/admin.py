from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from dxtalent.web.organisations.models import Invitation, Membership, Organisation
from dxtalent.web.organisations.services import delete_organisations


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("code", "name", "kana", "kind", "prefecture", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    search_fields = ("code", "name", "kana", "name_en")
    raw_id_fields = ("prefecture",)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        delete_organisations(Organisation.objects.filter(pk=obj.pk), "organisation deleted")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organisation]) -> None:
        delete_organisations(queryset, "organisations deleted")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__code", "organisation__name")
    raw_id_fields = ("user", "organisation")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = (
        "email",
        "organisation",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    )
    raw_id_fields = ("organisation", "invited_by")
    readonly_fields = ("token_hash",)
