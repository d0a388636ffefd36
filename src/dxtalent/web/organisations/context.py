"""Template context for the organisation switcher in the navigation bar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

import dxtalent
from dxtalent.web.organisations.models import Membership


def organisation_switcher(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"DXTALENT_VERSION": dxtalent.__version__}
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("organisation", "organisation__prefecture")
        .order_by("organisation__code")
    )
    return {
        "my_memberships": memberships,
        "current_organisation": getattr(request, "organisation", None),
        "current_membership": getattr(request, "membership", None),
        "DXTALENT_VERSION": dxtalent.__version__,
    }
