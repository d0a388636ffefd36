"""Forms of the interview pages: every posted value is read by a form, so that a bad one is a
form error (400), never a server error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dxtalent.core.interviews.positions import PassagePositionError, check_passage
from dxtalent.web.interviews.models import Case, Code, Coding, InterviewProject, JointFit, Source


class CaseAttributesForm(forms.Form):
    """A case's attributes as lines "name = value" (services.set_attributes reads them)."""

    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())
    attributes = forms.CharField(
        label=_("Attributes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, project: InterviewProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = Case.objects.filter(project=project)


class CodingChoiceForm(forms.Form):
    """One of the source's codings (to delete it)."""

    coding = forms.ModelChoiceField(label=_("Coding"), queryset=Coding.objects.none())

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coding"].queryset = Coding.objects.filter(source=source)


def _codable(project: InterviewProject) -> Any:
    return Code.objects.filter(project=project, codable=True)


class RecodeForm(CodingChoiceForm):
    """A coding of the source and the code it gets instead."""

    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none())

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, source=source, **kwargs)
        self.fields["code"].queryset = _codable(source.project)


class PassageForm(forms.Form):
    """A passage to code: start and end are characters of the text (code points from 0, the
    end excluded), checked by core.interviews.positions; the code must be one that can be
    applied (not a category)."""

    start = forms.CharField(label=_("Start"))
    end = forms.CharField(label=_("End"))
    code = forms.ModelChoiceField(
        label=_("Code"),
        queryset=Code.objects.none(),
        error_messages={"invalid_choice": _("Choose a code that can be applied.")},
    )
    memo = forms.CharField(label=_("Memo"), required=False, max_length=2000)

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["code"].queryset = _codable(source.project)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "start" in data and "end" in data:
            try:
                data["start"], data["end"] = check_passage(
                    data["start"], data["end"], len(self.source.text)
                )
            except PassagePositionError as error:
                self.add_error(error.field, error.reason.render())
        return data


class JointFitForm(forms.Form):
    """The researcher's judgement of one theme (its code's GUID) and a note."""

    guid = forms.CharField(max_length=40)
    fit = forms.ChoiceField(
        label=_("Fit"), required=False, choices=[("", "–"), *JointFit.Fit.choices]
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
