"""API for people, assessments, frameworks, the skill matrix, training and candidates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

# ninja.Query is this function at run time, but to mypy the annotation Query[T].
from ninja.params.functions import Query

from dxtalent.core.assessments import RatingSource
from dxtalent.core.i18n import LANGUAGE_PATTERN
from dxtalent.core.people import LevelOutOfScaleError, check_rating_level
from dxtalent.web.api.schemas import In, Pagination, answers
from dxtalent.web.concurrency import api_save, set_etag
from dxtalent.web.frameworks import services as framework_services
from dxtalent.web.organisations.access import membership_for
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.organisations.models import Role as MemberRole
from dxtalent.web.people import matrix as people_matrix
from dxtalent.web.people import services, training
from dxtalent.web.people.models import (
    Department,
    EmploymentType,
    Enrolment,
    Framework,
    Origin,
    Person,
    PersonNote,
    Rating,
    Role,
    TrainingProgramme,
)

router = Router(tags=["people"])


def _read(request: HttpRequest, code: str) -> Any:
    return membership_for(request.user, code).organisation


def _write(request: HttpRequest, code: str) -> Any:
    return membership_for(request.user, code, MemberRole.EDITOR).organisation


class PersonOut(Schema):
    id: int
    kind: str
    external_id: str
    family_name: str
    given_name: str
    email: str
    employment_type: str
    origin: str
    it_years: Decimal
    contract_end: dt.date | None
    rotation_min_years: int | None
    rotation_max_years: int | None
    manager_id: int | None
    source_programme: str
    expected_yearly_cost: int | None
    active: bool
    version: int = Field(..., description="saves so far; also the ETag (send it as If-Match)")


class PersonIn(In):
    db_model = Person

    kind: str = Field("staff", pattern="^(staff|candidate)$")
    external_id: str = Field(..., min_length=1, max_length=64)
    family_name: str = Field(..., min_length=1, max_length=100)
    given_name: str = ""
    email: str = ""
    # Employment type, its term and the rotation window are checked by core.people's record
    # rules (services.check_person), so that the API refuses them with the messages the form
    # and the import give.
    employment_type: str = Field(
        EmploymentType.REGULAR.value,
        description="regular, fixed_term, fixed_term_part_time, corporate_secondee, side_job, "
        "dispatched or adviser; the three term types need contract_end for staff",
    )
    origin: str = Field(Origin.IN_HOUSE.value, pattern="^(in_house|external)$")
    it_years: Decimal = Field(Decimal(0), ge=0, le=60)
    contract_end: dt.date | None = None
    rotation_min_years: int | None = Field(
        None, description="years in post, 1–40, with rotation_max_years"
    )
    rotation_max_years: int | None = Field(
        None, description="years in post, 1–40, at least rotation_min_years"
    )
    source_programme: str = ""
    expected_yearly_cost: int | None = Field(None, ge=0)
    active: bool = True


class PersonPatch(In):
    db_model = Person

    family_name: str | None = None
    given_name: str | None = None
    email: str | None = None
    employment_type: str | None = None
    it_years: Decimal | None = Field(None, ge=0, le=60)
    contract_end: dt.date | None = None
    rotation_min_years: int | None = None
    rotation_max_years: int | None = None
    active: bool | None = None
    expected_yearly_cost: int | None = Field(None, ge=0)
    version: int | None = Field(
        None,
        ge=1,
        description="the version you read (the GET's ETag); a stale one is refused with 409. "
        "Or send it as If-Match (refused with 412). Left out: saved without a check.",
    )


class RatingOut(Schema):
    id: int
    skill: str = Field(..., alias="skill.code")
    framework: str = Field(..., alias="skill.framework.code")
    level: int
    source: str
    rated_on: dt.date
    evidence: str


class AssessmentIn(In):
    framework_id: int
    source: str = Field(..., pattern="^(self|manager|verified)$")
    rated_on: dt.date
    levels: dict[str, int] = Field(..., description="skill code → level 0–4")
    evidence: str = ""


class NoteOut(Schema):
    id: int
    kind: str
    text: str
    written_by: str | None = Field(None, description="the writer's username; null if deleted")
    written_at: dt.datetime

    @staticmethod
    def resolve_written_by(note: PersonNote) -> str | None:
        return note.written_by.get_username() if note.written_by else None


class NoteIn(In):
    db_model = PersonNote
    kind: str = Field(
        PersonNote.Kind.NOTE.value,
        pattern="^(" + "|".join(PersonNote.Kind.values) + ")$",
        description="defer-move: a request made to 人事課 to defer the person's move; note",
    )
    text: str = Field(..., min_length=1, max_length=2000)


class GapOut(Schema):
    skill: str
    target: int
    level: int


class FitOut(Schema):
    person_id: int
    role: str
    score: float
    met: int
    total: int
    gaps: list[GapOut]


class SkillOut(Schema):
    code: str
    area_code: str
    name_ja: str
    name_en: str


class RoleOut(Schema):
    id: int
    code: str
    name_ja: str
    name_en: str
    scope: str
    rank: int
    targets: dict[str, int]

    @staticmethod
    def resolve_targets(obj: Role) -> dict[str, int]:
        return services.targets_of(obj)


class FrameworkOut(Schema):
    id: int
    code: str
    version: str
    name_ja: str
    name_en: str
    shipped: bool

    @staticmethod
    def resolve_shipped(obj: Framework) -> bool:
        return obj.organisation_id is None


class FrameworkDetailOut(FrameworkOut):
    skills: list[SkillOut]
    roles: list[RoleOut]

    @staticmethod
    def resolve_skills(obj: Framework) -> Any:
        return obj.skills.order_by("position")

    @staticmethod
    def resolve_roles(obj: Framework) -> Any:
        return obj.roles.order_by("rank", "position")


class MatrixOut(Schema):
    framework: str
    people: list[PersonOut]
    skills: list[str]
    levels: list[list[int | None]]
    targets: list[int | None]
    coverage: list[int]


class RankedOut(Schema):
    person: PersonOut
    fit: FitOut


class ProgrammeOut(Schema):
    id: int
    name: str
    provider: str
    kind: str
    is_external: bool
    hours: int
    months: int
    seats: int
    cost_per_seat: int
    outside_working_hours: bool


class ProgrammeIn(In):
    db_model = TrainingProgramme

    name: str = Field(..., min_length=1, max_length=200)
    provider: str = ""
    kind: str = Field(
        ...,
        pattern="^(external_training|internal_training|it_leader_selection|qualification_support|deployment)$",
    )
    is_external: bool = True
    hours: int = Field(0, ge=0)
    months: int = Field(1, ge=0, le=60)
    seats: int = Field(0, ge=0)
    cost_per_seat: int = Field(0, ge=0)
    outside_working_hours: bool = False


class EnrolmentIn(In):
    db_model = Enrolment

    person_id: int
    enrolled_on: dt.date


class EnrolmentOut(Schema):
    id: int
    programme_id: int
    person_id: int
    status: str
    enrolled_on: dt.date
    completed_on: dt.date | None


class CompletionIn(In):
    completed_on: dt.date


def _fit_out(person_id: int, fit: Any) -> dict[str, Any]:
    return {
        "person_id": person_id,
        "role": fit.role,
        "score": fit.score,
        "met": fit.met,
        "total": fit.total,
        "gaps": [{"skill": g.skill, "target": g.target, "level": g.level} for g in fit.gaps],
    }


def _person(organisation: Organisation, person_id: int) -> Person:
    return get_object_or_404(Person, organisation=organisation, pk=person_id)


def _framework(organisation: Organisation, framework_id: int) -> Framework:
    return get_object_or_404(services.frameworks_for(organisation), pk=framework_id)


@router.get(
    "/organisations/{code}/people",
    response=answers(list[PersonOut]),
    summary="Staff and candidates",
)
@paginate(Pagination)
def list_people(
    request: HttpRequest, code: str, kind: str = Query("staff", pattern="^(staff|candidate)$")
) -> Any:
    return Person.objects.filter(organisation=_read(request, code), kind=kind).order_by(
        "family_name", "given_name", "pk"
    )


@router.post(
    "/organisations/{code}/people",
    response=answers(PersonOut, 201),
    summary="Add a member of staff or a candidate",
)
def create_person(request: HttpRequest, code: str, payload: PersonIn) -> Status[Person]:
    organisation = _write(request, code)
    if Person.objects.filter(organisation=organisation, external_id=payload.external_id).exists():
        raise ValidationError(
            {
                "external_id": [
                    f'Number "{payload.external_id}" is already used in this organisation.'
                ]
            }
        )
    person = Person(organisation=organisation, **payload.dict())
    services.check_person(person)
    person.save()
    return Status(201, person)


@router.get(
    "/organisations/{code}/people/{person_id}",
    response=answers(PersonOut),
    summary="One person (its ETag: the version to send as If-Match when changing it)",
)
def get_person(request: HttpRequest, code: str, person_id: int, response: HttpResponse) -> Person:
    person = _person(_read(request, code), person_id)
    set_etag(response, person)
    return person


@router.patch(
    "/organisations/{code}/people/{person_id}",
    response=answers(PersonOut, extra=(409, 412)),
    summary="Change a person; with If-Match (or version), refused if someone changed it since",
)
def update_person(
    request: HttpRequest, code: str, person_id: int, payload: PersonPatch, response: HttpResponse
) -> Person:
    person = _person(_write(request, code), person_id)
    changes = payload.dict(exclude_unset=True)
    read = changes.pop("version", None)
    for field, value in changes.items():
        setattr(person, field, value)
    services.check_person(person)
    person.full_clean(exclude=["organisation", "user", "manager"])
    api_save(request, person, read)
    set_etag(response, person)
    return person


@router.get(
    "/organisations/{code}/people/{person_id}/ratings",
    response=answers(list[RatingOut]),
    summary="Rating history",
)
@paginate(Pagination)
def list_ratings(request: HttpRequest, code: str, person_id: int) -> Any:
    person = _person(_read(request, code), person_id)
    return (
        Rating.objects.filter(person=person)
        .select_related("skill", "skill__framework")
        .order_by("-rated_on", "-id")
    )


@router.post(
    "/organisations/{code}/people/{person_id}/ratings",
    response=answers(list[RatingOut], 201),
    summary="Record an assessment (self: the person's own login; manager or verified: editors)",
)
def create_assessment(
    request: HttpRequest, code: str, person_id: int, payload: AssessmentIn
) -> Status[list[Rating]]:
    membership = membership_for(request.user, code, MemberRole.VIEWER)
    organisation = membership.organisation
    person = _person(organisation, person_id)
    if payload.source == "self":
        if person.user_id != request.user.pk:
            raise PermissionDenied("Only the person themselves may record a self-assessment.")
    elif membership.role < MemberRole.EDITOR:
        raise PermissionDenied("Manager and verified ratings need the editor role.")
    bad: dict[str, list[str]] = {}
    for skill, level in payload.levels.items():
        try:
            check_rating_level(level, field=skill)
        except LevelOutOfScaleError as error:
            bad[f"levels.{skill}"] = [error.reason.render()]
    if bad:
        raise ValidationError(bad)
    try:
        ratings = services.assess(
            organisation=organisation,
            person=person,
            framework=_framework(organisation, payload.framework_id),
            levels=payload.levels,
            source=RatingSource(payload.source),
            rated_on=payload.rated_on,
            evidence=payload.evidence,
            rated_by=request.user,
        )
    except services.AssessmentError as error:
        raise ValidationError({"levels": [str(error)]}) from None
    return Status(201, ratings)


@router.get(
    "/organisations/{code}/people/{person_id}/notes",
    response=answers(list[NoteOut]),
    summary="Notes on a person (requests to 人事課), newest first",
)
@paginate(Pagination)
def list_notes(request: HttpRequest, code: str, person_id: int) -> Any:
    person = _person(_read(request, code), person_id)
    return person.notes.select_related("written_by")


@router.post(
    "/organisations/{code}/people/{person_id}/notes",
    response=answers(NoteOut, 201),
    summary="Record a note on a person (editors), e.g. a request to 人事課 to defer a move",
)
def create_note(request: HttpRequest, code: str, person_id: int, payload: NoteIn) -> Status[Any]:
    person = _person(_write(request, code), person_id)
    if not payload.text.strip():
        raise ValidationError({"text": [gettext("This field is required.")]})
    return Status(201, services.add_note(person, payload.kind, payload.text, request.user))


@router.get(
    "/organisations/{code}/people/{person_id}/fit",
    response=answers(FitOut),
    summary="Fit to a role and the gaps",
)
def person_fit(request: HttpRequest, code: str, person_id: int, role_id: int) -> dict[str, Any]:
    organisation = _read(request, code)
    person = _person(organisation, person_id)
    role = get_object_or_404(Role, pk=role_id, framework__in=services.frameworks_for(organisation))
    return _fit_out(person.pk, services.fit_for_role(organisation, person, role))


@router.get(
    "/organisations/{code}/frameworks",
    response=answers(list[FrameworkOut]),
    summary="Shipped frameworks and your copies",
)
def list_frameworks(request: HttpRequest, code: str) -> Any:
    return services.frameworks_for(_read(request, code))


@router.get(
    "/organisations/{code}/frameworks/{framework_id}",
    response=answers(FrameworkDetailOut),
    summary="Skills, roles and targets",
)
def get_framework(request: HttpRequest, code: str, framework_id: int) -> Framework:
    return _framework(_read(request, code), framework_id)


@router.post(
    "/organisations/{code}/frameworks/{framework_id}/copy",
    response=answers(FrameworkOut, 201),
    summary="Copy a framework to adjust its targets",
)
def copy_framework(request: HttpRequest, code: str, framework_id: int) -> Status[Framework]:
    organisation = _write(request, code)
    return Status(
        201, framework_services.copy_framework(organisation, _framework(organisation, framework_id))
    )


class MappingOut(Schema):
    from_skill: str
    relation: str
    to_skill: str
    note: str


class CrosswalkOut(Schema):
    code: str
    name: str
    from_framework: str
    to_framework: str
    source: str
    mappings: list[MappingOut]


@router.get(
    "/crosswalks",
    response=answers(list[CrosswalkOut]),
    summary="Shipped crosswalks between frameworks",
)
def list_crosswalks(
    request: HttpRequest, framework: str = "", language: str = Query("ja", pattern=LANGUAGE_PATTERN)
) -> Any:
    from dxtalent.core.frameworks import load_shipped_packs
    from dxtalent.web.people.frameworks import crosswalks_touching

    codes = [framework] if framework else list(load_shipped_packs().frameworks)
    seen: dict[str, Any] = {}
    for code in codes:
        for crosswalk in crosswalks_touching(code, language):
            seen[crosswalk["code"]] = crosswalk
    return list(seen.values())


@router.get(
    "/organisations/{code}/matrix", response=answers(MatrixOut), summary="Team skill matrix"
)
def get_matrix(
    request: HttpRequest,
    code: str,
    framework_id: int,
    department_id: int | None = None,
    role_id: int | None = None,
    kind: str = Query("staff", pattern="^(staff|candidate)$"),
) -> dict[str, Any]:
    organisation = _read(request, code)
    framework = _framework(organisation, framework_id)
    department = (
        get_object_or_404(Department, organisation=organisation, pk=department_id)
        if department_id
        else None
    )
    role = get_object_or_404(Role, framework=framework, pk=role_id) if role_id else None
    view = people_matrix.skill_matrix(organisation, framework, department, role, kind)
    return {
        "framework": framework.code,
        "people": view.people,
        "skills": list(view.matrix.skills),
        "levels": [list(row) for row in view.matrix.levels],
        "targets": list(view.matrix.targets),
        "coverage": list(view.matrix.coverage()),
    }


@router.get(
    "/organisations/{code}/candidates",
    response=answers(list[RankedOut]),
    summary="Candidates (and optionally staff) ranked by fit to a role",
)
def rank_candidates(
    request: HttpRequest, code: str, role_id: int, include_staff: bool = False
) -> list[dict[str, Any]]:
    organisation = _read(request, code)
    role = get_object_or_404(Role, pk=role_id, framework__in=services.frameworks_for(organisation))
    kinds = ("candidate", "staff") if include_staff else ("candidate",)
    return [
        {"person": r.person, "fit": _fit_out(r.person.pk, r.fit)}
        for r in services.rank_people(organisation, role, kinds)
    ]


@router.get(
    "/organisations/{code}/programmes",
    response=answers(list[ProgrammeOut]),
    summary="Training programmes",
)
def list_programmes(request: HttpRequest, code: str) -> Any:
    return TrainingProgramme.objects.filter(organisation=_read(request, code))


@router.post(
    "/organisations/{code}/programmes",
    response=answers(ProgrammeOut, 201),
    summary="Add a training programme",
)
def create_programme(
    request: HttpRequest, code: str, payload: ProgrammeIn
) -> Status[TrainingProgramme]:
    return Status(
        201, TrainingProgramme.objects.create(organisation=_write(request, code), **payload.dict())
    )


@router.post(
    "/organisations/{code}/programmes/{programme_id}/enrolments",
    response=answers(EnrolmentOut, 201),
    summary="Enrol a person",
)
def create_enrolment(
    request: HttpRequest, code: str, programme_id: int, payload: EnrolmentIn
) -> Status[Enrolment]:
    organisation = _write(request, code)
    programme = get_object_or_404(TrainingProgramme, organisation=organisation, pk=programme_id)
    try:
        enrolment = training.enrol(
            programme, _person(organisation, payload.person_id), payload.enrolled_on
        )
    except services.AssessmentError as error:
        raise ValidationError({"person_id": [str(error)]}) from None
    return Status(201, enrolment)


@router.post(
    "/organisations/{code}/enrolments/{enrolment_id}/complete",
    response=answers(list[RatingOut]),
    summary="Complete an enrolment: adds training evidence",
)
def complete_enrolment(
    request: HttpRequest, code: str, enrolment_id: int, payload: CompletionIn
) -> Any:
    organisation = _write(request, code)
    enrolment = get_object_or_404(Enrolment, organisation=organisation, pk=enrolment_id)
    try:
        return services.complete_enrolment(enrolment, payload.completed_on, rated_by=request.user)
    except services.AssessmentError as error:
        raise ValidationError({"enrolment_id": [str(error)]}) from None
