"""Frameworks of an organisation on the web: a pack's table and anchors, copying a shipped
pack into an organisation's own framework, and editing the copy's targets. The one place the
frameworks pages touch both the ORM and core."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.people import (
    LevelOutOfScaleError,
    check_rating_level,
)
from dxtalent.core.records import StaleRecordError
from dxtalent.web.audit.signals import record_bulk
from dxtalent.web.concurrency import claim, stale_message
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    Framework,
    Role,
    RoleTarget,
    Skill,
)
from dxtalent.web.people.services import AssessmentError


class Named(Protocol):
    """A skill, role or framework: named in Japanese, perhaps in English."""

    name_ja: str
    name_en: str


def name_in_language(obj: Named) -> str:
    """The English name when the reader reads English and there is one; else the Japanese."""
    return obj.name_en if (get_language() or "ja").startswith("en") and obj.name_en else obj.name_ja


def anchors_of(framework: Framework) -> dict[str, dict[str, Any]]:
    """Per skill code: description, source and the behavioural anchor of each level, in the
    reader's language (from the pack definition kept with the framework)."""
    from django.utils.translation import get_language

    english = (get_language() or "ja").startswith("en")

    def pick(text: dict[str, str] | None) -> str:
        if not text:
            return ""
        return (text.get("en") if english else None) or text.get("ja", "")

    skills = framework.definition.get("skills", {})
    return {
        code: {
            "description": pick(data.get("description")),
            "source": data.get("source", ""),
            "anchors": [
                (int(level), pick(text)) for level, text in sorted(data.get("anchors", {}).items())
            ],
        }
        for code, data in skills.items()
    }


def authorship_of(framework: Framework) -> str:
    """Who wrote what in the framework (the standard's items, dxtalent's level anchors), in the
    reader's language; "" for a framework stored without the note."""
    note = framework.definition.get("authorship_note") or {}
    english = (get_language() or "ja").startswith("en")
    return str((note.get("en") if english else None) or note.get("ja", ""))


def framework_table(framework: Framework) -> dict[str, Any]:
    """Roles × skills with targets, for the framework browser."""
    roles = list(framework.roles.order_by("rank", "position"))
    skills = list(framework.skills.order_by("position"))
    targets = {
        (role_id, skill_id): level
        for role_id, skill_id, level in RoleTarget.objects.filter(
            role__framework=framework
        ).values_list("role_id", "skill_id", "level")
    }
    return {
        "roles": roles,
        "rows": [(skill, [targets.get((role.pk, skill.pk)) for role in roles]) for skill in skills],
    }


@transaction.atomic
def copy_framework(organisation: Organisation, framework: Framework) -> Framework:
    """The organisation's own copy of a framework, whose targets it may adjust. The copy's code
    is "<original>@<organisation code>"; a second copy gets a new version number."""
    code = f"{framework.code}@{organisation.code}"[:64]
    existing = Framework.objects.filter(organisation=organisation, code=code).count()
    copy = Framework.objects.create(
        organisation=organisation,
        code=code,
        version=f"{framework.version}+{existing + 1}",
        name_ja=f"{framework.name_ja}（{organisation.name}版）",
        name_en=f"{framework.name_en} ({organisation.code})",
        based_on=framework,
        definition=framework.definition,
    )
    skill_map: dict[int, Skill] = {}
    for skill in framework.skills.order_by("position"):
        original = skill.pk
        skill.pk = None
        skill.framework = copy
        skill.save()
        skill_map[original] = skill
    copied = 0
    for role in framework.roles.prefetch_related("targets"):
        targets = list(role.targets.all())
        role.pk = None
        role.framework = copy
        role.save()
        RoleTarget.objects.bulk_create(
            RoleTarget(role=role, skill=skill_map[t.skill_id], level=t.level) for t in targets
        )
        copied += len(targets)
    record_bulk(
        organisation,
        RoleTarget,
        "create",
        f"framework {copy.pk}",
        f"{copy} ({copied} targets copied from {framework})",
        {"targets": [None, copied]},
    )
    return copy


def _target_conflicts(
    roles: dict[int, Role], skills: dict[int, Skill], values: Any
) -> list[tuple[str, str, str]]:
    """(role / skill, the level submitted, the level now) of each target that differs."""
    now = {
        (t.role_id, t.skill_id): t.level for t in RoleTarget.objects.filter(role__in=roles.values())
    }
    found = []
    for key, raw in values.items():
        parts = key.split("-")
        if len(parts) != 3 or parts[0] != "target" or not (parts[1] + parts[2]).isdigit():
            continue
        role, skill = roles.get(int(parts[1])), skills.get(int(parts[2]))
        if role is None or skill is None or raw in ("", None):
            continue
        current = now.get((role.pk, skill.pk), 0)
        if str(raw).strip() != str(current):
            found.append((f"{role.code} / {skill.code}", str(raw), str(current)))
    return found


@transaction.atomic
def set_targets(framework: Framework, values: Any) -> int:
    """Change targets of an organisation's copy from fields named target-<role pk>-<skill pk>
    with a level 0–4 (0 removes the target), and "revision": the framework's revision the
    editor read (dxtalent.web.concurrency; someone else's save since then refuses the change,
    naming each target with both levels). Shipped frameworks are read-only."""
    if framework.organisation_id is None:
        raise AssessmentError(
            _("Shipped frameworks are read-only; make a copy to adjust its targets.")
        )
    roles = {r.pk: r for r in framework.roles.all()}
    skills = {s.pk: s for s in framework.skills.all()}
    raw_revision = str(values.get("revision") or "")
    read = int(raw_revision) if raw_revision.isdigit() else None
    try:
        framework.revision = claim(framework, read, field="revision")
    except StaleRecordError:
        raise AssessmentError(
            stale_message(str(framework), _target_conflicts(roles, skills, values), in_form=False)
        ) from None
    changed = 0
    problems = []
    for key, raw in values.items():
        if not key.startswith("target-"):
            continue
        try:
            _prefix, role_pk, skill_pk = key.split("-")
            role, skill = roles[int(role_pk)], skills[int(skill_pk)]
        except (ValueError, KeyError):
            problems.append(
                _("Field {field} names no role and skill of this framework.").format(field=key)
            )
            continue
        if raw in ("", None):
            continue
        try:
            level = check_rating_level(raw, field=f"{role.code} / {skill.code}")
        except LevelOutOfScaleError as error:
            problems.append(error.render())
            continue
        current = RoleTarget.objects.filter(role=role, skill=skill).first()
        if level == 0 and current is not None:
            current.delete()
            changed += 1
        elif level > 0 and (current is None or current.level != level):
            RoleTarget.objects.update_or_create(role=role, skill=skill, defaults={"level": level})
            changed += 1
    if problems:
        transaction.set_rollback(True)
        raise AssessmentError(" ".join(problems))
    return changed
