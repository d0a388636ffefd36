"""Report downloads: the diagnosis and a plan run as PDF or .docx, for the council (any member)
or internal (names and levels: editors only, 403 for viewers)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.reports import Audience, Document, UnknownAudienceError, audience_of
from dxtalent.web.downloads import download
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.planning.models import PlanRun
from dxtalent.web.reports import services


def _audience(request: HttpRequest, value: str) -> Audience:
    try:
        audience = audience_of(value)
    except UnknownAudienceError:
        raise Http404("no such report version") from None
    if audience is Audience.INTERNAL and not request.membership.can_edit:  # type: ignore[attr-defined]
        raise PermissionDenied(
            _("Only editors may produce the internal version, which names people and levels.")
        )
    return audience


def _done_run(request: HttpRequest, pk: int, fmt: str) -> tuple[Organisation, PlanRun]:
    """The organisation and its plan run `pk` with a result, for a report in `fmt`; 404 for
    an unknown format or a run that is not the organisation's or has no result."""
    if fmt not in services.FORMATS:
        raise Http404("no such report format")
    organisation = request.organisation  # type: ignore[attr-defined]
    run = PlanRun.objects.filter(
        organisation=organisation, pk=pk, status=PlanRun.Status.DONE
    ).first()
    if run is None:
        raise Http404("no plan run with a result")
    return organisation, run


def _download(document: Document, kind: str, request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in services.FORMATS:
        raise Http404("no such report format")
    rendered = services.render(document, fmt)
    name = services.filename(kind, request.organisation, document.audience, fmt)  # type: ignore[attr-defined]
    if document.audience is Audience.INTERNAL:
        # Personal data leaves the app: who produced which internal report, and when.
        from dxtalent.web.audit.models import AuditEvent
        from dxtalent.web.audit.signals import record_bulk
        from dxtalent.web.people.models import Person

        record_bulk(
            request.organisation,  # type: ignore[attr-defined]
            Person,
            AuditEvent.Action.EXPORT,
            kind,
            name,
            {"report": [None, name]},
        )
    return download(rendered.content, name, rendered.content_type)


@organisation_view()
def diagnosis(request: HttpRequest, audience: str, fmt: str) -> HttpResponse:
    chosen = _audience(request, audience)
    if fmt not in services.FORMATS:
        raise Http404("no such report format")
    document = services.diagnosis_report(
        request.organisation,  # type: ignore[attr-defined]
        chosen,
        get_language() or "ja",
    )
    return _download(document, "diagnosis", request, fmt)


@organisation_view()
def plan(request: HttpRequest, pk: int, audience: str, fmt: str) -> HttpResponse:
    chosen = _audience(request, audience)
    organisation, run = _done_run(request, pk, fmt)
    document = services.plan_report(organisation, run, chosen, get_language() or "ja")
    return _download(document, "plan", request, fmt)


@organisation_view()
def policy(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The talent policy's digital chapter (names no person: any member)."""
    organisation, run = _done_run(request, pk, fmt)
    document = services.policy_report(organisation, run, get_language() or "ja")
    return _download(document, "talent-policy", request, fmt)
