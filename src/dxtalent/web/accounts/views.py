"""Login, logout, password change and reset, invitations and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.web.accounts.forms import ApiTokenForm, SignUpForm, ThrottledLoginForm
from dxtalent.web.accounts.models import ApiToken
from dxtalent.web.organisations.services import (
    InvitationError,
    accept_invitation,
    pending_invitation,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: a signed-in user joins with one click; a new person creates an
    account (with the invited email) and joins."""
    try:
        invite = pending_invitation(token)
    except InvitationError as error:
        return render(
            request, "accounts/invitation_invalid.html", {"message": str(error)}, status=404
        )
    if request.user.is_authenticated:
        if request.method == "POST":
            membership = accept_invitation(token, request.user)
            messages.success(
                request,
                _("You joined {organisation}.").format(organisation=membership.organisation.name),
            )
            return redirect("dashboard-organisation", code=membership.organisation.code)
        return render(request, "accounts/invitation.html", {"invitation": invite})
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.email = invite.email
            user.save()
            membership = accept_invitation(token, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Welcome. You joined {organisation}.").format(
                organisation=membership.organisation.name
            ),
        )
        return redirect("dashboard-organisation", code=membership.organisation.code)
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _token, new_key = ApiToken.issue(
            request.user, form.cleaned_data["name"], form.cleaned_data["days"]
        )
        form = ApiTokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_key": new_key},
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("Token “{name}” was revoked.").format(name=token.name))
    return redirect("accounts-tokens")
