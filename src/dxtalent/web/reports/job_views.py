"""Reports through the job queue: a page asks for one (POST: any member for the council version,
editors for the internal one), the job's page shows its progress (htmx polls a fragment, as a
plan run's page polls its status) and then the download link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.reports import Audience, UnknownAudienceError
from dxtalent.web import downloads, jobs
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Role
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import policy_drafts, report_jobs, services
from dxtalent.web.reports.models import ReportJob


def _internal_allowed(request: OrganisationRequest, audience: Audience) -> None:
    if audience is Audience.INTERNAL and not request.membership.can_edit:
        raise PermissionDenied(
            _("Only editors may produce the internal version, which names people and levels.")
        )


def _bad(request: OrganisationRequest, message: str) -> HttpResponse:
    return render(request, "reports/job.html", {"error": message}, status=400)


# Asking for a council report is reading, so any member may; outside the request's
# transaction, so that the worker sees the job and the page can wait for it briefly.
@transaction.non_atomic_requests
@organisation_view(write_role=Role.VIEWER)
def start(request: OrganisationRequest) -> HttpResponse:
    """POST kind (diagnosis, plan, policy), audience, fmt, and run (a plan run's number) or
    version (the policy draft's version): queue the report and show its job."""
    if request.method != "POST":
        return redirect("reports-policy-draft", request.organisation.code)
    organisation = request.organisation
    try:
        kind, audience, fmt = report_jobs.checked(
            request.POST.get("kind", ""),
            request.POST.get("audience", "council"),
            request.POST.get("fmt", ""),
        )
    except (report_jobs.UnknownReportKindError, UnknownAudienceError) as error:
        return _bad(request, str(error))
    except services.UnknownReportFormatError as error:
        return _bad(request, str(error))
    _internal_allowed(request, audience)
    run = None
    run_field = request.POST.get("run", "")
    if run_field:
        run = PlanRun.objects.filter(
            organisation=organisation,
            pk=int(run_field) if run_field.isdigit() else 0,
            status=PlanRun.Status.DONE,
        ).first()
        if run is None:
            raise Http404("no plan run with a result")
    version = None
    version_field = request.POST.get("version", "")
    if version_field:
        draft = policy_drafts.draft_of(organisation)
        version = (
            policy_drafts.version_of(draft, int(version_field))
            if draft is not None and version_field.isdigit()
            else None
        )
        if version is None:
            raise Http404("no such version of the policy draft")
    ask = report_jobs.ReportRequest(
        kind=kind,
        audience=audience,
        fmt=fmt,
        language=get_language() or "ja",
        run=run,
        policy_version=version,
    )
    with transaction.atomic():
        job = report_jobs.request_report(organisation, request.user, ask, wait=0)
    jobs.wait(lambda: _finished(job.pk), report_jobs.WAIT_SECONDS)
    return redirect("reports-job", organisation.code, job.pk)


def _finished(pk: int) -> bool:
    return ReportJob.objects.filter(
        pk=pk, status__in=(ReportJob.Status.DONE, ReportJob.Status.FAILED)
    ).exists()


def _job(request: OrganisationRequest, pk: int) -> ReportJob:
    job = (
        ReportJob.objects.filter(organisation=request.organisation, pk=pk).defer("content").first()
    )
    if job is None:
        raise Http404("no such report job")
    _internal_allowed(request, Audience(job.audience))
    return report_jobs.refresh_stale(job)


@organisation_view()
def job(request: OrganisationRequest, pk: int) -> HttpResponse:
    found = _job(request, pk)
    return render(
        request,
        "reports/job.html",
        {"job": found, "stage_label": report_jobs.stage_label(found.stage)},
    )


@organisation_view()
def progress(request: OrganisationRequest, pk: int) -> HttpResponse:
    """The job's progress as a fragment (htmx swaps it in every second until it is done)."""
    found = _job(request, pk)
    return render(
        request,
        "reports/_job.html",
        {"job": found, "stage_label": report_jobs.stage_label(found.stage)},
    )


@organisation_view()
def download(request: OrganisationRequest, pk: int) -> HttpResponse:
    found = _job(request, pk)
    if found.status != ReportJob.Status.DONE:
        raise Http404("this report is not ready")
    content = ReportJob.objects.filter(pk=found.pk).values_list("content", flat=True).get()
    return downloads.download(bytes(content), found.filename, services.FORMATS[found.fmt])
