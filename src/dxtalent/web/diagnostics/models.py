"""Each organisation's diagnosis settings: its rotation window, horizon and vendor contracts."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.concurrency import Versioned
from dxtalent.web.organisations.models import Organisation, OrganisationOwned


class DiagnosisProfile(Versioned, OrganisationOwned):
    """rotation_min_years / rotation_max_years: years in post before rotation (the paper: 3 to
    5, Nakagawa 2025 "Discussion"); horizon_years: fiscal years to forecast; vendor_contracts:
    IT contracts the DX department negotiates and manages (a simple count, used only while the
    organisation's register of systems and contracts is empty; with a register the rule reads
    its renewals and migrations per fiscal year); events_per_negotiator: renewals and
    migrations one person able to negotiate or write specifications carries in a fiscal year
    (dxtalent's assumption, 3 by default); large_contracts: how many of them are large (e.g. core-system
    standardization or cloud migration); disabled_rules: rule ids switched off;
    yearly_budget: what the staffing planner may spend each fiscal year (yen);
    disadvantaged_area: whether the municipality has a 条件不利地域 (None: not known).
    small_municipality_mode: "auto" (population 50,000 or less and 2 DX staff or fewer), "on"
    or "off"; prefecture_pool_days, uses_adviser, joint_procurement: the shared resources
    that count toward the rules that need several people (core.diagnostics.small)."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="diagnosis_profile",
        verbose_name=_("organisation"),
    )
    rotation_min_years = models.PositiveSmallIntegerField(
        _("rotation after at least (years)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    rotation_max_years = models.PositiveSmallIntegerField(
        _("rotation after at most (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(40)],
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("fiscal years to forecast"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    vendor_contracts = models.PositiveSmallIntegerField(_("IT vendor contracts"), default=0)
    large_contracts = models.PositiveSmallIntegerField(_("of which large"), default=0)
    events_per_negotiator = models.PositiveSmallIntegerField(
        _("renewals and migrations one negotiator can carry a fiscal year"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "An assumption of dxtalent, not a published figure: the negotiation rule reads the "
            "register's renewals and migrations in each fiscal year and asks for one person "
            "able to negotiate or write specifications per this many."
        ),
    )
    disabled_rules = models.JSONField(_("rules switched off"), default=list, blank=True)
    yearly_budget = models.PositiveBigIntegerField(
        _("yearly budget for the staffing plan (yen)"), default=20_000_000
    )
    budget_basis = models.CharField(
        _("the budget limits"),
        max_length=5,
        choices=[
            ("gross", _("gross cost (as a budget request)")),
            ("net", _("net cost after state support")),
        ],
        default="gross",
    )
    reappointments = models.PositiveSmallIntegerField(
        _("reappointments of 会計年度任用職員 before open recruitment"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text=_(
            "empty: no limit (MIC notice of 28 June 2024); 2 keeps the former national practice"
        ),
    )
    central_in_house = models.BooleanField(
        _("the central figure must be in-house staff"), default=True
    )
    # Not in dxtalent's data (過疎・山村・離島・半島 designations change by law and by part of a
    # municipality), so the organisation says; None: not known, which the planner counts as no.
    disadvantaged_area = models.BooleanField(
        _("has a 条件不利地域 (過疎, 山村, 離島, 半島 etc.)"),
        null=True,
        blank=True,
        default=None,
        help_text=_(
            "Only matters inside the three metropolitan areas: there, MIC's 地域活性化起業人 "
            "support for secondees and side-job professionals counts only for a municipality "
            "with a 条件不利地域. Not known: not counted."
        ),
    )

    small_municipality_mode = models.CharField(
        _("small-municipality mode"),
        max_length=4,
        choices=[
            ("auto", _("automatic (population 50,000 or less and 2 DX staff or fewer)")),
            ("on", _("on")),
            ("off", _("off")),
        ],
        default="auto",
        help_text=_(
            "For a small municipality, the rules that need three people count the resources "
            "it shares: the prefecture's talent pool, an adviser, joint procurement."
        ),
    )
    prefecture_pool_days = models.PositiveSmallIntegerField(
        _("days a year of the prefecture's talent pool"),
        default=0,
        validators=[MaxValueValidator(366)],
        help_text=_("24 days a year count as one person (at most two)."),
    )
    uses_adviser = models.BooleanField(
        _("a 地域情報化アドバイザー is engaged this fiscal year"), default=False
    )
    joint_procurement = models.BooleanField(
        _("systems procured jointly with neighbouring municipalities"), default=False
    )

    class Meta:
        verbose_name = _("diagnosis settings")
        verbose_name_plural = _("diagnosis settings")

    def __str__(self) -> str:
        return _("{organisation}: rotation after {low}–{high} years").format(
            organisation=self.organisation.display_name,
            low=self.rotation_min_years,
            high=self.rotation_max_years,
        )
