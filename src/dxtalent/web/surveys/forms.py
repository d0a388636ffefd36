from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Your tables (CSV or Excel)"),
        help_text=_(
            "Columns table, item, count, percent, denominator: one row per printed row, in "
            "printed order. Nothing is stored."
        ),
    )


class SurveyForm(forms.Form):
    """A new survey: the shipped questionnaire, or one copied and extended (a questionnaire
    file downloaded from a survey's page and edited)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    questionnaire = forms.FileField(
        label=_("Questionnaire (optional)"),
        help_text=_(
            "A questionnaire file (JSON or YAML) downloaded from a survey's page and edited; "
            "without one, the questionnaire reconstructed from the paper."
        ),
        required=False,
    )

    def clean_questionnaire(self) -> Any:
        from dxtalent.core.surveys import (
            InvalidInstrumentError,
            instrument_from_yaml,
            instrument_to_dict,
        )
        from dxtalent.core.uploads import UploadTooLarge
        from dxtalent.web.uploads import read_upload

        upload = self.cleaned_data.get("questionnaire")
        if not upload:
            return None
        try:
            text = read_upload(upload, "questionnaire").decode("utf-8-sig")
            return instrument_to_dict(instrument_from_yaml(text))
        except UploadTooLarge as error:
            raise forms.ValidationError(error.render()) from None
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("Not a JSON or YAML file: %(error)s") % {"error": error}
            ) from None
        except (InvalidInstrumentError, KeyError, TypeError, ValueError) as error:
            raise forms.ValidationError(
                _("Not a questionnaire: %(error)s") % {"error": error}
            ) from None


class _AnyCodes(forms.MultipleChoiceField):
    """Ticked organisation codes; which ones may be invited is services.invite's rule (the
    organisations the inviting user can see), so any code is let through to it."""

    def valid_value(self, value: str) -> bool:
        return True


class InviteForm(forms.Form):
    codes = forms.CharField(
        label=_("Organisation codes"),
        help_text=_(
            "Or type codes, one a line, e.g. 342122 (JIS X 0402) or DEMO-CITY-B, "
            "as a list from elsewhere gives them."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        departments: list[tuple[str, str]],
        found: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if found:
            self.fields["organisations"] = _AnyCodes(
                label=_("Organisations found"),
                choices=found,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.order_fields(["organisations", "codes"])
        self.fields["departments"] = forms.MultipleChoiceField(
            label=_("Departments asked"),
            choices=departments,
            initial=[code for code, _label in departments],
            widget=forms.CheckboxSelectMultiple,
        )

    def chosen_codes(self) -> list[str]:
        """The ticked organisations, then the typed codes, each once, in that order."""
        ticked = list(self.cleaned_data.get("organisations") or [])
        typed = [c.strip() for c in self.cleaned_data.get("codes", "").splitlines() if c.strip()]
        return list(dict.fromkeys(ticked + typed))

    def clean(self) -> dict[str, object]:
        super().clean()
        data = self.cleaned_data
        if not self.errors and not self.chosen_codes():
            raise forms.ValidationError(
                _("Find organisations by name and tick them, or type their codes.")
            )
        return data


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("Survey export"),
        help_text=_(
            "A LimeSurvey R data file (.csv), a KoboToolbox or ODK export (.xlsx or .csv) or an "
            "SPSS file (.sav). It becomes a closed survey whose results you can read here."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[
            ("", _("From the file")),
            ("limesurvey", "LimeSurvey"),
            ("kobo", "KoboToolbox / ODK"),
            ("spss", "SPSS"),
        ],
    )
    structure = forms.FileField(
        label=_("Structure file (optional)"),
        required=False,
        help_text=_(
            "The survey's LimeSurvey structure (.lss) or its KoboToolbox/ODK XLSForm (.xlsx): "
            "questions then get their codes, wording and option labels."
        ),
    )


class AnswersImportForm(forms.Form):
    file = forms.FileField(
        label=_("Answers (CSV or Excel)"),
        help_text=_(
            "One row per respondent. A column named like a question (Q2, Q4, …) holds its "
            "answer: an option code, or several separated by semicolons for multiple choice."
        ),
    )
    mapping = forms.CharField(
        label=_("Column mapping (optional)"),
        help_text=_('Lines "column = question", e.g. "必要なスキル = Q4", for other headers.'),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    respondent_column = forms.CharField(
        label=_("Column naming the respondent"), initial="respondent", max_length=100
    )
    department_column = forms.CharField(
        label=_("Column naming the department"), initial="department", max_length=100
    )


class CrossTabForm(forms.Form):
    """Which choice question to tabulate, by the answer to which single-choice question."""

    question = forms.ChoiceField(label=_("Question"))
    by = forms.ChoiceField(label=_("By the answer to"))

    def __init__(self, *args: Any, instrument: Any, language: str, **kwargs: Any) -> None:
        from dxtalent.core.surveys.instrument import QuestionKind

        super().__init__(*args, **kwargs)
        choice = [
            (q.code, f"{q.code}. {q.text.get(language)}")
            for q in instrument.questions
            if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        ]
        question_field, by_field = self.fields["question"], self.fields["by"]
        assert isinstance(question_field, forms.ChoiceField)
        assert isinstance(by_field, forms.ChoiceField)
        question_field.choices = choice
        by_field.choices = [
            (q.code, f"{q.code}. {q.text.get(language)}")
            for q in instrument.questions
            if q.kind is QuestionKind.SINGLE
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("question") and data.get("question") == data.get("by"):
            raise forms.ValidationError(_("Choose two different questions."))
        return data


class LinkExpiryForm(forms.Form):
    """The last day the survey's private links take answers (empty: no end)."""

    links_expire_on = forms.DateField(
        label=_("Links work until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The last day (included), Japan time; leave empty for no end."),
    )
