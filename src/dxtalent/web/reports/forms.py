"""Forms of the policy draft: the officer's prose per section, and the choice of two versions to
compare. The rules on the prose live in core (core.reports.policy_draft.edit); the form only
collects the text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dxtalent.core.reports.policy_draft import Section


def prose_field(key: str) -> str:
    return f"prose_{key}"


class PolicyProseForm(forms.Form):
    """A textarea per section (named prose_<key>) and the draft's version it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, sections: Sequence[Section], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sections = tuple(sections)
        for section in self.sections:
            self.fields[prose_field(section.key)] = forms.CharField(
                label=section.title,
                required=False,
                strip=False,
                initial=section.prose,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Your text for this section; the figures below it are generated."),
            )

    def prose(self) -> dict[str, str]:
        """Section key → the text entered (valid form only)."""
        return {
            section.key: self.cleaned_data.get(prose_field(section.key)) or ""
            for section in self.sections
        }

    def rows(self) -> list[tuple[Section, forms.BoundField]]:
        """Each section with its field, for the template."""
        return [(section, self[prose_field(section.key)]) for section in self.sections]


class CompareForm(forms.Form):
    """Two version numbers to compare (a: the older, b: the newer; either order is accepted)."""

    a = forms.IntegerField(label=_("From version"), min_value=1)
    b = forms.IntegerField(label=_("To version"), min_value=1)
