"""The machinery of pack checking: a problem (`PackProblem`) and the error that lists them
(`InvalidPackError`), what each kind of value accepts, and the `Checker` that reads a value
while collecting every problem, with `Fields` for one mapping of the pack."""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from dxtalent.core.frameworks.model import (
    LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    Relation,
    Scope,
    Text,
)

FRAMEWORK_KIND = "framework"
CROSSWALK_KIND = "crosswalk"

# Uppercase ASCII, a prefix and at least one more part: "MIC-P01", "CO-COMM", "JMRC-04".
CODE_PATTERN = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
SEMVER_PATTERN = re.compile(r"(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)")
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
BASED_ON_PATTERN = re.compile(r"(?P<code>[^@]+)@(?P<version>.+)")

ACCEPTED_CODE = 'an uppercase ASCII code with a prefix, e.g. "MIC-P01"'
ACCEPTED_VERSION = 'a semantic version such as "1.0.0" or a date such as "2024-04-17"'
ACCEPTED_TEXT = "a mapping with a non-empty ja and a non-empty en text"
ACCEPTED_STRING = "a non-empty text"
ACCEPTED_LEVEL = f"a whole number from {MIN_LEVEL} to {MAX_LEVEL}"
ACCEPTED_RANK = "a whole number from 1 (top of the hierarchy)"


def _one_of(choices: Iterable[enum.StrEnum]) -> str:
    """'"a", "b" or "c"'."""
    quoted = [f'"{choice.value}"' for choice in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


ACCEPTED_SCOPE = _one_of(Scope)
ACCEPTED_RELATION = _one_of(Relation)


@dataclass(frozen=True)
class PackProblem:
    """One problem in a pack file.

    location: where, written like `roles[2].targets.MIC-M03` ("line 12" for syntax problems,
    "(file)" for the file as a whole). found: what is there. accepted: what would be accepted.
    """

    location: str
    found: str
    accepted: str

    def describe(self, file: str) -> str:
        """`<file>: <location>: <found> — <accepted>`."""
        return f"{file}: {self.location}: {self.found} — {self.accepted}"


class InvalidPackError(ValueError):
    """A pack file with one or more problems; `problems` lists all of them.

    The message has one line per problem: `<file>: <location>: <found> — <accepted>`.
    """

    def __init__(self, path: str, problems: Sequence[PackProblem]) -> None:
        self.path = path
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.describe(path) for problem in self.problems))


MISSING = object()
_E = TypeVar("_E", bound=enum.StrEnum)
_T = TypeVar("_T")


def describe(value: object) -> str:
    """A value as a problem's "found" text: `"MIC-P01"`, "the number 5", "an empty list"."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads unquoted yes/no/on/off as true/false; quote text)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'"{shown}"' if value.strip() else "an empty text"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"


def key_at(location: str, key: object) -> str:
    """The location of a mapping's key: `roles[2]` + `targets` → `roles[2].targets`."""
    return f"{location}.{key}" if location else str(key)


def item_at(location: str, index: int) -> str:
    """The location of a list's item: `roles` + 2 → `roles[2]`."""
    return f"{location}[{index}]"


def example(codes: Iterable[str], what: str, where: str = "defined in this pack") -> str:
    ordered = sorted(codes)
    return f'{what} {where}, e.g. "{ordered[0]}"' if ordered else f"{what} {where}"


def is_version(value: str) -> bool:
    """True for a semantic version ("1.0.0") or a real ISO date ("2024-04-17")."""
    if SEMVER_PATTERN.fullmatch(value):
        return True
    if DATE_PATTERN.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


