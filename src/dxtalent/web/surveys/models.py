"""Surveys run by an organisation (a research centre, an association, a prefecture): the
instrument, the organisations invited (each department with its own private link), and the
responses, saved as they are filled in and then submitted."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dxtalent.web.organisations.models import Organisation, OrganisationOwned


class Survey(OrganisationOwned):
    """organisation: the survey's owner. instrument: core.surveys.instrument_to_dict()."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    title = models.CharField(_("title"), max_length=200)
    instrument = models.JSONField(_("instrument"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    links_expire_on = models.DateField(
        _("links work until"),
        null=True,
        blank=True,
        help_text=_("The last day (included) the private links take answers; empty: no end."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self) -> str:
        return self.title

    @property
    def takes_answers(self) -> bool:
        """Open, and its links' last day (local date) not passed (core.surveys.links)."""
        from django.utils import timezone

        from dxtalent.core.surveys.links import link_open

        return link_open(
            self.status == self.Status.OPEN, self.links_expire_on, timezone.localdate()
        )


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Invitation(OrganisationOwned):
    """One department of one organisation asked to answer: `token` is its private link.
    organisation: the survey's owner (whose audit trail records it); respondent: the
    organisation asked."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    respondent = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation asked"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    department = models.CharField(_("department"), max_length=20)
    token = models.CharField(
        _("private link"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["respondent__code", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent", "department"], name="one_invitation_per_department"
            )
        ]

    def __str__(self) -> str:
        """ "Survey → 東広島市 · DX部門": the department by its label in the survey's
        questionnaire, in the reader's language (its code when the questionnaire has none)."""
        from django.utils.translation import get_language

        from dxtalent.core.surveys.instrument import instrument_from_dict

        label = self.department
        try:
            text = instrument_from_dict(self.survey.instrument).departments.get(self.department)
        except (TypeError, ValueError, KeyError):
            text = None
        if text is not None:
            label = text.get(get_language() or "ja")
        return f"{self.survey} → {self.respondent.name} · {label}"


class Answer(models.Model):
    """The answers of one invitation: `answers` maps question codes to an option code, a list
    of option codes, a number or a text. Saved as often as the respondent likes; final once
    submitted_at is set. Not in the audit trail: it is the respondent's, not the owner's."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="answer")
    answers = models.JSONField(default=dict)
    language = models.CharField(max_length=5, default="ja")
    saved_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.invitation} ({'submitted' if self.submitted_at else 'saved'})"


class ImportedAnswer(models.Model):
    """One respondent's answers read from another tool's export (LimeSurvey, KoboToolbox,
    SPSS): counted in the survey's results with the submitted answers. respondent: the file's
    id for them; department: a key of the instrument's departments, or empty."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="imported")
    respondent = models.CharField(max_length=200)
    department = models.CharField(max_length=20, blank=True)
    answers = models.JSONField(default=dict)
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.survey}: {self.respondent} ({self.source})"

    def audit_organisation(self) -> Organisation:
        """The survey owner's: imports write these in bulk with one event for the file
        (surveys.imports); a single one added or removed is recorded by itself."""
        return self.survey.organisation
