"""API for organisations, members, invitations and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.web.api.schemas import In, Pagination, answers
from dxtalent.web.audit.models import AuditEvent
from dxtalent.web.concurrency import api_write
from dxtalent.web.organisations import services
from dxtalent.web.organisations.access import AuthenticatedRequest, membership_for
from dxtalent.web.organisations.models import Invitation, Membership, Organisation, Role
from dxtalent.web.organisations.views import directory_queryset

router = Router(tags=["organisations"])

ROLE_NAMES = {Role.VIEWER: "viewer", Role.EDITOR: "editor", Role.ADMIN: "admin"}
ROLE_VALUES = {name: value for value, name in ROLE_NAMES.items()}


class OrganisationOut(Schema):
    code: str
    name: str
    name_en: str
    kana: str
    kind: str
    prefecture_code: str | None
    is_synthetic: bool

    @staticmethod
    def resolve_prefecture_code(obj: Organisation) -> str | None:
        return obj.prefecture.code if obj.prefecture is not None else None


class MembershipOut(Schema):
    id: int
    username: str = Field(..., alias="user.username")
    email: str = Field(..., alias="user.email")
    role: str
    version: int = Field(..., description="saves so far: send it back to change the role")

    @staticmethod
    def resolve_role(obj: Membership) -> str:
        return ROLE_NAMES[Role(obj.role)]


class MyMembershipOut(Schema):
    organisation: OrganisationOut
    role: str

    @staticmethod
    def resolve_role(obj: Membership) -> str:
        return ROLE_NAMES[Role(obj.role)]


class MeOut(Schema):
    username: str
    email: str
    memberships: list[MyMembershipOut]


class OrganisationIn(In):
    db_model = Organisation

    code: str
    name: str
    kind: str = Field(..., description="research, association or other")
    name_en: str = ""
    kana: str = ""


class InvitationIn(In):
    db_model = Invitation

    email: str
    role: str = Field("viewer", pattern="^(viewer|editor|admin)$")


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    expires_at: datetime
    link: str


class RoleIn(In):
    role: str = Field(..., pattern="^(viewer|editor|admin)$")
    version: int | None = Field(
        None,
        ge=1,
        description="the version you read (the GET's ETag); a stale one is refused with 409. "
        "Or send it as If-Match (refused with 412). Left out: saved without a check.",
    )


class AuditEventOut(Schema):
    at: datetime
    actor: str
    action: str
    model: str
    object_id: str
    object_repr: str
    changes: dict[str, Any]


@router.get("/me", response=answers(MeOut), summary="The signed-in user and their organisations")
def me(request: AuthenticatedRequest) -> dict[str, Any]:
    user = request.user
    memberships = Membership.objects.filter(user=user).select_related(
        "organisation", "organisation__prefecture"
    )
    return {"username": user.get_username(), "email": user.email, "memberships": list(memberships)}


@router.get(
    "/organisations",
    response=answers(list[OrganisationOut]),
    summary="Search local governments and your organisations",
)
@paginate(Pagination)
def search_organisations(
    request: HttpRequest, q: str = Query("", description="name, kana or code")
) -> Any:
    return directory_queryset(request.user, q)


@router.post(
    "/organisations",
    response=answers(OrganisationOut, 201),
    summary="Create a research centre, association or other organisation",
)
def create_organisation(
    request: AuthenticatedRequest, payload: OrganisationIn
) -> Status[Organisation]:
    organisation = services.create_organisation(user=request.user, **payload.dict())
    return Status(201, organisation)


@router.get(
    "/organisations/{code}", response=answers(OrganisationOut), summary="One of your organisations"
)
def get_organisation(request: HttpRequest, code: str) -> Organisation:
    return membership_for(request.user, code).organisation


@router.get(
    "/organisations/{code}/members",
    response=answers(list[MembershipOut]),
    summary="Members (administrators only)",
)
def list_members(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    return organisation.memberships.select_related("user").order_by("-role", "user__username")


@router.post(
    "/organisations/{code}/invitations",
    response=answers(InvitationOut, 201),
    summary="Invite someone by email",
)
def create_invitation(
    request: HttpRequest, code: str, payload: InvitationIn
) -> Status[dict[str, Any]]:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    invitation, link = services.invite(
        organisation=organisation,
        email=payload.email,
        role=ROLE_VALUES[payload.role],
        invited_by=request.user,
        base_url=request.build_absolute_uri("/"),
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "email": invitation.email,
            "role": payload.role,
            "expires_at": invitation.expires_at,
            "link": link,
        },
    )


@router.patch(
    "/organisations/{code}/members/{member_id}",
    response=answers(MembershipOut, extra=(409, 412)),
    summary="Change a member's role",
)
def update_member(request: HttpRequest, code: str, member_id: int, payload: RoleIn) -> Membership:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=member_id, organisation=organisation
    )
    try:
        with api_write(request, payload.version) as read:
            return services.change_role(membership, ROLE_VALUES[payload.role], read)
    except services.LastAdminError as error:
        from django.core.exceptions import ValidationError

        raise ValidationError({"role": [str(error)]}) from None


@router.delete(
    "/organisations/{code}/members/{member_id}",
    response=answers(None, 204),
    summary="Remove a member",
)
def delete_member(request: HttpRequest, code: str, member_id: int) -> Status[None]:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    membership = get_object_or_404(Membership, pk=member_id, organisation=organisation)
    try:
        services.remove_member(membership)
    except services.LastAdminError as error:
        from django.core.exceptions import ValidationError

        raise ValidationError({"member_id": [str(error)]}) from None
    return Status(204, None)


@router.get(
    "/organisations/{code}/audit",
    response=answers(list[AuditEventOut]),
    summary="Audit trail (administrators only)",
)
@paginate(Pagination)
def audit_trail(request: HttpRequest, code: str) -> Any:
    organisation = membership_for(request.user, code, Role.ADMIN).organisation
    return AuditEvent.objects.filter(organisation=organisation)
