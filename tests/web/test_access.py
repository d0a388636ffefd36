"""Isolation and roles, table-driven over every organisation view and API endpoint."""

from __future__ import annotations

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from dxtalent.web.api.urls import api
from dxtalent.web.organisations.models import Invitation, Membership, Role
from tests.web.access_table import ROUTES, Route

ROLE_OF = {"dana": Role.ADMIN, "alice": Role.EDITOR, "bob": Role.VIEWER, "charlie": None}


@pytest.fixture
def context(personas, city_a):
    import datetime as dt

    from dxtalent.web.frameworks.services import copy_framework
    from dxtalent.web.people.models import (
        Department,
        Enrolment,
        Framework,
        Person,
        ProgrammeSkill,
        RoleTarget,
        Skill,
        TrainingProgramme,
    )
    from dxtalent.web.people.models import (
        Role as SkillRole,
    )

    framework = Framework.objects.create(
        code="ACCESS", version="1", name_ja="権限", name_en="Access"
    )
    skill = Skill.objects.create(
        framework=framework, code="COMM", area_code="A", name_ja="伝達", name_en="Communication"
    )
    role = SkillRole.objects.create(
        framework=framework, code="LEAD", name_ja="中心", name_en="Lead", scope="organisation"
    )
    RoleTarget.objects.create(role=role, skill=skill, level=3)
    own = copy_framework(city_a, framework)
    department = Department.objects.create(organisation=city_a, code="DX", name="DX推進課")
    person = Person.objects.create(organisation=city_a, external_id="S001", family_name="佐藤")
    other = Person.objects.create(organisation=city_a, external_id="S002", family_name="鈴木")
    programme = TrainingProgramme.objects.create(
        organisation=city_a, name="研修", kind="internal_training"
    )
    ProgrammeSkill.objects.create(organisation=city_a, programme=programme, skill=skill, to_level=2)
    enrolment = Enrolment.objects.create(
        organisation=city_a, programme=programme, person=person, enrolled_on=dt.date(2026, 4, 1)
    )
    own_role, own_skill = own.roles.get(), own.skills.get()
    invitation, _token = Invitation.issue(
        organisation=city_a,
        email="pending@example.jp",
        role=Role.VIEWER,
        invited_by=personas["dana"],
    )
    invitation.save()
    from dxtalent.web.planning import runs
    from dxtalent.web.planning.services import scenario_for

    plan_run = runs.start(
        runs.create(
            city_a, personas["alice"], scenario_for(city_a, 1_000_000, 1), "coverage", 0, {}
        )
    )
    from dxtalent.web.surveys.models import Survey
    from dxtalent.web.surveys.services import shipped_instrument

    survey = Survey.objects.create(
        organisation=city_a, title="調査", instrument=shipped_instrument()
    )
    from dxtalent.web.interviews.models import InterviewProject
    from dxtalent.web.interviews.models import Source as Transcript

    interview = InterviewProject.objects.create(organisation=city_a, name="聞き取り")
    transcript = Transcript.objects.create(
        organisation=city_a, project=interview, guid="t", name="t.txt", text="あいうえお"
    )
    from dxtalent.web.interviews.models import Coder

    for name in ("ana", "ben"):
        Coder.objects.create(organisation=city_a, project=interview, guid=name, name=name)
    from dxtalent.web.standardization.models import Contract, System, Vendor

    vendor = Vendor.objects.create(organisation=city_a, name="ベンダーA")
    system = System.objects.create(organisation=city_a, business="resident-register")
    contract = Contract.objects.create(
        organisation=city_a, vendor=vendor, title="運用保守", procurement="negotiated"
    )
    # The talent pool: the same personas in city A's prefecture, a request, a professional and
    # an allocation.
    from dxtalent.web.pool.models import PoolRequest, Professional
    from dxtalent.web.pool.services import allocate

    prefecture = city_a.prefecture
    for name in ("dana", "alice", "bob"):
        Membership.objects.create(
            user=personas[name],
            organisation=prefecture,
            role=Membership.objects.get(user=personas[name], organisation=city_a).role,
        )
    pool_request = PoolRequest.objects.create(
        organisation=city_a,
        fiscal_year=2026,
        capability="MIC-R-PM",
        level=2,
        days_per_month=2,
        months=[4, 5],
    )
    professional = Professional.objects.create(
        organisation=prefecture,
        name="山田 花子",
        levels={"MIC-R-PM": 3},
        days_per_month=4,
        remote=True,
        employment_form="secondee",
    )
    allocation_run = allocate(prefecture, 2026)
    # A stored draft of one section (generating it for each of the table's ~900 tests would
    # cost minutes; the generate route itself is in the table).
    import datetime as dt

    from dxtalent.core.reports.policy_draft import DraftMeta, Section, sections_to_json
    from dxtalent.web.reports.models import PolicyDraft, PolicyDraftVersion, ReportJob

    meta = DraftMeta("方針", dt.date(2026, 12, 1), "ja", ("出典",))
    draft = PolicyDraft.objects.create(organisation=city_a)
    PolicyDraftVersion.objects.create(
        organisation=city_a,
        draft=draft,
        number=1,
        kind="generated",
        content=sections_to_json(meta, (Section("1", "1 人材像", ()),)),
    )
    # Finished report jobs (what the worker leaves), without rendering a file for each test.
    report_job, internal_report_job = (
        ReportJob.objects.create(
            organisation=city_a,
            kind="diagnosis",
            audience=audience,
            fmt="docx",
            status="done",
            filename=f"diagnosis-{city_a.code}-{audience}.docx",
            content=b"PK",
        )
        for audience in ("council", "internal")
    )
    return {
        "vendor": vendor.pk,
        "system": system.pk,
        "contract": contract.pk,
        "allocation_run": allocation_run.pk,
        "prefecture": prefecture.code,
        "pool_request": pool_request.pk,
        "professional": professional.pk,
        "transcript": transcript.pk,
        "interview": interview.pk,
        "survey": survey.pk,
        "plan_run": plan_run.pk,
        "policy_version": 1,
        "report_job": report_job.pk,
        "internal_report_job": internal_report_job.pk,
        "code": city_a.code,
        "bob_membership": Membership.objects.get(user=personas["bob"], organisation=city_a).pk,
        "invitation": invitation.pk,
        "framework": framework.pk,
        "role": role.pk,
        "skill": skill.pk,
        "own_framework": own.pk,
        "target_field": f"target-{own_role.pk}-{own_skill.pk}",
        "department": department.pk,
        "person": person.pk,
        "other_person": other.pk,
        "other_person_number": other.external_id,
        "programme": programme.pk,
        "enrolment": enrolment.pk,
    }


