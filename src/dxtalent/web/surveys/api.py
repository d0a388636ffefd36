"""API for published survey tables and their audit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.files import UploadedFile

# ninja.Query and ninja.File are these functions at run time, but to mypy annotations (Query[T]).
from ninja.params.functions import File, Query

from dxtalent.core.i18n import LANGUAGE_PATTERN
from dxtalent.core.surveys import read_tables_csv, shipped_tables
from dxtalent.core.tabular import TableValidationError, TabularError
from dxtalent.web.api.schemas import answers
from dxtalent.web.organisations.access import AuthenticatedRequest
from dxtalent.web.surveys import exports, imports, services
from dxtalent.web.uploads import read_upload

router = Router(tags=["surveys"])


class AuditOut(Schema):
    rows: list[dict[str, Any]]


class SurveyOut(Schema):
    id: int
    title: str
    status: str
    created_at: str


class ImportedSurveyOut(Schema):
    id: int
    title: str
    respondents: int


class ImportedAnswersOut(Schema):
    survey: int
    imported: int


def _found(number: int | None) -> list[services.AuditedTable]:
    try:
        return services.audited(shipped_tables(), number)
    except KeyError as error:
        raise Http404(str(error.args[0])) from None


def _rows(found: list[services.AuditedTable], lang: str) -> list[dict[str, Any]]:
    return [
        {**row.verdict.to_dict(lang), "low": row.low, "high": row.high}
        for table in found
        for row in table.rows
    ]


def _language(language: str | None, lang: str | None) -> str:
    """The language asked for: `language=` as every other endpoint names it, else the
    former `lang=`, else Japanese."""
    return language or lang or "ja"


@router.get(
    "/surveys/published",
    response=answers(dict[str, Any]),
    summary="Nakagawa (2025) Tables 1–9 as published",
)
def published(
    request: HttpRequest,
    table: int | None = Query(None, ge=1),
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    lang: str | None = Query(
        None, pattern=LANGUAGE_PATTERN, deprecated=True, description="The former name of language"
    ),
) -> Any:
    lang = _language(language, lang)
    tables = shipped_tables()
    return {
        "source": tables.source,
        "tables": [
            {
                "table": t.table.number,
                "title": t.table.title.get(lang),
                "measure": t.table.measure.get(lang),
                "department": tables.departments[t.table.department].get(lang)
                if t.table.department
                else None,
                "denominator": t.table.denominator,
                "denominator_source": t.table.denominator_source,
                "rows": [
                    {
                        "row": r.verdict.row,
                        "item": r.verdict.item.get(lang),
                        "count": r.verdict.count,
                        "percent": r.verdict.percent,
                    }
                    for r in t.rows
                ],
            }
            for t in _found(table)
        ],
    }


@router.get(
    "/surveys/audit",
    response=answers(AuditOut),
    summary="The audit of the published tables: every row with consistent and reason",
)
def audit_published(
    request: HttpRequest,
    table: int | None = Query(None, ge=1),
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    lang: str | None = Query(
        None, pattern=LANGUAGE_PATTERN, deprecated=True, description="The former name of language"
    ),
) -> Any:
    return {"rows": _rows(_found(table), _language(language, lang))}


@router.post(
    "/surveys/audit",
    response=answers(AuditOut),
    summary="Audit your own tables: a CSV or Excel file with table, item, count, percent, "
    "denominator (nothing is stored)",
)
def audit_upload(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja's way of declaring an upload
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    lang: str | None = Query(
        None, pattern=LANGUAGE_PATTERN, deprecated=True, description="The former name of language"
    ),
) -> Any:
    try:
        tables = read_tables_csv(read_upload(file, "published-tables"), file.name or "tables.csv")
    except TabularError as error:
        raise _rejected(error) from None
    return {"rows": _rows(services.audited(tables), _language(language, lang))}


@router.get(
    "/organisations/{code}/surveys",
    response=answers(list[SurveyOut]),
    summary="The surveys the organisation runs",
)
def list_surveys(request: HttpRequest, code: str) -> Any:
    from dxtalent.web.organisations.access import membership_for
    from dxtalent.web.surveys.models import Survey

    organisation = membership_for(request.user, code).organisation
    return [
        {"id": s.pk, "title": s.title, "status": s.status, "created_at": s.created_at.isoformat()}
        for s in Survey.objects.filter(organisation=organisation)
    ]


@router.get(
    "/organisations/{code}/surveys/{survey_id}/results",
    response=answers(dict[str, Any]),
    summary="A survey's response rates and its results by department",
)
def survey_results(
    request: HttpRequest,
    code: str,
    survey_id: int,
    language: str | None = Query(None, pattern=LANGUAGE_PATTERN),
    lang: str | None = Query(
        None, pattern=LANGUAGE_PATTERN, deprecated=True, description="The former name of language"
    ),
) -> Any:
    from dxtalent.web.organisations.access import membership_for
    from dxtalent.web.surveys.models import Survey

    organisation = membership_for(request.user, code).organisation
    survey = Survey.objects.filter(organisation=organisation, pk=survey_id).first()
    if survey is None:
        raise Http404("no such survey")
    return exports.results_json(survey, _language(language, lang))


def _rejected(error: Exception) -> ValidationError:
    if isinstance(error, TableValidationError):
        return ValidationError({"file": [str(e) for e in error.errors]})
    return ValidationError({"file": [str(error)]})


@router.post(
    "/organisations/{code}/surveys/import",
    response=answers(ImportedSurveyOut),
    summary="Import a LimeSurvey, KoboToolbox/ODK or SPSS export as a closed survey",
)
def import_survey(
    request: AuthenticatedRequest,
    code: str,
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja's way of declaring an upload
    format: str | None = Query(None, pattern="^(limesurvey|kobo|spss)$"),
) -> Any:
    from dxtalent.web.organisations.access import membership_for
    from dxtalent.web.organisations.models import Role

    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    try:
        survey = imports.import_survey(
            organisation,
            request.user,
            read_upload(file, "survey-export"),
            file.name or "export",
            format,
        )
    except TabularError as error:
        raise _rejected(error) from None
    return {"id": survey.pk, "title": survey.title, "respondents": survey.imported.count()}


@router.post(
    "/organisations/{code}/surveys/{survey_id}/answers",
    response=answers(ImportedAnswersOut),
    summary="Import answers collected elsewhere into a survey (CSV or Excel, with a mapping)",
)
def import_answers(
    request: HttpRequest,
    code: str,
    survey_id: int,
    file: UploadedFile = File(...),  # noqa: B008 - django-ninja's way of declaring an upload
    mapping: str = Query(""),
    respondent_column: str = Query("respondent"),
    department_column: str = Query("department"),
) -> Any:
    from dxtalent.web.organisations.access import membership_for
    from dxtalent.web.organisations.models import Role
    from dxtalent.web.surveys.models import Survey

    organisation = membership_for(request.user, code, Role.EDITOR).organisation
    survey = Survey.objects.filter(organisation=organisation, pk=survey_id).first()
    if survey is None:
        raise Http404("no such survey")
    try:
        count = imports.import_answers(
            survey,
            read_upload(file, "survey-answers"),
            file.name or "answers.csv",
            mapping,
            respondent_column,
            department_column,
        )
    except TabularError as error:
        raise _rejected(error) from None
    return {"survey": survey.pk, "imported": count}
