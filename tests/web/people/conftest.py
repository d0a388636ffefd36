"""A small hand-built framework and team for the people tests."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.web.people.models import Department, Framework, Person, Post, Role, RoleTarget, Skill


@pytest.fixture
def framework(db):
    framework = Framework.objects.create(
        code="TEST", version="1.0", name_ja="テスト", name_en="Test"
    )
    skills = {
        code: Skill.objects.create(
            framework=framework, code=code, area_code="A", name_ja=code, name_en=code, position=i
        )
        for i, code in enumerate(["COMM", "LEAD", "NEGO", "SPEC"])
    }
    central = Role.objects.create(
        framework=framework,
        code="CENTRAL",
        name_ja="中心人物",
        name_en="Central figure",
        scope="organisation",
        rank=1,
    )
    for code, level in {"COMM": 3, "LEAD": 3, "NEGO": 3, "SPEC": 2}.items():
        RoleTarget.objects.create(role=central, skill=skills[code], level=level)
    framework.skill_map = skills
    framework.central = central
    return framework


@pytest.fixture
def dx_department(city_a):
    return Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)


@pytest.fixture
def team(city_a, dx_department):
    people = {}
    for number, (family, kind) in enumerate(
        [("佐藤", "staff"), ("鈴木", "staff"), ("高橋", "candidate")], start=1
    ):
        person = Person.objects.create(
            organisation=city_a, external_id=f"S{number:03}", family_name=family, kind=kind
        )
        if kind == "staff":
            Post.objects.create(
                organisation=city_a,
                person=person,
                department=dx_department,
                started_on=dt.date(2023, 4, 1),
            )
        people[family] = person
    return people
