"""Skill frameworks (スキル標準) as versioned, bilingual data packs, and crosswalks between them.

Shipped packs (`dxtalent.data.frameworks`): MIC's 2022 skill standard for external DX talent,
the coordination skills of Nakagawa (2025), and the knowledge and skills asked about in the
Japan Municipal Research Center's 2024 survey, with crosswalks from the survey to the other two.
"""

from dxtalent.core.frameworks.checking import InvalidPackError, PackProblem
from dxtalent.core.frameworks.copying import (
    InvalidFrameworkCodeError,
    InvalidVersionError,
    copy_framework,
    framework_to_pack,
)
from dxtalent.core.frameworks.model import (
    ANCHORED_LEVELS,
    BROADER_CAP,
    LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    Area,
    Crosswalk,
    Framework,
    InconsistentFrameworkError,
    Level,
    LevelOutOfRangeError,
    Relation,
    Role,
    Scope,
    Skill,
    SkillMapping,
    Text,
    UnknownAreaCodeError,
    UnknownRoleCodeError,
    UnknownSkillCodeError,
)
from dxtalent.core.frameworks.reading import (
    PackSet,
    UnknownCrosswalkCodeError,
    UnknownFrameworkCodeError,
    load_crosswalk,
    load_framework,
    load_packs,
    load_shipped_packs,
    shipped_pack_files,
)

__all__ = [
    "ANCHORED_LEVELS",
    "BROADER_CAP",
    "LEVELS",
    "MAX_LEVEL",
    "MIN_LEVEL",
    "Area",
    "Crosswalk",
    "Framework",
    "InconsistentFrameworkError",
    "InvalidFrameworkCodeError",
    "InvalidPackError",
    "InvalidVersionError",
    "Level",
    "LevelOutOfRangeError",
    "PackProblem",
    "PackSet",
    "Relation",
    "Role",
    "Scope",
    "Skill",
    "SkillMapping",
    "Text",
    "UnknownAreaCodeError",
    "UnknownCrosswalkCodeError",
    "UnknownFrameworkCodeError",
    "UnknownRoleCodeError",
    "UnknownSkillCodeError",
    "copy_framework",
    "framework_to_pack",
    "load_crosswalk",
    "load_framework",
    "load_packs",
    "load_shipped_packs",
    "shipped_pack_files",
]
