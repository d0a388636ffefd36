"""People services: ratings, current levels, role fit, the skill matrix and training.

The one place that loads people and ratings from the database, calls core.assessments and
saves the results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dxtalent.core.assessments import (
    DEFAULT_POLICY,
    CurrentLevelPolicy,
    RatingSource,
    RoleFit,
    SkillMatrix,
    build_matrix,
    current_levels,
    rank_for_role,
    role_fit,
)
from dxtalent.core.assessments import Rating as CoreRating
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import (
    Department,
    Enrolment,
    Framework,
    Person,
    Post,
    Rating,
    Role,
    Skill,
)


class AssessmentError(ValueError):
    """A rating that cannot be recorded (skill of another framework, level outside 0–4...)."""


def frameworks_for(organisation: Organisation) -> QuerySet[Framework]:
    """The shipped frameworks and the organisation's own copies; never another's copies."""
    from django.db.models import Q

    return Framework.objects.filter(Q(organisation__isnull=True) | Q(organisation=organisation))


def levels_of(
    organisation: Organisation,
    framework: Framework,
    people: Iterable[Person] | None = None,
    policy: CurrentLevelPolicy = DEFAULT_POLICY,
) -> dict[int, dict[str, int]]:
    """Current level per person id and skill code in one framework, by the policy."""
    ratings = Rating.objects.filter(organisation=organisation, skill__framework=framework)
    if people is not None:
        ratings = ratings.filter(person__in=[p.pk for p in people])
    rows = ratings.order_by("rated_on", "id").values_list(
        "person_id", "skill__code", "level", "source", "rated_on"
    )
    core = [
        CoreRating(str(person), skill, level, RatingSource(source), rated_on)
        for person, skill, level, source, rated_on in rows
    ]
    result: dict[int, dict[str, int]] = {}
    for (person, skill), rating in current_levels(core, policy).items():
        result.setdefault(int(person), {})[skill] = rating.level
    return result


def targets_of(role: Role) -> dict[str, int]:
    return dict(role.targets.values_list("skill__code", "level"))


def fit_for_role(organisation: Organisation, person: Person, role: Role) -> RoleFit:
    levels = levels_of(organisation, role.framework, [person]).get(person.pk, {})
    return role_fit(str(person.pk), role.code, targets_of(role), levels)


@dataclass(frozen=True)
class RankedPerson:
    person: Person
    fit: RoleFit


def rank_people(
    organisation: Organisation, role: Role, kinds: Sequence[str] = ("staff", "candidate")
) -> list[RankedPerson]:
    """Active staff and candidates of the organisation, best fit to the role first."""
    people = {
        p.pk: p
        for p in Person.objects.filter(organisation=organisation, active=True, kind__in=kinds)
    }
    levels = levels_of(organisation, role.framework, people.values())
    fits = rank_for_role(
        role.code, targets_of(role), {str(pk): levels.get(pk, {}) for pk in people}
    )
    return [RankedPerson(people[int(fit.person)], fit) for fit in fits]


def current_department(person: Person) -> Department | None:
    post = next((p for p in person.posts.all() if p.ended_on is None), None)
    return post.department if post else None


@dataclass(frozen=True)
class MatrixView:
    matrix: SkillMatrix
    people: list[Person]
    skills: list[Skill]


def skill_matrix(
    organisation: Organisation,
    framework: Framework,
    department: Department | None = None,
    role: Role | None = None,
    kind: str = "staff",
) -> MatrixView:
    """People × skills of one framework. department: only people whose current post is in it.
    role: only the skills the role targets, with the targets shown."""
    people_qs = Person.objects.filter(organisation=organisation, active=True, kind=kind)
    if department is not None:
        people_qs = people_qs.filter(posts__department=department, posts__ended_on__isnull=True)
    people = list(people_qs.distinct().order_by("family_name", "given_name", "pk"))
    skills = list(framework.skills.order_by("position"))
    targets: dict[str, int] = {}
    if role is not None:
        targets = {k: v for k, v in targets_of(role).items() if v > 0}
        skills = [s for s in skills if s.code in targets]
    levels = levels_of(organisation, framework, people)
    cells = {
        (str(pk), skill): level
        for pk, by_skill in levels.items()
        for skill, level in by_skill.items()
    }
    matrix = build_matrix(
        [str(p.pk) for p in people], [s.code for s in skills], cells, targets or None
    )
    return MatrixView(matrix=matrix, people=people, skills=skills)


@transaction.atomic
def add_rating(
    *,
    organisation: Organisation,
    person: Person,
    skill: Skill,
    level: int,
    source: RatingSource,
    rated_on: dt.date | None = None,
    evidence: str = "",
    rated_by: Any = None,
) -> Rating:
    """Record one rating; ratings are added, never changed."""
    if person.organisation_id != organisation.pk:
        raise AssessmentError(_("This person belongs to another organisation."))
    if skill.framework.organisation_id not in (None, organisation.pk):
        raise AssessmentError(
            _("Skill {code} belongs to another organisation's framework.").format(code=skill.code)
        )
    if not 0 <= level <= 4:
        raise AssessmentError(
            _("Level {level} is outside the scale; use 0 to 4.").format(level=level)
        )
    return Rating.objects.create(
        organisation=organisation,
        person=person,
        skill=skill,
        level=level,
        source=source.value,
        rated_on=rated_on or timezone.localdate(),
        evidence=evidence,
        rated_by=rated_by,
    )


@transaction.atomic
def complete_enrolment(
    enrolment: Enrolment, completed_on: dt.date, rated_by: Any = None
) -> list[Rating]:
    """Mark an enrolment completed and add training evidence for each skill the programme
    raises (source "training"); the manager confirms it later with a manager rating."""
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise AssessmentError(_("This enrolment is already completed."))
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_on = completed_on
    enrolment.save()
    programme = enrolment.programme
    return [
        add_rating(
            organisation=enrolment.organisation,
            person=enrolment.person,
            skill=gain.skill,
            level=gain.to_level,
            source=RatingSource.TRAINING,
            rated_on=completed_on,
            evidence=_("Completed “{programme}”").format(programme=programme.name),
            rated_by=rated_by,
        )
        for gain in programme.skills.select_related("skill", "skill__framework")
    ]


def pending_training_evidence(
    organisation: Organisation, person: Person | None = None
) -> QuerySet[Rating]:
    """Training ratings not yet followed by a manager or verified rating of the same skill."""
    from django.db.models import Exists, OuterRef

    confirmed = Rating.objects.filter(
        person=OuterRef("person"),
        skill=OuterRef("skill"),
        source__in=[RatingSource.MANAGER.value, RatingSource.VERIFIED.value],
        rated_on__gte=OuterRef("rated_on"),
    )
    pending = Rating.objects.filter(
        organisation=organisation, source=RatingSource.TRAINING.value
    ).exclude(Exists(confirmed))
    if person is not None:
        pending = pending.filter(person=person)
    return pending.select_related("person", "skill")


def people_with_posts(organisation: Organisation, kind: str = "staff") -> QuerySet[Person]:
    return (
        Person.objects.filter(organisation=organisation, kind=kind)
        .select_related("manager")
        .prefetch_related(Prefetch("posts", queryset=Post.objects.select_related("department")))
    )
