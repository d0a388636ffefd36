"""Organisations (local governments and others), memberships and invitations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dxtalent.core.organisations.codes import OrganisationKind, to_katakana
from dxtalent.core.organisations.population import PopulationBand, population_band
from dxtalent.web.concurrency import Versioned

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class Role(models.IntegerChoices):
    """A member's role in one organisation; higher includes lower."""

    VIEWER = 10, _("Viewer")
    EDITOR = 20, _("Editor")
    ADMIN = 30, _("Administrator")


KIND_LABELS = {
    OrganisationKind.PREFECTURE: _("Prefecture"),
    OrganisationKind.DESIGNATED_CITY: _("Designated city"),
    OrganisationKind.CITY: _("City"),
    OrganisationKind.SPECIAL_WARD: _("Special ward"),
    OrganisationKind.TOWN: _("Town"),
    OrganisationKind.VILLAGE: _("Village"),
    OrganisationKind.RESEARCH: _("Research centre"),
    OrganisationKind.ASSOCIATION: _("Association"),
    OrganisationKind.OTHER: _("Other organisation"),
}


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: User | AnonymousUser) -> OrganisationQuerySet:
        """The organisations this user may open: those they are a member of, nothing else."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def local_governments(self) -> OrganisationQuerySet:
        return self.filter(kind__in=[k.value for k in OrganisationKind if k.is_local_government])

    def search(self, text: str) -> OrganisationQuerySet:
        """Match by name (any part), kana (hiragana, half- or full-width katakana) or code
        (prefix, with or without the check digit)."""
        text = text.strip()
        if not text:
            return self
        kana = to_katakana(text)
        condition = Q(name__icontains=text) | Q(kana__contains=kana) | Q(name_en__icontains=text)
        if text.isdigit():
            condition |= Q(code__startswith=text)
        else:
            condition |= Q(code__iexact=text)
        return self.filter(condition)


class Organisation(models.Model):
    """A local government (JIS X 0402 code) or another organisation users create.

    code: six digits with check digit for a local government; for others a short identifier of
    letters, digits and hyphens chosen by its creator. prefecture: the prefecture a municipality
    belongs to; None for a prefecture itself and for organisations that are not governments.
    population / census_year: the census population of a local government (the 2020 census,
    shipped in dxtalent/data/municipal); None for other organisations.
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kana = models.CharField(_("kana"), max_length=200, blank=True, db_index=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=[(k.value, label) for k, label in KIND_LABELS.items()]
    )
    prefecture = models.ForeignKey(
        "self",
        verbose_name=_("prefecture"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"kind": OrganisationKind.PREFECTURE.value},
    )
    population = models.PositiveIntegerField(
        _("population"),
        null=True,
        blank=True,
        help_text=_("Census population, loaded with the list of local governments."),
    )
    census_year = models.PositiveSmallIntegerField(_("census year"), null=True, blank=True)
    is_synthetic = models.BooleanField(
        _("synthetic demo data"),
        default=False,
        help_text=_("A fictional organisation made by the demo generator."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.code})"

    @property
    def kind_enum(self) -> OrganisationKind:
        return OrganisationKind(self.kind)

    @property
    def is_local_government(self) -> bool:
        return self.kind_enum.is_local_government and not self.is_synthetic

    @property
    def population_band(self) -> PopulationBand | None:
        """The band of peers it belongs to (its kind or its population range); None for an
        organisation that is not a local government or whose population is unknown."""
        return population_band(self.kind, self.population)

    @property
    def display_name(self) -> str:
        """The name with its prefecture for a municipality: "北海道 札幌市"."""
        if self.prefecture_id and self.prefecture is not None:
            return f"{self.prefecture.name} {self.name}"
        return self.name

    def audit_organisation(self) -> Organisation:
        return self


class OrganisationOwned(models.Model):
    """Base of every record that belongs to one organisation; creates, updates and deletes of
    its subclasses are written to the audit trail."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        abstract = True

    def audit_organisation(self) -> Organisation:
        return self.organisation


class Membership(Versioned, OrganisationOwned):
    """A user's role in one organisation."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.IntegerField(_("role"), choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]
        ordering = ["organisation__code", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation.code} ({self.get_role_display()})"

    def can(self, role: int) -> bool:
        return self.role >= role

    @property
    def can_edit(self) -> bool:
        """Whether the member may change the organisation's data (editor or administrator):
        what templates ask before offering a form or a button."""
        return self.can(Role.EDITOR)

    @property
    def can_admin(self) -> bool:
        """Whether the member administers the organisation (members, audit trail)."""
        return self.can(Role.ADMIN)


INVITATION_DAYS = 14


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )

    def by_token(self, token: str) -> InvitationQuerySet:
        return self.filter(token_hash=_hash_token(token))


class Invitation(OrganisationOwned):
    """An invitation to join an organisation with a role; the link carries a random token of
    which only the hash is stored. Valid for INVITATION_DAYS days, once."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("email address"))
    role = models.IntegerField(_("role"), choices=Role.choices, default=Role.VIEWER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation.code}"

    @classmethod
    def issue(cls, **fields: Any) -> tuple[Invitation, str]:
        """A new, unsaved invitation and its token (shown once, never stored)."""
        token = secrets.token_urlsafe(32)
        invitation = cls(
            token_hash=_hash_token(token),
            expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
            **fields,
        )
        return invitation, token

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
