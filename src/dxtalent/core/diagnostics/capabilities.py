"""The capabilities a DX department needs according to the paper and MIC, ready to diagnose
against; and short skill names for messages."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from dxtalent.core.diagnostics.model import (
    CENTRAL_FIGURE_MINIMUMS,
    COORDINATION_MINIMUMS,
    Capability,
    LevelCriterion,
    RoleFitCriterion,
)
from dxtalent.core.frameworks import Role, Text, load_shipped_packs

MIC_FRAMEWORK = "MIC-2022-EXTERNAL-DX"

SOURCE_CENTRAL = (
    'Nakagawa 2025, "Discussion" (a single central figure handles abilities (1)–(3) and '
    'specification documents and grows successors) and "Conclusion" (control towers are '
    "local civil servants); the levels: the targets of the role 中心人物（司令塔）, dxtalent's "
    "reading of the paper"
)
SOURCE_TEAM = (
    'Nakagawa 2025, "Discussion": a central figure who handles abilities (1)–(3) and '
    "specification documents, and a minimum of two additional staff proficient in the same"
)
SOURCE_SPECIFICATION = (
    'Nakagawa 2025, "Discussion": "creating specification documents typically demands the '
    'involvement of at least three staff members"; level 2 (drafts with guidance): dxtalent'
)
SOURCE_NEGOTIATION = (
    'Nakagawa 2025, "Discussion", third challenge: negotiating with IT companies against '
    "information asymmetry and vendor lock-in; the number of negotiators: dxtalent"
)
SOURCE_MIC_ROLE = (
    "MIC 2022, 自治体DX推進のための外部人材スキル標準 (the four talent profiles, a menu to "
    "choose from); role targets and the fit threshold: dxtalent"
)

# Short names for the paper's skills: the pack's names are long for a sentence. Kept as
# bilingual data (`Text`) like the pack's own names they stand for, and like the capabilities
# below, whose names travel in scenario files in both languages (core.planning.io).
SHORT_SKILL_NAMES: Mapping[str, Text] = MappingProxyType(
    {
        "CO-COMM": Text("コミュニケーション", "communication"),
        "CO-LEAD": Text("リーダーシップ", "leadership"),
        "CO-NEGO": Text("交渉", "negotiation"),
        "CO-SPEC": Text("仕様書作成", "specification writing"),
        "CO-GOVT": Text("自治体業務の理解", "understanding of local government"),
    }
)


@functools.cache
def _shipped_skill_names() -> Mapping[str, Text]:
    names: dict[str, Text] = {}
    for framework in load_shipped_packs().frameworks.values():
        for skill in framework.skills:
            names.setdefault(skill.code, skill.name)
    return MappingProxyType(names)


def skill_name(code: str) -> Text:
    """A skill's name for messages: the short name of the paper's skills, else the shipped
    packs' name, else the code itself."""
    return SHORT_SKILL_NAMES.get(code) or _shipped_skill_names().get(code) or Text(code, code)


def mic_roles() -> tuple[Role, ...]:
    """MIC's four roles (Producer, Project manager, Service designer, Engineer) from the
    shipped pack, with dxtalent's targets."""
    return load_shipped_packs().framework(MIC_FRAMEWORK).roles


def paper_capabilities(
    roles: tuple[Role, ...] | None = None,
    min_role_fit: float = 0.8,
    negotiators: int = 1,
    central_in_house: bool = True,
) -> tuple[Capability, ...]:
    """The capabilities the paper and MIC give a DX department, for the forecast, the
    bus-factor and the succession rules:

    - CO-CAP-CENTRAL: the central figure: the role's targets (CENTRAL_FIGURE_MINIMUMS); 1
      person; in-house staff only unless `central_in_house` is False; critical.
    - CO-CAP-TEAM: level 3 or above in communication, leadership, negotiation and
      specification writing; 3 people (the central figure and two more); critical.
    - CO-CAP-SPEC: level 2 or above in specification writing; 3 people; critical.
    - CO-CAP-NEGO: level 3 or above in negotiation; `negotiators` people; critical.
    - one per MIC role (`roles`, default the shipped MIC pack's four): role fit of
      `min_role_fit` or above; 1 person; not critical (MIC's roles are a menu).
    """
    found = [
        Capability(
            code="CO-CAP-CENTRAL",
            name=Text("中心人物（司令塔）", "central figure (control tower)"),
            criterion=LevelCriterion(CENTRAL_FIGURE_MINIMUMS),
            target=1,
            source=SOURCE_CENTRAL,
            in_house_only=central_in_house,
        ),
        Capability(
            code="CO-CAP-TEAM",
            name=Text(
                "調整力と仕様書作成（中心人物と2人）",
                "coordination and specification writing (central figure plus two)",
            ),
            criterion=LevelCriterion(COORDINATION_MINIMUMS),
            target=3,
            source=SOURCE_TEAM,
        ),
        Capability(
            code="CO-CAP-SPEC",
            name=Text("仕様書作成", "specification writing"),
            criterion=LevelCriterion({"CO-SPEC": 2}),
            target=3,
            source=SOURCE_SPECIFICATION,
        ),
        Capability(
            code="CO-CAP-NEGO",
            name=Text("事業者との交渉", "negotiation with vendors"),
            criterion=LevelCriterion({"CO-NEGO": 3}),
            target=negotiators,
            source=SOURCE_NEGOTIATION,
        ),
    ]
    for role in mic_roles() if roles is None else roles:
        found.append(
            Capability(
                code=role.code,
                name=role.name,
                criterion=RoleFitCriterion.from_role(role, min_role_fit),
                target=1,
                critical=False,
                source=SOURCE_MIC_ROLE,
            )
        )
    return tuple(found)
