"""Checking a crosswalk pack: its mappings between the skills of two loaded frameworks,
every problem collected."""

from __future__ import annotations

from collections.abc import Mapping

from dxtalent.core.frameworks.checking.base import (
    ACCEPTED_CODE,
    ACCEPTED_RELATION,
    ACCEPTED_TEXT,
    ACCEPTED_VERSION,
    CROSSWALK_KIND,
    Checker,
    example,
)
from dxtalent.core.frameworks.model import (
    Crosswalk,
    Framework,
    Relation,
    SkillMapping,
)

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


def _check_mapping(
    check: Checker,
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


def check_crosswalk(
    check: Checker, data: object, frameworks: Mapping[str, Framework]
) -> Crosswalk | None:
    top = check.mapping(data, "", _CROSSWALK_KEYS)
    if top is None:
        return None
    header = top.header(_CROSSWALK_KEYS["source"])
    ends: list[Framework | None] = []
    for key in ("from_framework", "to_framework"):
        framework_code = top.code(key)
        if framework_code and framework_code not in frameworks:
            check.add(
                key,
                f'"{framework_code}" is not a loaded framework',
                example(frameworks, "a framework code", "already loaded"),
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
    assert header is not None and source_framework and target_framework
    return Crosswalk(
        code=header.code,
        version=header.version,
        name=header.name,
        description=header.description,
        source=header.source,
        authorship_note=header.authorship_note,
        from_framework=source_framework.code,
        to_framework=target_framework.code,
        mappings=tuple(mappings),
    )
