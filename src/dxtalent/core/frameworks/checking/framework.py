"""Checking a framework pack: its levels, areas, skills (with their anchors), roles and the
framework it was copied from, every problem collected."""

from __future__ import annotations

from dataclasses import dataclass

from dxtalent.core.frameworks.checking.base import (
    ACCEPTED_CODE,
    ACCEPTED_LEVEL,
    ACCEPTED_RANK,
    ACCEPTED_SCOPE,
    ACCEPTED_TEXT,
    ACCEPTED_VERSION,
    BASED_ON_PATTERN,
    CODE_PATTERN,
    FRAMEWORK_KIND,
    MISSING,
    Checker,
    Fields,
    describe,
    example,
    is_version,
    key_at,
)
from dxtalent.core.frameworks.model import (
    ANCHORED_LEVELS,
    LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    Area,
    Framework,
    Level,
    Role,
    Scope,
    Skill,
    Text,
)

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
    "rank": ACCEPTED_RANK,
    "targets": f"a mapping of skill code → level {MIN_LEVEL} to {MAX_LEVEL}, at least one",
    "source": "the document and section the role and its targets come from",
}
_EACH_LEVEL_ONCE = f"each level {MIN_LEVEL} to {MAX_LEVEL} exactly once"


def _check_levels(check: Checker, top: Fields) -> tuple[Level, ...]:
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


def _check_anchors(check: Checker, raw: object, location: str) -> dict[int, Text]:
    if not isinstance(raw, dict):
        check.add(location, describe(raw), _SKILL_KEYS["anchors"])
        return {}
    anchors: dict[int, Text] = {}
    present: set[int] = set()
    for key, value in raw.items():
        number = _level_key(key)
        if number is None or number not in ANCHORED_LEVELS:
            check.add(
                key_at(location, key),
                f"an anchor for {describe(key)}",
                "anchors for levels 1 to 4 only (level 0 means none and has no anchor)",
            )
            continue
        if number in present:  # YAML 2 and "2", or JSON "2" and " 2"
            check.add(key_at(location, key), f"level {number} again", "each level 1 to 4 once")
            continue
        present.add(number)
        text = check.text(value, key_at(location, number))
        if text is not None:
            anchors[number] = text
    for number in ANCHORED_LEVELS:
        if number not in present:
            check.add(
                key_at(location, number), "missing", "a ja/en behavioural anchor for this level"
            )
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


def _check_skill(check: Checker, item: object, location: str) -> _RawSkill | None:
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
    check: Checker, item: object, location: str, skill_codes: set[str]
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
                example(skill_codes, "a skill code"),
            )
        elif code in members:
            check.add(member_location, f'"{code}" again', "each skill once per area")
        else:
            members.append(code)
    return _RawArea(location, fields.code("code"), fields.text("name"), members)


def _check_membership(check: Checker, skills: list[_RawSkill], areas: list[_RawArea]) -> None:
    """Each skill's `area` names an area, and that area, and no other, lists the skill."""
    area_codes = {area.code for area in areas if area.code}
    home = {skill.code: skill.area for skill in skills if skill.code and skill.area}
    for skill in skills:
        if skill.area and skill.area not in area_codes:
            check.add(
                key_at(skill.location, "area"),
                f'"{skill.area}" is not an area code in this pack',
                example(area_codes, "an area code"),
            )
    for area in areas:
        if area.code is None:
            continue
        location = key_at(area.location, "skills")
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


def _check_role(check: Checker, item: object, location: str, skill_codes: set[str]) -> Role | None:
    fields = check.mapping(item, location, _ROLE_KEYS)
    if fields is None:
        return None
    code, name, description = fields.code("code"), fields.text("name"), fields.text("description")
    scope, rank = fields.choice("scope", Scope), fields.rank("rank")
    source = fields.string("source", _ROLE_KEYS["source"])
    raw_targets = fields.get("targets")
    if raw_targets is MISSING:
        return None
    if not isinstance(raw_targets, dict) or not raw_targets:
        check.add(fields.at("targets"), describe(raw_targets), _ROLE_KEYS["targets"])
        return None
    targets: dict[str, int] = {}
    for key, value in raw_targets.items():
        key_location = key_at(fields.at("targets"), key)
        skill_code, level = check.code(key, key_location), check.level(value, key_location)
        if skill_code is not None and skill_code not in skill_codes:
            check.add(
                key_location,
                f'"{skill_code}" is not a skill code in this pack',
                example(skill_codes, "a skill code"),
            )
        elif skill_code is not None and level is not None:
            targets[skill_code] = level
    if not (code and name and description and scope and rank and source):
        return None
    return Role(code, name, description, scope, rank, targets, source)


def _check_based_on(check: Checker, top: Fields) -> str | None:
    raw = top.get("based_on")
    if raw is MISSING:
        return None
    match = BASED_ON_PATTERN.fullmatch(raw) if isinstance(raw, str) else None
    if match and CODE_PATTERN.fullmatch(match["code"]) and is_version(match["version"]):
        return match.group(0)
    check.add("based_on", describe(raw), _FRAMEWORK_OPTIONAL["based_on"])
    return None


def check_framework(check: Checker, data: object) -> Framework | None:
    top = check.mapping(data, "", _FRAMEWORK_KEYS, _FRAMEWORK_OPTIONAL)
    if top is None:
        return None
    header = top.header(_FRAMEWORK_KEYS["source"])
    based_on = _check_based_on(check, top)
    levels = _check_levels(check, top)

    skills = [
        skill
        for location, item in top.items("skills", _FRAMEWORK_KEYS["skills"])
        if (skill := _check_skill(check, item, location))
    ]
    skill_codes = check.unique(((key_at(s.location, "code"), s.code) for s in skills), "skill")
    areas = [
        area
        for location, item in top.items("areas", _FRAMEWORK_KEYS["areas"])
        if (area := _check_area(check, item, location, skill_codes))
    ]
    check.unique(((key_at(a.location, "code"), a.code) for a in areas), "area")
    _check_membership(check, skills, areas)
    role_entries = top.items("roles", _FRAMEWORK_KEYS["roles"])
    roles = [
        (location, role)
        for location, item in role_entries
        if (role := _check_role(check, item, location, skill_codes))
    ]
    check.unique(((key_at(location, "code"), role.code) for location, role in roles), "role")

    if check.problems:
        return None
    assert header is not None
    return Framework(
        code=header.code,
        version=header.version,
        name=header.name,
        description=header.description,
        source=header.source,
        authorship_note=header.authorship_note,
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
