"""Core speaks English unless a translator is installed: its tests run without the web's
(which the test process installs when Django starts), as core runs in a script of its own.

English stays the current language in core's tests, but a phrase (`i18n.Phrase`) can still be
read in Japanese with `.ja` or `.get("ja")`: the translator installed here switches to the
web's compiled catalogue for that, as Django's `translation.override` does on the web."""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Iterator
from pathlib import Path

import pytest

import dxtalent
from dxtalent.core import i18n

CATALOGUE = Path(dxtalent.__file__).parent / "web/locale/ja/LC_MESSAGES/django.mo"


def catalogue_translator() -> i18n.Translator:
    """English by default; Japanese from the web's catalogue inside `i18n.in_language("ja")`."""
    with CATALOGUE.open("rb") as file:
        japanese = gettext.GNUTranslations(file)
    current = ["en"]

    def translations() -> gettext.NullTranslations:
        return japanese if current[-1] == "ja" else gettext.NullTranslations()

    @contextlib.contextmanager
    def activate(code: str) -> Iterator[None]:
        current.append(code.split("-")[0].split("_")[0].lower())
        try:
            yield
        finally:
            current.pop()

    return (
        lambda message: translations().gettext(message),
        lambda singular, plural, n: translations().ngettext(singular, plural, n),
        lambda: current[-1],
        activate,
    )


@pytest.fixture(autouse=True)
def core_untranslated():
    previous = i18n.install(*catalogue_translator())
    yield
    i18n.install(*previous)
