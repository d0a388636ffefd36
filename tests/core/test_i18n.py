"""dxtalent.core.i18n: core's messages are English until a translator is installed, and are
translated when shown, in the language the translator answers at that moment."""

from __future__ import annotations

import pytest

from dxtalent.core import i18n
from dxtalent.core.i18n import _, gettext_noop, ngettext


def test_without_a_translator_a_message_is_its_english_text():
    assert _("Row {row}").format(row=3) == "Row 3"
    assert ngettext("{n} person", "{n} people", 1).format(n=1) == "1 person"
    assert ngettext("{n} person", "{n} people", 2).format(n=2) == "2 people"


def test_a_marked_template_is_translated_when_shown_not_when_marked():
    language = {"now": "en"}
    catalogue = {"ja": {"Rate": "割合"}}

    def translate(message: str) -> str:
        return catalogue.get(language["now"], {}).get(message, message)

    template = gettext_noop("Rate")
    previous = i18n.install(translate, lambda s, p, n: translate(s if n == 1 else p))
    try:
        assert _(template) == "Rate"
        language["now"] = "ja"
        assert _(template) == "割合"
    finally:
        i18n.install(*previous)
    assert _(template) == "Rate"


def test_install_returns_the_translator_it_replaces_so_it_can_be_put_back():
    first = i18n.install(str.upper, lambda s, p, n: p.upper())
    try:
        assert _("rate") == "RATE"
        assert ngettext("a", "b", 5) == "B"
    finally:
        i18n.install(*first)
    assert _("rate") == "rate"


def test_a_phrase_is_written_in_the_language_current_when_it_is_shown():
    import contextlib

    language = {"now": "en"}
    catalogue = {"ja": {"{count} people": "{count}人"}}

    def translate(message: str) -> str:
        return catalogue.get(language["now"], {}).get(message, message)

    @contextlib.contextmanager
    def activate(code: str):
        before, language["now"] = language["now"], code
        try:
            yield
        finally:
            language["now"] = before

    phrase = i18n.Phrase(lambda: _("{count} people").format(count=3))
    previous = i18n.install(translate, lambda s, p, n: translate(p), lambda: "en", activate)
    try:
        assert phrase.render() == "3 people"
        assert phrase.get("ja") == "3人"
        assert (phrase.ja, phrase.en) == ("3人", "3 people")
        assert language["now"] == "en"
        language["now"] = "ja"
        assert str(phrase) == "3人"
    finally:
        i18n.install(*previous)


def test_without_a_translator_a_phrase_reads_english_in_every_language():
    phrase = i18n.Phrase.of(gettext_noop("Regular staff"))
    previous = i18n.uninstall()
    try:
        assert (phrase.get("ja"), phrase.en) == ("Regular staff", "Regular staff")
        assert phrase == i18n.Phrase(lambda: "Regular staff")
    finally:
        i18n.install(*previous)


def test_a_word_with_a_context_reads_in_its_own_sense_and_in_english_without_a_translation():
    # The catalogue's two senses of "Title": a document's and a post's (msgctxt "report").
    from dxtalent.core.i18n import pgettext

    assert pgettext("report", "Title") == "Title"
    with i18n.in_language("ja"):
        assert _("Title") == "表題"
        assert pgettext("report", "Title") == "職名"
        assert pgettext("no such context", "Title") == "Title"
    previous = i18n.uninstall()
    try:
        assert pgettext("report", "Title") == "Title"
    finally:
        i18n.install(*previous)


def test_dxtalent_speaks_japanese_and_english_and_names_the_accepted_languages_otherwise():
    from dxtalent.core.i18n import (
        LANGUAGE_PATTERN,
        LANGUAGES,
        UnknownLanguageError,
        check_language,
    )

    assert LANGUAGES == ("ja", "en") and LANGUAGE_PATTERN == "^(ja|en)$"
    assert [check_language(code) for code in LANGUAGES] == ["ja", "en"]
    for wrong in ("fr", "JA", "en-US", ""):
        with pytest.raises(UnknownLanguageError, match=r": accepted: ja, en\.$") as caught:
            check_language(wrong)
        assert caught.value.code == wrong
