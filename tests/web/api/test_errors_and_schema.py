"""Every API error has the one documented JSON shape, and the OpenAPI document declares what
each operation answers (issue #12, #14)."""

import pytest
from django.test import Client

from dxtalent.web.api.urls import api

pytestmark = pytest.mark.django_db

OPERATIONS = [
    (path, method, operation)
    for path, item in api.get_openapi_schema()["paths"].items()
    for method, operation in item.items()
]


def test_the_document_lists_every_operation():
    assert len(OPERATIONS) >= 40


@pytest.mark.parametrize(
    ("path", "method", "operation"), OPERATIONS, ids=[f"{m} {p}" for p, m, _ in OPERATIONS]
)
def test_every_operation_declares_its_success_schema_and_its_errors(path, method, operation):
    responses = {str(code): answer for code, answer in operation["responses"].items()}
    success = [code for code in responses if code in ("200", "201", "204")]
    assert success, f"{method} {path} declares no success response"
    if success[0] != "204":
        assert "application/json" in responses[success[0]].get("content", {}), (method, path)
    for code in ("400", "401", "403", "404", "500"):
        assert code in responses, f"{method} {path} does not declare {code}"
        schema = responses[code]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorsOut"}, (code, schema)


def test_an_unexpected_error_is_a_500_in_the_error_shape_and_is_logged(
    client, alice, city_a, monkeypatch, caplog
):
    from dxtalent.web.people import api as people_api

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(people_api, "_read", broken)
    client.force_login(alice)
    response = client.get(f"/api/organisations/{city_a.code}/people")
    assert response.status_code == 500
    assert response.json() == {"errors": [{"loc": [], "msg": "internal error"}]}
    assert "boom" in caplog.text


def test_a_failed_csrf_check_on_the_api_is_a_403_in_the_error_shape(alice, city_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        f"/api/organisations/{city_a.code}/people",
        data={"external_id": "S1", "family_name": "佐藤"},
        content_type="application/json",
    )
    assert response.status_code == 403
    errors = response.json()["errors"]
    assert errors[0]["loc"] == [] and "CSRF" in errors[0]["msg"]
