"""The talent policy's digital chapter as the organisation edits it (a draft, its versions), and
reports produced in the background (a report job: progress, then the file)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.concurrency import Versioned
from dxtalent.web.organisations.models import OrganisationOwned


class PolicyDraft(Versioned, OrganisationOwned):
    """The organisation's draft of the digital chapter of its 人材育成・確保基本方針: one per
    organisation. Its content is its newest PolicyDraftVersion; `version` (optimistic
    concurrency) is the number of that version, so an edit or a regeneration made from an
    older one is refused. language: the language it was generated in ("ja" or "en")."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="ja")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("talent policy draft")
        verbose_name_plural = _("talent policy drafts")

    def __str__(self) -> str:
        return self.organisation.name

    def current(self) -> PolicyDraftVersion:
        return self.versions.get(number=self.version)


class PolicyDraftVersion(OrganisationOwned):
    """One saved state of a draft: every generation and every save of the officer's edits makes
    the next number. kind: generated (drafted or redrafted from the data; the prose of the
    version before kept) or edited (the officer's prose). content: the sections as
    core.reports.policy_draft.sections_to_json writes them. plan_run: the run whose plan it
    drafted from (None: the current data solved then).

    In the audit trail: who made which version, when; not its content (a copy kept here)."""

    audit_exclude = frozenset({"content"})

    class Kind(models.TextChoices):
        GENERATED = "generated", _("generated from the data")
        EDITED = "edited", _("edited")

    draft = models.ForeignKey(
        PolicyDraft, verbose_name=_("draft"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    plan_run = models.ForeignKey(
        "planning.PlanRun",
        verbose_name=_("plan run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    content: Any = models.JSONField(_("content"))

    class Meta:
        ordering = ["-number"]
        verbose_name = _("talent policy draft version")
        verbose_name_plural = _("talent policy draft versions")
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="policy_version_unique")
        ]

    def __str__(self) -> str:
        return str(_("Version {number}")).format(number=self.number)


class ReportJob(OrganisationOwned):
    """A report produced by the job runner (dxtalent.web.jobs): status queued → running → done
    or failed (error says why), progress 0–100 and the step in hand (stage), then the file.
    kind: diagnosis, plan or policy; plan_run: the plan report's run; policy_version: the
    policy draft's version exported. Kept KEEP_JOBS per organisation.

    In the audit trail: who asked for which report; not the file (content)."""

    audit_exclude = frozenset({"content"})

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("report"), max_length=20)
    audience = models.CharField(_("audience"), max_length=10, default="council")
    fmt = models.CharField(_("format"), max_length=5)
    language = models.CharField(_("language"), max_length=5, default="ja")
    plan_run = models.ForeignKey(
        "planning.PlanRun",
        verbose_name=_("plan run"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    policy_version = models.ForeignKey(
        PolicyDraftVersion,
        verbose_name=_("policy draft version"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    error = models.TextField(_("error"), blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(_("file"), blank=True, default=b"")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")

    def __str__(self) -> str:
        return self.filename or f"{self.kind}.{self.fmt}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
