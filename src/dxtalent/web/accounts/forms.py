from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from dxtalent.web.accounts.throttle import client_address, is_locked_out, record_failure


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing further attempts after too many failures."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked_out": _(
            "Too many failed logins for this account. Wait {minutes} minutes and try again, "
            "or reset your password."
        ),
    }

    def clean(self) -> dict[str, Any]:
        from django.conf import settings

        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else None
        if username and is_locked_out(username, address):
            raise forms.ValidationError(
                str(self.error_messages["locked_out"]).format(
                    minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES
                ),
                code="locked_out",
            )
        try:
            return super().clean()
        except forms.ValidationError:
            if username:
                record_failure(username, address)
            raise


class SignUpForm(UserCreationForm):
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
