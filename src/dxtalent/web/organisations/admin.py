from django.contrib import admin

from dxtalent.web.organisations.models import Invitation, Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("code", "name", "kana", "kind", "prefecture", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    search_fields = ("code", "name", "kana", "name_en")
    raw_id_fields = ("prefecture",)


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
