"""Writes the demo from core.demo into the database, with fresh passwords each time.

The demo data itself (organisations, users, the team, the survey answers, the interview
project) lives in core.demo; this module only writes it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from dxtalent.core.demo.generator import DemoPlan, generate_demo
from dxtalent.web.audit.actor import Actor, acting_as
from dxtalent.web.audit.signals import bulk_change
from dxtalent.web.organisations.models import Membership, Organisation, Role

ROLES = {"viewer": Role.VIEWER, "editor": Role.EDITOR, "admin": Role.ADMIN}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    organisation_code: str
    organisation_name: str
    role: str
    purpose: str


def new_password() -> str:
    return secrets.token_urlsafe(12)


@transaction.atomic
def prepare_demo(seed: int = 2025, plan: DemoPlan | None = None) -> list[DemoLogin]:
    """Create or refresh the synthetic organisations and users; every run sets new passwords
    (printed by the caller, stored only as hashes)."""
    plan = plan or generate_demo(seed)
    user_model = get_user_model()
    logins: list[DemoLogin] = []
    users: dict[str, Any] = {}
    # The demo is a Japanese city: what is written in the reader's language as it is saved
    # (the audit trail's record names) is written in Japanese, whatever the command's locale.
    with acting_as(Actor(user=None, label="demo")), translation.override("ja"):
        by_code: dict[str, Organisation] = {}
        for demo in plan.organisations:
            organisation, _created = Organisation.objects.update_or_create(
                code=demo.code,
                defaults={
                    "name": demo.name,
                    "name_en": demo.name_en,
                    "kana": demo.kana,
                    "kind": demo.kind.value,
                    "prefecture": by_code.get(demo.prefecture_code or ""),
                    "population": demo.population,
                    "is_synthetic": True,
                },
            )
            by_code[demo.code] = organisation
        for demo_user in plan.users:
            password = new_password()
            user, _created = user_model.objects.get_or_create(username=demo_user.username)
            user.first_name = demo_user.given_name
            user.last_name = demo_user.family_name
            user.email = f"{demo_user.username}@demo.invalid"
            user.set_password(password)
            user.save()
            users[user.username] = user
            organisation = by_code[demo_user.organisation_code]
            Membership.objects.update_or_create(
                user=user, organisation=organisation, defaults={"role": ROLES[demo_user.role]}
            )
            logins.append(
                DemoLogin(
                    username=user.username,
                    password=password,
                    organisation_code=organisation.code,
                    organisation_name=organisation.name,
                    role=demo_user.role,
                    purpose=demo_user.purpose,
                )
            )
        prepare_team(by_code["DEMO-CITY-A"], seed, users)
        prepare_survey(
            by_code["DEMO-CITY-A"], [by_code["DEMO-CITY-A"], by_code["DEMO-CITY-B"]], seed
        )
        prepare_interviews(by_code["DEMO-CITY-A"])
        prepare_register(by_code["DEMO-CITY-A"])
        prepare_pool(by_code, seed)
    return logins


def prepare_pool(by_code: dict[str, Organisation], seed: int) -> None:
    """The demo prefecture's talent pool of core.demo.pool: professionals, requests for this
    fiscal year (and city A's for the next, allocated and accepted), the municipalities that share aggregates and their small synthetic teams;
    written afresh on every run."""
    from dxtalent.core.demo.generator import PREFECTURE
    from dxtalent.core.demo.pool import demo_pool
    from dxtalent.web.people.models import Person
    from dxtalent.web.pool.models import AllocationRun, PoolRequest, Professional, Sharing
    from dxtalent.web.pool.services import accept, allocate, current_fiscal_year

    pool = demo_pool(seed)
    prefecture = by_code[PREFECTURE.code]
    municipalities = [o for o in by_code.values() if o.prefecture_id == prefecture.pk]
    Professional.objects.filter(organisation=prefecture).delete()
    AllocationRun.objects.filter(organisation=prefecture).delete()
    PoolRequest.objects.filter(organisation__in=municipalities).delete()
    for demo in pool.professionals:
        professional = Professional.objects.create(
            organisation=prefecture,
            name=demo.name,
            levels=demo.levels,
            days_per_month=demo.days_per_month,
            remote=demo.reaches is None,
            term_months=demo.term_months,
            employment_form=demo.employment_form,
            cost_per_day=demo.cost_per_day,
            payer=demo.payer,
        )
        if demo.reaches is not None:
            professional.reaches.set([by_code[code] for code in demo.reaches])
    fiscal_year = current_fiscal_year()
    for request in pool.requests:
        PoolRequest.objects.create(
            organisation=by_code[request.municipality],
            fiscal_year=fiscal_year + 1 if request.next_year else fiscal_year,
            capability=request.capability,
            level=request.level,
            days_per_month=request.days_per_month,
            months=list(request.months),
            priority=request.priority,
            reason=request.reason,
        )
    # The coming fiscal year's allocation, accepted: city A's plan counts its days.
    accept(allocate(prefecture, fiscal_year + 1))
    for municipality in municipalities:
        Sharing.objects.update_or_create(
            organisation=municipality,
            defaults={
                "with_prefecture": municipality.code in pool.sharing,
                "with_peers": municipality.code in pool.sharing,
            },
        )
    for code, count in pool.staff.items():
        Person.objects.filter(organisation=by_code[code]).delete()
        for i in range(count):
            Person.objects.create(
                organisation=by_code[code],
                external_id=f"P{i + 1:03d}",
                family_name="職員",
                given_name=f"{i + 1}（架空）",
            )


def prepare_survey(owner: Organisation, invited: list[Organisation], seed: int) -> None:
    """A demo survey owned by `owner`: the questionnaire reconstructed from the paper, each
    invited organisation's two departments with a private link, and the synthetic answers of
    core.demo.survey (all submitted but the last, a draft). Written afresh on every run."""
    from django.utils import timezone

    from dxtalent.core.demo.survey import TITLE, generate_answers
    from dxtalent.web.surveys.models import Answer, Invitation, Survey
    from dxtalent.web.surveys.services import shipped_instrument

    Survey.objects.filter(organisation=owner).delete()
    instrument = shipped_instrument()
    survey = Survey.objects.create(organisation=owner, title=TITLE, instrument=instrument)
    for demo in generate_answers(instrument, len(invited), seed):
        invitation = Invitation.objects.create(
            organisation=owner,
            survey=survey,
            respondent=invited[demo.respondent],
            department=demo.department,
        )
        Answer.objects.create(
            invitation=invitation,
            answers=demo.answers,
            submitted_at=timezone.now() if demo.submitted else None,
        )


def prepare_interviews(organisation: Organisation) -> Any:
    """The synthetic interview project of core.demo.interviews (three fictional cities coded
    by two coders), written afresh; the project."""
    import uuid

    from dxtalent.core.demo.interviews import CODERS, PROJECT_NAME, TRANSCRIPTS, demo_codings
    from dxtalent.core.interviews.codebook import shipped_codes
    from dxtalent.web.interviews.models import Case, Coder, Coding, InterviewProject, Source
    from dxtalent.web.interviews.services import new_project

    InterviewProject.objects.filter(organisation=organisation).delete()
    project = new_project(organisation, PROJECT_NAME)
    guid_of: dict[str, str] = {}

    def collect(items: Any) -> None:
        for item in items:
            guid_of[item.key] = item.guid
            collect(item.children)

    collect(shipped_codes())
    codes = {code.guid: code for code in project.codes.all()}
    coders = {
        letter: Coder.objects.create(
            organisation=organisation,
            project=project,
            guid=str(uuid.uuid4()),
            name=f"coder-{letter.lower()}",
        )
        for letter in CODERS
    }
    sources = []
    for name, attributes, text in TRANSCRIPTS:
        source = Source.objects.create(
            organisation=organisation, project=project, guid=str(uuid.uuid4()), name=name, text=text
        )
        case = Case.objects.create(
            organisation=organisation,
            project=project,
            guid=str(uuid.uuid4()),
            name=name.removesuffix(".txt"),
            attributes=attributes,
        )
        case.sources.set([source])
        sources.append(source)
    for coding in demo_codings():
        Coding.objects.create(
            organisation=organisation,
            project=project,
            source=sources[coding.transcript],
            start=coding.start,
            end=coding.end,
            code=codes[guid_of[coding.code]],
            coder=coders[coding.coder],
            guid=str(uuid.uuid4()),
            selection_guid=str(uuid.uuid4()),
        )
    return project


def prepare_team(organisation: Organisation, seed: int, logins: dict[str, Any]) -> dict[str, int]:
    """The demo city's departments, people, rating history, training and candidates, written
    afresh on every run (everything in a synthetic organisation is demo data)."""
    import datetime as dt

    from dxtalent.core.demo.team import (
        NOTE,
        PREVIOUS_POST_TITLE,
        PREVIOUS_POST_YEARS,
        generate_team,
    )
    from dxtalent.web.people.models import (
        Department,
        Enrolment,
        Person,
        Post,
        ProgrammeSkill,
        Qualification,
        Rating,
        Skill,
        TrainingProgramme,
    )
    from dxtalent.web.people.services import delete_ratings

    if not organisation.is_synthetic:
        raise ValueError(
            f"{organisation.code} is not synthetic; the demo only rewrites synthetic organisations"
        )
    with bulk_change("demo data replaced"):
        delete_ratings(Rating.objects.filter(organisation=organisation), "demo data replaced")
        TrainingProgramme.objects.filter(organisation=organisation).delete()
        Person.objects.filter(organisation=organisation).delete()
        Department.objects.filter(organisation=organisation).delete()

    team = generate_team(seed)
    skills = {
        (framework_code, code): pk
        for pk, framework_code, code in Skill.objects.filter(
            framework__organisation__isnull=True
        ).values_list("pk", "framework__code", "code")
    }
    departments = {
        d.code: Department.objects.create(
            organisation=organisation, code=d.code, name=d.name, is_dx=d.is_dx, is_hr=d.is_hr
        )
        for d in team.departments
    }
    people: dict[str, Person] = {}
    ratings: list[Rating] = []
    for demo in team.people:
        person = Person.objects.create(
            organisation=organisation,
            kind=demo.kind,
            external_id=demo.number,
            family_name=demo.family_name,
            given_name=demo.given_name,
            family_name_kana=demo.family_name_kana,
            given_name_kana=demo.given_name_kana,
            employment_type=demo.employment_type,
            origin=demo.origin,
            it_years=demo.it_years,
            contract_end=demo.contract_end,
            source_programme=demo.source_programme,
            expected_yearly_cost=demo.expected_yearly_cost,
            note=NOTE,
        )
        people[demo.number] = person
        if demo.department and demo.post_start:
            if demo.previous_department:
                Post.objects.create(
                    organisation=organisation,
                    person=person,
                    department=departments[demo.previous_department],
                    title=PREVIOUS_POST_TITLE,
                    started_on=demo.post_start.replace(
                        year=demo.post_start.year - PREVIOUS_POST_YEARS
                    ),
                    ended_on=demo.post_start - dt.timedelta(days=1),
                )
            Post.objects.create(
                organisation=organisation,
                person=person,
                department=departments[demo.department],
                title=demo.post_title,
                started_on=demo.post_start,
                is_specialist=demo.specialist_post,
            )
        for name, day in demo.qualifications:
            Qualification.objects.create(
                organisation=organisation, person=person, name=name, obtained_on=day
            )
        ratings += [
            Rating(
                organisation=organisation,
                person=person,
                skill_id=skills[(r.framework, r.skill)],
                level=r.level,
                source=r.source,
                rated_on=r.rated_on,
                evidence=r.evidence,
            )
            for r in demo.ratings
            if (r.framework, r.skill) in skills
        ]
    Rating.objects.bulk_create(ratings, batch_size=1000)
    from dxtalent.web.people.services import refresh_current_levels

    refresh_current_levels(organisation)
    central = people[team.central_number]
    Person.objects.filter(organisation=organisation, kind="staff").exclude(pk=central.pk).update(
        manager=central
    )
    if logins.get("demo-editor"):
        Person.objects.filter(pk=central.pk).update(user=logins["demo-editor"])
    if logins.get("demo-viewer"):
        Person.objects.filter(pk=people[team.self_assessor_number].pk).update(
            user=logins["demo-viewer"]
        )
    from dxtalent.web.people.services import complete_enrolment

    for demo_programme in team.programmes:
        programme = TrainingProgramme.objects.create(
            organisation=organisation,
            name=demo_programme.name,
            provider=demo_programme.provider,
            kind=demo_programme.kind,
            is_external=demo_programme.is_external,
            hours=demo_programme.hours,
            months=demo_programme.months,
            seats=demo_programme.seats,
            cost_per_seat=demo_programme.cost_per_seat,
            outside_working_hours=demo_programme.outside_working_hours,
        )
        for framework_code, code, level in demo_programme.gains:
            if (framework_code, code) in skills:
                ProgrammeSkill.objects.create(
                    organisation=organisation,
                    programme=programme,
                    skill_id=skills[(framework_code, code)],
                    to_level=level,
                )
        start = dt.date.today().replace(month=4, day=1)
        if dt.date.today().month < 4:
            start = start.replace(year=start.year - 1)
        for number in demo_programme.enrolled:
            enrolment = Enrolment.objects.create(
                organisation=organisation,
                programme=programme,
                person=people[number],
                enrolled_on=start,
            )
            if number in demo_programme.completed:
                complete_enrolment(
                    enrolment, min(dt.date.today(), start + dt.timedelta(days=7 * 30))
                )
    return {"people": len(people), "ratings": len(ratings)}


def prepare_register(organisation: Organisation) -> int:
    """The demo city's register of systems and contracts, written afresh: renewals and
    migrations cluster in the fiscal year its negotiators have rotated out (core.demo.register),
    so the diagnosis shows a negotiation finding. Returns that fiscal year."""
    from dxtalent.core.demo.register import demo_register
    from dxtalent.core.diagnostics.model import strength
    from dxtalent.core.diagnostics.team import view_team
    from dxtalent.web.diagnostics.services import (
        capabilities_for,
        profile_of,
        settings_for,
        to_domain,
    )
    from dxtalent.web.standardization.models import Contract, System, Vendor

    if not organisation.is_synthetic:
        raise ValueError("the demo register is written only into a synthetic organisation")
    Contract.objects.filter(organisation=organisation).delete()
    System.objects.filter(organisation=organisation).delete()
    Vendor.objects.filter(organisation=organisation).delete()
    settings = settings_for(organisation)
    params = settings.negotiation_capacity
    team = view_team(to_domain(organisation), capabilities_for(organisation), settings)

    def able(member: Any) -> bool:
        return bool(
            member.level(params.skill) >= params.min_level
            or member.level(params.specification_skill) >= params.min_level
        )

    able_by_year = {
        year: strength(
            [m for m in team.members if m.is_dx and able(m) and team.in_post(m.id, year)]
        )
        for year in team.fiscal_years
    }
    register = demo_register(
        able_by_year, team.current_fiscal_year, profile_of(organisation).events_per_negotiator
    )
    vendors = {
        name: Vendor.objects.create(organisation=organisation, name=name)
        for name in {s.vendor for s in register.systems} | {c.vendor for c in register.contracts}
    }
    systems = {}
    for demo in register.systems:
        systems[demo.business] = System.objects.create(
            organisation=organisation,
            business=demo.business,
            vendor=vendors[demo.vendor],
            current_product=demo.current_product,
            standard_product=demo.standard_product,
            phase=demo.phase,
            planned_on=demo.planned_on,
            migrated_on=demo.migrated_on,
            migration_support=demo.migration_support,
            reason=demo.reason,
            cost_before=demo.cost_before,
            cost_after=demo.cost_after,
            notes="デモ用の架空データ",
        )
    for demo_contract in register.contracts:
        contract = Contract.objects.create(
            organisation=organisation,
            title=demo_contract.title,
            vendor=vendors[demo_contract.vendor],
            starts_on=demo_contract.starts_on,
            ends_on=demo_contract.ends_on,
            renewal_on=demo_contract.renewal_on,
            annual_cost=demo_contract.annual_cost,
            procurement=demo_contract.procurement,
            bidders=demo_contract.bidders,
            is_renewal=demo_contract.is_renewal,
        )
        contract.systems.set([systems[code] for code in demo_contract.systems])
    return register.cluster_year
