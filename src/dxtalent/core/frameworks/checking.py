"""Checking pack data: every problem in a framework or crosswalk pack, collected at once.

The checker reads parsed YAML or JSON data (`dxtalent.core.frameworks.reading` parses files)
into frozen model values and collects every problem in the data, raising one InvalidPackError
listing them all, each as `<file>: <location>: <what was found> — <what is accepted>`, the
location written like `roles[2].targets.MIC-M03`. Nothing is returned from data with any
problem. Codes are NFKC-normalised, so full-width "ＭＩＣ－Ｐ０１" reads as "MIC-P01"; texts are
kept as written, apart from surrounding white space.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

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


_MISSING = object()
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


def _at(location: str, key: object) -> str:
    """The location of a mapping's key: `roles[2]` + `targets` → `roles[2].targets`."""
    return f"{location}.{key}" if location else str(key)


def _item(location: str, index: int) -> str:
    """The location of a list's item: `roles` + 2 → `roles[2]`."""
    return f"{location}[{index}]"


def _example(codes: Iterable[str], what: str, where: str = "defined in this pack") -> str:
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
            self.add(location, describe(value), "a mapping with keys " + ", ".join(allowed))
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
            self.add(location, describe(value), accepted)
            return []
        return [(_item(location, i), item) for i, item in enumerate(value)]

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
            self.add(location, describe(value), _ROLE_KEYS["rank"])
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
        check.add(location, describe(raw), _SKILL_KEYS["anchors"])
        return {}
    anchors: dict[int, Text] = {}
    present: set[int] = set()
    for key, value in raw.items():
        number = _level_key(key)
        if number is None or number not in ANCHORED_LEVELS:
            check.add(
                _at(location, key),
                f"an anchor for {describe(key)}",
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
        check.add(fields.at("targets"), describe(raw_targets), _ROLE_KEYS["targets"])
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
    if match and CODE_PATTERN.fullmatch(match["code"]) and is_version(match["version"]):
        return match.group(0)
    check.add("based_on", describe(raw), _FRAMEWORK_OPTIONAL["based_on"])
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


@dataclass(frozen=True)
class ParsedPack:
    """A pack file read but not yet checked: its display name, content and kind (None if
    unreadable or unknown, with the reason among `problems`)."""

    name: str
    data: object
    kind: str | None
    problems: tuple[PackProblem, ...]


def check_kind(name: str, data: object, problems: Iterable[PackProblem]) -> ParsedPack:
    """A parsed pack file with its kind: None, with the reason among `problems`, if `data` is
    missing (unreadable) or not a mapping whose `kind` is "framework" or "crosswalk"."""
    problems = tuple(problems)
    if data is None and problems:
        return ParsedPack(name, None, None, problems)
    check = _Checker(problems)
    kind = data.get("kind") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        check.add("(file)", describe(data), "a mapping with a kind key at the top")
    elif kind not in (FRAMEWORK_KIND, CROSSWALK_KIND):
        found = "missing" if "kind" not in data else describe(kind)
        check.add("kind", found, f'"{FRAMEWORK_KIND}" or "{CROSSWALK_KIND}"')
        kind = None
    return ParsedPack(name, data, kind if isinstance(kind, str) else None, tuple(check.problems))


def framework_from(parsed: ParsedPack) -> Framework:
    """The framework in `parsed`; InvalidPackError listing every problem otherwise."""
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


def crosswalk_from(parsed: ParsedPack, frameworks: Mapping[str, Framework]) -> Crosswalk:
    """The crosswalk in `parsed`, checked against `frameworks` (by code); InvalidPackError
    listing every problem otherwise."""
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
