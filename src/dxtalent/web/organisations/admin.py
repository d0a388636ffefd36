from collections.abc import Sequence
from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dxtalent.web.organisations.models import Invitation, Membership, Organisation
from dxtalent.web.organisations.services import delete_organisations, owned_counts


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("code", "name", "kana", "kind", "prefecture", "is_synthetic")
    list_filter = ("kind", "is_synthetic")
    search_fields = ("code", "name", "kana", "name_en")
    raw_id_fields = ("prefecture",)

    def get_deleted_objects(
        self, objs: Sequence[Organisation] | QuerySet[Organisation], request: HttpRequest
    ) -> tuple[list[Any], dict[str, int], set[str], list[Any]]:
        """The confirmation lists the organisations and counts what they own per record type,
        instead of naming every row (Django's default: a large city's 300,000 ratings, each
        loaded). Deleting goes through delete_organisations."""
        chosen = Organisation.objects.filter(pk__in=[o.pk for o in objs])
        counts = owned_counts(chosen)
        listed: list[Any] = []
        for organisation in chosen:
            listed.append(
                format_html(
                    "{}: {}",
                    capfirst(str(Organisation._meta.verbose_name)),
                    organisation,
                )
            )
        listed.append(
            [
                format_html(
                    "{}: {}", capfirst(name), _("{count} records").format(count=f"{count:,}")
                )
                for name, count in sorted(counts.items())
            ]
        )
        counts[str(Organisation._meta.verbose_name_plural)] = len(listed) - 1
        return listed, counts, set(), []

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
