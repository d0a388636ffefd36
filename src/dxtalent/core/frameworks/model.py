"""Skill frameworks as values: bilingual text, proficiency levels, skills, areas, roles, and
crosswalks between frameworks.

A framework (スキル標準) is read-only once built: its mappings are wrapped in
`MappingProxyType`, so a shipped pack cannot be changed in place. An organisation that wants
other targets makes a copy (`dxtalent.core.frameworks.copying.copy_framework`).

Levels run 0..4 on one scale for every framework: 0 none, 1 aware, 2 practised with support,
3 independent, 4 leads and teaches. Level 0 has no behavioural anchor; 1..4 each have one.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

MIN_LEVEL = 0
MAX_LEVEL = 4
LEVELS: tuple[int, ...] = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
ANCHORED_LEVELS: tuple[int, ...] = tuple(range(MIN_LEVEL + 1, MAX_LEVEL + 1))

# A "broader" mapping credits part of a skill towards a wider one. Showing a part, even
# independently, is evidence of the whole only as far as "practised with support": someone
# else still has to cover the rest.
BROADER_CAP = 2


class UnknownCodeError(LookupError):
    """A code that the framework does not define; `what` names the kind ("skill", "role",
    "area") in the message, which gives an example of a valid code."""

    what = "item"

    def __init__(self, code: str, framework_code: str, example: str | None) -> None:
        self.code = code
        self.framework_code = framework_code
        hint = f' (e.g. "{example}")' if example else f" (it defines no {self.what}s)"
        super().__init__(f'"{code}" is not a {self.what} code in framework {framework_code}{hint}')


class UnknownSkillCodeError(UnknownCodeError):
    """A skill code that the framework does not define."""

    what = "skill"


class UnknownRoleCodeError(UnknownCodeError):
    """A role code that the framework does not define."""

    what = "role"


class UnknownAreaCodeError(UnknownCodeError):
    """An area code that the framework does not define."""

    what = "area"


class LevelOutOfRangeError(ValueError):
    """A proficiency level outside 0..4 (or not a whole number)."""

    def __init__(self, level: object, where: str) -> None:
        self.level = level
        super().__init__(
            f"{where}: level {level!r} is not a proficiency level; accepted: a whole number "
            f"from {MIN_LEVEL} to {MAX_LEVEL}"
        )


class InconsistentFrameworkError(ValueError):
    """A framework whose parts contradict each other (duplicate codes, dangling references).

    Packs read from files are checked in full by `packs.load_framework`; this error guards
    frameworks built in code.
    """


def check_level(level: object, where: str) -> int:
    """`level` itself if it is an int in 0..4 (bool is refused); else LevelOutOfRangeError."""
    if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
        raise LevelOutOfRangeError(level, where)
    return level


class Scope(enum.StrEnum):
    """Where a role works: across the whole organisation (MIC's Producer) or in one project
    (MIC's project manager, service designer, engineer)."""

    ORGANISATION = "organisation"
    PROJECT = "project"


class Relation(enum.StrEnum):
    """How a crosswalk's target skill relates to its source skill, read as
    "<from_skill> maps to a <relation> <to_skill>" (SKOS mapping convention):

    - equivalent: the two cover the same ability.
    - narrower: to_skill is a part of from_skill (e.g. survey item "coordination within the
      organisation" → the paper's "communication inside the DX department").
    - broader: to_skill contains from_skill as a part.
    - related: they overlap or support each other, without one containing the other.
    """

    EQUIVALENT = "equivalent"
    BROADER = "broader"
    NARROWER = "narrower"
    RELATED = "related"


@dataclass(frozen=True)
class Text:
    """A text in Japanese and English. Japanese is the reference language.

    For bilingual *data*: what a pack, a questionnaire, a codebook, a published table, a
    scenario file or a user gives in both languages (a skill's or a programme's name, a
    capability an organisation defines), which the catalogue cannot know. What dxtalent
    itself says (findings, notes, reasons) is not a Text: it is written in English and marked
    for the catalogue where it is made (`dxtalent.core.i18n`, `Phrase` when it is kept to be
    shown later); a Phrase answers `get`, `ja` and `en` as a Text does.
    """

    ja: str
    en: str

    def get(self, language: str) -> str:
        """The text in `language` ("ja", "en", also "en-us", "en_GB", "ja-JP").

        Falls back to Japanese for any other language and when the English text is empty.
        """
        primary = language.replace("_", "-").split("-", 1)[0].lower()
        if primary == "en" and self.en:
            return self.en
        return self.ja


@dataclass(frozen=True)
class Level:
    """One proficiency level of a framework's scale.

    level: 0..4 (0 none, 4 leads and teaches); name and description in both languages.
    """

    level: int
    name: Text
    description: Text

    def __post_init__(self) -> None:
        check_level(self.level, "Level")


@dataclass(frozen=True)
class Skill:
    """A skill of a framework.

    anchors: behavioural description of each level 1..4 (what a person at that level does in
    a municipal DX setting); level 0 has none. source: the document and section/table the
    skill comes from.
    """

    code: str
    area_code: str
    name: Text
    description: Text
    anchors: Mapping[int, Text]
    source: str

    def __post_init__(self) -> None:
        for level in self.anchors:
            check_level(level, f"skill {self.code}, anchors")
        object.__setattr__(self, "anchors", MappingProxyType(dict(self.anchors)))

    def anchor(self, level: int) -> Text | None:
        """The behavioural anchor for `level` (0..4); None for level 0 or a missing anchor.

        Raises LevelOutOfRangeError outside 0..4.
        """
        check_level(level, f"skill {self.code}")
        return self.anchors.get(level)


@dataclass(frozen=True)
class Area:
    """A group of skills (e.g. all the skills MIC lists for one talent profile).

    skill_codes: in display order; every skill of the framework is in exactly one area.
    """

    code: str
    name: Text
    skill_codes: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    """A role (人材像) with the level it needs in each skill.

    scope: organisation-wide or per project. rank: position in the source's hierarchy,
    1 = top (the paper puts MIC's Producer at 1); several roles may share a rank.
    targets: skill code → required level 0..4; a skill not in targets has no target (None),
    which is not the same as target 0. source: where the role and its targets come from.
    """

    code: str
    name: Text
    description: Text
    scope: Scope
    rank: int
    targets: Mapping[str, int]
    source: str

    def __post_init__(self) -> None:
        for skill_code, level in self.targets.items():
            check_level(level, f"role {self.code}, target for {skill_code}")
        if isinstance(self.rank, bool) or not isinstance(self.rank, int) or self.rank < 1:
            raise InconsistentFrameworkError(
                f"role {self.code}: rank {self.rank!r} is not accepted; a whole number from 1 (top)"
            )
        object.__setattr__(self, "scope", Scope(self.scope))
        object.__setattr__(self, "targets", MappingProxyType(dict(self.targets)))

    def target(self, skill_code: str) -> int | None:
        """The required level (0..4) for `skill_code`; None if the role sets no target.

        Does not check that the skill exists: use `Framework.target` for that.
        """
        return self.targets.get(skill_code)


_T = TypeVar("_T")
_Coded = TypeVar("_Coded", "Skill", "Role", "Area")


def _index(items: tuple[_T, ...], code_of: str, what: str, framework: str) -> dict[str, _T]:
    index: dict[str, _T] = {}
    for item in items:
        code = getattr(item, code_of)
        if code in index:
            raise InconsistentFrameworkError(
                f'framework {framework}: {what} code "{code}" is defined twice'
            )
        index[code] = item
    return index


@dataclass(frozen=True)
class Framework:
    """A skill framework: a versioned, bilingual catalogue of levels, areas, skills and roles.

    code: stable identifier ("MIC-2022-EXTERNAL-DX"). version: semantic version ("1.0.0") or
    ISO date ("2024-04-17") of this pack, not of the source document. source: the documents
    the framework is drawn from. authorship_note: who wrote what (e.g. that the behavioural
    anchors are dxtalent's writing, not the source's). levels: exactly 0..4 in order.
    based_on: "CODE@VERSION" of the framework this one was copied from, None for an original.
    """

    code: str
    version: str
    name: Text
    description: Text
    source: str
    authorship_note: Text
    levels: tuple[Level, ...]
    areas: tuple[Area, ...]
    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]
    based_on: str | None = None
    _skills: Mapping[str, Skill] = field(init=False, repr=False, compare=False)
    _roles: Mapping[str, Role] = field(init=False, repr=False, compare=False)
    _areas: Mapping[str, Area] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if tuple(level.level for level in self.levels) != LEVELS:
            raise InconsistentFrameworkError(
                f"framework {self.code}: levels must be {list(LEVELS)} in order, found "
                f"{[level.level for level in self.levels]}"
            )
        skills = _index(self.skills, "code", "skill", self.code)
        roles = _index(self.roles, "code", "role", self.code)
        areas = _index(self.areas, "code", "area", self.code)
        for role in self.roles:
            dangling = sorted(set(role.targets) - set(skills))
            if dangling:
                raise InconsistentFrameworkError(
                    f"framework {self.code}: role {role.code} sets targets for skills it does "
                    f"not define: {', '.join(dangling)}"
                )
        for skill in self.skills:
            area = areas.get(skill.area_code)
            if area is None or skill.code not in area.skill_codes:
                raise InconsistentFrameworkError(
                    f"framework {self.code}: skill {skill.code} names area {skill.area_code}, "
                    "which does not list it"
                )
        listed = [code for area in self.areas for code in area.skill_codes]
        if sorted(listed) != sorted(skills):
            raise InconsistentFrameworkError(
                f"framework {self.code}: areas must list every skill exactly once"
            )
        object.__setattr__(self, "_skills", MappingProxyType(skills))
        object.__setattr__(self, "_roles", MappingProxyType(roles))
        object.__setattr__(self, "_areas", MappingProxyType(areas))

    def skill(self, code: str) -> Skill:
        """The skill with `code`; UnknownSkillCodeError (naming a valid example) if none."""
        return self._lookup(self._skills, self.skills, code, UnknownSkillCodeError)

    def role(self, code: str) -> Role:
        """The role with `code`; UnknownRoleCodeError (naming a valid example) if none."""
        return self._lookup(self._roles, self.roles, code, UnknownRoleCodeError)

    def area(self, code: str) -> Area:
        """The area with `code`; UnknownAreaCodeError (naming a valid example) if none."""
        return self._lookup(self._areas, self.areas, code, UnknownAreaCodeError)

    def _lookup(
        self,
        found: Mapping[str, _Coded],
        ordered: Sequence[_Coded],
        code: str,
        error: type[UnknownCodeError],
    ) -> _Coded:
        try:
            return found[code]
        except KeyError:
            example = ordered[0].code if ordered else None
            raise error(code, self.code, example) from None

    def level(self, level: int) -> Level:
        """The level definition for 0..4; LevelOutOfRangeError outside it."""
        return self.levels[check_level(level, f"framework {self.code}")]

    def target(self, role_code: str, skill_code: str) -> int | None:
        """The level 0..4 that role `role_code` requires in skill `skill_code`.

        None if the role sets no target for that skill. Raises UnknownRoleCodeError or
        UnknownSkillCodeError for codes the framework does not define.
        """
        role = self.role(role_code)
        self.skill(skill_code)
        return role.target(skill_code)

    def skills_in(self, area_code: str) -> tuple[Skill, ...]:
        """The skills of an area, in the area's order; UnknownAreaCodeError if none."""
        return tuple(self._skills[code] for code in self.area(area_code).skill_codes)

    def roles_by_rank(self) -> tuple[Role, ...]:
        """Roles from the top of the hierarchy (rank 1) down; ties keep file order."""
        return tuple(sorted(self.roles, key=lambda role: role.rank))


@dataclass(frozen=True)
class SkillMapping:
    """One line of a crosswalk: `from_skill` (in the source framework) relates to `to_skill`
    (in the target framework) as `relation`; `note` says why."""

    from_skill: str
    to_skill: str
    relation: Relation
    note: Text

    def __post_init__(self) -> None:
        object.__setattr__(self, "relation", Relation(self.relation))

    def carried_level(self, level: int) -> int | None:
        """The level this mapping credits to `to_skill` for `level` (0..4) in `from_skill`.

        equivalent, narrower: the level itself (the whole shows each of its parts).
        broader: the level capped at 2 (BROADER_CAP): a part shows the whole only as far as
        "practised with support". related: None: an overlap is no evidence of a level.
        """
        check_level(level, f"crosswalk mapping {self.from_skill} → {self.to_skill}")
        if self.relation in (Relation.EQUIVALENT, Relation.NARROWER):
            return level
        if self.relation is Relation.BROADER:
            return min(level, BROADER_CAP)
        return None


@dataclass(frozen=True)
class Crosswalk:
    """A mapping from the skills of one framework to those of another.

    from_framework, to_framework: framework codes. Several mappings may share a from_skill
    (one skill splits into several) or a to_skill (several feed one).
    """

    code: str
    version: str
    name: Text
    description: Text
    source: str
    authorship_note: Text
    from_framework: str
    to_framework: str
    mappings: tuple[SkillMapping, ...]

    def mappings_from(self, skill_code: str) -> tuple[SkillMapping, ...]:
        """The mappings whose from_skill is `skill_code` (empty if it maps nowhere)."""
        return tuple(m for m in self.mappings if m.from_skill == skill_code)

    def translate(self, levels: Mapping[str, int]) -> dict[str, int]:
        """Levels in the source framework → levels in the target framework.

        levels: from-skill code → 0..4 (LevelOutOfRangeError otherwise). Each mapping carries
        a level as `SkillMapping.carried_level` says (equivalent and narrower carry it,
        broader carries at most 2, related carries nothing). When several mappings reach the
        same to-skill, the highest carried level wins. A from-skill with no mapping, or only
        related ones, contributes nothing; target skills that receive nothing are absent from
        the result (unknown, not 0).
        """
        result: dict[str, int] = {}
        for skill_code, level in levels.items():
            check_level(level, f"crosswalk {self.code}, input for {skill_code}")
            for mapping in self.mappings_from(skill_code):
                carried = mapping.carried_level(level)
                if carried is not None:
                    result[mapping.to_skill] = max(carried, result.get(mapping.to_skill, 0))
        return result
