"""Downloads of the survey results report, the joint display report (any member: they name
no person) and the per-person development sheet (names and levels: editors only; each
production recorded in the audit trail)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.utils.translation import get_language

from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Role
from dxtalent.web.people.models import Person
from dxtalent.web.reports import person as sheets
from dxtalent.web.reports import research
from dxtalent.web.reports.services import FORMATS, attachment
from dxtalent.web.surveys.models import Survey


def _checked(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404("no such report format")
    return fmt


@organisation_view()
def survey(request: OrganisationRequest, pk: int, fmt: str) -> HttpResponse:
    """A survey's results as PDF or .docx."""
    _checked(fmt)
    found = research.survey_of(request.organisation, pk)
    if found is None:
        raise Http404("no such survey")
    document = research.survey_report(found, get_language() or "ja")
    return attachment(document, fmt, f"survey-{request.organisation.code}-{found.pk}.{fmt}")


@organisation_view()
def joint(request: OrganisationRequest, pk: int, fmt: str) -> HttpResponse:
    """The joint display of an interview project as PDF or .docx, with the page's choices
    (?survey=ID&attribute=NAME)."""
    _checked(fmt)
    project = research.project_of(request.organisation, pk)
    if project is None:
        raise Http404("no such project")
    chosen = request.GET.get("survey", "")
    figures = (
        Survey.objects.filter(organisation=request.organisation, pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    document = research.joint_report(
        project, figures, request.GET.get("attribute", ""), get_language() or "ja"
    )
    return attachment(document, fmt, f"joint-display-{request.organisation.code}-{pk}.{fmt}")


@organisation_view(read_role=Role.EDITOR)
def person(request: OrganisationRequest, pk: int, fmt: str) -> HttpResponse:
    """A person's development sheet (editors only: it names the person and their levels)."""
    _checked(fmt)
    organisation = request.organisation
    found = Person.objects.filter(organisation=organisation, pk=pk).first()
    if found is None:
        raise Http404("no such person")
    document = sheets.person_report(organisation, found, get_language() or "ja")
    name = sheets.sheet_filename(organisation, found, fmt)
    response = attachment(document, fmt, name)
    sheets.record_production(organisation, found, name)
    return response
