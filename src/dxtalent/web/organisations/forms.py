from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from dxtalent.web.audit.services import AuditFilter
from dxtalent.web.organisations.models import KIND_LABELS, Role
from dxtalent.web.organisations.services import USER_KINDS


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, kana or code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class OrganisationForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("Letters, digits and hyphens, starting with a letter, e.g. “jmrc”."),
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    kana = forms.CharField(label=_("Kana"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(k.value, KIND_LABELS[k]) for k in USER_KINDS]
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.TypedChoiceField(
        label=_("Role"), choices=Role.choices, coerce=int, initial=Role.VIEWER
    )


class AddPersonForm(forms.Form):
    """Create an account directly, for offices where invitation emails do not arrive."""

    username = forms.CharField(label=_("Username"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    role = forms.TypedChoiceField(
        label=_("Role"), choices=Role.choices, coerce=int, initial=Role.VIEWER
    )

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _(
                    "The username “{value}” is taken. If that person already has an account, invite them by email instead."
                ).format(value=username)
            )
        return username


class RoleForm(forms.Form):
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int)
    # The membership's version when the page was shown (dxtalent.web.concurrency).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class AuditFilterForm(forms.Form):
    """The audit trail's filters: who, what kind of record, from and to which day."""

    actor = forms.ChoiceField(label=_("Who"), required=False)
    kind = forms.ChoiceField(label=_("Record type"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self,
        *args: Any,
        actors: list[tuple[str, str]],
        kinds: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["actor"]).choices = [("", _("Everyone")), *actors]
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", _("All kinds")), *kinds]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day is before the first."))
        return data

    def chosen(self) -> AuditFilter:
        """The filter as the audit service takes it."""
        data = self.cleaned_data
        return AuditFilter(
            actor=data.get("actor") or "",
            kind=data.get("kind") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
