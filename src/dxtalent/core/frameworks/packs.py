"""Framework and crosswalk packs: YAML or JSON files, checked in full before use.

A pack is one file with a top-level `kind`: "framework" or "crosswalk". The checker collects
every problem in the file and raises one InvalidPackError listing them all, each as
`<file>: <location>: <what was found> — <what is accepted>`, the location written like
`roles[2].targets.MIC-M03`. Nothing is returned from a file with any problem.

Files are read as UTF-8 (with or without BOM), falling back to cp932 (Shift_JIS as saved by
Japanese Windows editors). Codes are NFKC-normalised, so full-width "ＭＩＣ－Ｐ０１" reads as
"MIC-P01"; texts are kept as written, apart from surrounding white space.

The packs shipped with dxtalent live in the package `dxtalent.data.frameworks` and are read
with `load_shipped_packs()`. They are never changed in place: `copy_framework` makes an
organisation's own adjusted copy.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from dxtalent.core.frameworks.model import (
    ANCHORED_LEVELS,
    LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    Area,
    Crosswalk,
    Framework,
    Level,
    Relation,
    Role,
    Scope,
    Skill,
    SkillMapping,
    Text,
    check_level,
)

SHIPPED_PACKAGE = "dxtalent.data.frameworks"
PACK_SUFFIXES = (".yaml", ".yml", ".json")
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


def _one_of(choices: Iterable[enum.StrEnum]) -> str:
    """'"a", "b" or "c"'."""
    quoted = [f'"{choice.value}"' for choice in choices]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


ACCEPTED_SCOPE = _one_of(Scope)
ACCEPTED_RELATION = _one_of(Relation)

PackSource = str | os.PathLike[str] | Traversable


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


class UnknownFrameworkCodeError(LookupError):
    """A framework code that is not among the loaded packs."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        names = sorted(known)
        hint = f' (e.g. "{names[0]}")' if names else " (none is loaded)"
        super().__init__(f'"{code}" is not a loaded framework{hint}')


class UnknownCrosswalkCodeError(LookupError):
    """A crosswalk code that is not among the loaded packs."""

    def __init__(self, code: str, known: Iterable[str]) -> None:
        self.code = code
        names = sorted(known)
        hint = f' (e.g. "{names[0]}")' if names else " (none is loaded)"
        super().__init__(f'"{code}" is not a loaded crosswalk{hint}')


class InvalidFrameworkCodeError(ValueError):
    """A code that is malformed, or that would hide the framework it copies."""


class InvalidVersionError(ValueError):
    """A version that is neither a semantic version nor an ISO date."""


@dataclass(frozen=True)
class PackSet:
    """Frameworks and crosswalks loaded together, each by its code. Iterating gives every
    pack, frameworks first."""

    frameworks: Mapping[str, Framework]
    crosswalks: Mapping[str, Crosswalk]

    def __iter__(self) -> Iterator[Framework | Crosswalk]:
        """Every pack: the frameworks, then the crosswalks (each in loading order)."""
        yield from self.frameworks.values()
        yield from self.crosswalks.values()

    def __len__(self) -> int:
        return len(self.frameworks) + len(self.crosswalks)

    def framework(self, code: str) -> Framework:
        """The framework with `code`; UnknownFrameworkCodeError if none."""
        try:
            return self.frameworks[code]
        except KeyError:
            raise UnknownFrameworkCodeError(code, self.frameworks) from None

    def crosswalk(self, code: str) -> Crosswalk:
        """The crosswalk with `code`; UnknownCrosswalkCodeError if none."""
        try:
            return self.crosswalks[code]
        except KeyError:
            raise UnknownCrosswalkCodeError(code, self.crosswalks) from None


# --- reading -------------------------------------------------------------------------------


