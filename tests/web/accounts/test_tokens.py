import pytest

from dxtalent.web.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def test_a_token_authenticates_the_api_with_its_owners_memberships(client, alice, city_a, city_b):
    _token, key = ApiToken.issue(alice, "export")
    me = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert me.status_code == 200
    assert [m["organisation"]["code"] for m in me.json()["memberships"]] == [city_a.code]
    assert (
        client.get(
            f"/api/organisations/{city_b.code}", HTTP_AUTHORIZATION=f"Bearer {key}"
        ).status_code
        == 404
    )


def test_a_wrong_or_revoked_token_gets_401(client, alice):
    token, key = ApiToken.issue(alice, "export")
    assert client.get("/api/me", HTTP_AUTHORIZATION="Bearer dxt_nonsense").status_code == 401
    token.delete()
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["msg"]


def test_only_the_hash_of_a_token_is_stored_and_the_key_is_shown_once(client, alice):
    client.force_login(alice)
    page = client.post("/accounts/tokens/", {"name": "nightly"})
    key = page.context["new_key"]
    assert key.startswith("dxt_") and key in page.content.decode()
    stored = ApiToken.objects.get(user=alice)
    assert key not in (stored.key_hash, stored.prefix)
    assert key not in client.get("/accounts/tokens/").content.decode()


def test_a_user_revokes_only_their_own_tokens(client, alice, bob):
    token, _key = ApiToken.issue(bob, "bobs")
    client.force_login(alice)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(bob)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert not ApiToken.objects.exists()


def test_the_session_api_needs_the_csrf_token_for_writes(alice, city_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(
        "/api/organisations",
        data={"code": "lab", "name": "x", "kind": "research"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_the_openapi_schema_is_served(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/organisations/{code}/members" in schema["paths"]


def test_the_api_docs_load_their_scripts_from_the_app_not_a_cdn(client, alice):
    client.force_login(alice)
    page = client.get("/api/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn." not in page and "unpkg" not in page and "jsdelivr" not in page


def test_no_page_loads_anything_from_another_host(client, alice, city_a):
    import re

    client.force_login(alice)
    for path in (
        "/",
        f"/o/{city_a.code}/",
        "/organisations/",
        f"/o/{city_a.code}/team/",
        f"/o/{city_a.code}/matrix/",
    ):
        page = client.get(path, follow=True).content.decode()
        assert not re.search(r'(src|href)="https?://', page), path
