"""Forms of the register: a system, a vendor, a contract. Choices are named in the reader's
language; each form applies core's record rules through the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.standardization.catalogue import BUSINESSES, REASONS
from dxtalent.core.standardization.register import PHASES, PROCUREMENT_NAMES, Procurement
from dxtalent.web.standardization import services
from dxtalent.web.standardization.models import Contract, System, Vendor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _language() -> str:
    return get_language() or "ja"


class SystemForm(forms.ModelForm[System]):
    class Meta:
        model = System
        fields = [
            "business",
            "name",
            "vendor",
            "current_product",
            "standard_product",
            "phase",
            "planned_on",
            "migrated_on",
            "migration_support",
            "reason",
            "cost_before",
            "cost_after",
            "notes",
        ]
        widgets = {
            "planned_on": DATE,
            "migrated_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = _language()
        cast("forms.ChoiceField", self.fields["business"]).choices = [
            ("", _("Another system (give its name)"))
        ] + [(b.code, b.name.get(language)) for b in BUSINESSES]
        cast("forms.ChoiceField", self.fields["phase"]).choices = [
            (
                p.code,
                _("%(phase)s (steps %(steps)s)")
                % {"phase": p.name.get(language), "steps": p.steps},
            )
            for p in PHASES
        ]
        cast("forms.ChoiceField", self.fields["reason"]).choices = [("", "—")] + [
            (r.code, r.name.get(language)) for r in REASONS
        ]
        cast("forms.ModelChoiceField[Any]", self.fields["vendor"]).queryset = Vendor.objects.filter(
            organisation=self.instance.organisation
        )
        self._flag_before = self.instance.migration_support if self.instance.pk else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        business = data.get("business") or ""
        if (
            business
            and System.objects.filter(organisation=self.instance.organisation, business=business)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("business", _("This business area is already in the register."))
        for field, messages in services.system_errors(self._candidate(data)).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages)
        return data

    def _candidate(self, data: dict[str, Any]) -> System:
        return System(
            organisation=self.instance.organisation,
            business=data.get("business") or "",
            name=data.get("name") or "",
            migration_support=bool(data.get("migration_support")),
            reason=data.get("reason") or "",
            planned_on=data.get("planned_on"),
            migrated_on=data.get("migrated_on"),
            cost_before=data.get("cost_before"),
            cost_after=data.get("cost_after"),
        )

    def save(self, commit: bool = True) -> System:
        system: System = super().save(commit=False)
        if self._flag_before is not None and system.migration_support != self._flag_before:
            system.source = System.Source.ENTERED  # the organisation's own word now
        if commit:
            system.save()
        return system


class VendorForm(forms.ModelForm[Vendor]):
    class Meta:
        model = Vendor
        fields = ["name", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if (
            Vendor.objects.filter(organisation=self.instance.organisation, name=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("A vendor with this name is already registered."))
        return name


class ContractForm(forms.ModelForm[Contract]):
    class Meta:
        model = Contract
        fields = [
            "title",
            "vendor",
            "systems",
            "starts_on",
            "ends_on",
            "renewal_on",
            "annual_cost",
            "procurement",
            "bidders",
            "is_renewal",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "renewal_on": DATE,
            "systems": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = _language()
        organisation = self.instance.organisation
        cast("forms.ModelChoiceField[Any]", self.fields["vendor"]).queryset = Vendor.objects.filter(
            organisation=organisation
        )
        systems = self.fields["systems"]
        systems.queryset = System.objects.filter(organisation=organisation)  # type: ignore[attr-defined]
        systems.label_from_instance = lambda s: services.system_name(s, language)  # type: ignore[attr-defined]
        cast("forms.ChoiceField", self.fields["procurement"]).choices = [
            (p.value, PROCUREMENT_NAMES[p].get(language)) for p in Procurement
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        candidate = Contract(
            organisation=self.instance.organisation,
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            renewal_on=data.get("renewal_on"),
            annual_cost=data.get("annual_cost"),
            procurement=data.get("procurement") or "",
            bidders=data.get("bidders"),
        )
        for field, messages in services.contract_errors(candidate).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, messages)
        return data