def _request(client, route: Route, ctx):
    path = route.path(ctx)
    data = route.data(ctx)
    method = route.method.lower()
    if route.kind == "api":
        if method == "get":
            return client.get(path)
        if any(hasattr(value, "read") for value in data.values()):  # an upload: multipart
            return getattr(client, method)(path, data=data)
        return getattr(client, method)(path, data=json.dumps(data), content_type="application/json")
    return getattr(client, method)(path, data=data)


def _expected(persona: str, route: Route) -> tuple[int, ...]:
    role = ROLE_OF[persona]
    if role is None:
        return (404,)
    if role < route.need:
        return (403,)
    return route.ok


def _id(route: Route) -> str:
    return f"{route.kind}-{route.method}-{route.pattern}"


@pytest.mark.parametrize("persona", list(ROLE_OF))
@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_each_route_answers_each_persona_by_membership_and_role(
    client, personas, context, route, persona
):
    client.force_login(personas[persona])
    response = _request(client, route, context)
    assert response.status_code in _expected(persona, route), response.content[:300]


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_nobody_signed_in_is_sent_to_login_or_gets_401(client, context, route):
    response = _request(client, route, context)
    if route.kind == "api":
        assert response.status_code == 401
    else:
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.kind == "api"], ids=_id)
def test_a_non_member_gets_the_same_404_whether_or_not_the_organisation_exists(
    client, personas, context, route
):
    client.force_login(personas["charlie"])
    real = _request(client, route, context)
    missing = _request(client, route, {**context, "code": "999999"})
    assert real.status_code == missing.status_code == 404
    assert real.json() == missing.json()


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_organisation_url_is_in_the_access_table():
    covered = {r.pattern for r in ROUTES if r.kind == "web"}
    with_code = {
        p for p in _patterns(get_resolver()) if "<str:code>" in p and not p.startswith("api/")
    }
    assert with_code and with_code <= covered, with_code - covered


def test_every_organisation_api_operation_is_in_the_access_table():
    covered = {(r.pattern, r.method) for r in ROUTES if r.kind == "api"}
    schema = api.get_openapi_schema()
    operations = {
        (path.removeprefix("/api"), method.upper())
        for path, methods in schema["paths"].items()
        for method in methods
        if "{code}" in path
    }
    assert operations and operations <= covered, operations - covered
