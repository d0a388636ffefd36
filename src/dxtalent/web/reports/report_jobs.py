"""Reports produced through the job runner (dxtalent.web.jobs): a PDF of a plan or of the
policy chapter takes from a fraction of a second to several, so the page asks for it, shows
the job's progress (load the data, build the report, render the file) and then its download
link. The job stores the file on its row; the newest KEEP_JOBS of an organisation are kept."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy, override

from dxtalent.core.reports import Audience, Document, audience_of
from dxtalent.web import jobs
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import policy_drafts, services
from dxtalent.web.reports.models import PolicyDraftVersion, ReportJob

logger = logging.getLogger(__name__)

KINDS = ("diagnosis", "plan", "policy")
KEEP_JOBS = 20
# A job still running after this long has lost its worker (the server restarted): rendering
# the largest report takes seconds.
STALE_AFTER = dt.timedelta(minutes=10)
# Seconds the page waits for a job before showing its progress instead.
WAIT_SECONDS = 1.0
# The steps of a job, with the progress reached when each starts.
STAGES = {
    "load": (10, gettext_lazy("Loading the data")),
    "build": (40, gettext_lazy("Writing the report")),
    "render": (70, gettext_lazy("Rendering the file")),
}


class UnknownReportKindError(ValueError):
    """A report that is not diagnosis, plan or policy."""


def stage_label(stage: str) -> str:
    """The step in hand in the reader's language ("" when none)."""
    return str(STAGES[stage][1]) if stage in STAGES else ""


@dataclass(frozen=True)
class ReportRequest:
    """What a caller asks for: kind (diagnosis, plan, policy), audience, fmt (pdf, docx),
    language; the plan run of a plan or policy report; the policy draft's version to export."""

    kind: str
    audience: Audience
    fmt: str
    language: str = "ja"
    run: PlanRun | None = None
    policy_version: PolicyDraftVersion | None = None


def checked(kind: str, audience: str, fmt: str) -> tuple[str, Audience, str]:
    """kind, audience and format checked, each error naming the value and what is accepted
    (UnknownReportKindError, core's UnknownAudienceError, UnknownReportFormatError)."""
    if kind not in KINDS:
        raise UnknownReportKindError(
            f'report "{kind}" is not known; "diagnosis", "plan" or "policy" is accepted'
        )
    chosen = audience_of(audience)
    if fmt not in services.FORMATS:
        raise services.UnknownReportFormatError(
            f'format "{fmt}" is not known; "pdf" or "docx" is accepted'
        )
    return kind, chosen, fmt


def document_for(organisation: Organisation, ask: ReportRequest) -> Document:
    """The report asked for, built as the download views build it. The policy chapter is the
    draft's version when one is given, else drafted afresh; it is the same for every
    audience (it names no person)."""
    if ask.kind == "diagnosis":
        return services.diagnosis_report(organisation, ask.audience, ask.language)
    if ask.kind == "plan":
        if ask.run is None:
            return services.current_plan_report(organisation, ask.audience, ask.language)
        return services.plan_report(organisation, ask.run, ask.audience, ask.language)
    if ask.policy_version is not None:
        return policy_drafts.document_of(ask.policy_version)  # type: ignore[no-any-return]
    return services.policy_report(organisation, ask.run, ask.language)


def filename_for(organisation: Organisation, ask: ReportRequest) -> str:
    if ask.policy_version is not None:
        return policy_drafts.filename(ask.policy_version, ask.fmt)
    kind = "talent-policy" if ask.kind == "policy" else ask.kind
    return services.filename(kind, organisation, ask.audience, ask.fmt)


def request_report(
    organisation: Organisation, user: Any, ask: ReportRequest, wait: float | None = None
) -> ReportJob:
    """A queued job for the report `ask` names, started through the job runner; waits up to
    `wait` seconds (default WAIT_SECONDS; outside a transaction only) and returns the job as
    it then stands. The oldest jobs beyond KEEP_JOBS are deleted."""
    job = ReportJob.objects.create(
        organisation=organisation,
        kind=ask.kind,
        audience=ask.audience.value,
        fmt=ask.fmt,
        language=ask.language,
        plan_run=ask.run,
        policy_version=ask.policy_version,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        filename=filename_for(organisation, ask),
    )
    old = ReportJob.objects.filter(organisation=organisation).values_list("pk", flat=True)[
        KEEP_JOBS:
    ]
    ReportJob.objects.filter(pk__in=list(old)).delete()
    if ask.audience is Audience.INTERNAL:
        # Personal data leaves the app: who asked for which internal report, and when.
        from dxtalent.web.audit.models import AuditEvent
        from dxtalent.web.audit.signals import record_bulk
        from dxtalent.web.people.models import Person

        record_bulk(
            organisation,
            Person,
            AuditEvent.Action.EXPORT,
            ask.kind,
            job.filename,
            {"report": [None, job.filename]},
        )
    jobs.enqueue("report", job.pk)
    if not connection.in_atomic_block:
        limit = WAIT_SECONDS if wait is None else wait
        jobs.wait(
            lambda: ReportJob.objects.filter(
                pk=job.pk, status__in=(ReportJob.Status.DONE, ReportJob.Status.FAILED)
            ).exists(),
            limit,
        )
    job.refresh_from_db()
    return job


def _step(pk: int, stage: str) -> None:
    ReportJob.objects.filter(pk=pk).update(
        status=ReportJob.Status.RUNNING, stage=stage, progress=STAGES[stage][0]
    )


def execute(pk: int) -> None:
    """Produce job `pk`'s report, recording each step; failed with the error's text if
    anything raises. A job deleted or already finished is left as it is."""
    job = ReportJob.objects.filter(pk=pk).select_related("organisation").first()
    if job is None or job.finished:
        return
    try:
        _step(pk, "load")
        ask = ReportRequest(
            kind=job.kind,
            audience=audience_of(job.audience),
            fmt=job.fmt,
            language=job.language,
            run=job.plan_run,
            policy_version=job.policy_version,
        )
        _step(pk, "build")
        with override(job.language):
            document = document_for(job.organisation, ask)
        _step(pk, "render")
        rendered = services.render(document, job.fmt)
        ReportJob.objects.filter(pk=pk).update(
            status=ReportJob.Status.DONE,
            progress=100,
            stage="",
            content=rendered.content,
            finished_at=timezone.now(),
        )
    except Exception as error:  # the job records why; the worker carries on
        logger.exception("report job %s failed", pk)
        ReportJob.objects.filter(pk=pk).update(
            status=ReportJob.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )


def refresh_stale(job: ReportJob) -> ReportJob:
    """Mark `job` failed if it has been running longer than STALE_AFTER (its worker died), so
    that its page stops polling and says so. A queued job waits for a worker however long."""
    if job.status == ReportJob.Status.RUNNING and timezone.now() - job.created_at > STALE_AFTER:
        ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
            status=ReportJob.Status.FAILED,
            error="interrupted: the server stopped before the report was made; ask again",
            finished_at=timezone.now(),
        )
        job.refresh_from_db(fields=["status", "error", "finished_at"])
    return job
