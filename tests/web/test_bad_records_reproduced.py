"""Issue #12: a record that breaks a rule gets in, then the pages that read it answer 500; a
raw value that is not a number answers 500. These tests drive exactly what the issue reports."""

from __future__ import annotations

import pytest

from dxtalent.web.people.imports import ImportRejectedError, import_file
from dxtalent.web.people.models import Department, Person

pytestmark = pytest.mark.django_db

ROTATION_5_TO_3 = (
    "number,family_name,department_code,post_start,rotation_min_years,rotation_max_years\n"
    "S001,佐藤,DX,2024-04-01,5,3\n"
)


def _pages_answer(client, code: str) -> list[int]:
    return [
        client.get(f"/o/{code}/team/").status_code,
        client.get(f"/api/organisations/{code}/diagnosis?years=3").status_code,
        client.get(f"/o/{code}/plan/").status_code,
    ]


def test_a_staff_file_with_a_rotation_window_of_5_to_3_is_refused_and_the_pages_still_answer(
    client, alice, city_a
):
    Department.objects.create(organisation=city_a, code="DX", name="DX推進課", is_dx=True)
    with pytest.raises(ImportRejectedError) as caught:
        import_file(city_a, "staff", ROTATION_5_TO_3.encode(), "staff.csv")
    assert any(e.column == "rotation_max_years" for e in caught.value.errors)
    assert not Person.objects.exists()
    client.force_login(alice)
    assert _pages_answer(client, city_a.code) == [200, 200, 200]


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_the_api_refuses_a_rotation_window_of_9_to_1_and_the_pages_still_answer(
    client, alice, city_a, method
):
    client.force_login(alice)
    base = f"/api/organisations/{city_a.code}/people"
    body = {"rotation_min_years": 9, "rotation_max_years": 1}
    if method == "POST":
        response = client.post(
            base,
            {"external_id": "S001", "family_name": "佐藤", **body},
            content_type="application/json",
        )
    else:
        person = Person.objects.create(organisation=city_a, external_id="S001", family_name="佐藤")
        response = client.patch(f"{base}/{person.pk}", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["loc"][-1] == "rotation_max_years"
    assert not Person.objects.filter(rotation_min_years=9).exists()
    assert _pages_answer(client, city_a.code) == [200, 200, 200]


def test_coding_abc_or_code_abc_on_the_coding_page_is_a_400_not_a_500(client, alice, city_a):
    from dxtalent.web.interviews import services

    client.force_login(alice)
    project = services.new_project(city_a, "聞き取り")
    [source] = services.add_transcripts(project, [("A市.txt", "交渉は大変だ。".encode())])
    url = f"/o/{city_a.code}/interviews/{project.pk}/sources/{source.pk}/"
    for data in (
        {"action": "delete", "coding": "abc"},
        {"action": "recode", "coding": "abc", "code": "abc"},
        {"action": "add", "start": "0", "end": "2", "code": "abc"},
    ):
        assert client.post(url, data).status_code == 400, data


def test_case_abc_on_the_project_page_is_a_400_not_a_500(client, alice, city_a):
    from dxtalent.web.interviews import services

    client.force_login(alice)
    project = services.new_project(city_a, "聞き取り")
    response = client.post(
        f"/o/{city_a.code}/interviews/{project.pk}/",
        {"action": "attributes", "case": "abc", "attributes": "規模 = 市"},
    )
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["framework=abc", "department=abc", "role=abc", "framework=0"])
def test_a_record_number_that_is_not_one_in_the_query_is_a_400_not_a_500(
    client, alice, city_a, query
):
    client.force_login(alice)
    assert client.get(f"/o/{city_a.code}/matrix/?{query}").status_code == 400
    if query.startswith("department"):
        assert client.get(f"/o/{city_a.code}/people/?{query}").status_code == 400
