"""A prefecture's talent pool (人材プール): sharing consent of a municipality, the pool's
professionals, municipalities' requests and the allocations run over them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from dxtalent.web.concurrency import Versioned
from dxtalent.web.organisations.models import Organisation, OrganisationOwned

# The paper's capabilities (dxtalent.core.diagnostics.paper_capabilities) are what a request
# asks for and what a professional brings; the names come from there.
FISCAL_MONTHS = (4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3)  # April to March


class Sharing(OrganisationOwned):
    """Whether a municipality lets its prefecture read aggregates of its data (never a named
    person, a rating or a note), and whether an organisation counts in the peers' comparison
    of governments of its kind and size (only group totals, small groups suppressed). Both off
    until its administrator turns them on."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="pool_sharing",
    )
    with_prefecture = models.BooleanField(_("share aggregates with the prefecture"), default=False)
    with_peers = models.BooleanField(
        _("count in peers' comparisons (governments of the same kind and size)"), default=False
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("sharing with the prefecture")
        verbose_name_plural = _("sharing with the prefecture")

    def __str__(self) -> str:
        return self.organisation.display_name


class EmploymentForm(models.TextChoices):
    FIXED_TERM = "fixed_term", _("Fixed-term at the prefecture (任期付)")
    SECONDEE = "secondee", _("Secondee")
    SIDE_JOB = "side_job", _("Side job")
    CONTRACTOR = "contractor", _("Contractor")


class Payer(models.TextChoices):
    PREFECTURE = "prefecture", _("Prefecture")
    MUNICIPALITY = "municipality", _("Municipality")
    SHARED = "shared", _("Shared as the prefecture sets")


def _capability(code: object) -> str:
    """A capability of the pool by its name in the reader's language (its code when unknown)."""
    from dxtalent.web.pool.services import capability_names

    return capability_names().get(str(code), str(code))


def _levels(levels: object) -> str:
    """A professional's levels in the reader's language: "プロジェクトマネージャー：3、…"."""
    from dxtalent.core.diagnostics.wording import commas
    from dxtalent.core.i18n import labelled

    if not isinstance(levels, dict):
        return str(levels)
    return commas(labelled(_capability(code), str(level)) for code, level in levels.items())


class Professional(Versioned, OrganisationOwned):
    """A professional of a prefecture's pool (the organisation is the prefecture).

    levels: capability code → level 0–4. days_per_month: capacity, > 0. remote: may serve any
    municipality; otherwise only those in `reaches`. term_months: months of the fiscal year
    from April the term covers (1–12). cost_per_day: yen. municipality_share: per cent of the
    cost a municipality served pays when the payer is "shared"; version: saves so far
    (optimistic concurrency on edits).
    """

    name = models.CharField(pgettext_lazy("person", "Name"), max_length=200)
    levels = models.JSONField(_("capabilities and levels"), default=dict)
    # How the audit trail names the values of these fields (web.audit.services).
    AUDIT_NAMES = {"levels": _levels}
    days_per_month = models.DecimalField(
        _("days per month"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(23)],
    )
    remote = models.BooleanField(_("works remotely (any municipality)"), default=False)
    reaches = models.ManyToManyField(
        Organisation, verbose_name=_("municipalities reached"), blank=True, related_name="+"
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months from April)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    employment_form = models.CharField(
        _("employment form"), max_length=20, choices=EmploymentForm.choices
    )
    cost_per_day = models.PositiveIntegerField(_("cost per day (yen)"), default=0)
    payer = models.CharField(
        _("who pays"), max_length=20, choices=Payer.choices, default=Payer.PREFECTURE
    )
    municipality_share = models.PositiveSmallIntegerField(
        _("municipality's share when shared (%)"),
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("The part of the cost a municipality served pays when the cost is shared."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("pool professional")
        verbose_name_plural = _("pool professionals")

    def __str__(self) -> str:
        return self.name


class PoolRequest(Versioned, OrganisationOwned):
    """A municipality's request to its prefecture's pool (the organisation is the
    municipality): a capability at a level (1–4), days a month over months of a fiscal year
    (calendar month numbers, April to March), priority 1 (high) to 3 (low) and why."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    capability = models.CharField(_("capability"), max_length=32)
    # How the audit trail names the values of these fields (web.audit.services).
    AUDIT_NAMES = {"capability": _capability}
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    days_per_month = models.DecimalField(
        _("days per month"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0.5), MaxValueValidator(23)],
    )
    months = models.JSONField(_("months"), default=list)
    priority = models.PositiveSmallIntegerField(
        _("priority"),
        choices=[(1, _("High")), (2, _("Medium")), (3, _("Low"))],
        default=2,
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organisation__code", "fiscal_year", "pk"]
        verbose_name = _("pool request")
        verbose_name_plural = _("pool requests")

    def __str__(self) -> str:
        from django.utils.translation import gettext

        from dxtalent.web.pool.services import capability_names

        return gettext("{organisation}: {capability}, level {level}, fiscal year {year}").format(
            organisation=self.organisation.display_name,
            capability=capability_names().get(self.capability, self.capability),
            level=self.level,
            year=self.fiscal_year,
        )


class AllocationRun(OrganisationOwned):
    """An allocation of a prefecture's pool to its municipalities' requests for one fiscal
    year: the settings, and the result as the CLI's and API's JSON. accepted_at: when the
    prefecture accepted it (at most one a fiscal year); an accepted allocation's days count in
    each municipality's diagnosis as the prefecture's pool."""

    audit_exclude = frozenset({"result"})

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    small_weight = models.DecimalField(
        _("weight of small municipalities"), max_digits=4, decimal_places=2, default=1.5
    )
    fairness = models.BooleanField(_("raise the worst-served municipality first"), default=False)
    status = models.CharField(_("status"), max_length=20)
    result = models.JSONField(_("result"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pool allocation")
        verbose_name_plural = _("pool allocations")

    def __str__(self) -> str:
        from django.utils.translation import gettext

        return gettext("Pool allocation for fiscal year {year}").format(year=self.fiscal_year)


class PublishedView(models.Model):
    """An overall figure once shown: which view (the prefecture's aggregates of its sharing
    municipalities, a peers' group), when, and who it was built from (municipality code →
    people). A later view is compared with these, so that two views differing by too few
    municipalities or people cannot give one away by difference (core.pool.aggregate)."""

    view = models.CharField(_("view"), max_length=120, db_index=True)
    shown_at = models.DateTimeField(_("shown at"), auto_now_add=True)
    members = models.JSONField(_("built from"), default=dict)

    class Meta:
        ordering = ["-shown_at", "-pk"]
        verbose_name = _("published aggregate")
        verbose_name_plural = _("published aggregates")

    def __str__(self) -> str:
        return self.view
