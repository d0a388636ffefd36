"""Issue #13: a department is chosen when a person is added; departments are renamed, marked
and retired by editors, and a retired one keeps its history but is not offered again."""

from __future__ import annotations

import datetime as dt

import pytest

from dxtalent.web.people.forms import PostForm
from dxtalent.web.people.models import Department, Person, Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def dx(city_a):
    return Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)


def test_adding_a_person_with_a_department_starts_their_first_post_there(client, alice, city_a, dx):
    client.force_login(alice)
    page = client.get(f"/o/{city_a.code}/people/new/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert 'name="department"' in page
    assert "DX推進課" in page
    response = client.post(
        f"/o/{city_a.code}/people/new/",
        {
            "kind": "staff",
            "external_id": "S-9",
            "family_name": "高橋",
            "employment_type": "regular",
            "origin": "in_house",
            "it_years": "0",
            "active": "on",
            "department": dx.pk,
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(organisation=city_a, external_id="S-9")
    post = Post.objects.get(person=person)
    assert post.department == dx
    assert post.ended_on is None


def test_an_editor_renames_marks_and_retires_a_department(client, alice, city_a, dx):
    client.force_login(alice)
    response = client.post(
        f"/o/{city_a.code}/departments/{dx.pk}/edit/",
        {"name": "デジタル推進課", "is_hr": "on", "retired_on": "2026-03-31"},
    )
    assert response.status_code == 302
    dx.refresh_from_db()
    assert (dx.name, dx.is_dx, dx.is_hr, dx.retired_on) == (
        "デジタル推進課",
        False,
        True,
        dt.date(2026, 3, 31),
    )


def test_a_retired_department_is_not_offered_for_new_posts_but_keeps_its_posts(
    client, alice, city_a, dx
):
    person = Person.objects.create(organisation=city_a, external_id="S-1", family_name="伊藤")
    Post.objects.create(
        organisation=city_a, person=person, department=dx, started_on=dt.date(2020, 4, 1)
    )
    dx.retired_on = dt.date(2026, 3, 31)
    dx.save()
    assert dx not in PostForm(organisation=city_a).fields["department"].queryset
    client.force_login(alice)
    assert "DX推進課" not in client.get(f"/o/{city_a.code}/people/new/").content.decode()
    assert "DX推進課" in client.get(f"/o/{city_a.code}/people/{person.pk}/").content.decode()


def test_a_viewer_may_not_edit_a_department_and_another_city_does_not_see_it(
    client, bob, charlie, city_a, dx
):
    url = f"/o/{city_a.code}/departments/{dx.pk}/edit/"
    client.force_login(bob)
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "x"}).status_code == 403
    client.force_login(charlie)
    assert client.get(url).status_code == 404
