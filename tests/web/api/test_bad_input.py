"""Input that used to crash the API (500) answers 400 with the documented error shape
{"errors": [{"loc": [...], "msg": "..."}]} naming the field (issue #14). Several of these
crashed only on PostgreSQL: run this file with DATABASE_URL set to a PostgreSQL database too."""

import pytest

from dxtalent.web.people.models import Person, TrainingProgramme

pytestmark = pytest.mark.django_db


def send(client, method, path, data):
    return getattr(client, method)(path, data=data, content_type="application/json")


def assert_400_naming(response, field):
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert errors and all(set(e) == {"loc", "msg"} for e in errors), errors
    assert any(field in [str(part) for part in e["loc"]] for e in errors), errors


def test_an_over_long_name_is_a_400_naming_the_field(client, alice, city_a):
    client.force_login(alice)
    path = f"/api/organisations/{city_a.code}/people"
    response = send(
        client, "post", path, {"external_id": "S1", "family_name": "佐", "given_name": "x" * 101}
    )
    assert_400_naming(response, "given_name")
    assert not Person.objects.filter(external_id="S1").exists()


def test_an_over_long_organisation_name_is_a_400(client, alice):
    client.force_login(alice)
    response = send(
        client, "post", "/api/organisations", {"code": "R1", "name": "n" * 500, "kind": "research"}
    )
    assert_400_naming(response, "name")


def test_integers_beyond_the_columns_range_are_a_400(client, alice, city_a):
    client.force_login(alice)
    path = f"/api/organisations/{city_a.code}/programmes"
    cost = send(
        client, "post", path, {"name": "P", "kind": "external_training", "cost_per_seat": 2**31}
    )
    assert_400_naming(cost, "cost_per_seat")
    hours = send(client, "post", path, {"name": "P", "kind": "external_training", "hours": 2**40})
    assert_400_naming(hours, "hours")
    assert not TrainingProgramme.objects.exists()
    person = send(
        client,
        "post",
        f"/api/organisations/{city_a.code}/people",
        {"external_id": "S9", "family_name": "佐", "expected_yearly_cost": 2**63},
    )
    assert_400_naming(person, "expected_yearly_cost")


def test_null_for_a_field_that_cannot_be_empty_is_a_400_in_a_patch(client, alice, city_a):
    client.force_login(alice)
    person = Person.objects.create(organisation=city_a, external_id="S1", family_name="佐藤")
    path = f"/api/organisations/{city_a.code}/people/{person.pk}"
    assert_400_naming(send(client, "patch", path, {"family_name": None}), "family_name")
    assert_400_naming(send(client, "patch", path, {"active": None}), "active")
    person.refresh_from_db()
    assert person.family_name == "佐藤" and person.active


def test_a_nul_character_in_any_text_is_a_400_naming_the_field(client, alice, city_a):
    client.force_login(alice)
    people = f"/api/organisations/{city_a.code}/people"
    assert_400_naming(
        send(client, "post", people, {"external_id": "S1", "family_name": "佐\x00藤"}),
        "family_name",
    )
    invitation = send(
        client,
        "post",
        f"/api/organisations/{city_a.code}/invitations",
        {"email": "a\x00@example.jp"},
    )
    assert invitation.status_code in (400, 403), invitation.content
    search = client.get("/api/organisations", {"q": "東\x00"})
    assert_400_naming(search, "q")
    assert not Person.objects.exists()


def test_a_nul_character_in_an_invitation_is_a_400_for_an_administrator(client, dana, city_a):
    client.force_login(dana)
    response = send(
        client,
        "post",
        f"/api/organisations/{city_a.code}/invitations",
        {"email": "a\x00@example.jp"},
    )
    assert_400_naming(response, "email")


@pytest.mark.parametrize("limit", ["1e21", str(2**70), "-1", "0"])
def test_a_limit_out_of_range_on_a_list_is_a_400_naming_limit(client, alice, city_a, limit):
    client.force_login(alice)
    response = client.get(f"/api/organisations/{city_a.code}/people", {"limit": limit})
    assert_400_naming(response, "limit")


def test_an_offset_out_of_range_on_a_list_is_a_400_naming_offset(client, alice, city_a):
    client.force_login(alice)
    response = client.get("/api/organisations", {"offset": str(2**70)})
    assert_400_naming(response, "offset")


def test_a_negative_seed_is_a_400_naming_seed(client, alice, city_a):
    client.force_login(alice)
    response = client.get(
        f"/api/organisations/{city_a.code}/plan", {"rotations": 2, "seed": -1, "runs": 2}
    )
    assert_400_naming(response, "seed")
