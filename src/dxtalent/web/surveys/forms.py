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
        *args: object,
        departments: list[tuple[str, str]],
        found: list[tuple[str, str]] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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
        data = super().clean()
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
