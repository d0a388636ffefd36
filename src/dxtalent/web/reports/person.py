"""The per-person development sheet (個人別育成計画): one person's record gathered as the person
page gathers it (levels by source, role targets, enrolments, posts) and the rotation window as
the diagnosis reads it, handed to core.reports.person. Producing it names a person and their
levels, so every production is recorded in the audit trail as an export."""

from __future__ import annotations

from django.utils import timezone, translation

from dxtalent.core.assessments.levels import RatingSource
from dxtalent.core.i18n import _, in_language
from dxtalent.core.reports.diagnosis import REASON_NAMES
from dxtalent.core.reports.document import Document
from dxtalent.core.reports.person import (
    PersonFacts,
    PlannedTraining,
    PostLine,
    ProgrammeLine,
    RoleLine,
    Rotation,
    SkillLine,
    person_document,
)
from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people import services as people
from dxtalent.web.people.models import Enrolment, Person, Post


def _language(language: str) -> str:
    return "en" if language.lower().startswith("en") else "ja"


def _named(obj: object, language: str) -> str:
    english = str(getattr(obj, "name_en", "") or "")
    return english if language == "en" and english else str(getattr(obj, "name_ja", ""))


def person_of(organisation: Organisation, number: str) -> Person | None:
    """The organisation's person with staff or candidate number `number`."""
    return Person.objects.filter(organisation=organisation, external_id=number).first()


def _rotation(organisation: Organisation, person: Person, language: str) -> Rotation | None:
    from dxtalent.core.diagnostics.rotation import (
        departure_bounds,
        expected_departure,
        window_of,
    )
    from dxtalent.web.diagnostics import services as diagnostics

    member = next((m for m in diagnostics.to_domain(organisation) if m.id == str(person.pk)), None)
    if member is None or member.post_start is None:
        return None
    settings = diagnostics.settings_for(organisation)
    departure = expected_departure(member, settings)
    with in_language(language):
        reason = _(REASON_NAMES[departure.reason.value])
    return Rotation(
        window=window_of(member, settings),
        own=member.rotation_window is not None,
        bounds=departure_bounds(member, settings),
        leaves=departure.last_day,
        reason=reason,
    )


def _planned(
    organisation: Organisation, person: Person, language: str
) -> tuple[tuple[PlannedTraining, ...], str]:
    """The programmes the newest plan run's optimal mix has the person take, and the run's
    name ("計画 #3 の最適な組み合わせ")."""
    from dxtalent.core.planning.io import scenario_from_dict
    from dxtalent.core.planning.plan import PlanStatus
    from dxtalent.web.reports.services import latest_run, load_plans

    run = latest_run(organisation)
    if run is None:
        return (), ""
    plans = load_plans(run)
    mix = plans.get("mix")
    if mix is None or mix.status in (PlanStatus.INFEASIBLE, PlanStatus.ERROR):
        return (), ""
    scenario = scenario_from_dict(run.scenario)
    planned = tuple(
        PlannedTraining(action.fiscal_year, scenario.lever(action.lever).name)
        for action in sorted(mix.actions, key=lambda a: (a.fiscal_year, a.lever))
        if action.person == str(person.pk)
    )
    name = (
        f"計画 #{run.pk} の最適な組み合わせ" if language == "ja" else f"plan #{run.pk}, optimal mix"
    )
    return planned, name


def person_facts(organisation: Organisation, person: Person, language: str) -> PersonFacts:
    """What the sheet says of `person`, read from the database in `language`."""
    framework = people.default_framework(organisation)
    roles: list[RoleLine] = []
    if framework is not None:
        current = people.levels_of(organisation, framework, [person]).get(person.pk, {})
        by_source = {
            source: {
                code: rating.level
                for code, rating in people.latest_by_source(
                    organisation, person, framework, source
                ).items()
            }
            for source in (RatingSource.SELF, RatingSource.MANAGER, RatingSource.VERIFIED)
        }
        skills = {skill.code: skill for skill in framework.skills.all()}
        for role in framework.roles.order_by("position", "pk"):
            targets = people.targets_of(role)
            if not targets:
                continue
            fit = people.fit_for_role(organisation, person, role)
            roles.append(
                RoleLine(
                    _named(role, language),
                    fit.score,
                    tuple(
                        SkillLine(
                            _named(skills[code], language) if code in skills else code,
                            target,
                            by_source[RatingSource.SELF].get(code),
                            by_source[RatingSource.MANAGER].get(code),
                            by_source[RatingSource.VERIFIED].get(code),
                            current.get(code),
                        )
                        for code, target in sorted(
                            targets.items(),
                            key=lambda item: skills[item[0]].position if item[0] in skills else 0,
                        )
                        if target
                    ),
                )
            )
        roles.sort(key=lambda role: -role.fit)
    with translation.override(language):
        programmes = tuple(
            ProgrammeLine(
                enrolment.programme.name,
                str(enrolment.get_status_display()),
                enrolment.enrolled_on,
                enrolment.completed_on,
                enrolment.programme.hours,
                enrolment.status == Enrolment.Status.COMPLETED,
            )
            for enrolment in Enrolment.objects.filter(person=person)
            .select_related("programme")
            .order_by("enrolled_on", "pk")
            if enrolment.status != Enrolment.Status.WITHDRAWN
        )
        employment = str(person.get_employment_type_display())
    posts = tuple(
        PostLine(
            post.department.name, post.title, post.started_on, post.ended_on, post.is_specialist
        )
        for post in Post.objects.filter(person=person)
        .select_related("department")
        .order_by("started_on", "pk")
    )
    planned, plan = _planned(organisation, person, language)
    current_post = next((post for post in reversed(posts) if post.ended_on is None), None)
    return PersonFacts(
        name=str(person),
        number=person.external_id,
        department=current_post.department if current_post else "",
        employment=employment,
        roles=tuple(roles),
        programmes=programmes,
        posts=posts,
        rotation=_rotation(organisation, person, language),
        planned=planned,
        plan=plan,
    )


def person_report(organisation: Organisation, person: Person, language: str = "ja") -> Document:
    """The development sheet of `person` (internal: names and levels)."""
    language = _language(language)
    return person_document(
        person_facts(organisation, person, language),
        organisation=organisation.name,
        language=language,
        generated=timezone.localdate(),
    )


def record_production(organisation: Organisation, person: Person, filename: str) -> None:
    """The audit trail's event for one produced sheet: who (the current actor), whose sheet,
    which file, when."""
    from dxtalent.web.audit.models import AuditEvent
    from dxtalent.web.audit.signals import record

    record(organisation, person, AuditEvent.Action.EXPORT, {"development_sheet": [None, filename]})


def sheet_filename(organisation: Organisation, person: Person, fmt: str) -> str:
    """ "development-sheet-DEMO-CITY-A-12.pdf" (the person's record number)."""
    return f"development-sheet-{organisation.code}-{person.pk}.{fmt}"
