import pytest

from dxtalent.web.people.models import Person, Rating

pytestmark = pytest.mark.django_db


def post(client, path, data):
    return client.post(path, data=data, content_type="application/json")


def test_a_person_records_their_own_self_assessment_through_the_api(
    client, bob, city_a, framework, team
):
    person = team["佐藤"]
    person.user = bob
    person.save()
    client.force_login(bob)
    body = {
        "framework_id": framework.pk,
        "source": "self",
        "rated_on": "2026-05-01",
        "levels": {"COMM": 2, "SPEC": 1},
    }
    response = post(client, f"/api/organisations/{city_a.code}/people/{person.pk}/ratings", body)
    assert response.status_code == 201, response.content
    assert sorted(Rating.objects.values_list("skill__code", "source")) == [
        ("COMM", "self"),
        ("SPEC", "self"),
    ]


def test_a_viewer_cannot_self_assess_someone_else_or_give_a_manager_rating(
    client, bob, city_a, framework, team
):
    client.force_login(bob)
    base = {"framework_id": framework.pk, "rated_on": "2026-05-01", "levels": {"COMM": 2}}
    path = f"/api/organisations/{city_a.code}/people/{team['佐藤'].pk}/ratings"
    assert post(client, path, {**base, "source": "self"}).status_code == 403
    assert post(client, path, {**base, "source": "manager"}).status_code == 403
    assert not Rating.objects.exists()


def test_a_level_outside_the_scale_or_an_unknown_skill_is_a_400_naming_it(
    client, alice, city_a, framework, team
):
    client.force_login(alice)
    path = f"/api/organisations/{city_a.code}/people/{team['佐藤'].pk}/ratings"
    bad_level = post(
        client,
        path,
        {
            "framework_id": framework.pk,
            "source": "manager",
            "rated_on": "2026-05-01",
            "levels": {"COMM": 7},
        },
    )
    assert bad_level.status_code == 400
    assert bad_level.json()["errors"][0]["loc"][-1] == "levels.COMM"
    unknown = post(
        client,
        path,
        {
            "framework_id": framework.pk,
            "source": "manager",
            "rated_on": "2026-05-01",
            "levels": {"PMM": 2},
        },
    )
    assert unknown.status_code == 400 and "PMM" in unknown.json()["errors"][0]["msg"]
    assert not Rating.objects.exists()


def test_candidates_are_ranked_for_a_role_through_the_api(client, alice, city_a, framework, team):
    client.force_login(alice)
    post(
        client,
        f"/api/organisations/{city_a.code}/people/{team['高橋'].pk}/ratings",
        {
            "framework_id": framework.pk,
            "source": "verified",
            "rated_on": "2026-05-01",
            "levels": {"COMM": 3, "LEAD": 3},
        },
    )
    ranking = client.get(
        f"/api/organisations/{city_a.code}/candidates", {"role_id": framework.central.pk}
    ).json()
    assert [r["person"]["family_name"] for r in ranking] == ["高橋"]
    assert ranking[0]["fit"]["score"] == pytest.approx(1 - 5 / 11)
    with_staff = client.get(
        f"/api/organisations/{city_a.code}/candidates",
        {"role_id": framework.central.pk, "include_staff": True},
    ).json()
    assert len(with_staff) == 3


def test_the_matrix_api_returns_levels_targets_and_coverage(client, bob, city_a, framework, team):
    from dxtalent.core.assessments import RatingSource
    from dxtalent.web.people.services import add_rating

    add_rating(
        organisation=city_a,
        person=team["鈴木"],
        skill=framework.skill_map["NEGO"],
        level=3,
        source=RatingSource.MANAGER,
    )
    client.force_login(bob)
    body = client.get(
        f"/api/organisations/{city_a.code}/matrix",
        {"framework_id": framework.pk, "role_id": framework.central.pk},
    ).json()
    assert body["skills"] == ["COMM", "LEAD", "NEGO", "SPEC"]
    row = body["levels"][[p["family_name"] for p in body["people"]].index("鈴木")]
    assert row == [None, None, 3, None]
    assert body["coverage"] == [0, 0, 1, 0]


def test_creating_a_person_with_a_taken_number_is_refused_and_writes_nothing(
    client, alice, city_a, team
):
    client.force_login(alice)
    response = post(
        client,
        f"/api/organisations/{city_a.code}/people",
        {"external_id": "S001", "family_name": "山田"},
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["loc"][-1] == "external_id"
    assert Person.objects.filter(external_id="S001").count() == 1
