"""Interview projects of an organisation: text sources stored exactly, a hierarchical
codebook, coders, cases with attributes, and codings (character positions, Unicode code
points from 0, end excluded), as REFI-QDA exchanges them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.concurrency import Versioned
from dxtalent.web.organisations.models import OrganisationOwned


class InterviewProject(OrganisationOwned):
    name = models.CharField(_("name"), max_length=200)
    origin = models.CharField(_("origin"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interview project")
        verbose_name_plural = _("interview projects")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class Code(OrganisationOwned):
    project = models.ForeignKey(
        InterviewProject, on_delete=models.CASCADE, related_name="codes", verbose_name=_("project")
    )
    guid = models.CharField(_("GUID"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent code"),
    )
    description = models.TextField(_("description"), blank=True)
    color = models.CharField(_("colour"), max_length=7, blank=True)
    codable = models.BooleanField(_("codable"), default=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "guid"], name="one_code_per_guid")
        ]

    def __str__(self) -> str:
        return self.name


class Coder(OrganisationOwned):
    project = models.ForeignKey(
        InterviewProject, on_delete=models.CASCADE, related_name="coders", verbose_name=_("project")
    )
    guid = models.CharField(_("GUID"), max_length=40)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("coder")
        verbose_name_plural = _("coders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Source(OrganisationOwned):
    project = models.ForeignKey(
        InterviewProject,
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("project"),
    )
    guid = models.CharField(_("GUID"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripts")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Case(Versioned, OrganisationOwned):
    """A case (e.g. a city) with attributes (name → value) and the sources it covers."""

    project = models.ForeignKey(
        InterviewProject, on_delete=models.CASCADE, related_name="cases", verbose_name=_("project")
    )
    guid = models.CharField(_("GUID"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    attributes = models.JSONField(_("attributes"), default=dict)
    sources = models.ManyToManyField(
        Source, related_name="cases", blank=True, verbose_name=_("transcripts")
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Coding(Versioned, OrganisationOwned):
    project = models.ForeignKey(
        InterviewProject,
        on_delete=models.CASCADE,
        related_name="codings",
        verbose_name=_("project"),
    )
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="codings", verbose_name=_("transcript")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, related_name="codings", verbose_name=_("code")
    )
    coder = models.ForeignKey(
        Coder,
        null=True,
        on_delete=models.SET_NULL,
        related_name="codings",
        verbose_name=_("coder"),
    )
    guid = models.CharField(_("GUID"), max_length=40)
    selection_guid = models.CharField(_("selection GUID"), max_length=40)
    memo = models.TextField(_("memo"), blank=True)
    created = models.CharField(_("coded at"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        ordering = ["source", "start", "end", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.start}–{self.end}"

    @property
    def excerpt(self) -> str:
        return self.source.text[self.start : self.end]


class JointFit(Versioned, OrganisationOwned):
    """The researcher's judgement of how a theme's interview codes fit the survey figures."""

    class Fit(models.TextChoices):
        CONFIRMS = "confirms", _("confirms")
        EXPANDS = "expands", _("expands")
        DISAGREES = "disagrees", _("disagrees")

    project = models.ForeignKey(
        InterviewProject, on_delete=models.CASCADE, related_name="fits", verbose_name=_("project")
    )
    code_guid = models.CharField(_("code GUID"), max_length=40)
    fit = models.CharField(_("fit"), max_length=10, choices=Fit.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("fit with the survey")
        verbose_name_plural = _("fits with the survey")
        constraints = [
            models.UniqueConstraint(fields=["project", "code_guid"], name="one_fit_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.code_guid}: {self.fit}"


class Memo(OrganisationOwned):
    """A researcher's memo on the project, a code, a transcript or a case (REFI-QDA notes;
    a case's memos travel as its description)."""

    class Target(models.TextChoices):
        PROJECT = "project", _("the project")
        CODE = "code", _("a code")
        SOURCE = "source", _("a transcript")
        CASE = "case", _("a case")

    project = models.ForeignKey(InterviewProject, on_delete=models.CASCADE, related_name="memos")
    guid = models.CharField(max_length=40)
    target = models.CharField(_("about"), max_length=10, choices=Target.choices)
    target_guid = models.CharField(max_length=40, blank=True)
    name = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("memo"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name or self.text[:40]
