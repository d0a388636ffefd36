"""Issue #14, findings 1 and 2: one login throttle for every login form, counting the real
client address behind a reverse proxy."""

import uuid

import pytest
from django.test import override_settings

from dxtalent.web.accounts.models import LoginFailure
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_alice(alice):
    alice.is_staff = True
    alice.is_superuser = True
    alice.save()
    return alice


def test_a_failed_admin_login_is_recorded_like_a_failed_app_login(client, staff_alice):
    client.post("/admin/login/", {"username": "alice", "password": "wrong"})
    assert LoginFailure.objects.filter(username="alice").count() == 1


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_failures_on_the_app_login_lock_the_user_out_of_the_admin_login(client, staff_alice):
    for _ in range(3):
        client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    client.post("/admin/login/", {"username": "alice", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_failures_on_the_admin_login_lock_the_user_out_of_the_app_login(client, staff_alice):
    for _ in range(3):
        client.post("/admin/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors.as_data()["__all__"][0].code == "locked_out"


def test_a_successful_admin_login_clears_the_users_failures(client, staff_alice):
    client.post("/admin/login/", {"username": "alice", "password": "wrong"})
    client.post("/admin/login/", {"username": "alice", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(staff_alice.pk)
    assert not LoginFailure.objects.filter(username="alice").exists()


def _fail_with_random_usernames(client, times, **extra):
    for _ in range(times):
        client.post(
            "/accounts/login/",
            {"username": f"nobody-{uuid.uuid4().hex[:8]}", "password": "wrong"},
            **extra,
        )


def test_an_address_locked_out_by_random_usernames_does_not_block_a_user_elsewhere(client, alice):
    _fail_with_random_usernames(client, 25, REMOTE_ADDR="203.0.113.1")
    blocked = client.post(
        "/accounts/login/",
        {"username": f"nobody-{uuid.uuid4().hex[:8]}", "password": "x"},
        REMOTE_ADDR="203.0.113.1",
    )
    assert blocked.context["form"].errors.as_data()["__all__"][0].code == "locked_out"
    client.post(
        "/accounts/login/",
        {"username": "alice", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert client.session["_auth_user_id"] == str(alice.pk)


@override_settings(BEHIND_PROXY=1)
def test_behind_one_proxy_two_forwarded_clients_are_counted_separately(client, alice):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    _fail_with_random_usernames(client, 25, HTTP_X_FORWARDED_FOR="203.0.113.1", **proxy)
    assert LoginFailure.objects.filter(address="203.0.113.1").count() == 25
    client.post(
        "/accounts/login/",
        {"username": "alice", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_without_the_proxy_setting_a_forwarded_for_header_is_ignored(client, alice):
    _fail_with_random_usernames(
        client, 2, HTTP_X_FORWARDED_FOR="203.0.113.1", REMOTE_ADDR="192.0.2.9"
    )
    assert set(LoginFailure.objects.values_list("address", flat=True)) == {"192.0.2.9"}


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "203.0.113.1", "203.0.113.1"),
        (1, "6.6.6.6, 203.0.113.1", "203.0.113.1"),  # the client forged the first entry
        (2, "6.6.6.6, 203.0.113.1, 10.0.0.2", "203.0.113.1"),
        (2, "203.0.113.1", "10.0.0.1"),  # fewer hops than proxies: the header is not trusted
        (1, "not-an-address", "10.0.0.1"),
        (0, "203.0.113.1", "10.0.0.1"),
    ],
)
def test_the_client_address_is_taken_that_many_hops_from_the_right(
    rf, settings, hops, forwarded, expected
):
    from dxtalent.web.accounts.throttle import client_address

    settings.BEHIND_PROXY = hops
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == expected
