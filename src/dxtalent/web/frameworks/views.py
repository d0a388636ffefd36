"""The skill framework pages: the shipped frameworks and the organisation's copies, one
framework's skills, roles and targets, copying a framework and changing a copy's targets.

Each view: access check (organisation_view), one service call, render. The services and the
models are the people app's (frameworks are what people are assessed against).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.web.frameworks import services as framework_services
from dxtalent.web.organisations.access import OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.organisations.models import Role as MemberRole
from dxtalent.web.people import services
from dxtalent.web.people.frameworks import crosswalks_touching
from dxtalent.web.people.models import Framework


def _org(request: OrganisationRequest) -> Organisation:
    return request.organisation


def _is_editor(request: OrganisationRequest) -> bool:
    return request.membership.role >= MemberRole.EDITOR


def _framework(request: OrganisationRequest, pk: int) -> Framework:
    """A framework the organisation may see (shipped or its own copy); 404 otherwise."""
    return get_object_or_404(services.frameworks_for(_org(request)), pk=pk)


@organisation_view()
def frameworks(request: OrganisationRequest) -> HttpResponse:
    return render(
        request, "frameworks/list.html", {"frameworks": services.frameworks_for(_org(request))}
    )


@organisation_view()
def framework_detail(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    framework = _framework(request, pk)
    return render(
        request,
        "frameworks/detail.html",
        {
            "framework": framework,
            "table": framework_services.framework_table(framework),
            "anchors": framework_services.anchors_of(framework),
            "editable": framework.organisation_id == organisation.pk and _is_editor(request),
            "crosswalks": crosswalks_touching(
                framework.based_on.code if framework.based_on else framework.code,
                get_language() or "ja",
            ),
        },
    )


@require_POST
@organisation_view()
def framework_copy(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    framework = _framework(request, pk)
    copy = framework_services.copy_framework(organisation, framework)
    messages.success(
        request,
        _("A copy of {name} was made for {organisation}; you can now adjust its targets.").format(
            name=framework_services.name_in_language(framework), organisation=organisation.name
        ),
    )
    return redirect("people-framework-detail", code=organisation.code, pk=copy.pk)


@require_POST
@organisation_view()
def framework_targets(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = _org(request)
    framework = get_object_or_404(Framework, organisation=organisation, pk=pk)
    try:
        changed = framework_services.set_targets(framework, request.POST)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("{count} targets were changed.").format(count=changed))
    return redirect("people-framework-detail", code=organisation.code, pk=framework.pk)
