"""Optimistic concurrency (dxtalent.web.concurrency): two editors of one record, and the second
is told, with both values, instead of silently overwriting the first."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from dxtalent.core.records import StaleRecordError, check_version
from dxtalent.web.diagnostics.models import DiagnosisProfile
from dxtalent.web.frameworks.services import copy_framework
from dxtalent.web.organisations.models import Membership, Role
from dxtalent.web.people.models import Department, Person


def _form_data(response) -> dict[str, object]:
    """What a browser would post back from the page's form, unchanged."""
    form = response.context["form"]
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    return data


@pytest.fixture
def person(city_a):
    return Person.objects.create(organisation=city_a, external_id="S001", family_name="佐藤")


@pytest.fixture
def two_editors(alice, dana):
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(dana)
    return first, second


def test_the_rule_refuses_a_version_that_is_not_the_current_one():
    check_version("person 1", 3, 3)
    check_version("person 1", None, 3)  # not said: not checked
    with pytest.raises(StaleRecordError) as caught:
        check_version("person 1", 2, 3)
    assert (caught.value.read, caught.value.current) == (2, 3)


def test_the_second_editor_of_one_person_is_told_and_shown_both_values(two_editors, city_a, person):
    first, second = two_editors
    url = f"/o/{city_a.code}/people/{person.pk}/edit/"
    mine, theirs = _form_data(first.get(url)), _form_data(second.get(url))
    assert mine["version"] == theirs["version"] == 1

    assert first.post(url, {**mine, "family_name": "斎藤"}).status_code == 302
    response = second.post(url, {**theirs, "family_name": "齋藤", "note": "second"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "齋藤" in page and "斎藤" in page  # theirs kept in the form, the current one named
    person.refresh_from_db()
    assert (person.family_name, person.note, person.version) == ("斎藤", "", 2)
    # The re-shown form carries the current version: saving again deliberately keeps theirs.
    again = _form_data(response)
    assert again["version"] == "2"
    assert second.post(url, again).status_code == 302
    person.refresh_from_db()
    assert (person.family_name, person.note, person.version) == ("齋藤", "second", 3)


def test_the_conflict_is_explained_in_japanese(two_editors, city_a, person):
    first, second = two_editors
    second.cookies["django_language"] = "ja"
    url = f"/o/{city_a.code}/people/{person.pk}/edit/"
    mine, theirs = _form_data(first.get(url)), _form_data(second.get(url))
    first.post(url, {**mine, "family_name": "斎藤"})
    page = second.post(url, {**theirs, "family_name": "齋藤"}).content.decode()
    assert "他の人が" in page
    # Its sentences run on as Japanese writes them, without a space after 。.
    message = page[page.index("他の人が") :]
    message = message[: message.index("<")]
    assert "。" in message and "。 " not in message, message


def test_a_second_editor_of_a_department_is_told(two_editors, city_a):
    department = Department.objects.create(organisation=city_a, code="DX", name="DX推進課")
    first, second = two_editors
    url = f"/o/{city_a.code}/departments/{department.pk}/edit/"
    mine, theirs = _form_data(first.get(url)), _form_data(second.get(url))
    assert first.post(url, {**mine, "name": "デジタル推進課"}).status_code == 302
    response = second.post(url, {**theirs, "name": "情報政策課"})
    assert response.status_code == 400
    assert "デジタル推進課" in response.content.decode()
    department.refresh_from_db()
    assert department.name == "デジタル推進課"


def test_a_second_editor_of_the_diagnosis_settings_is_told(two_editors, city_a):
    first, second = two_editors
    url = f"/o/{city_a.code}/team/settings/"
    mine, theirs = _form_data(first.get(url)), _form_data(second.get(url))
    assert first.post(url, {**mine, "yearly_budget": 30_000_000}).status_code == 302
    response = second.post(url, {**theirs, "yearly_budget": 10_000_000})
    assert response.status_code == 400
    assert DiagnosisProfile.objects.get(organisation=city_a).yearly_budget == 30_000_000


def test_a_second_administrator_changing_a_role_is_told(client, city_a, dana, bob):
    membership = Membership.objects.get(user=bob, organisation=city_a)
    client.force_login(dana)
    url = f"/organisations/{city_a.code}/members/{membership.pk}/role/"
    assert client.post(url, {"role": Role.EDITOR, "version": 1}).status_code == 302
    response = client.post(url, {"role": Role.ADMIN, "version": 1}, follow=True)
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    page = response.content.decode()
    assert "Administrator" in page or "管理者" in page


def test_a_second_editor_of_a_framework_copys_targets_is_told(two_editors, city_a, framework):
    copy = copy_framework(city_a, framework)
    role = copy.roles.get(code="CENTRAL")
    skill = copy.skills.get(code="COMM")
    first, second = two_editors
    url = f"/o/{city_a.code}/frameworks/{copy.pk}/targets/"
    field = f"target-{role.pk}-{skill.pk}"
    assert first.post(url, {field: "4", "revision": "1"}).status_code == 302
    response = second.post(url, {field: "1", "revision": "1"}, follow=True)
    assert role.targets.get(skill=skill).level == 4
    page = response.content.decode()
    assert "CENTRAL / COMM" in page
    assert "「1」" in page and "「4」" in page  # theirs and the current level


def _patch(client, url, body, **headers):
    return client.patch(url, json.dumps(body), content_type="application/json", headers=headers)


def test_the_api_gives_an_etag_and_refuses_a_stale_if_match_with_412(client, alice, city_a, person):
    client.force_login(alice)
    url = f"/api/organisations/{city_a.code}/people/{person.pk}"
    etag = client.get(url).headers["ETag"]
    assert etag == '"1"'
    first = _patch(client, url, {"family_name": "斎藤"}, **{"If-Match": etag})
    assert first.status_code == 200 and first.headers["ETag"] == '"2"'
    assert first.json()["version"] == 2

    stale = _patch(client, url, {"family_name": "齋藤"}, **{"If-Match": etag})

    assert stale.status_code == 412
    (error,) = stale.json()["errors"]
    assert error["loc"] == ["header", "If-Match"] and "version 2" in error["msg"]
    person.refresh_from_db()
    assert person.family_name == "斎藤"


def test_the_api_refuses_a_stale_version_in_the_body_with_409(client, alice, city_a, person):
    client.force_login(alice)
    url = f"/api/organisations/{city_a.code}/people/{person.pk}"
    assert _patch(client, url, {"family_name": "斎藤", "version": 1}).status_code == 200
    stale = _patch(client, url, {"family_name": "齋藤", "version": 1})
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["loc"] == ["body", "version"]
    person.refresh_from_db()
    assert person.family_name == "斎藤"


def test_an_if_match_that_is_not_a_version_is_a_400(client, alice, city_a, person):
    client.force_login(alice)
    url = f"/api/organisations/{city_a.code}/people/{person.pk}"
    response = _patch(client, url, {"family_name": "斎藤"}, **{"If-Match": "yesterday"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"] == ["header", "If-Match"]


def test_a_stale_role_change_through_the_api_is_a_409(client, city_a, dana, bob):
    membership = Membership.objects.get(user=bob, organisation=city_a)
    client.force_login(dana)
    listed = client.get(f"/api/organisations/{city_a.code}/members").json()
    assert {m["username"]: m["version"] for m in listed}["bob"] == 1
    url = f"/api/organisations/{city_a.code}/members/{membership.pk}"
    assert _patch(client, url, {"role": "editor", "version": 1}).status_code == 200
    stale = _patch(client, url, {"role": "admin", "version": 1})
    assert stale.status_code == 409
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
