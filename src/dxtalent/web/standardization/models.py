"""The standardization: the national list's editions (public facts every signed-in user may
read) and each organisation's register of systems, vendors and contracts (members only)."""

from __future__ import annotations

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from dxtalent.core.standardization.catalogue import BUSINESSES, REASONS, business
from dxtalent.core.standardization.register import PHASES, PROCUREMENT_NAMES, Procurement
from dxtalent.web.organisations.models import OrganisationOwned

# Labels for Django admin only (the pages name these values in the reader's language through
# core): the 業務 and the reasons are bilingual data, given by their Japanese names; a phase's
# and a procurement's names are core's phrases, translated when the label is shown.
BUSINESS_CHOICES = [(b.code, b.name.ja) for b in BUSINESSES]
REASON_CHOICES = [(r.code, r.name.ja) for r in REASONS]
PHASE_CHOICES = [(p.code, lazy(p.name.render, str)()) for p in PHASES]
PROCUREMENT_CHOICES = [(p.value, lazy(PROCUREMENT_NAMES[p].render, str)()) for p in Procurement]


class NationalEdition(models.Model):
    """An edition of the Digital Agency's list of 特定移行支援システム.

    as_of: the day it describes; sha256 and file_name: the file it was loaded from; shipped:
    the edition dxtalent ships (loaded by migrate) or one loaded with `dxtalent data load
    standardization`; governments and systems: its totals; current: the edition the pages
    show (exactly one after migrate). Editions replaced stay as a record of what was loaded.
    """

    as_of = models.DateField(_("as of"))
    sha256 = models.CharField(_("sha256"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=200)
    shipped = models.BooleanField(_("shipped with dxtalent"), default=False)
    governments = models.PositiveIntegerField(_("local governments"))
    systems = models.PositiveIntegerField(_("systems"))
    current = models.BooleanField(_("current"), default=False)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at", "-id"]
        verbose_name = _("national list edition")
        verbose_name_plural = _("national list editions")

    def __str__(self) -> str:
        return f"{self.as_of} ({self.file_name})"


class NationalListing(models.Model):
    """One local government on an edition of the list: code, name, the list's category
    (都道府県 … 村) and the codes of the business areas expected to miss FY2025."""

    edition = models.ForeignKey(NationalEdition, on_delete=models.CASCADE, related_name="listings")
    code = models.CharField(_("code"), max_length=6)
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=16)
    businesses = models.JSONField(_("business areas"), default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="one_listing_per_edition")
        ]
        verbose_name = _("national listing")
        verbose_name_plural = _("national listings")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Vendor(OrganisationOwned):
    """A vendor (事業者) the organisation buys systems or services from."""

    name = models.CharField(_("vendor"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="one_vendor_name")
        ]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self) -> str:
        return self.name


class System(OrganisationOwned):
    """A system in the organisation's register: one of the 20 業務 (or 共通機能), or another
    system (business empty, name given).

    phase: MIC's procedure grouped (core.standardization.register.PHASES); planned_on /
    migrated_on: planned and actual migration dates; migration_support and reason: whether it
    is a 特定移行支援システム and why; cost_before / cost_after: running cost in yen a year
    before and after the migration (Gov-Cloud fees included); source: where the flag came
    from ("national": pre-filled from the national list of national_as_of; "entered").
    """

    class Source(models.TextChoices):
        NATIONAL = "national", _("national list")
        ENTERED = "entered", _("entered by the organisation")

    business = models.CharField(
        _("business area"), max_length=40, blank=True, choices=BUSINESS_CHOICES
    )
    name = models.CharField(_("system"), max_length=200, blank=True)
    vendor = models.ForeignKey(
        Vendor,
        verbose_name=_("current vendor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="systems",
    )
    current_product = models.CharField(_("current product"), max_length=200, blank=True)
    standard_product = models.CharField(_("standard-compliant product"), max_length=200, blank=True)
    phase = models.CharField(
        _("migration phase"), max_length=20, choices=PHASE_CHOICES, default="not-started"
    )
    planned_on = models.DateField(_("planned migration"), null=True, blank=True)
    migrated_on = models.DateField(_("migrated on"), null=True, blank=True)
    migration_support = models.BooleanField(_("specific migration-support system"), default=False)
    reason = models.CharField(_("reason"), max_length=40, blank=True, choices=REASON_CHOICES)
    cost_before = models.PositiveBigIntegerField(
        _("running cost before (yen a year)"), null=True, blank=True
    )
    cost_after = models.PositiveBigIntegerField(
        _("running cost after (yen a year)"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.ENTERED
    )
    national_as_of = models.DateField(_("national list as of"), null=True, blank=True)

    class Meta:
        ordering = ["business", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "business"],
                condition=~models.Q(business=""),
                name="one_system_per_business",
            )
        ]
        verbose_name = _("system")
        verbose_name_plural = _("systems")

    def __str__(self) -> str:
        if self.business:
            return self.name or business(self.business).name.ja
        return self.name


class Contract(OrganisationOwned):
    """A contract with a vendor: the systems it covers, its term, annual cost in yen, the
    renewal or end date, how it was procured and by how many bidders, and whether it is a
    renewal of an earlier contract."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="contracts"
    )
    title = models.CharField(_("contract"), max_length=200)
    systems = models.ManyToManyField(
        System, verbose_name=_("systems"), blank=True, related_name="contracts"
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    renewal_on = models.DateField(_("renewal"), null=True, blank=True)
    annual_cost = models.PositiveBigIntegerField(_("annual cost (yen)"), null=True, blank=True)
    procurement = models.CharField(_("procurement"), max_length=16, choices=PROCUREMENT_CHOICES)
    bidders = models.PositiveSmallIntegerField(_("bidders"), null=True, blank=True)
    is_renewal = models.BooleanField(_("renewal of an earlier contract"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["renewal_on", "ends_on", "title"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return self.title
