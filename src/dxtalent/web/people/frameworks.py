"""The shipped skill frameworks in the database: loaded from the data packs after every
migrate, as organisation-less, read-only frameworks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from dxtalent.core.frameworks import Framework as CoreFramework
from dxtalent.core.frameworks import load_shipped_packs
from dxtalent.web.people.models import Framework, Role, RoleTarget, Skill

if TYPE_CHECKING:
    from dxtalent.web.organisations.models import Organisation


def _text(text: Any) -> dict[str, str]:
    return {"ja": text.ja, "en": text.en}


def definition_of(framework: CoreFramework) -> dict[str, Any]:
    """The parts of a pack the database keeps only for display: level names, anchors,
    descriptions and sources."""
    return {
        "description": _text(framework.description),
        "source": framework.source,
        "authorship_note": _text(framework.authorship_note),
        "levels": [
            {
                "level": level.level,
                "name": _text(level.name),
                "description": _text(level.description),
            }
            for level in framework.levels
        ],
        "areas": [{"code": area.code, "name": _text(area.name)} for area in framework.areas],
        "skills": {
            skill.code: {
                "description": _text(skill.description),
                "source": skill.source,
                "anchors": {
                    str(level): _text(text) for level, text in sorted(skill.anchors.items())
                },
            }
            for skill in framework.skills
        },
        "roles": {
            role.code: {"description": _text(role.description), "source": role.source}
            for role in framework.roles
        },
    }


@transaction.atomic
def store_framework(
    framework: CoreFramework, organisation: Organisation | None = None
) -> Framework:
    """Insert or refresh one framework (matched by code and version) with its skills, roles
    and targets."""
    row, _created = Framework.objects.update_or_create(
        organisation=organisation,
        code=framework.code,
        version=framework.version,
        defaults={
            "name_ja": framework.name.ja,
            "name_en": framework.name.en,
            "definition": definition_of(framework),
        },
    )
    skills: dict[str, Skill] = {}
    for position, skill in enumerate(framework.skills):
        skills[skill.code], _ = Skill.objects.update_or_create(
            framework=row,
            code=skill.code,
            defaults={
                "area_code": skill.area_code,
                "name_ja": skill.name.ja,
                "name_en": skill.name.en,
                "position": position,
            },
        )
    for position, role in enumerate(framework.roles):
        role_row, _ = Role.objects.update_or_create(
            framework=row,
            code=role.code,
            defaults={
                "name_ja": role.name.ja,
                "name_en": role.name.en,
                "scope": role.scope.value,
                "rank": role.rank,
                "position": position,
            },
        )
        RoleTarget.objects.filter(role=role_row).exclude(
            skill__code__in=list(role.targets)
        ).delete()
        for code, level in role.targets.items():
            RoleTarget.objects.update_or_create(
                role=role_row, skill=skills[code], defaults={"level": level}
            )
    return row


def sync_shipped_frameworks() -> int:
    """Load every shipped pack into the database; returns how many frameworks were stored."""
    stored = 0
    for pack in load_shipped_packs():
        if isinstance(pack, CoreFramework):
            store_framework(pack)
            stored += 1
    return stored


def sync_after_migrate(**kwargs: Any) -> None:
    sync_shipped_frameworks()
    backfill_current_levels()


def backfill_current_levels() -> int:
    """Compute the stored current levels of organisations that have ratings but none stored
    (a database from before they were kept). Returns the number of organisations done."""
    from dxtalent.web.organisations.models import Organisation
    from dxtalent.web.people.models import CurrentLevel, Rating
    from dxtalent.web.people.services import refresh_current_levels

    rated = set(Rating.objects.values_list("organisation_id", flat=True).distinct())
    stored = set(CurrentLevel.objects.values_list("organisation_id", flat=True).distinct())
    for organisation in Organisation.objects.filter(pk__in=rated - stored):
        refresh_current_levels(organisation)
    return len(rated - stored)


def crosswalks_touching(code: str, language: str = "ja") -> list[dict[str, Any]]:
    """The shipped crosswalks from or to framework `code`, for display: each with its name,
    source and mappings (from skill, relation, to skill, note) in the reader's language."""
    english = language.startswith("en")
    out = []
    for crosswalk in load_shipped_packs().crosswalks.values():
        if code not in (crosswalk.from_framework, crosswalk.to_framework):
            continue
        out.append(
            {
                "code": crosswalk.code,
                "name": crosswalk.name.en if english else crosswalk.name.ja,
                "from_framework": crosswalk.from_framework,
                "to_framework": crosswalk.to_framework,
                "source": crosswalk.source,
                "mappings": [
                    {
                        "from_skill": m.from_skill,
                        "relation": m.relation.value,
                        "to_skill": m.to_skill,
                        "note": m.note.en if english else m.note.ja,
                    }
                    for m in crosswalk.mappings
                ],
            }
        )
    return out
