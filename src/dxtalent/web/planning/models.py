"""A plan run: one solve of an organisation's scenario three ways (acquire, develop, mix),
kept with the scenario as it was solved so that its results can be read, checked and
exported later even after the live data changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.organisations.models import Organisation


class PlanRun(models.Model):
    """status: queued → running → done, or failed (error says why). progress: 0–100 while
    running; stage: what is being computed ("solve acquire", "risk mix", ...). params: the
    form's fields as submitted (to solve again with changes); scenario: the scenario as solved
    (docs/scenario-format.md, JSON); result: strategy → {"plan": Plan.to_dict(), "risk":
    PlanRisk.to_dict() or None}.

    In the audit trail: who started which run, and its deletion; not its scenario and result
    (large copies, kept on the run) nor its progress (written with update(), at every stage)."""

    audit_exclude = frozenset({"scenario", "result", "params"})

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=40, blank=True)
    objective = models.CharField(_("objective"), max_length=10)
    rotations = models.PositiveSmallIntegerField(_("rotation scenarios"), default=0)
    params = models.JSONField(_("form fields"), default=dict)
    scenario = models.JSONField(_("scenario"))
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")

    def __str__(self) -> str:
        from django.utils import timezone
        from django.utils.translation import get_language, gettext

        from dxtalent.core.calendar import format_moment

        started = timezone.localtime(self.created_at) if self.created_at else None
        return gettext("Plan run of {when} ({status})").format(
            when=format_moment(started, get_language() or "ja") if started else "—",
            status=self.get_status_display(),
        )

    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
