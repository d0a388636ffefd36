"""API for reports: the diagnosis, a plan or the talent policy chapter as PDF or .docx, for the
council (any member) or internal (names and levels: editors only), returned at once or
produced through the job queue (ask, poll the job's progress, fetch the file)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema, Status

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.core.i18n import UnknownLanguageError, check_language
from dxtalent.core.reports import Audience, UnknownAudienceError
from dxtalent.web.api.schemas import In, answers
from dxtalent.web.downloads import download
from dxtalent.web.organisations.access import membership_for
from dxtalent.web.organisations.models import Membership, Organisation, Role
from dxtalent.web.people.models import Person
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import person as sheets
from dxtalent.web.reports import policy_drafts, report_jobs, research, services
from dxtalent.web.reports.models import PolicyDraftVersion, ReportJob

router = Router(tags=["reports"])


class ReportRequestError(Exception):
    """A report asked for with a bad value: 400 naming where (loc) and what is accepted."""

    def __init__(self, loc: list[str], message: str) -> None:
        self.loc = loc
        super().__init__(message)


class ReportJobIn(In):
    kind: str = Field(..., description="diagnosis, plan or policy")
    audience: str = Field("council", description="council (no names) or internal (editors)")
    format: str = Field("pdf", description="pdf or docx")
    language: str = Field("ja", description="ja or en")
    run: int | None = Field(None, description="the plan run (plan, policy); default the newest")
    version: int | None = Field(None, description="the policy draft's version to export")


class ReportJobOut(Schema):
    id: int
    kind: str
    audience: str
    format: str
    status: str = Field(..., description="queued, running, done or failed")
    progress: int = Field(..., description="0–100")
    stage: str = Field(..., description="load, build or render while running")
    error: str
    filename: str
    file: str | None = Field(None, description="where to fetch the file, once done")


def _checked(
    membership: Membership, kind: str, audience: str, fmt: str, body: bool = False
) -> tuple[str, Audience, str]:
    """kind, audience and format checked (400 naming the one that is wrong and what is
    accepted), then the role: the internal version is for editors (403)."""
    try:
        checked = report_jobs.checked(kind, audience, fmt)
    except report_jobs.UnknownReportKindError as error:
        raise ReportRequestError(["body" if body else "query", "kind"], str(error)) from None
    except UnknownAudienceError as error:
        raise ReportRequestError(["body" if body else "query", "audience"], str(error)) from None
    except services.UnknownReportFormatError as error:
        raise ReportRequestError(["body" if body else "query", "format"], str(error)) from None
    if checked[1] is Audience.INTERNAL and not membership.can_edit:
        raise PermissionDenied(
            "Only editors may produce the internal version, which names people and levels."
        )
    return checked


def _run(organisation: Organisation, run: int | None) -> PlanRun | None:
    if run is None:
        return services.latest_run(organisation)
    found = PlanRun.objects.filter(
        organisation=organisation, pk=run, status=PlanRun.Status.DONE
    ).first()
    if found is None:
        raise Http404(f"no plan run {run} with a result")
    return found


def _version(organisation: Organisation, number: int | None) -> PolicyDraftVersion | None:
    if number is None:
        return None
    draft = policy_drafts.draft_of(organisation)
    found = policy_drafts.version_of(draft, number) if draft is not None else None
    if found is None:
        raise Http404(f"no version {number} of the policy draft")
    return found


def _language(value: str, body: bool = False) -> str:
    """The report's language (core.i18n.LANGUAGES); 400 naming the value and the accepted
    ones otherwise."""
    try:
        return check_language(value)
    except UnknownLanguageError as error:
        raise ReportRequestError(["body" if body else "query", "language"], str(error)) from None


def _out(job: ReportJob) -> dict[str, Any]:
    return {
        "id": job.pk,
        "kind": job.kind,
        "audience": job.audience,
        "format": job.fmt,
        "status": job.status,
        "progress": job.progress,
        "stage": job.stage,
        "error": job.error,
        "filename": job.filename,
        "file": reverse(
            "api:report_job_file", kwargs={"code": job.organisation.code, "job_id": job.pk}
        )
        if job.status == ReportJob.Status.DONE
        else None,
    }


@router.post(
    "/organisations/{code}/reports/jobs",
    response=answers(ReportJobOut, 201),
    summary="Produce a report through the job queue; poll the job, then fetch its file",
)
def start_job(request: HttpRequest, code: str, payload: ReportJobIn) -> Any:
    membership = membership_for(request.user, code)
    organisation = membership.organisation
    kind, chosen, fmt = _checked(
        membership, payload.kind, payload.audience, payload.format, body=True
    )
    ask = report_jobs.ReportRequest(
        kind=kind,
        audience=chosen,
        fmt=fmt,
        language=_language(payload.language, body=True),
        run=_run(organisation, payload.run) if kind != "diagnosis" else None,
        policy_version=_version(organisation, payload.version) if kind == "policy" else None,
    )
    job = report_jobs.request_report(organisation, request.user, ask)
    return Status(201, _out(job))


def _job(request: HttpRequest, code: str, job_id: int) -> ReportJob:
    membership = membership_for(request.user, code)
    job = (
        ReportJob.objects.filter(organisation=membership.organisation, pk=job_id)
        .defer("content")
        .select_related("organisation")
        .first()
    )
    if job is None:
        raise Http404(f"no report job {job_id}")
    if job.audience == Audience.INTERNAL.value and not membership.can_edit:
        raise PermissionDenied("Only editors may fetch an internal report.")
    return job


@router.get(
    "/organisations/{code}/reports/jobs/{job_id}",
    response=answers(ReportJobOut),
    summary="A report job's status and progress",
)
def job_status(request: HttpRequest, code: str, job_id: int) -> Any:
    return _out(_job(request, code, job_id))


@router.get(
    "/organisations/{code}/reports/jobs/{job_id}/file",
    response=answers(bytes),
    summary="The file of a finished report job",
    url_name="report_job_file",
)
def job_file(request: HttpRequest, code: str, job_id: int) -> HttpResponse:
    job = _job(request, code, job_id)
    if job.status != ReportJob.Status.DONE:
        raise Http404(f"report job {job_id} is {job.status}, not done")
    content = ReportJob.objects.filter(pk=job.pk).values_list("content", flat=True).get()
    return download(bytes(content), job.filename, services.FORMATS[job.fmt])


@router.get(
    "/organisations/{code}/reports",
    response=answers(bytes),
    summary="A report (diagnosis, plan or policy) as PDF or .docx, returned at once; "
    "internal version for editors only",
)
def report(
    request: HttpRequest,
    code: str,
    kind: str = Query(..., description="diagnosis, plan or policy"),
    audience: str = Query("council"),
    format: str = Query("pdf"),
    language: str = Query("ja"),
    run: int | None = Query(None),
    version: int | None = Query(None),
) -> HttpResponse:
    membership = membership_for(request.user, code)
    organisation = membership.organisation
    kind, chosen, fmt = _checked(membership, kind, audience, format)
    ask = report_jobs.ReportRequest(
        kind=kind,
        audience=chosen,
        fmt=fmt,
        language=_language(language),
        run=_run(organisation, run) if kind != "diagnosis" else None,
        policy_version=_version(organisation, version) if kind == "policy" else None,
    )
    from django.utils.translation import override

    with override(ask.language):
        document = report_jobs.document_for(organisation, ask)
    name = report_jobs.filename_for(organisation, ask)
    if chosen is Audience.INTERNAL:
        from dxtalent.web.audit.models import AuditEvent
        from dxtalent.web.audit.signals import record_bulk
        from dxtalent.web.people.models import Person

        record_bulk(
            organisation, Person, AuditEvent.Action.EXPORT, kind, name, {"report": [None, name]}
        )
    return services.attachment(document, fmt, name)


def _format(value: str) -> str:
    if value not in services.FORMATS:
        raise ReportRequestError(
            ["query", "format"], f'format "{value}" is not known; "pdf" or "docx" is accepted'
        )
    return value


@router.get(
    "/organisations/{code}/surveys/{survey_id}/report",
    response=answers(bytes),
    summary="A survey's results as a report (PDF or .docx); names no person",
)
def survey_report(
    request: HttpRequest,
    code: str,
    survey_id: int,
    format: str = Query("pdf", description="pdf or docx"),
    language: str = Query("ja", description="ja or en"),
) -> HttpResponse:
    organisation = membership_for(request.user, code).organisation
    fmt = _format(format)
    found = research.survey_of(organisation, survey_id)
    if found is None:
        raise Http404(f"no survey {survey_id}")
    document = research.survey_report(found, _language(language))
    return services.attachment(document, fmt, f"survey-{organisation.code}-{found.pk}.{fmt}")


@router.get(
    "/organisations/{code}/interviews/{project_id}/joint/report",
    response=answers(bytes),
    summary="The joint display of survey and interviews as a report (PDF or .docx)",
)
def joint_report(
    request: HttpRequest,
    code: str,
    project_id: int,
    format: str = Query("pdf", description="pdf or docx"),
    language: str = Query("ja", description="ja or en"),
    survey: int | None = Query(
        None, description="survey whose figures to show (default: the paper's published tables)"
    ),
    attribute: str = Query("", description="case attribute to group the cases by"),
) -> HttpResponse:
    organisation = membership_for(request.user, code).organisation
    fmt = _format(format)
    project = research.project_of(organisation, project_id)
    if project is None:
        raise Http404(f"no interview project {project_id}")
    figures = None
    if survey is not None:
        figures = research.survey_of(organisation, survey)
        if figures is None:
            raise Http404(f"no survey {survey}")
    document = research.joint_report(project, figures, attribute, _language(language))
    return services.attachment(
        document, fmt, f"joint-display-{organisation.code}-{project.pk}.{fmt}"
    )


@router.get(
    "/organisations/{code}/people/{person_id}/sheet",
    response=answers(bytes),
    summary="A person's development sheet (個人別育成計画) as PDF or .docx; editors only, "
    "each production recorded in the audit trail",
)
def development_sheet(
    request: HttpRequest,
    code: str,
    person_id: int,
    format: str = Query("pdf", description="pdf or docx"),
    language: str = Query("ja", description="ja or en"),
) -> HttpResponse:
    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    fmt = _format(format)
    found = Person.objects.filter(organisation=organisation, pk=person_id).first()
    if found is None:
        raise Http404(f"no person {person_id}")
    document = sheets.person_report(organisation, found, _language(language))
    name = sheets.sheet_filename(organisation, found, fmt)
    response = services.attachment(document, fmt, name)
    sheets.record_production(organisation, found, name)
    return response
