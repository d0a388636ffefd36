"""Form widgets for large organisations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.safestring import SafeString


class PersonSearchInput(forms.TextInput):
    """A member of staff chosen by number from a text field, instead of a <select> of a large
    city's 2,000 staff (110 KB a page): as the user types part of a name, reading or number,
    htmx fills the field's <datalist> with the first few who match (people-choices), so the
    page stays small however many staff there are. Without JavaScript the number is typed;
    the form field (a ModelChoiceField by `external_id`) validates it on the server.

    choices_url: the people-choices address with its `field` (and `active`) parameters;
    current: the label of the person chosen now (shown as the list's one option)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})
        self.choices_url = ""
        self.current: tuple[str, str] | None = None

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        listed = f"{attrs.get('id') or name}-choices"
        attrs["list"] = listed
        if self.choices_url:
            attrs.update(
                {
                    "hx-get": self.choices_url,
                    "hx-trigger": "input changed delay:300ms, focus once",
                    "hx-target": f"#{listed}",
                    "hx-swap": "innerHTML",
                }
            )
        chosen = self.current if self.current and str(value or "") == self.current[0] else None
        option = format_html('<option value="{}">{}</option>', *chosen) if chosen else ""
        # The field holds a staff number: the person's name is said beside it, so that an
        # officer reads who is chosen, not a code.
        if chosen:
            attrs["aria-describedby"] = " ".join(
                part for part in (attrs.get("aria-describedby"), f"{listed}-now") if part
            )
        now = (
            format_html('<div class="secondary" id="{}-now">{}</div>', listed, chosen[1])
            if chosen
            else ""
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>{}',
            super().render(name, value, attrs, renderer),
            listed,
            option,
            now,
        )
