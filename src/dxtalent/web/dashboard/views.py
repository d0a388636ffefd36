"""The home page and each organisation's dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language

from dxtalent.core.calendar import fiscal_year_end, fiscal_year_of, format_moment
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.audit.services import readable_events
from dxtalent.web.dashboard.services import overview
from dxtalent.web.organisations.access import AuthenticatedRequest, OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.models import Membership, Role


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    memberships = list(
        Membership.objects.filter(user=request.user).select_related(
            "organisation", "organisation__prefecture"
        )
    )
    # The organisation switcher in the header submits its choice here (?code=): a form with a
    # button, not a select that navigates on change (WCAG 3.2.2). A code the user is not a
    # member of falls through to the list, as if none were chosen.
    chosen = request.GET.get("code", "")
    for membership in memberships:
        if chosen and membership.organisation.code == chosen:
            return redirect("dashboard-organisation", code=chosen)
    if len(memberships) == 1:
        return redirect("dashboard-organisation", code=memberships[0].organisation.code)
    return render(request, "dashboard/home.html", {"memberships": memberships})


@organisation_view()
def organisation(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    membership = request.membership
    today = timezone.localdate()
    year = fiscal_year_of(today)
    role_counts = dict(
        organisation.memberships.values_list("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    context = {
        "overview": overview(organisation, today, get_language() or "ja"),
        "fiscal_year": year,
        "days_left_in_fiscal_year": (fiscal_year_end(year) - today).days,
        "role_counts": [
            (Role(role).label, role_counts.get(role, 0))
            for role in (Role.ADMIN, Role.EDITOR, Role.VIEWER)
        ],
        "member_total": sum(role_counts.values()),
        "recent_events": (
            [
                (row, format_moment(row.at, get_language() or "ja"))
                for row in readable_events(
                    AuditEvent.objects.filter(organisation=organisation).select_related("user")[:10]
                )
            ]
            if membership.can_admin
            else None
        ),
    }
    return render(request, "dashboard/organisation.html", context)
