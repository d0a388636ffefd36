"""Marking and translating what core says to people, without importing Django.

Core writes its messages in English where they are made, marked the way gettext expects, so
that `make messages` (Django's makemessages, run over core as well as web) puts them in
`web/locale/ja/LC_MESSAGES/django.po`:

- `_("Row {row}: ...").format(row=n)` translates now, in the language of the current request
  or command: use it in code that runs when the message is shown;
- `ngettext("{count} person", "{count} people", n).format(count=n)` for counts;
- `gettext_noop("...")` marks a template kept in a module-level constant, translated later
  with `_(template)` when it is shown (never at import time, when no language is chosen).

The web layer installs Django's gettext and ngettext at start-up (`install`); the command line
does too, in the language it was asked for. Without a translator (core's own tests, scripts)
every function returns the English text unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]
Language = Callable[[], str]


def _identity(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _english() -> str:
    return "en"


Translator = tuple[Gettext, Ngettext, Language]
_translator: Translator = (_identity, _english_plural, _english)


def install(gettext: Gettext, ngettext: Ngettext, language: Language = _english) -> Translator:
    """Translate core's messages with these functions from now on (the web's are Django's
    gettext, ngettext and get_language); `language` answers the current language's code
    ("ja", "en"), for what core formats itself (fiscal years, names in data). Returns the
    translator installed before, to put back with `install(*previous)`."""
    global _translator
    previous = _translator
    _translator = (gettext, ngettext, language)
    return previous


def uninstall() -> Translator:
    """Back to English: every message is its English text. Returns the translator installed
    before."""
    return install(_identity, _english_plural, _english)


def language() -> str:
    """The current language's code, e.g. "ja" or "en" ("en" when no translator is
    installed)."""
    return _translator[2]() or "en"


def gettext(message: str) -> str:
    """`message` in the current language; the English text when no translator is installed."""
    return _translator[0](message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count `n` in the current language (English: singular
    when n == 1)."""
    return _translator[1](singular, plural, n)


def gettext_noop(message: str) -> str:
    """`message` unchanged: marks a template for the catalogue that is translated later, when
    shown, with `_(template)`."""
    return message
