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
