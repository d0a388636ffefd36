"""Login, logout, password change and reset, invitations and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dxtalent.web.accounts.forms import (
    ApiTokenForm,
    QueuedPasswordResetForm,
    SignUpForm,
    ThrottledLoginForm,
)
from dxtalent.web.accounts.models import ApiToken
from dxtalent.web.accounts.throttle import accept_password_reset, client_address
from dxtalent.web.organisations.access import AuthenticatedRequest
from dxtalent.web.organisations.services import (
    InvitationError,
    accept_invitation,
    pending_invitation,
)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, rate-limited per email and per client address; a refused request
    gets the same answer as an accepted one (and as an unknown email), but no mail."""

    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts-password-reset-sent")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not accept_password_reset(form.cleaned_data["email"], client_address(self.request)):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


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
def tokens(request: AuthenticatedRequest) -> HttpResponse:
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
def revoke_token(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    token.delete()
    messages.success(request, _("Token “{name}” was revoked.").format(name=token.name))
    return redirect("accounts-tokens")
