"""Parsers for cell text: each turns a cell into a value or raises ParseError saying why not.

A parser is any callable taking the cell text and returning a value. `validate` only calls it
for non-empty cells, after `read_table` has normalised the text (NFKC, surrounding whitespace
removed), so parsers need not handle blanks or full-width digits. A parser signals bad text by
raising ValueError; ParseError (a ValueError) also says why, as a translatable message. The
parsers below also carry `help`: what they accept, for error messages and templates.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from dxtalent.core.calendar.fiscal_year import ERAS, Era
from dxtalent.core.tabular import messages as m
from dxtalent.core.tabular.messages import Message, quoted_list, shown

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class ParseError(ValueError):
    """The text of one cell is not accepted; `reason` says why (a translatable message)."""

    def __init__(self, reason: Message) -> None:
        super().__init__(reason.render())
        self.reason = reason


class Parser(Protocol[T_co]):
    """A cell parser that can also say what it accepts."""

    @property
    def help(self) -> Message:
        """What the parser accepts, e.g. "a whole number from 0 to 4"."""
        ...

    def __call__(self, text: str, /) -> T_co:
        """The value of a non-empty, normalised cell; ParseError (or ValueError) if bad."""
        ...


def _reject(template: str, value: str, **params: object) -> ParseError:
    return ParseError(Message(template, {"value": shown(value), **params}))


def _range_help(
    minimum: object, maximum: object, any_: str, from_: str, to: str, between: str
) -> Message:
    if minimum is not None and maximum is not None:
        return Message(between, {"minimum": minimum, "maximum": maximum})
    if minimum is not None:
        return Message(from_, {"minimum": minimum})
    if maximum is not None:
        return Message(to, {"maximum": maximum})
    return Message(any_)


@dataclass(frozen=True)
class TextParser:
    """Any text, at most `max_length` characters (code points, after NFKC) when set."""

    max_length: int | None = None

    @property
    def help(self) -> Message:
        """ "text" or "text of at most N characters"."""
        if self.max_length is None:
            return Message(m.ACCEPTED_TEXT)
        return Message(m.ACCEPTED_TEXT_UP_TO, {"max_length": self.max_length})

    def __call__(self, text: str, /) -> str:
        """The text itself; ParseError when it is longer than max_length. (A NUL character
        never gets here: read_table refuses it.)"""
        if self.max_length is not None and len(text) > self.max_length:
            raise _reject(m.TOO_LONG, text, length=len(text), max_length=self.max_length)
        return text


# "1200", "-3", "1,200" (thousands separators must be in the right places), and "3.0" or "3."
# because some tools write every number with a decimal point.
_INTEGER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?")
_DECIMAL = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)")
# Excel and word processors sometimes turn "-" into the Unicode minus sign, which NFKC keeps.
_MINUS_SIGN = "\u2212"


@dataclass(frozen=True)
class IntegerParser:
    """A whole number from `minimum` to `maximum` (both inclusive, each optional).

    Accepts "1200", "-3", "1,200" and "3.0"; rejects "3.5", "1e3" and "three".
    """

    minimum: int | None = None
    maximum: int | None = None

    @property
    def help(self) -> Message:
        """E.g. "a whole number from 0 to 4"."""
        return _range_help(
            self.minimum,
            self.maximum,
            m.ACCEPTED_INTEGER,
            m.ACCEPTED_INTEGER_FROM,
            m.ACCEPTED_INTEGER_TO,
            m.ACCEPTED_INTEGER_BETWEEN,
        )

    def __call__(self, text: str, /) -> int:
        """The number; ParseError when it is not whole or outside the range."""
        plain = text.replace(_MINUS_SIGN, "-")
        if not _INTEGER.fullmatch(plain):
            raise _reject(m.NOT_INTEGER, text)
        number = int(plain.partition(".")[0].replace(",", ""))
        if self.minimum is not None and number < self.minimum:
            raise _reject(m.BELOW_MINIMUM, text, minimum=self.minimum)
        if self.maximum is not None and number > self.maximum:
            raise _reject(m.ABOVE_MAXIMUM, text, maximum=self.maximum)
        return number


@dataclass(frozen=True)
class DecimalParser:
    """A decimal number from `minimum` to `maximum` (both inclusive, each optional), exactly.

    Accepts "2.5", "-0.75", ".5" and "1,234.5"; rejects "1e3", "NaN", "50%" and "2,5".
    """

    minimum: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def help(self) -> Message:
        """E.g. "a number from 0 to 4"."""
        return _range_help(
            self.minimum,
            self.maximum,
            m.ACCEPTED_DECIMAL,
            m.ACCEPTED_DECIMAL_FROM,
            m.ACCEPTED_DECIMAL_TO,
            m.ACCEPTED_DECIMAL_BETWEEN,
        )

    def __call__(self, text: str, /) -> Decimal:
        """The number as a Decimal; ParseError when it is not a number or outside the range."""
        plain = text.replace(_MINUS_SIGN, "-")
        if not _DECIMAL.fullmatch(plain):
            raise _reject(m.NOT_NUMBER, text)
        number = Decimal(plain.replace(",", ""))
        if self.minimum is not None and number < self.minimum:
            raise _reject(m.BELOW_MINIMUM, text, minimum=self.minimum)
        if self.maximum is not None and number > self.maximum:
            raise _reject(m.ABOVE_MAXIMUM, text, maximum=self.maximum)
        return number


# Japanese Excel saves a date cell formatted with a time as "2025/4/1 0:00"; a midnight time is
# therefore accepted after a date and ignored, any other time is not.
_MIDNIGHT = r"(?:[ T]+0?0:00(?::00)?)?"
_WESTERN_DATE = re.compile(
    r"(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})" + _MIDNIGHT
)
_WESTERN_KANJI_DATE = re.compile(
    r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
)
_COMPACT_DATE = re.compile(r"(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})")
# Eras by kanji name and by the initial used in forms (R7.4.1 = 令和7年4月1日).
_ERA_BY_NAME: dict[str, Era] = {era.name_ja: era for era in ERAS} | {
    era.name_en[0]: era for era in ERAS
}
_ERA_DATE = re.compile(
    "(?P<era>{names}|[{initials}])\\s*(?P<year>元|\\d{{1,2}})\\s*(?:"
    "年\\s*(?P<kanji_month>\\d{{1,2}})\\s*月\\s*(?P<kanji_day>\\d{{1,2}})\\s*日"
    "|(?P<sep>[-/.])(?P<month>\\d{{1,2}})(?P=sep)(?P<day>\\d{{1,2}}))".format(
        names="|".join(era.name_ja for era in ERAS),
        initials="".join(era.name_en[0] for era in ERAS),
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateParser:
    """A calendar date, written the ways Japanese offices write dates.

    Accepts 2025-04-01, 2025/4/1, 2025.4.1, 20250401, 2025年4月1日, 令和7年4月1日 (元年 for
    the first year), R7.4.1 / r7/4/1 (R, H, S, T, M = 令和, 平成, 昭和, 大正, 明治), and any of
    the western forms followed by a midnight time ("2025/4/1 0:00").

    An era year is converted arithmetically (令和1年 = 2019) and not checked against the day
    the era began: records typed afterwards often say 令和元年4月1日 for 2019-04-01, when it
    was still 平成31年, and what they mean is not in doubt.
    """

    @property
    def help(self) -> Message:
        """ "a date like 2025-04-01, 2025/4/1, 令和7年4月1日 or R7.4.1"."""
        return Message(m.ACCEPTED_DATE)

    def __call__(self, text: str, /) -> dt.date:
        """The date; ParseError when the text is no date or not a day in the calendar."""
        match = (
            _WESTERN_DATE.fullmatch(text)
            or _WESTERN_KANJI_DATE.fullmatch(text)
            or _COMPACT_DATE.fullmatch(text)
        )
        if match:
            year = int(match["year"])
            month, day = int(match["month"]), int(match["day"])
        elif era_match := _ERA_DATE.fullmatch(text):
            era = _ERA_BY_NAME[era_match["era"].upper()]
            era_year = 1 if era_match["year"] == "元" else int(era_match["year"])
            if era_year < 1:
                raise _reject(m.NOT_DATE, text)
            year = era.first_year + era_year - 1
            month = int(era_match["month"] or era_match["kanji_month"])
            day = int(era_match["day"] or era_match["kanji_day"])
        else:
            raise _reject(m.NOT_DATE, text)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _reject(m.NOT_CALENDAR_DAY, text) from None


def spelling_key(text: str) -> str:
    """What two spellings of one value share when they differ only in case and width (NFKC):
    "Regular", "ＲＥＧＵＬＡＲ" and " regular " give "regular"."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


