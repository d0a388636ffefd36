from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dxtalent.core.diagnostics import RULE_IDS
from dxtalent.core.diagnostics.rules import NAMES
from dxtalent.core.people import RotationWindowError, check_rotation_window
from dxtalent.web.concurrency import VersionedForm
from dxtalent.web.diagnostics.models import DiagnosisProfile


class ProfileForm(VersionedForm):
    enabled_rules = forms.MultipleChoiceField(
        label=_("Rules in use"),
        choices=[(r, r) for r in RULE_IDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DiagnosisProfile
        fields = [
            "rotation_min_years",
            "rotation_max_years",
            "horizon_years",
            "vendor_contracts",
            "large_contracts",
            "events_per_negotiator",
            "yearly_budget",
            "budget_basis",
            "reappointments",
            "central_in_house",
            "disadvantaged_area",
            "small_municipality_mode",
            "prefecture_pool_days",
            "uses_adviser",
            "joint_procurement",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Left out of a post, the budget basis keeps its default (gross), as a budget request.
        self.fields["budget_basis"].required = False
        # Rules by name in the reader's language (the ids stay the submitted values).
        language = get_language() or "ja"
        cast(forms.ChoiceField, self.fields["enabled_rules"]).choices = [
            (r, NAMES[r].get(language)) for r in RULE_IDS
        ]
        self.fields["enabled_rules"].initial = [
            r for r in RULE_IDS if r not in (self.instance.disabled_rules or [])
        ]
        # Left out of a post, these keep what is saved (older clients do not send them).
        for name in ("small_municipality_mode", "prefecture_pool_days", "events_per_negotiator"):
            self.fields[name].required = False

    def clean_budget_basis(self) -> str:
        return str(self.cleaned_data.get("budget_basis") or "gross")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for name in ("small_municipality_mode", "prefecture_pool_days", "events_per_negotiator"):
            if name in data and data[name] in (None, ""):
                data[name] = getattr(self.instance, name)
        low, high = data.get("rotation_min_years"), data.get("rotation_max_years")
        if "rotation_min_years" not in self.errors and "rotation_max_years" not in self.errors:
            try:
                check_rotation_window(low, high)
            except RotationWindowError as error:
                self.add_error(error.field, error.reason.render())
        contracts, large = data.get("vendor_contracts"), data.get("large_contracts")
        if contracts is not None and large is not None and large > contracts:
            self.add_error(
                "large_contracts",
                _("{large} large contracts is more than the {contracts} contracts in all.").format(
                    large=large, contracts=contracts
                ),
            )
        return data

    def save(self, commit: bool = True) -> DiagnosisProfile:
        profile: DiagnosisProfile = super().save(commit=False)
        profile.disabled_rules = [
            r for r in RULE_IDS if r not in self.cleaned_data["enabled_rules"]
        ]
        if commit:
            profile.save()
        return profile
