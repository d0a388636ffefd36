"""Organisations' copies of a framework, and frameworks written back as pack data.

The shipped packs are never changed in place: `copy_framework` makes an organisation's own
adjusted copy, and `framework_to_pack` writes any framework as data that
`dxtalent.core.frameworks.reading.load_framework` reads back.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping

from dxtalent.core.frameworks.checking import (
    ACCEPTED_CODE,
    ACCEPTED_VERSION,
    CODE_PATTERN,
    FRAMEWORK_KIND,
    is_version,
)
from dxtalent.core.frameworks.model import Framework, Text, check_level


class InvalidFrameworkCodeError(ValueError):
    """A code that is malformed, or that would hide the framework it copies."""


class InvalidVersionError(ValueError):
    """A version that is neither a semantic version nor an ISO date."""


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
    if not is_version(version):
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
