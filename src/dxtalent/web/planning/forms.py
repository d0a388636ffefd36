from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class PlanForm(forms.Form):
    """The scenario's main knobs; the levers come from the organisation's candidates and
    training programmes, which their own pages edit."""

    budget = forms.IntegerField(
        label=_("Yearly budget (yen)"), min_value=0, max_value=10_000_000_000
    )
    years = forms.IntegerField(label=_("Fiscal years"), min_value=1, max_value=10)
    objective = forms.ChoiceField(
        label=_("Objective"),
        choices=[
            ("coverage", _("Most coverage within the budget")),
            ("cost", _("Least cost that meets every target")),
        ],
    )
    # Set by the page's form: an empty lever choice then means "no levers", not "all" (a
    # browser sends nothing for unticked boxes).
    edited = forms.BooleanField(widget=forms.HiddenInput, initial=True, required=False)
    headcount_cap = forms.DecimalField(
        label=_("Headcount cap (people, optional)"), min_value=0, required=False
    )

    def __init__(
        self,
        *args: Any,
        capabilities: list[tuple[str, str, int]],
        levers: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for code, name, target in capabilities:
            self.fields[f"target_{code}"] = forms.IntegerField(
                label=name, min_value=0, max_value=50, initial=target, required=False
            )
        self.fields["levers"] = forms.MultipleChoiceField(
            label=_("Levers the plan may use"),
            choices=levers,
            initial=[code for code, _name in levers],
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )

    def targets(self) -> dict[str, int]:
        return {
            name.removeprefix("target_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("target_") and value is not None
        }
