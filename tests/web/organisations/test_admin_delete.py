"""Django admin's confirmation before deleting an organisation counts what it owns per record
type instead of listing every row (a large city's hundreds of thousands of ratings)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dxtalent.web.organisations.models import Organisation
from dxtalent.web.people.models import Department, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return get_user_model().objects.create_superuser("root", "root@example.jp", "x" * 20)


def _people(city: Organisation, count: int, start: int = 0) -> None:
    Person.objects.bulk_create(
        Person(organisation=city, external_id=f"D{i:05}", family_name=f"職員{i:05}")
        for i in range(start, start + count)
    )


def test_the_delete_confirmation_counts_records_per_type_in_the_same_queries_for_more(
    client, root, city_a
):
    Department.objects.create(organisation=city_a, code="DX", name="DX推進課")
    client.force_login(root)
    url = f"/admin/organisations/organisation/{city_a.pk}/delete/"

    def confirm() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="ja")
        assert page.status_code == 200
        return len(captured), page.content.decode()

    _people(city_a, 5)
    few, _html = confirm()
    _people(city_a, 200, start=5)
    many, html = confirm()
    assert many == few
    assert "205件" in html and "職員00100" not in html
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=city_a.pk).exists()
    assert not Person.objects.filter(external_id="D00100").exists()


def test_deleting_selected_organisations_confirms_with_counts_too(client, root, city_a, city_b):
    _people(city_a, 3)
    _people(city_b, 4)
    client.force_login(root)
    page = client.post(
        "/admin/organisations/organisation/",
        {"action": "delete_selected", "_selected_action": [city_a.pk, city_b.pk]},
        HTTP_ACCEPT_LANGUAGE="ja",
    )
    html = page.content.decode()
    assert page.status_code == 200 and "7件" in html and "職員00002" not in html
    assert city_a.name in html and city_b.name in html
