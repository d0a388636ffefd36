import pytest
from django.core import mail
from django.test import override_settings

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_member_logs_in_and_lands_on_their_organisation(client, alice, city_a):
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"/o/{city_a.code}/"


def test_a_wrong_password_is_refused(client, alice):
    response = client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_after_too_many_failures_even_the_right_password_is_refused(client, alice):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    error = response.context["form"].errors.as_data()["__all__"][0]
    assert error.code == "locked_out" and "15" in error.message


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_the_throttle_counts_one_username_not_everyone(client, alice, bob):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/accounts/login/", {"username": "bob", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(bob.pk)


def test_a_success_clears_earlier_failures(client, alice):
    from dxtalent.web.accounts.models import LoginFailure

    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert not LoginFailure.objects.filter(username="alice").exists()


def test_logout_needs_a_post_and_ends_the_session(client, alice):
    client.force_login(alice)
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_a_user_changes_their_password(client, alice):
    client.force_login(alice)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long phrase 7",
            "new_password2": "another long phrase 7",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("another long phrase 7")


def test_a_password_reset_mails_a_link_that_sets_a_new_password(client, alice):
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/accounts/password/reset/" in word)
    path = link[link.index("/accounts/") :]
    form_page = client.get(path, follow=True)
    set_path = form_page.redirect_chain[-1][0]
    client.post(
        set_path,
        {"new_password1": "reset phrase number 9", "new_password2": "reset phrase number 9"},
    )
    alice.refresh_from_db()
    assert alice.check_password("reset phrase number 9")


def test_pages_need_a_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
