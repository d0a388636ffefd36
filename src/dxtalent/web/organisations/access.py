"""The one access check every view and API endpoint goes through.

Not a member of the organisation (or no such organisation): 404, so that nobody learns which
organisations exist behind the wall. A member whose role is too low for the action: 403.
Reading needs viewer, writing needs editor (or more where a view says so).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.web.organisations.models import Membership, Organisation, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AuthenticatedRequest(HttpRequest):
    """The request a view behind login_required receives: `user` is a signed-in user, never
    AnonymousUser.

    For annotations only: at run time the request is Django's own; nothing creates this class.
    """

    user: User


class OrganisationRequest(AuthenticatedRequest):
    """The request a view behind organisation_view receives: the user is a member of the
    organisation in the URL, with a role that reaches what the method needs.

    membership: that membership; organisation: its organisation (membership.organisation),
    both set by organisation_view. For annotations only, like AuthenticatedRequest.
    """

    membership: Membership
    organisation: Organisation


def membership_for(user: User | AnonymousUser, code: str, need: int = Role.VIEWER) -> Membership:
    """The user's membership of organisation `code`, if their role reaches `need`.

    Raises Http404 when the user is not a member (whether or not the organisation exists) and
    PermissionDenied when they are a member with a lower role.
    """
    if not user.is_authenticated or not user.is_active:
        raise Http404(_("No such organisation."))
    membership = (
        Membership.objects.select_related("organisation", "organisation__prefecture")
        .filter(user=user, organisation__code=code)
        .first()
    )
    if membership is None:
        raise Http404(_("No such organisation."))
    if membership.role < need:
        raise PermissionDenied(
            _("This needs the role {needed}; yours in {organisation} is {role}.").format(
                needed=Role(need).label,
                organisation=membership.organisation.name,
                role=membership.get_role_display(),
            )
        )
    return membership


def role_needed(method: str, write_role: int = Role.EDITOR) -> int:
    """Viewer for reading methods, `write_role` for the rest."""
    return Role.VIEWER if method.upper() in SAFE_METHODS else write_role


@dataclass(frozen=True)
class AggregateScope:
    """What a prefecture's member may read of its municipalities: aggregates of those in
    `municipalities` (of this prefecture, sharing with it), never a named person, a rating or
    a note. `membership` is the member's own, in the prefecture."""

    membership: Membership
    municipalities: tuple[Organisation, ...]

    @property
    def prefecture(self) -> Organisation:
        return self.membership.organisation


def aggregate_scope_for(
    user: User | AnonymousUser, code: str, need: int = Role.VIEWER
) -> AggregateScope:
    """The aggregate scope of prefecture `code` for `user`: membership as `membership_for`
    (404 not a member, 403 role too low), and 404 when the organisation is not a prefecture.
    The municipalities are those whose prefecture it is and whose administrator turned
    sharing on (dxtalent.web.pool.models.Sharing), by code."""
    membership = membership_for(user, code, need)
    if membership.organisation.kind != OrganisationKind.PREFECTURE.value:
        raise Http404(_("Only a prefecture reads aggregates of its municipalities."))
    municipalities = Organisation.objects.filter(
        prefecture=membership.organisation, pool_sharing__with_prefecture=True
    ).order_by("code")
    return AggregateScope(membership, tuple(municipalities))
