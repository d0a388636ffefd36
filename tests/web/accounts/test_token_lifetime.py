"""Issue #14, finding 3: API tokens expire, die with a password change, and are audited."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dxtalent.web.accounts.models import ApiToken
from dxtalent.web.audit.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_new_token_expires_after_ninety_days_by_default(alice):
    token, _key = ApiToken.issue(alice, "export")
    lifetime = token.expires_at - timezone.now()
    assert timedelta(days=89, hours=23) < lifetime <= timedelta(days=90)


def test_the_creator_chooses_the_lifetime_and_the_list_shows_the_expiry(client, alice):
    client.force_login(alice)
    client.post("/accounts/tokens/", {"name": "nightly", "days": "30"})
    token = ApiToken.objects.get(user=alice)
    assert timedelta(days=29, hours=23) < token.expires_at - timezone.now() <= timedelta(days=30)
    page = client.get("/accounts/tokens/").content.decode()
    assert timezone.localtime(token.expires_at).strftime("%Y-%m-%d") in page


def test_a_lifetime_outside_the_offered_choices_is_refused(client, alice):
    client.force_login(alice)
    page = client.post("/accounts/tokens/", {"name": "forever", "days": "100000"})
    assert page.context["form"].errors["days"]
    assert not ApiToken.objects.exists()


def test_an_expired_token_gets_401_with_the_documented_error(client, alice):
    token, key = ApiToken.issue(alice, "export")
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["loc"] == ["header"]


def test_changing_the_password_revokes_all_the_users_tokens(client, alice, bob):
    ApiToken.issue(alice, "one")
    ApiToken.issue(alice, "two")
    ApiToken.issue(bob, "bobs")
    client.force_login(alice)
    client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long phrase 7",
            "new_password2": "another long phrase 7",
        },
    )
    assert list(ApiToken.objects.values_list("user__username", flat=True)) == ["bob"]


def test_a_password_reset_revokes_the_users_tokens(client, alice):
    _token, key = ApiToken.issue(alice, "export")
    client.post("/accounts/password/reset/", {"email": alice.email})
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/password/reset/" in word)
    form_page = client.get(link[link.index("/accounts/") :], follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset phrase number 9", "new_password2": "reset phrase number 9"},
    )
    assert not ApiToken.objects.filter(user=alice).exists()
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_saving_a_user_without_a_new_password_keeps_their_tokens(alice):
    ApiToken.issue(alice, "export")
    alice.first_name = "Alice"
    alice.save()
    assert ApiToken.objects.filter(user=alice).exists()


def test_creating_and_revoking_a_token_is_in_the_trail_of_each_of_the_users_organisations(
    client, alice, city_a
):
    client.force_login(alice)
    client.post("/accounts/tokens/", {"name": "nightly", "days": "90"})
    token = ApiToken.objects.get(user=alice)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    events = AuditEvent.objects.filter(model="accounts.ApiToken").order_by("id")
    assert [(e.organisation, e.action, e.actor) for e in events] == [
        (city_a, "create", "alice"),
        (city_a, "delete", "alice"),
    ]
    assert all("key_hash" not in e.changes for e in events)


def test_tokens_revoked_by_a_password_change_are_in_the_trail(alice, city_a):
    ApiToken.issue(alice, "export")
    alice.set_password("another long phrase 7")
    alice.save()
    assert AuditEvent.objects.filter(
        model="accounts.ApiToken", action="delete", organisation=city_a
    ).exists()


def test_a_password_hash_upgraded_at_login_is_not_a_password_change(client, alice, settings):
    ApiToken.issue(alice, "export")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    alice.refresh_from_db()
    assert alice.password.startswith("pbkdf2_")  # the hash was upgraded
    assert ApiToken.objects.filter(user=alice).exists()