class _PackLoader(yaml.SafeLoader):
    """yaml.SafeLoader that records duplicate keys instead of silently keeping the last."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, object]] = []


def _construct_mapping(loader: _PackLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            if key in seen:
                loader.duplicate_keys.append((key_node.start_mark.line + 1, key))
            seen.add(key)
        except TypeError:
            pass  # an unhashable key; construct_mapping below reports it
    return loader.construct_mapping(node, deep=True)


_PackLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _display_name(source: PackSource) -> str:
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    return source.name


def _read_text(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _parse(source: PackSource) -> tuple[str, object, list[PackProblem]]:
    """The file's display name, its parsed content (None if unreadable) and syntax problems."""
    name = _display_name(source)
    suffix = Path(name).suffix.lower()
    if suffix not in PACK_SUFFIXES:
        found = f'a file ending "{suffix}"' if suffix else "a file without an extension"
        return name, None, [PackProblem("(file)", found, "a .yaml, .yml or .json file")]
    resource = Path(source) if isinstance(source, str | os.PathLike) else source
    try:
        raw = resource.read_bytes()
    except OSError as error:
        return name, None, [PackProblem("(file)", f"cannot be read ({error})", "a readable file")]
    text = _read_text(raw)
    if text is None:
        return name, None, [PackProblem("(file)", "undecodable bytes", "UTF-8 or cp932 text")]
    if suffix == ".json":
        return _parse_json(name, text)
    return _parse_yaml(name, text)


def _parse_yaml(name: str, text: str) -> tuple[str, object, list[PackProblem]]:
    loader = _PackLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}" if mark else "(file)"
        found = error.problem or error.context or "a syntax error"
        return name, None, [PackProblem(where, found, "well-formed YAML")]
    except yaml.YAMLError as error:
        return name, None, [PackProblem("(file)", str(error), "well-formed YAML")]
    finally:
        loader.dispose()
    problems = [
        PackProblem(f"line {line}", f'key "{key}" appears again', "each key once per mapping")
        for line, key in loader.duplicate_keys
    ]
    return name, data, problems


def _parse_json(name: str, text: str) -> tuple[str, object, list[PackProblem]]:
    duplicates: list[str] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                duplicates.append(key)
            result[key] = value
        return result

    try:
        data = json.loads(text, object_pairs_hook=unique)
    except json.JSONDecodeError as error:
        return name, None, [PackProblem(f"line {error.lineno}", error.msg, "well-formed JSON")]
    problems = [
        PackProblem("(file)", f'key "{key}" appears again', "each key once per object")
        for key in duplicates
    ]
    return name, data, problems


# --- checking ------------------------------------------------------------------------------

_MISSING = object()
_E = TypeVar("_E", bound=enum.StrEnum)
_T = TypeVar("_T")


def _describe(value: object) -> str:
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


def _at(location: str, key: object) -> str:
    """The location of a mapping's key: `roles[2]` + `targets` → `roles[2].targets`."""
    return f"{location}.{key}" if location else str(key)


def _item(location: str, index: int) -> str:
    """The location of a list's item: `roles` + 2 → `roles[2]`."""
    return f"{location}[{index}]"


def _example(codes: Iterable[str], what: str, where: str = "defined in this pack") -> str:
    ordered = sorted(codes)
    return f'{what} {where}, e.g. "{ordered[0]}"' if ordered else f"{what} {where}"