@dataclass(frozen=True)
class ChoiceParser(Generic[T]):
    """One of a fixed set of values, each with one or more accepted spellings.

    options: accepted spelling → value, e.g. {"regular": "regular", "正規": "regular"}.
    Spellings match ignoring case and width (NFKC): "Regular" and "ＲＥＧＵＬＡＲ" give
    "regular". Two spellings that match each other must give the same value (ValueError).
    """

    options: Mapping[str, T] = field(hash=False)
    _lookup: Mapping[str, T] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        lookup: dict[str, T] = {}
        for spelling, value in self.options.items():
            key = spelling_key(spelling)
            if not key:
                raise ValueError("a choice needs a non-empty spelling")
            if key in lookup and lookup[key] != value:
                raise ValueError(
                    f'the spelling "{spelling}" matches another spelling with a different value'
                )
            lookup[key] = value
        if not lookup:
            raise ValueError("a choice needs at least one option")
        object.__setattr__(self, "options", dict(self.options))
        object.__setattr__(self, "_lookup", lookup)

    @property
    def help(self) -> Message:
        """'one of "regular", "正規", ...' (every accepted spelling, in the given order)."""
        return Message(m.ACCEPTED_CHOICE, {"options": quoted_list(self.options)})

    def __call__(self, text: str, /) -> T:
        """The value of the matching spelling; ParseError when none matches."""
        try:
            return self._lookup[spelling_key(text)]
        except KeyError:
            raise _reject(m.NOT_CHOICE, text) from None


