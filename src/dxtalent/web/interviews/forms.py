"""Forms of the interview pages: every posted value is read by a form, so that a bad one is a
form error (400), never a server error."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dxtalent.core.interviews.positions import PassagePositionError, check_passage
from dxtalent.web.interviews.models import (
    Case,
    Code,
    Coder,
    Coding,
    InterviewProject,
    JointFit,
    Source,
)


class CaseAttributesForm(forms.Form):
    """A case's attributes as lines "name = value" (services.set_attributes reads them)."""

    case = forms.ModelChoiceField(label=_("Case"), queryset=Case.objects.none())
    attributes = forms.CharField(
        label=_("Attributes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The record's version when the page was shown (dxtalent.web.concurrency).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, project: InterviewProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["case"]).queryset = Case.objects.filter(
            project=project
        )


class CodingChoiceForm(forms.Form):
    """One of the source's codings (to delete it)."""

    coding = forms.ModelChoiceField(label=_("Coding"), queryset=Coding.objects.none())

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["coding"]).queryset = Coding.objects.filter(
            source=source
        )


def _codable(project: InterviewProject) -> Any:
    return Code.objects.filter(project=project, codable=True)


class RecodeForm(CodingChoiceForm):
    """A coding of the source and the code it gets instead."""

    code = forms.ModelChoiceField(label=_("Code"), queryset=Code.objects.none())
    # The record's version when the page was shown (dxtalent.web.concurrency).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, source=source, **kwargs)
        cast("forms.ModelChoiceField[Any]", self.fields["code"]).queryset = _codable(source.project)


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
        cast("forms.ModelChoiceField[Any]", self.fields["code"]).queryset = _codable(source.project)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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
    # The record's version when the page was shown (dxtalent.web.concurrency).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class CodersAgreementForm(forms.Form):
    """Which coders to compare (two or more) and on which unit."""

    coders: forms.ModelMultipleChoiceField[Coder] = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label=_("Coders"),
        help_text=_("Choose two or more."),
    )
    unit = forms.ChoiceField(
        label=_("Unit"),
        choices=[
            ("character", _("Character (as NVivo's coding comparison)")),
            ("paragraph", _("Paragraph (each non-blank line of a transcript)")),
        ],
        initial="character",
    )

    def __init__(self, *args: Any, project: InterviewProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["coders"].queryset = project.coders.order_by("name")  # type: ignore[attr-defined]

    def clean_coders(self) -> Any:
        coders = self.cleaned_data["coders"]
        if len(coders) < 2:
            raise forms.ValidationError(_("Choose at least two coders to compare."))
        return coders


class MemoForm(forms.Form):
    """A memo on the project or on one of its codes, transcripts or cases."""

    about = forms.ChoiceField(label=_("About"))
    name = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Memo"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )

    def __init__(self, *args: Any, project: InterviewProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["about"]).choices = [
            ("project:", gettext("The project as a whole")),
            (gettext("Codes"), [(f"code:{c.guid}", c.name) for c in project.codes.all()]),
            (gettext("Transcripts"), [(f"source:{s.guid}", s.name) for s in project.sources.all()]),
            (gettext("Cases"), [(f"case:{c.guid}", c.name) for c in project.cases.all()]),
        ]

    def target(self) -> tuple[str, str]:
        """(kind, GUID) of the item chosen."""
        kind, _colon, guid = self.cleaned_data["about"].partition(":")
        return kind, guid
