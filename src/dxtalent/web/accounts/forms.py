from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.contrib.auth.models import User
from django.http import HttpRequest
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from dxtalent.web.accounts.models import TOKEN_DEFAULT_DAYS, TOKEN_LIFETIME_CHOICES
from dxtalent.web.accounts.throttle import (
    clear_failures,
    client_address,
    is_locked_out,
    record_failure,
)

# Django's own labels that this catalogue writes as Japanese does, in full-width brackets
# (新しいパスワード（確認用）, where Django's has "(確認用)"); named here so that
# `make messages` keeps them.
DJANGO_LABELS = (gettext_noop("New password confirmation"),)

LOCKED_OUT = _(
    "Too many failed logins for this account. Wait {minutes} minutes and try again, "
    "or reset your password."
)


class ThrottleMixin:
    """Refuses a login form's attempts after too many failures (accounts/throttle.py), records
    each failure and clears the username's failures on success. Mixed into every login form,
    so failures on the app's login page and on the admin site's count together."""

    request: HttpRequest | None
    data: Any
    error_messages: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else None
        if username and is_locked_out(username, address):
            raise forms.ValidationError(
                str(LOCKED_OUT).format(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES),
                code="locked_out",
            )
        try:
            # A mixin: clean() is that of the login form it is mixed into, which mypy cannot see.
            cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            if username:
                record_failure(username, address)
            raise
        clear_failures(username)
        return cleaned


class ThrottledLoginForm(ThrottleMixin, AuthenticationForm):
    """Django's login form, refusing further attempts after too many failures."""


class ThrottledAdminLoginForm(ThrottleMixin, AdminAuthenticationForm):
    """The admin site's login form, with the same throttle as the app's login page."""


class SignUpForm(UserCreationForm[User]):
    """Account creation from an invitation link; the email comes from the invitation."""

    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "last_name", "first_name")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “nightly export”."),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        choices=[(days, _("%(days)d days") % {"days": days}) for days in TOKEN_LIFETIME_CHOICES],
        coerce=int,
        required=False,
        # django-stubs allows only text or None here; Django returns the value as it is for
        # an empty choice, and the default lifetime is a number of days like the choices.
        empty_value=TOKEN_DEFAULT_DAYS,  # type: ignore[arg-type]
        initial=TOKEN_DEFAULT_DAYS,
        help_text=_("The token stops working after this, or when you change your password."),
    )


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password-reset form, queuing its mail for the job runner instead of sending
    it during the request (accounts/mail.py)."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from dxtalent.web.accounts import mail

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail.queue(to_email, subject, body)
