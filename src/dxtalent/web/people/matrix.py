"""The team skill matrix: people × one framework's skills, a page at a time on the page and whole
in the Excel export (pages, API, CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dxtalent.core.assessments import SkillMatrix, build_matrix
from dxtalent.web import versions
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import Department, Framework, Person, Role, Skill
from dxtalent.web.people.services import KANA_ORDER, levels_of, targets_of


@dataclass(frozen=True)
class MatrixView:
    matrix: SkillMatrix
    people: list[Person]
    skills: list[Skill]


def matrix_skills(
    framework: Framework, role: Role | None = None, area: str = ""
) -> tuple[list[Skill], dict[str, int]]:
    """The matrix's columns: the framework's skills in order, only those of `area` (a skill
    area code) when given, only those the role targets when a role is given; and the role's
    targets above 0 by skill code (empty without a role)."""
    skills = list(framework.skills.order_by("position"))
    if area:
        skills = [s for s in skills if s.area_code == area]
    targets: dict[str, int] = {}
    if role is not None:
        targets = {k: v for k, v in targets_of(role).items() if v > 0}
        skills = [s for s in skills if s.code in targets]
    return skills, targets


def matrix_levels(
    organisation: Organisation,
    framework: Framework,
    skills: Sequence[Skill],
    targets: dict[str, int],
    department: Department | None = None,
    kind: str = "staff",
) -> SkillMatrix:
    """The matrix of the organisation's active people of `kind` (in 五十音順; only those whose
    current post is in `department` when given; rows named by person id) × `skills`, with
    `targets`. Reading every current level of a large city's staff takes tens of
    milliseconds, so the matrix is kept per data version and columns (web/versions.py)."""
    return versions.kept(
        (
            "skill matrix",
            versions.data_version(organisation),
            framework.pk,
            tuple(s.code for s in skills),
            tuple(sorted(targets.items())),
            department.pk if department else None,
            kind,
        ),
        lambda: _matrix_levels(organisation, framework, skills, targets, department, kind),
    )


def _matrix_levels(
    organisation: Organisation,
    framework: Framework,
    skills: Sequence[Skill],
    targets: dict[str, int],
    department: Department | None,
    kind: str,
) -> SkillMatrix:
    people_qs = Person.objects.filter(organisation=organisation, active=True, kind=kind)
    if department is not None:
        people_qs = people_qs.filter(posts__department=department, posts__ended_on__isnull=True)
    people_qs = people_qs.distinct()
    people = list(people_qs.order_by(*KANA_ORDER).values_list("pk", flat=True))
    levels = levels_of(organisation, framework, people_qs)
    cells = {
        (str(pk), skill): level
        for pk, by_skill in levels.items()
        for skill, level in by_skill.items()
    }
    return build_matrix(
        [str(pk) for pk in people], [s.code for s in skills], cells, targets or None
    )


def matrix_view(
    organisation: Organisation, matrix: SkillMatrix, skills: list[Skill], start: int, stop: int
) -> MatrixView:
    """Rows start to stop (a page) of `matrix`, with their people: one query."""
    ids = [int(pk) for pk in matrix.people[start:stop]]
    found = Person.objects.filter(organisation=organisation).in_bulk(ids)
    rows = replace(matrix, people=matrix.people[start:stop], levels=matrix.levels[start:stop])
    return MatrixView(matrix=rows, people=[found[pk] for pk in ids], skills=skills)


def skill_matrix(
    organisation: Organisation,
    framework: Framework,
    department: Department | None = None,
    role: Role | None = None,
    kind: str = "staff",
    area: str = "",
) -> MatrixView:
    """People × skills of one framework, whole (the export). department: only people whose
    current post is in it. role: only the skills the role targets, with the targets shown.
    area: only the skills of that skill area."""
    skills, targets = matrix_skills(framework, role, area)
    matrix = matrix_levels(organisation, framework, skills, targets, department, kind)
    return matrix_view(organisation, matrix, skills, 0, len(matrix.people))


def matrix_xlsx(view: MatrixView, framework: Framework, language: str = "ja") -> bytes:
    """The skill matrix as an Excel workbook: one row per person, one column per skill, the
    levels coloured as a heatmap, targets in the second row when a role was chosen."""
    from dxtalent.core.tabular import HeatmapSpec, Sheet, write_xlsx

    english = language.startswith("en")
    names = [(s.name_en if english else s.name_ja) or s.code for s in view.skills]
    # Each skill by its name; a name two skills share keeps their codes apart.
    shared = {n for n in names if names.count(n) > 1}
    skill_columns = [
        f"{n} ({s.code})" if n in shared else n for s, n in zip(view.skills, names, strict=True)
    ]
    columns = [_("Staff number"), pgettext("person", "Name"), *skill_columns]
    rows: list[list[Any]] = []
    if any(t is not None for t in view.matrix.targets):
        rows.append(["", _("Target"), *[t if t is not None else "" for t in view.matrix.targets]])
    for person, levels in zip(view.people, view.matrix.levels, strict=True):
        rows.append(
            [person.external_id, str(person), *[lvl if lvl is not None else "" for lvl in levels]]
        )
    sheet = Sheet(
        title=_("Skill matrix")[:31],
        columns=columns,
        rows=rows,
        heatmap=HeatmapSpec(
            columns=skill_columns, legend_title=_("Legend: level 0 (none) to 4 (leads and teaches)")
        ),
    )
    return write_xlsx([sheet])
