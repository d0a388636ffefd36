import pytest
from django.core import mail

from dxtalent.web.organisations.models import Invitation, Membership, Role

pytestmark = pytest.mark.django_db


def test_an_admin_invites_by_email_and_the_invitee_signs_up_and_joins(client, dana, city_a):
    client.force_login(dana)
    response = client.post(
        f"/organisations/{city_a.code}/members/invite/",
        {"email": "eri@example.jp", "role": Role.EDITOR},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["eri@example.jp"]
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/invitation/" in line
    )
    path = link[link.index("/accounts/") :]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    joined = client.post(
        path,
        {
            "username": "eri",
            "last_name": "山田",
            "first_name": "絵里",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )
    assert joined.status_code == 302
    membership = Membership.objects.get(user__username="eri")
    assert (membership.organisation, membership.role, membership.user.email) == (
        city_a,
        Role.EDITOR,
        "eri@example.jp",
    )
    assert client.get(path).status_code == 404  # used once


def test_an_existing_user_accepts_an_invitation_with_one_click(client, dana, charlie, city_a):
    invitation, token = Invitation.issue(
        organisation=city_a, email=charlie.email, role=Role.VIEWER, invited_by=dana
    )
    invitation.save()
    client.force_login(charlie)
    assert client.post(f"/accounts/invitation/{token}/").status_code == 302
    assert Membership.objects.get(user=charlie, organisation=city_a).role == Role.VIEWER


def test_an_unknown_invitation_link_says_it_is_not_valid(client):
    response = client.get("/accounts/invitation/not-a-token/")
    assert response.status_code == 404


def test_a_bad_invitation_email_is_shown_on_the_form_and_nothing_is_sent(client, dana, city_a):
    client.force_login(dana)
    response = client.post(
        f"/organisations/{city_a.code}/members/invite/",
        {"email": "not-an-email", "role": Role.EDITOR},
    )
    assert response.status_code == 400
    assert mail.outbox == [] and not Invitation.objects.exists()


def test_the_last_admin_cannot_step_down_or_be_removed(client, dana, city_a):
    client.force_login(dana)
    own = Membership.objects.get(user=dana)
    client.post(f"/organisations/{city_a.code}/members/{own.pk}/role/", {"role": Role.VIEWER})
    client.post(f"/organisations/{city_a.code}/members/{own.pk}/remove/")
    assert Membership.objects.get(user=dana).role == Role.ADMIN


def test_an_admin_adds_a_person_directly_with_a_temporary_password(client, dana, city_a):
    client.force_login(dana)
    response = client.post(
        f"/organisations/{city_a.code}/members/add/",
        {"username": "fumi", "role": Role.EDITOR},
        follow=True,
    )
    assert Membership.objects.get(user__username="fumi").role == Role.EDITOR
    assert "fumi" in response.content.decode()


def test_adding_a_taken_username_names_it_and_creates_nothing(client, dana, alice, city_a):
    client.force_login(dana)
    response = client.post(
        f"/organisations/{city_a.code}/members/add/", {"username": "alice", "role": Role.EDITOR}
    )
    assert response.status_code == 400
    assert "alice" in response.content.decode()
    assert Membership.objects.filter(user=alice).count() == 1


def test_anyone_signed_in_creates_a_research_centre_and_becomes_its_admin(client, bob):
    client.force_login(bob)
    response = client.post(
        "/organisations/new/", {"code": "jmrc", "name": "日本都市センター", "kind": "research"}
    )
    assert response.status_code == 302
    assert Membership.objects.get(user=bob, organisation__code="jmrc").role == Role.ADMIN


def test_a_six_digit_code_is_refused_for_a_new_organisation_with_the_reason(client, bob):
    client.force_login(bob)
    response = client.post(
        "/organisations/new/", {"code": "123456", "name": "x", "kind": "research"}
    )
    assert response.status_code == 400
    assert "123456" in response.content.decode()


def test_the_api_answers_bad_input_with_the_field_and_message(client, dana, city_a):
    client.force_login(dana)
    response = client.post(
        f"/api/organisations/{city_a.code}/invitations",
        data={"email": "x@example.jp", "role": "boss"},
        content_type="application/json",
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["loc"][-1] == "role" and error["msg"]
    assert not Invitation.objects.exists()