def _is_version(value: str) -> bool:
    if SEMVER_PATTERN.fullmatch(value):
        return True
    if DATE_PATTERN.fullmatch(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return False


class _Checker:
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
    ) -> _Fields | None:
        """The keys of `value` if it is a mapping, after reporting missing and unknown keys.

        required, optional: key → what its value may be (said when the key is missing).
        """
        allowed = [*required, *(optional or {})]
        if not isinstance(value, dict):
            self.add(location, _describe(value), "a mapping with keys " + ", ".join(allowed))
            return None
        for key, accepted in required.items():
            if key not in value:
                self.add(_at(location, key), "missing", accepted)
        for key in value:
            if key not in allowed:
                self.add(_at(location, key), f'unknown key "{key}"', "keys: " + ", ".join(allowed))
        return _Fields(self, value, location)

    def sequence(self, value: object, location: str, accepted: str) -> list[tuple[str, object]]:
        """(location, item) for each item of a non-empty list; else reports it and gives []."""
        if not isinstance(value, list) or not value:
            self.add(location, _describe(value), accepted)
            return []
        return [(_item(location, i), item) for i, item in enumerate(value)]

    def string(self, value: object, location: str, accepted: str = ACCEPTED_STRING) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.add(location, _describe(value), accepted)
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
            self.add(location, _describe(value), ACCEPTED_CODE)
            return None
        return code

    def level(self, value: object, location: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            self.add(location, _describe(value), ACCEPTED_LEVEL)
            return None
        return value

    def rank(self, value: object, location: str) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.add(location, _describe(value), _ROLE_KEYS["rank"])
            return None
        return value

    def version(self, value: object, location: str) -> str | None:
        if type(value) is dt.date:  # an unquoted date in YAML; datetime is refused
            return value.isoformat()
        if isinstance(value, str) and _is_version(value):
            return value
        self.add(location, _describe(value), ACCEPTED_VERSION)
        return None

    def choice(self, value: object, location: str, choices: type[_E]) -> _E | None:
        if isinstance(value, str) and value in {choice.value for choice in choices}:
            return choices(value)
        self.add(location, _describe(value), _one_of(choices))
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


class _Fields:
    """The keys of one mapping, read through its checker. A missing key reads as None (or
    []): `_Checker.mapping` has already reported it."""

    def __init__(self, check: _Checker, data: dict[Any, Any], location: str) -> None:
        self.check = check
        self.data = data
        self.location = location

    def at(self, key: str) -> str:
        return _at(self.location, key)

    def get(self, key: str) -> object:
        return self.data.get(key, _MISSING)

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


_FRAMEWORK_KEYS = {
    "kind": f'"{FRAMEWORK_KIND}"',
    "code": ACCEPTED_CODE,
    "version": ACCEPTED_VERSION,
    "name": ACCEPTED_TEXT,
    "description": ACCEPTED_TEXT,
    "source": "the documents the framework is drawn from",
    "authorship_note": ACCEPTED_TEXT,
    "levels": "a list of the levels 0 to 4",
    "areas": "a non-empty list of areas",
    "skills": "a non-empty list of skills",
    "roles": "a non-empty list of roles",
}
_FRAMEWORK_OPTIONAL = {"based_on": '"CODE@VERSION" of the framework this one was copied from'}
_LEVEL_KEYS = {"level": ACCEPTED_LEVEL, "name": ACCEPTED_TEXT, "description": ACCEPTED_TEXT}
_AREA_KEYS = {"code": ACCEPTED_CODE, "name": ACCEPTED_TEXT, "skills": "a list of skill codes"}
_SKILL_KEYS = {
    "code": ACCEPTED_CODE,
    "area": "the code of an area in this pack",
    "name": ACCEPTED_TEXT,
    "description": ACCEPTED_TEXT,
    "anchors": "a mapping of each level 1 to 4 to a ja/en text",
    "source": "the document and section or table the skill comes from",
}
_ROLE_KEYS = {
    "code": ACCEPTED_CODE,
    "name": ACCEPTED_TEXT,
    "description": ACCEPTED_TEXT,
    "scope": ACCEPTED_SCOPE,
    "rank": "a whole number from 1 (top of the hierarchy)",
    "targets": f"a mapping of skill code → level {MIN_LEVEL} to {MAX_LEVEL}, at least one",
    "source": "the document and section the role and its targets come from",
}
_CROSSWALK_KEYS = {
    "kind": f'"{CROSSWALK_KIND}"',
    "code": ACCEPTED_CODE,
    "version": ACCEPTED_VERSION,
    "name": ACCEPTED_TEXT,
    "description": ACCEPTED_TEXT,
    "source": "the documents the crosswalk is drawn from",
    "authorship_note": ACCEPTED_TEXT,
    "from_framework": "the code of a loaded framework",
    "to_framework": "the code of another loaded framework",
    "mappings": "a non-empty list of mappings",
}
_MAPPING_KEYS = {
    "from": "a skill code of the from_framework",
    "to": "a skill code of the to_framework",
    "relation": ACCEPTED_RELATION,
    "note": ACCEPTED_TEXT,
}
_EACH_LEVEL_ONCE = f"each level {MIN_LEVEL} to {MAX_LEVEL} exactly once"


def _check_levels(check: _Checker, top: _Fields) -> tuple[Level, ...]:
    levels: dict[int, Level] = {}
    seen: dict[int, str] = {}
    entries = top.items("levels", _FRAMEWORK_KEYS["levels"])
    for location, item in entries:
        fields = check.mapping(item, location, _LEVEL_KEYS)
        if fields is None:
            continue
        number, name, description = (
            fields.level("level"),
            fields.text("name"),
            fields.text("description"),
        )
        if number is None:
            continue
        if number in seen:
            check.add(
                fields.at("level"), f"level {number} again (also {seen[number]})", _EACH_LEVEL_ONCE
            )
            continue
        seen[number] = location
        if name and description:
            levels[number] = Level(level=number, name=name, description=description)
    if entries:
        for number in LEVELS:
            if number not in seen:
                check.add("levels", f"no level {number}", _EACH_LEVEL_ONCE)
    return tuple(levels[n] for n in sorted(levels))


def _level_key(key: object) -> int | None:
    """A level from an anchors key: YAML gives ints, JSON object keys are always strings."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return None


def _check_anchors(check: _Checker, raw: object, location: str) -> dict[int, Text]:
    if not isinstance(raw, dict):
        check.add(location, _describe(raw), _SKILL_KEYS["anchors"])
        return {}
    anchors: dict[int, Text] = {}
    present: set[int] = set()
    for key, value in raw.items():
        number = _level_key(key)
        if number is None or number not in ANCHORED_LEVELS:
            check.add(
                _at(location, key),
                f"an anchor for {_describe(key)}",
                "anchors for levels 1 to 4 only (level 0 means none and has no anchor)",
            )
            continue
        if number in present:  # YAML 2 and "2", or JSON "2" and " 2"
            check.add(_at(location, key), f"level {number} again", "each level 1 to 4 once")
            continue
        present.add(number)
        text = check.text(value, _at(location, number))
        if text is not None:
            anchors[number] = text
    for number in ANCHORED_LEVELS:
        if number not in present:
            check.add(_at(location, number), "missing", "a ja/en behavioural anchor for this level")
    return anchors


@dataclass
class _RawSkill:
    location: str
    code: str | None
    area: str | None
    name: Text | None
    description: Text | None
    anchors: dict[int, Text]
    source: str | None


@dataclass
class _RawArea:
    location: str
    code: str | None
    name: Text | None
    members: list[str]


def _check_skill(check: _Checker, item: object, location: str) -> _RawSkill | None:
    fields = check.mapping(item, location, _SKILL_KEYS)
    if fields is None:
        return None
    return _RawSkill(
        location=location,
        code=fields.code("code"),
        area=fields.code("area"),
        name=fields.text("name"),
        description=fields.text("description"),
        anchors=(
            _check_anchors(check, fields.get("anchors"), fields.at("anchors"))
            if "anchors" in fields.data
            else {}
        ),
        source=fields.string("source", _SKILL_KEYS["source"]),
    )


def _check_area(
    check: _Checker, item: object, location: str, skill_codes: set[str]
) -> _RawArea | None:
    fields = check.mapping(item, location, _AREA_KEYS)
    if fields is None:
        return None
    members: list[str] = []
    for member_location, member in fields.items("skills", _AREA_KEYS["skills"]):
        code = check.code(member, member_location)
        if code is None:
            continue
        if code not in skill_codes:
            check.add(
                member_location,
                f'"{code}" is not a skill code in this pack',
                _example(skill_codes, "a skill code"),
            )
        elif code in members:
            check.add(member_location, f'"{code}" again', "each skill once per area")
        else:
            members.append(code)
    return _RawArea(location, fields.code("code"), fields.text("name"), members)


def _check_membership(check: _Checker, skills: list[_RawSkill], areas: list[_RawArea]) -> None:
    """Each skill's `area` names an area, and that area, and no other, lists the skill."""
    area_codes = {area.code for area in areas if area.code}
    home = {skill.code: skill.area for skill in skills if skill.code and skill.area}
    for skill in skills:
        if skill.area and skill.area not in area_codes:
            check.add(
                _at(skill.location, "area"),
                f'"{skill.area}" is not an area code in this pack',
                _example(area_codes, "an area code"),
            )
    for area in areas:
        if area.code is None:
            continue
        location = _at(area.location, "skills")
        for code in area.members:
            if home.get(code, area.code) != area.code:
                check.add(
                    location,
                    f'"{code}", whose area is "{home[code]}"',
                    f"only skills whose area is {area.code}",
                )
        for code, skill_area in home.items():
            if skill_area == area.code and code not in area.members:
                check.add(
                    location,
                    f'"{code}" is missing although its area is "{area.code}"',
                    f"the codes of every skill whose area is {area.code}",
                )


def _check_role(check: _Checker, item: object, location: str, skill_codes: set[str]) -> Role | None:
    fields = check.mapping(item, location, _ROLE_KEYS)
    if fields is None:
        return None
    code, name, description = fields.code("code"), fields.text("name"), fields.text("description")
    scope, rank = fields.choice("scope", Scope), fields.rank("rank")
    source = fields.string("source", _ROLE_KEYS["source"])
    raw_targets = fields.get("targets")
    if raw_targets is _MISSING:
        return None
    if not isinstance(raw_targets, dict) or not raw_targets:
        check.add(fields.at("targets"), _describe(raw_targets), _ROLE_KEYS["targets"])
        return None
    targets: dict[str, int] = {}
    for key, value in raw_targets.items():
        key_location = _at(fields.at("targets"), key)
        skill_code, level = check.code(key, key_location), check.level(value, key_location)
        if skill_code is not None and skill_code not in skill_codes:
            check.add(
                key_location,
                f'"{skill_code}" is not a skill code in this pack',
                _example(skill_codes, "a skill code"),
            )
        elif skill_code is not None and level is not None:
            targets[skill_code] = level
    if not (code and name and description and scope and rank and source):
        return None
    return Role(code, name, description, scope, rank, targets, source)


def _check_based_on(check: _Checker, top: _Fields) -> str | None:
    raw = top.get("based_on")
    if raw is _MISSING:
        return None
    match = BASED_ON_PATTERN.fullmatch(raw) if isinstance(raw, str) else None
    if match and CODE_PATTERN.fullmatch(match["code"]) and _is_version(match["version"]):
        return match.group(0)
    check.add("based_on", _describe(raw), _FRAMEWORK_OPTIONAL["based_on"])
    return None


def _check_framework(check: _Checker, data: object) -> Framework | None:
    top = check.mapping(data, "", _FRAMEWORK_KEYS, _FRAMEWORK_OPTIONAL)
    if top is None:
        return None
    code, version = top.code("code"), top.version("version")
    name, description = top.text("name"), top.text("description")
    source = top.string("source", _FRAMEWORK_KEYS["source"])
    authorship_note = top.text("authorship_note")
    based_on = _check_based_on(check, top)
    levels = _check_levels(check, top)

    skills = [
        skill
        for location, item in top.items("skills", _FRAMEWORK_KEYS["skills"])
        if (skill := _check_skill(check, item, location))
    ]
    skill_codes = check.unique(((_at(s.location, "code"), s.code) for s in skills), "skill")
    areas = [
        area
        for location, item in top.items("areas", _FRAMEWORK_KEYS["areas"])
        if (area := _check_area(check, item, location, skill_codes))
    ]
    check.unique(((_at(a.location, "code"), a.code) for a in areas), "area")
    _check_membership(check, skills, areas)
    role_entries = top.items("roles", _FRAMEWORK_KEYS["roles"])
    roles = [
        (location, role)
        for location, item in role_entries
        if (role := _check_role(check, item, location, skill_codes))
    ]
    check.unique(((_at(location, "code"), role.code) for location, role in roles), "role")

    if check.problems:
        return None
    assert code and version and name and description and source and authorship_note
    return Framework(
        code=code,
        version=version,
        name=name,
        description=description,
        source=source,
        authorship_note=authorship_note,
        levels=levels,
        areas=tuple(Area(a.code, a.name, tuple(a.members)) for a in areas if a.code and a.name),
        skills=tuple(
            Skill(s.code, s.area, s.name, s.description, s.anchors, s.source)
            for s in skills
            if s.code and s.area and s.name and s.description and s.source
        ),
        roles=tuple(role for _, role in roles),
        based_on=based_on,
    )


def _check_mapping(
    check: _Checker,
    item: object,
    location: str,
    source_framework: Framework | None,
    target_framework: Framework | None,
) -> SkillMapping | None:
    fields = check.mapping(item, location, _MAPPING_KEYS)
    if fields is None:
        return None
    codes: list[str | None] = []
    for key, framework in (("from", source_framework), ("to", target_framework)):
        code = fields.code(key)
        if code and framework and code not in {skill.code for skill in framework.skills}:
            check.add(
                fields.at(key),
                f'"{code}" is not a skill code of {framework.code}',
                f'a skill code of {framework.code}, e.g. "{framework.skills[0].code}"',
            )
            code = None
        codes.append(code)
    relation, note = fields.choice("relation", Relation), fields.text("note")
    from_skill, to_skill = codes
    if from_skill and to_skill and relation and note:
        return SkillMapping(from_skill, to_skill, relation, note)
    return None


def _check_crosswalk(
    check: _Checker, data: object, frameworks: Mapping[str, Framework]
) -> Crosswalk | None:
    top = check.mapping(data, "", _CROSSWALK_KEYS)
    if top is None:
        return None
    code, version = top.code("code"), top.version("version")
    name, description = top.text("name"), top.text("description")
    source = top.string("source", _CROSSWALK_KEYS["source"])
    authorship_note = top.text("authorship_note")
    ends: list[Framework | None] = []
    for key in ("from_framework", "to_framework"):
        framework_code = top.code(key)
        if framework_code and framework_code not in frameworks:
            check.add(
                key,
                f'"{framework_code}" is not a loaded framework',
                _example(frameworks, "a framework code", "already loaded"),
            )
        ends.append(frameworks.get(framework_code) if framework_code else None)
    source_framework, target_framework = ends
    if source_framework and target_framework and source_framework is target_framework:
        check.add(
            "to_framework",
            f'"{target_framework.code}", the same as from_framework',
            "a different framework",
        )

    mappings: list[SkillMapping] = []
    seen: dict[tuple[str, str], str] = {}
    for location, item in top.items("mappings", _CROSSWALK_KEYS["mappings"]):
        mapping = _check_mapping(check, item, location, source_framework, target_framework)
        if mapping is None:
            continue
        pair = (mapping.from_skill, mapping.to_skill)
        if pair in seen:
            check.add(
                location,
                f"{pair[0]} → {pair[1]} again (also {seen[pair]})",
                "each pair of skills once",
            )
        else:
            seen[pair] = location
            mappings.append(mapping)

    if check.problems:
        return None
    assert code and version and name and description and source and authorship_note
    assert source_framework and target_framework
    return Crosswalk(
        code=code,
        version=version,
        name=name,
        description=description,
        source=source,
        authorship_note=authorship_note,
        from_framework=source_framework.code,
        to_framework=target_framework.code,
        mappings=tuple(mappings),
    )


# --- public loading ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Parsed:
    """A pack file read but not yet checked: its display name, content and kind (None if
    unreadable or unknown, with the reason among `problems`)."""

    name: str
    data: object
    kind: str | None
    problems: tuple[PackProblem, ...]


def _read_pack(source: PackSource) -> _Parsed:
    name, data, problems = _parse(source)
    if data is None and problems:
        return _Parsed(name, None, None, tuple(problems))
    check = _Checker(problems)
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        check.add("(file)", _describe(data), "a mapping with a kind key at the top")
    elif kind not in (FRAMEWORK_KIND, CROSSWALK_KIND):
        found = "missing" if "kind" not in data else _describe(kind)
        check.add("kind", found, f'"{FRAMEWORK_KIND}" or "{CROSSWALK_KIND}"')
        kind = None
    return _Parsed(name, data, kind if isinstance(kind, str) else None, tuple(check.problems))


def _framework_from(parsed: _Parsed) -> Framework:
    check = _Checker(parsed.problems)
    framework = None
    if parsed.kind == CROSSWALK_KIND:
        check.add(
            "kind",
            f'"{CROSSWALK_KIND}"',
            f'"{FRAMEWORK_KIND}" (load crosswalks with load_crosswalk)',
        )
    elif parsed.kind == FRAMEWORK_KIND:
        framework = _check_framework(check, parsed.data)
    if check.problems or framework is None:
        raise InvalidPackError(parsed.name, check.problems)
    return framework


def _crosswalk_from(parsed: _Parsed, frameworks: Mapping[str, Framework]) -> Crosswalk:
    check = _Checker(parsed.problems)
    crosswalk = None
    if parsed.kind == FRAMEWORK_KIND:
        check.add(
            "kind",
            f'"{FRAMEWORK_KIND}"',
            f'"{CROSSWALK_KIND}" (load frameworks with load_framework)',
        )
    elif parsed.kind == CROSSWALK_KIND:
        crosswalk = _check_crosswalk(check, parsed.data, frameworks)
    if check.problems or crosswalk is None:
        raise InvalidPackError(parsed.name, check.problems)
    return crosswalk


def load_framework(source: PackSource) -> Framework:
    """The framework in a YAML or JSON pack file.

    Raises InvalidPackError listing every problem: wrong kind, missing or unknown keys, wrong
    types, levels not 0..4 exactly once, anchors not exactly 1..4, duplicate codes, targets
    naming unknown skills or outside 0..4, areas and skills disagreeing on membership, empty
    ja or en texts, a scope other than organisation/project, a malformed version.
    """
    return _framework_from(_read_pack(source))


def load_crosswalk(
    source: PackSource, frameworks: Mapping[str, Framework] | Iterable[Framework]
) -> Crosswalk:
    """The crosswalk in a YAML or JSON pack file, checked against the frameworks it joins.

    frameworks: the loaded frameworks, by code or as a collection. Raises InvalidPackError
    listing every problem, including frameworks not loaded and mappings whose skills are
    missing from either framework.
    """
    if not isinstance(frameworks, Mapping):
        frameworks = {framework.code: framework for framework in frameworks}
    return _crosswalk_from(_read_pack(source), frameworks)


def load_packs(sources: Iterable[PackSource]) -> PackSet:
    """Every framework and crosswalk in `sources`: frameworks first, then the crosswalks
    between them.

    Raises InvalidPackError for the first file with problems (unreadable files and unknown
    kinds first, then frameworks, then crosswalks, each in the order given), including a
    code already used by another file of the same kind.
    """
    parsed = [_read_pack(source) for source in sources]
    for pack in parsed:
        if pack.kind is None:
            raise InvalidPackError(pack.name, pack.problems)
    origin: dict[str, str] = {}
    frameworks: dict[str, Framework] = {}
    for pack in parsed:
        if pack.kind == FRAMEWORK_KIND:
            framework = _framework_from(pack)
            _refuse_duplicate(framework.code, "framework", pack.name, origin)
            frameworks[framework.code] = framework
    crosswalks: dict[str, Crosswalk] = {}
    for pack in parsed:
        if pack.kind == CROSSWALK_KIND:
            crosswalk = _crosswalk_from(pack, frameworks)
            _refuse_duplicate(crosswalk.code, "crosswalk", pack.name, origin)
            crosswalks[crosswalk.code] = crosswalk
    return PackSet(MappingProxyType(frameworks), MappingProxyType(crosswalks))


def _refuse_duplicate(code: str, what: str, name: str, origin: dict[str, str]) -> None:
    if code in origin:
        raise InvalidPackError(
            name,
            [
                PackProblem(
                    "code",
                    f'{what} code "{code}", already used by {origin[code]}',
                    "a code no other pack uses",
                )
            ],
        )
    origin[code] = name


def shipped_pack_files() -> tuple[Traversable, ...]:
    """The pack files shipped in `dxtalent.data.frameworks`, sorted by name."""
    entries = files(SHIPPED_PACKAGE).iterdir()
    packs = (e for e in entries if e.is_file() and e.name.lower().endswith(PACK_SUFFIXES))
    return tuple(sorted(packs, key=lambda entry: entry.name))


@functools.cache
def load_shipped_packs() -> PackSet:
    """Every framework and crosswalk shipped with dxtalent (read once, then cached; the
    values are immutable, so sharing them is safe)."""
    return load_packs(shipped_pack_files())


# --- organisations' copies -----------------------------------------------------------------


def copy_framework(
    framework: Framework,
    new_code: str,
    new_name: Text,
    target_changes: Mapping[str, Mapping[str, int | None]],
    *,
    version: str = "1.0.0",
) -> Framework:
    """An organisation's adjusted copy of `framework`; the original is left as it was.

    new_code: a code other than the original's (InvalidFrameworkCodeError otherwise).
    version: of the copy, "1.0.0" unless given (InvalidVersionError if malformed).
    target_changes: role code → {skill code → new level 0..4, or None to drop the target}.
    Unknown codes raise UnknownRoleCodeError / UnknownSkillCodeError; levels outside 0..4
    raise LevelOutOfRangeError. The copy records `based_on` = "<original code>@<version>"
    and, for each changed role, appends to its source that the targets were changed in the
    copy, so a finding never cites the original source for a target it did not set.
    """
    code = unicodedata.normalize("NFKC", new_code).strip()
    if not CODE_PATTERN.fullmatch(code):
        raise InvalidFrameworkCodeError(f'"{new_code}" is not accepted as a code; {ACCEPTED_CODE}')
    if code == framework.code:
        raise InvalidFrameworkCodeError(
            f'"{new_code}" is the code of the framework being copied; a copy needs its own code, '
            f'e.g. "{framework.code}-CITY"'
        )
    if not _is_version(version):
        raise InvalidVersionError(f'"{version}" is not accepted as a version; {ACCEPTED_VERSION}')
    for role_code, changes in target_changes.items():
        framework.role(role_code)
        for skill_code, level in changes.items():
            framework.skill(skill_code)
            if level is not None:
                check_level(level, f"target change for role {role_code}, skill {skill_code}")
    roles = []
    for role in framework.roles:
        role_changes = target_changes.get(role.code)
        if not role_changes:
            roles.append(role)
            continue
        targets = dict(role.targets)
        for skill_code, level in role_changes.items():
            if level is None:
                targets.pop(skill_code, None)
            else:
                targets[skill_code] = level
        roles.append(
            dataclasses.replace(
                role,
                targets=targets,
                source=f"{role.source}; targets changed in {code} {version}",
            )
        )
    return dataclasses.replace(
        framework,
        code=code,
        version=version,
        name=new_name,
        roles=tuple(roles),
        based_on=f"{framework.code}@{framework.version}",
    )


def framework_to_pack(framework: Framework) -> dict[str, object]:
    """The pack data of `framework` (plain dicts and lists), ready for `yaml.safe_dump` or
    `json.dumps`; `load_framework` reads it back to an equal framework."""

    def text(value: Text) -> dict[str, str]:
        return {"ja": value.ja, "en": value.en}

    data: dict[str, object] = {
        "kind": FRAMEWORK_KIND,
        "code": framework.code,
        "version": framework.version,
    }
    if framework.based_on:
        data["based_on"] = framework.based_on
    data |= {
        "name": text(framework.name),
        "description": text(framework.description),
        "source": framework.source,
        "authorship_note": text(framework.authorship_note),
        "levels": [
            {"level": lv.level, "name": text(lv.name), "description": text(lv.description)}
            for lv in framework.levels
        ],
        "areas": [
            {"code": area.code, "name": text(area.name), "skills": list(area.skill_codes)}
            for area in framework.areas
        ],
        "skills": [
            {
                "code": skill.code,
                "area": skill.area_code,
                "name": text(skill.name),
                "description": text(skill.description),
                "anchors": {level: text(anchor) for level, anchor in sorted(skill.anchors.items())},
                "source": skill.source,
            }
            for skill in framework.skills
        ],
        "roles": [
            {
                "code": role.code,
                "name": text(role.name),
                "description": text(role.description),
                "scope": role.scope.value,
                "rank": role.rank,
                "targets": dict(role.targets),
                "source": role.source,
            }
            for role in framework.roles
        ],
    }
    return data
