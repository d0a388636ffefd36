"""Forms of the pool: sharing, a municipality's request, a professional, an allocation."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from dxtalent.web.concurrency import VersionedForm
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.pool import services
from dxtalent.web.pool.models import FISCAL_MONTHS, PoolRequest, Professional

MONTH_CHOICES = [(m, MONTHS[m]) for m in FISCAL_MONTHS]


class SharingForm(forms.Form):
    with_prefecture = forms.BooleanField(
        label=_("Share aggregates with the prefecture"), required=False
    )


class RequestForm(VersionedForm):
    capability = forms.ChoiceField(label=_("capability"))
    months = forms.TypedMultipleChoiceField(
        label=_("months"),
        choices=MONTH_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PoolRequest
        fields = [
            "fiscal_year",
            "capability",
            "level",
            "days_per_month",
            "months",
            "priority",
            "reason",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["capability"]).choices = list(
            services.capability_names().items()
        )
        self.fields["fiscal_year"].initial = services.current_fiscal_year()

    def clean_months(self) -> list[int]:
        chosen = set(self.cleaned_data["months"])
        return [m for m in FISCAL_MONTHS if m in chosen]


class ProfessionalForm(VersionedForm):
    """A professional with one level field per capability (0: none)."""

    class Meta:
        model = Professional
        fields = [
            "name",
            "days_per_month",
            "remote",
            "reaches",
            "term_months",
            "employment_form",
            "cost_per_day",
            "payer",
            "municipality_share",
        ]
        widgets = {"reaches": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, prefecture: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reaches"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            prefecture=prefecture
        ).order_by("code")
        self.fields["reaches"].label_from_instance = lambda o: o.name  # type: ignore[attr-defined]
        # Left out, the model's default (half) stands; it matters only when the cost is shared.
        self.fields["municipality_share"].required = False
        levels = self.instance.levels or {}
        for code, name in services.capability_names().items():
            self.fields[f"level_{code}"] = forms.IntegerField(
                label=name, min_value=0, max_value=4, initial=levels.get(code, 0), required=False
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("remote") and not data.get("reaches"):
            self.add_error("reaches", _("Choose the municipalities reached, or tick remote work."))
        levels = {code: data.get(f"level_{code}") or 0 for code in services.capability_names()}
        if not any(levels.values()):
            self.add_error(None, _("Give a level of 1–4 in at least one capability."))
        self.instance.levels = {k: v for k, v in levels.items() if v}
        return data


class AllocationForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("fiscal year"), min_value=2000, max_value=2100)
    small_weight = forms.DecimalField(
        label=_("weight of small municipalities (under 50,000 people)"),
        min_value=1,
        max_value=10,
        decimal_places=2,
        initial=services.SMALL_WEIGHT,
    )
    fairness = forms.BooleanField(
        label=_("Raise the worst-served municipality first"), required=False
    )


class ImportForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("fiscal year"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("CSV or Excel file"))