# ○ appears as U+25CB, U+25EF and U+3007 depending on the input method; NFKC keeps them apart.
BOOLEAN_TRUE = ("yes", "y", "true", "1", "はい", "○", "◯", "〇")
BOOLEAN_FALSE = ("no", "n", "false", "0", "いいえ", "×", "✕")


@dataclass(frozen=True)
class BooleanParser:
    """Yes or no: yes/no, y/n, true/false (Excel's TRUE/FALSE), 1/0, はい/いいえ, ○/×.

    Case-insensitive. ○ may also be ◯ or 〇, × may also be ✕.
    """

    @property
    def help(self) -> Message:
        """ "yes or no (also true/false, 1/0, はい/いいえ, ○/×)"."""
        return Message(m.ACCEPTED_BOOLEAN, {"options": "true/false, 1/0, はい/いいえ, ○/×"})

    @property
    def options(self) -> tuple[str, ...]:
        """The spellings a template offers in its drop-down list."""
        return ("yes", "no", "はい", "いいえ")

    def __call__(self, text: str, /) -> bool:
        """True or False; ParseError for anything else."""
        key = spelling_key(text)
        if key in BOOLEAN_TRUE:
            return True
        if key in BOOLEAN_FALSE:
            return False
        raise _reject(m.NOT_BOOLEAN, text)


@dataclass(frozen=True)
class KanaParser:
    """A reading of a name in kana, returned in full-width katakana (core.people.to_katakana:
    hiragana and half-width katakana are accepted), at most `max_length` characters."""

    max_length: int | None = None

    @property
    def help(self) -> Message:
        """ "a reading in katakana or hiragana (stored in katakana)"."""
        return Message(m.ACCEPTED_KANA)

    def __call__(self, text: str, /) -> str:
        """The reading in katakana; ParseError naming the characters that are not kana, or
        when it is longer than max_length."""
        # Imported here: core.people's rules use this package's messages.
        from dxtalent.core.people.kana import NotKanaError, to_katakana

        try:
            reading = to_katakana(text)
        except NotKanaError as error:
            raise _reject(m.NOT_KANA, text, characters=error.characters) from error
        if self.max_length is not None and len(reading) > self.max_length:
            raise _reject(m.TOO_LONG, text, length=len(reading), max_length=self.max_length)
        return reading


def kana(max_length: int | None = None) -> KanaParser:
    """A reading in katakana or hiragana, stored in katakana (see KanaParser)."""
    return KanaParser(max_length)


def text(max_length: int | None = None) -> TextParser:
    """Any text; at most `max_length` characters when given."""
    return TextParser(max_length)


def integer(minimum: int | None = None, maximum: int | None = None) -> IntegerParser:
    """A whole number within [minimum, maximum] (inclusive; either bound optional)."""
    return IntegerParser(minimum, maximum)


def decimal(
    minimum: Decimal | int | str | None = None, maximum: Decimal | int | str | None = None
) -> DecimalParser:
    """A Decimal within [minimum, maximum] (inclusive; either bound optional)."""
    return DecimalParser(
        None if minimum is None else Decimal(minimum),
        None if maximum is None else Decimal(maximum),
    )


def date() -> DateParser:
    """A date in western or Japanese era form (see DateParser)."""
    return DateParser()


def choice(options: Mapping[str, T]) -> ChoiceParser[T]:
    """One of the values of `options` (accepted spelling → value), case- and width-insensitive."""
    return ChoiceParser(options)


def boolean() -> BooleanParser:
    """Yes or no in English, Japanese, 1/0 or ○/× (see BooleanParser)."""
    return BooleanParser()