class Checker:
    """Collects problems while reading raw pack data into values; each reader returns None
    (or an empty result) for a value it reported."""

    def __init__(self, problems: Iterable[PackProblem] = ()) -> None:
        self.problems: list[PackProblem] = list(problems)

    def add(self, location: str, found: str, accepted: str) -> None:
        self.problems.append(PackProblem(location or "(file)", found, accepted))

    def mapping(
        self,
        value: object,
        location: str,
        required: Mapping[str, str],
        optional: Mapping[str, str] | None = None,
    ) -> Fields | None:
        """The keys of `value` if it is a mapping, after reporting missing and unknown keys.

        required, optional: key → what its value may be (said when the key is missing).
        """
        allowed = [*required, *(optional or {})]
        if not isinstance(value, dict):
            self.add(location, describe(value), "a mapping with keys " + ", ".join(allowed))
            return None
        for key, accepted in required.items():
            if key not in value:
                self.add(key_at(location, key), "missing", accepted)
        for key in value:
            if key not in allowed:
                self.add(
                    key_at(location, key), f'unknown key "{key}"', "keys: " + ", ".join(allowed)
                )
        return Fields(self, value, location)

    def sequence(self, value: object, location: str, accepted: str) -> list[tuple[str, object]]:
        """(location, item) for each item of a non-empty list; else reports it and gives []."""
        if not isinstance(value, list) or not value:
            self.add(location, describe(value), accepted)
            return []
        return [(item_at(location, i), item) for i, item in enumerate(value)]

    def string(self, value: object, location: str, accepted: str = ACCEPTED_STRING) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.add(location, describe(value), accepted)
            return None
        return value.strip()

    def text(self, value: object, location: str) -> Text | None:
        fields = self.mapping(
            value, location, {"ja": "a non-empty Japanese text", "en": "a non-empty English text"}
        )
        if fields is None:
            return None
        ja, en = fields.string("ja"), fields.string("en")
        return Text(ja=ja, en=en) if ja and en else None

    def code(self, value: object, location: str) -> str | None:
        code = unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else None
        if code is None or not CODE_PATTERN.fullmatch(code):
            self.add(location, describe(value), ACCEPTED_CODE)
            return None
        return code

    def level(self, value: object, location: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            self.add(location, describe(value), ACCEPTED_LEVEL)
            return None
        return value

    def rank(self, value: object, location: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(location, describe(value), ACCEPTED_RANK)
            return None
        return value

    def version(self, value: object, location: str) -> str | None:
        if type(value) is dt.date:  # an unquoted date in YAML; datetime is refused
            return value.isoformat()
        if isinstance(value, str) and is_version(value):
            return value
        self.add(location, describe(value), ACCEPTED_VERSION)
        return None

    def choice(self, value: object, location: str, choices: type[_E]) -> _E | None:
        if isinstance(value, str) and value in {choice.value for choice in choices}:
            return choices(value)
        self.add(location, describe(value), _one_of(choices))
        return None

    def unique(self, codes: Iterable[tuple[str, str | None]], what: str) -> set[str]:
        """Reports codes defined more than once; gives the set of codes."""
        first: dict[str, str] = {}
        for location, code in codes:
            if code is None:
                continue
            if code in first:
                self.add(
                    location,
                    f'{what} code "{code}" again',
                    f"a code not used before ({first[code]})",
                )
            else:
                first[code] = location
        return set(first)


class Fields:
    """The keys of one mapping, read through its checker. A missing key reads as None (or
    []): `Checker.mapping` has already reported it."""

    def __init__(self, check: Checker, data: dict[Any, Any], location: str) -> None:
        self.check = check
        self.data = data
        self.location = location

    def at(self, key: str) -> str:
        return key_at(self.location, key)

    def get(self, key: str) -> object:
        return self.data.get(key, MISSING)

    def _read(self, key: str, reader: Callable[[object, str], _T | None]) -> _T | None:
        return reader(self.data[key], self.at(key)) if key in self.data else None

    def string(self, key: str, accepted: str = ACCEPTED_STRING) -> str | None:
        return self._read(key, lambda value, at: self.check.string(value, at, accepted))

    def text(self, key: str) -> Text | None:
        return self._read(key, self.check.text)

    def code(self, key: str) -> str | None:
        return self._read(key, self.check.code)

    def level(self, key: str) -> int | None:
        return self._read(key, self.check.level)

    def rank(self, key: str) -> int | None:
        return self._read(key, self.check.rank)

    def version(self, key: str) -> str | None:
        return self._read(key, self.check.version)

    def choice(self, key: str, choices: type[_E]) -> _E | None:
        return self._read(key, lambda value, at: self.check.choice(value, at, choices))

    def items(self, key: str, accepted: str) -> list[tuple[str, object]]:
        if key not in self.data:
            return []
        return self.check.sequence(self.data[key], self.at(key), accepted)

    def header(self, source_accepted: str) -> Header | None:
        """The fields every pack starts with, each checked; None when any has a problem
        (reported)."""
        code, version = self.code("code"), self.version("version")
        name, description = self.text("name"), self.text("description")
        source = self.string("source", source_accepted)
        authorship_note = self.text("authorship_note")
        if code and version and name and description and source and authorship_note:
            return Header(code, version, name, description, source, authorship_note)
        return None


@dataclass(frozen=True)
class Header:
    """The fields every pack (framework or crosswalk) starts with."""

    code: str
    version: str
    name: Text
    description: Text
    source: str
    authorship_note: Text
