"""API for interview projects: list, import and export REFI-QDA projects, read their codings
and the agreement of any coders."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.files import UploadedFile

# ninja.Query and ninja.File are these functions at run time, but to mypy annotations (Query[T]).
from ninja.params.functions import File, Query

from dxtalent.core.interviews.codebook import CodebookError
from dxtalent.web.api.schemas import answers
from dxtalent.web.downloads import download
from dxtalent.web.interviews import services
from dxtalent.web.interviews.models import InterviewProject
from dxtalent.web.organisations.access import membership_for
from dxtalent.web.organisations.models import Role
from dxtalent.web.uploads import read_upload

router = Router(tags=["interviews"])


class ProjectOut(Schema):
    id: int
    name: str
    origin: str
    created_at: str
    sources: int
    codes: int
    coders: int
    codings: int


class ImportedProjectOut(Schema):
    id: int
    name: str
    notes: list[str]


class CodingOut(Schema):
    source: str
    start: int
    end: int
    code: str
    coder: str | None
    text: str


class AlphaOut(Schema):
    code: str | None
    alpha: float | None
    interval: tuple[float, float] | None
    pairable_units: int
    pairable_values: int
    fleiss_kappa: float | None


class AgreementOut(Schema):
    unit: str
    metric: str
    coders: list[str]
    results: list[AlphaOut]


def _project(request: HttpRequest, code: str, project_id: int) -> InterviewProject:
    organisation = membership_for(request.user, code).organisation
    project = InterviewProject.objects.filter(organisation=organisation, pk=project_id).first()
    if project is None:
        raise Http404("no such interview project")
    return project


def _out(project: InterviewProject) -> dict[str, Any]:
    return {
        "id": project.pk,
        "name": project.name,
        "origin": project.origin,
        "created_at": project.created_at.isoformat(),
        "sources": project.sources.count(),
        "codes": project.codes.count(),
        "coders": project.coders.count(),
        "codings": project.codings.count(),
    }


@router.get(
    "/organisations/{code}/interviews",
    response=answers(list[ProjectOut]),
    summary="The organisation's interview projects",
)
def list_projects(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code).organisation
    return [_out(p) for p in InterviewProject.objects.filter(organisation=organisation)]


@router.post(
    "/organisations/{code}/interviews/import",
    response=answers(ImportedProjectOut, 201),
    summary="Import a REFI-QDA project (.qdpx or project.qde); all or nothing",
)
def import_project(request: HttpRequest, code: str, file: UploadedFile = File(...)) -> Any:  # noqa: B008
    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    try:
        project, notes = services.import_project(
            organisation, read_upload(file, "qdpx"), file.name or "project.qdpx"
        )
    except CodebookError as error:
        raise ValidationError({"file": [str(error)]}) from None
    return 201, {"id": project.pk, "name": project.name, "notes": notes}


@router.get(
    "/organisations/{code}/interviews/{project_id}/export",
    response=answers(bytes),
    summary="The project as a REFI-QDA .qdpx file",
)
def export_project(request: HttpRequest, code: str, project_id: int) -> HttpResponse:
    from dxtalent.core.interviews.project import project_to_qdpx

    project = _project(request, code, project_id)
    return download(project_to_qdpx(services.to_core(project)), f"project-{project.pk}.qdpx")


@router.get(
    "/organisations/{code}/interviews/{project_id}/codings",
    response=answers(list[CodingOut]),
    summary="Every coded passage: transcript, position (code points), code and coder by name",
)
def list_codings(request: HttpRequest, code: str, project_id: int) -> Any:
    project = _project(request, code, project_id)
    return [
        {
            "source": c.source.name,
            "start": c.start,
            "end": c.end,
            "code": c.code.name,
            "coder": c.coder.name if c.coder else None,
            "text": c.excerpt,
        }
        for c in project.codings.select_related("source", "code", "coder")
    ]


@router.get(
    "/organisations/{code}/interviews/{project_id}/agreement",
    response=answers(AgreementOut),
    summary="Krippendorff's alpha of two or more coders, per code and over all codes",
)
def coders_agreement(
    request: HttpRequest,
    code: str,
    project_id: int,
    coder: list[str] = Query(..., description="Coders' names; two or more"),  # noqa: B008
    unit: str = Query("character", pattern="^(character|paragraph)$"),
) -> Any:
    project = _project(request, code, project_id)
    chosen = list(project.coders.filter(name__in=coder))
    unknown = sorted(set(coder) - {c.name for c in chosen})
    if unknown:
        known = ", ".join(sorted(project.coders.values_list("name", flat=True)))
        raise ValidationError(
            {"coder": [f"No coder {', '.join(unknown)} in this project; coders: {known}"]}
        )
    if len(chosen) < 2:
        raise ValidationError({"coder": ["Give two or more different coders."]})
    rows = services.coders_agreement(project, chosen, unit=unit)
    return {
        "unit": unit,
        "metric": "nominal",
        "coders": [c.name for c in chosen],
        "results": [
            {
                "code": r.code,
                "alpha": None if r.result is None else r.result.alpha,
                "interval": None if r.result is None else r.result.interval,
                "pairable_units": 0 if r.result is None else r.result.units,
                "pairable_values": 0 if r.result is None else r.result.pairable_values,
                "fleiss_kappa": r.fleiss,
            }
            for r in rows
        ],
    }
