"""View decorator that resolves the organisation in the URL through access.membership_for."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from dxtalent.web.organisations.access import membership_for, role_needed
from dxtalent.web.organisations.models import Role

View = Callable[..., HttpResponse]


def organisation_view(
    write_role: int = Role.EDITOR, read_role: int = Role.VIEWER
) -> Callable[[View], View]:
    """Wrap a view taking `code`: sets request.membership and request.organisation.

    GET and HEAD need `read_role` (viewer unless said otherwise), other methods `write_role`.
    """

    def decorate(view: View) -> View:
        @login_required
        @functools.wraps(view)
        def wrapped(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            need = max(role_needed(request.method or "GET", write_role), read_role)
            membership = membership_for(request.user, code, need)
            request.membership = membership  # type: ignore[attr-defined]
            request.organisation = membership.organisation  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
