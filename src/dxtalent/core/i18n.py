"""Marking and translating what core says to people, without importing Django.

Core writes its messages in English where they are made, marked the way gettext expects, so
that `make messages` (Django's makemessages, run over core as well as web) puts them in
`web/locale/ja/LC_MESSAGES/django.po`:

- `_("Row {row}: ...").format(row=n)` translates now, in the language of the current request
  or command: use it in code that runs when the message is shown;
- `ngettext("{count} person", "{count} people", n).format(count=n)` for counts;
- `pgettext("report", "Title")` for a word a context uses in a sense of its own (its entry in
  the catalogue has that `msgctxt`);
- `gettext_noop("...")` marks a template kept in a module-level constant, translated later
  with `_(template)` when it is shown (never at import time, when no language is chosen).

The web layer installs Django's gettext and ngettext at start-up (`install`); the command line
does too, in the language it was asked for. Without a translator (core's own tests, scripts)
every function returns the English text unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]
Language = Callable[[], str]
Activate = Callable[[str], AbstractContextManager[object]]


def _identity(message: str) -> str:
    return message


def _english_plural(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def _english() -> str:
    return "en"


@contextlib.contextmanager
def _unchanged(code: str) -> Iterator[None]:
    yield


Translator = tuple[Gettext, Ngettext, Language, Activate]
_translator: Translator = (_identity, _english_plural, _english, _unchanged)


def install(
    gettext: Gettext,
    ngettext: Ngettext,
    language: Language = _english,
    activate: Activate = _unchanged,
) -> Translator:
    """Translate core's messages with these functions from now on (the web's are Django's
    gettext, ngettext, get_language and translation.override); `language` answers the
    current language's code ("ja", "en"), for what core formats itself (fiscal years, names
    in data); `activate(code)` is a context manager within which that language is current
    (for `Phrase.get`). Returns the translator installed before, to put back with
    `install(*previous)`."""
    global _translator
    previous = _translator
    _translator = (gettext, ngettext, language, activate)
    return previous


# The languages dxtalent speaks: the catalogue's (web/locale/ja) and the English it is written
# in. Every entry point that takes a language (the command line's --lang, the API's language=)
# accepts these and refuses any other, saying which are accepted.
LANGUAGES: tuple[str, ...] = ("ja", "en")
LANGUAGE_PATTERN = "^(" + "|".join(LANGUAGES) + ")$"


class UnknownLanguageError(ValueError):
    """A language dxtalent does not speak; the message names the value and the accepted ones."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f'"{code}": accepted: {", ".join(LANGUAGES)}.')


def check_language(code: str) -> str:
    """`code` when dxtalent speaks it (LANGUAGES); UnknownLanguageError otherwise."""
    if code not in LANGUAGES:
        raise UnknownLanguageError(code)
    return code


def uninstall() -> Translator:
    """Back to English: every message is its English text. Returns the translator installed
    before."""
    return install(_identity, _english_plural, _english, _unchanged)


def in_language(code: str) -> AbstractContextManager[object]:
    """A context manager within which `code` ("ja", "en") is the current language, when the
    installed translator can switch (the web's can); without a translator nothing changes."""
    return _translator[3](code)


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


CONTEXT_SEPARATOR = "\x04"


def pgettext(context: str, message: str) -> str:
    """`message` in the current language as said in `context` (a word a report uses in its
    own sense: "Title" of a post, not of a document). It is looked up the way gettext stores a
    `msgctxt` entry, through the installed gettext, so every translator serves it; the English
    text when there is no translation."""
    # Called through the translator rather than `gettext(...)`, whose argument `make messages`
    # would take for a message of its own.
    result = _translator[0](context + CONTEXT_SEPARATOR + message)
    return message if CONTEXT_SEPARATOR in result else result


def yen(amount: float) -> str:
    """An amount of money in the current language, rounded to the yen, with thousands
    separators: "1,500,000円" in Japanese, "¥1,500,000" in English; a negative amount keeps its
    sign in front ("-1,500円", "-¥1,500")."""
    whole = round(amount)
    text = gettext("¥{amount}").format(amount=f"{abs(whole):,}")
    return f"-{text}" if whole < 0 else text


def colon() -> str:
    """What ends a label before its text in the current language: "：" in Japanese (理由：…),
    ": " in English (Reason: …)."""
    return gettext("{label}: {text}").format(label="", text="")


def labelled(label: str, text: str) -> str:
    """A label and its text in the current language: "出典：総務省" in Japanese, "Source:
    MIC" in English."""
    return gettext("{label}: {text}").format(label=label, text=text)


def bracketed(text: str) -> str:
    """A figure or aside in brackets after what it qualifies, in the current language:
    "（18 / 24）" in Japanese, " (18 / 24)" in English (a space before, none in Japanese)."""
    return gettext(" ({text})").format(text=text)


def gettext_noop(message: str) -> str:
    """`message` unchanged: marks a template for the catalogue that is translated later, when
    shown, with `_(template)`."""
    return message


class Phrase:
    """A message made when it is shown, in the language current then.

    `make` builds the text with `_`, `ngettext` and the wording helpers, so it is translated
    each time it is rendered: a diagnosis kept in memory speaks the language of each request
    that shows it. `get(language)` renders it in a given language, and `ja` and `en` are the
    two languages of the catalogue, for code that reads a bilingual value (`Text`) the same
    way. Two phrases are equal when they read the same in the current language.
    """

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    @classmethod
    def of(cls, message: str) -> Phrase:
        """A phrase of a message marked with `gettext_noop`, translated when shown."""
        return cls(lambda: gettext(message))

    def render(self) -> str:
        """The text in the current language."""
        return self._make()

    def get(self, language: str) -> str:
        """The text in `language` ("ja", "en")."""
        with in_language(language):
            return self._make()

    @property
    def ja(self) -> str:
        """The text in Japanese (English when no translator can switch language)."""
        return self.get("ja")

    @property
    def en(self) -> str:
        """The text in English."""
        return self.get("en")

    def __str__(self) -> str:
        return self._make()

    def __repr__(self) -> str:
        return f"Phrase({self._make()!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Phrase):
            return NotImplemented
        return self._make() == other._make()

    def __hash__(self) -> int:
        return hash(self._make())
