"""Organisation directory, creation, members, invitations and the audit trail."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.core.calendar import format_moment
from dxtalent.core.organisations.codes import OrganisationKind
from dxtalent.core.records import StaleRecordError
from dxtalent.web.concurrency import stale_message
from dxtalent.web.organisations.access import AuthenticatedRequest, OrganisationRequest
from dxtalent.web.organisations.decorators import organisation_view
from dxtalent.web.organisations.forms import (
    AddPersonForm,
    InviteForm,
    OrganisationForm,
    RoleForm,
    SearchForm,
)
from dxtalent.web.organisations.models import (
    INVITATION_DAYS,
    Invitation,
    Membership,
    Organisation,
    OrganisationQuerySet,
    Role,
)
from dxtalent.web.organisations.services import (
    LastAdminError,
    change_role,
    create_organisation,
    invite,
    remove_member,
)


def directory_queryset(user: object, text: str) -> OrganisationQuerySet:
    """Local governments (public facts from the national list) plus the other organisations
    the user belongs to; nobody finds a research centre or a demo city they are not in."""
    visible = Q(
        kind__in=[k.value for k in OrganisationKind if k.is_local_government], is_synthetic=False
    )
    visible |= Q(memberships__user=user)
    return Organisation.objects.filter(visible).distinct().select_related("prefecture").search(text)


@login_required
def directory(request: AuthenticatedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(directory_queryset(request.user, text), 50).get_page(request.GET.get("page"))
    template = (
        "organisations/_results.html"
        if request.headers.get("HX-Request")
        else "organisations/directory.html"
    )
    # The organisations the reader belongs to open on their page; the others are public facts
    # only (their pages answer 404 to a non-member), so they are not links.
    member_of = set(
        Organisation.objects.filter(memberships__user=request.user).values_list("code", flat=True)
    )
    response = render(
        request, template, {"form": form, "page": page, "q": text, "member_of": member_of}
    )
    patch_vary_headers(response, ["HX-Request"])  # the same URL answers a fragment or a page
    return response


@login_required
def create(request: AuthenticatedRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = create_organisation(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("{name} was created; you are its administrator.").format(name=organisation.name),
            )
            return redirect("dashboard-organisation", code=organisation.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "organisations/create.html", {"form": form}, status=status)


def _members_page(
    request: HttpRequest,
    organisation: Organisation,
    invite_form: InviteForm | None = None,
    add_form: AddPersonForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The members page, with the invitation and add-a-person forms (bound when they failed)."""
    return render(
        request,
        "organisations/members.html",
        {
            "memberships": organisation.memberships.select_related("user").order_by(
                "-role", "user__username"
            ),
            "invitations": organisation.invitations.pending(),
            "invite_form": invite_form or InviteForm(auto_id="invite-%s"),
            "add_form": add_form or AddPersonForm(auto_id="add-%s"),
            "roles": Role.choices,
            "invitation_days": INVITATION_DAYS,
        },
        status=status,
    )


@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def members(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    return _members_page(request, organisation)


@require_POST
@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def invite_member(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = InviteForm(request.POST, auto_id="invite-%s")
    if form.is_valid():
        try:
            _invitation, link = invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("email", message)
        else:
            messages.success(
                request,
                _(
                    "An invitation was sent to {email}. You can also pass on this link: {link}"
                ).format(email=form.cleaned_data["email"], link=link),
            )
            return redirect("organisations-members", code=organisation.code)
    return _members_page(request, organisation, invite_form=form, status=400)


@require_POST
@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def add_person(request: OrganisationRequest) -> HttpResponse:
    organisation = request.organisation
    form = AddPersonForm(request.POST, auto_id="add-%s")
    if form.is_valid():
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=password,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
            Membership.objects.create(
                organisation=organisation, user=user, role=form.cleaned_data["role"]
            )
        messages.success(
            request,
            _(
                "Account {username} was created with the temporary password {password} — pass it on safely; "
                "they should change it after their first login."
            ).format(username=user.username, password=password),
        )
        return redirect("organisations-members", code=organisation.code)
    return _members_page(request, organisation, add_form=form, status=400)


@require_POST
@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def member_role(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles viewer, editor or administrator."))
    else:
        wanted = form.cleaned_data["role"]
        try:
            change_role(membership, wanted, form.cleaned_data["version"])
        except LastAdminError as error:
            messages.error(request, str(error))
        except StaleRecordError:
            membership.refresh_from_db()
            messages.error(
                request,
                stale_message(
                    str(membership),
                    [(str(_("Role")), str(Role(wanted).label), membership.get_role_display())],
                    in_form=False,
                ),
            )
        else:
            messages.success(
                request,
                _("{user} is now {role}.").format(
                    user=membership.user.username, role=membership.get_role_display()
                ),
            )
    return redirect("organisations-members", code=organisation.code)


@require_POST
@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def member_remove(request: OrganisationRequest, pk: int) -> HttpResponse:
    organisation = request.organisation
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        remove_member(membership)
    except LastAdminError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("{user} was removed from {organisation}.").format(
                user=membership.user.username, organisation=organisation.name
            ),
        )
    return redirect("organisations-members", code=organisation.code)


@require_POST
@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def invitation_revoke(request: OrganisationRequest, pk: int) -> HttpResponse:
    from django.utils import timezone

    organisation = request.organisation
    invitation = get_object_or_404(Invitation.objects.pending(), pk=pk, organisation=organisation)
    invitation.revoked_at = timezone.now()
    invitation.save()
    messages.success(
        request, _("The invitation to {email} was revoked.").format(email=invitation.email)
    )
    return redirect("organisations-members", code=organisation.code)


# A page of the trail: an event that creates a record lists each of its fields.
AUDIT_EVENTS_PER_PAGE = 25


@organisation_view(write_role=Role.ADMIN, read_role=Role.ADMIN)
def audit(request: OrganisationRequest) -> HttpResponse:
    from dxtalent.web.audit import services as audit_services
    from dxtalent.web.organisations.forms import AuditFilterForm

    organisation = request.organisation
    actors, kinds = audit_services.choices(organisation)
    form = AuditFilterForm(request.GET or None, actors=actors, kinds=kinds)
    chosen = form.chosen() if form.is_valid() else audit_services.AuditFilter()
    page = Paginator(audit_services.events(organisation, chosen), AUDIT_EVENTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    language = get_language() or "ja"
    rows = audit_services.readable_events(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "organisations/audit.html",
        {
            "page": page,
            "rows": [(row, format_moment(row.at, language)) for row in rows],
            "form": form,
            "query": query.urlencode(),
        },
        status=200 if form.is_valid() or not request.GET else 400,
    )
