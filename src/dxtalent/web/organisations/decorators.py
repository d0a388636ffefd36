"""View decorator that resolves the organisation in the URL through access.membership_for."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from dxtalent.web.organisations.access import OrganisationRequest, membership_for, role_needed
from dxtalent.web.organisations.models import Role

P = ParamSpec("P")
# A view as written: it takes the OrganisationRequest, then the URL's other arguments.
OrganisationView = Callable[Concatenate[OrganisationRequest, P], HttpResponse]
# The same view as the URL conf calls it: Django's request and the organisation's code first
# (by name: the URL conf passes `code=`, which Concatenate cannot say).
View = Callable[..., HttpResponse]


def organisation_view(
    write_role: int = Role.EDITOR, read_role: int = Role.VIEWER
) -> Callable[[OrganisationView[P]], View]:
    """Wrap a view taking `code`: sets request.membership and request.organisation, so that the
    view receives an OrganisationRequest.

    GET and HEAD need `read_role` (viewer unless said otherwise), other methods `write_role`.
    """

    def decorate(view: OrganisationView[P]) -> View:
        @login_required
        @functools.wraps(view)
        def wrapped(
            request: HttpRequest, code: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            need = max(role_needed(request.method or "GET", write_role), read_role)
            membership = membership_for(request.user, code, need)
            # The same request, from here on with the attributes OrganisationRequest declares.
            member_request = cast(OrganisationRequest, request)
            member_request.membership = membership
            member_request.organisation = membership.organisation
            return view(member_request, *args, **kwargs)

        return wrapped

    return decorate
