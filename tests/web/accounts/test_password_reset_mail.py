"""Issue #14, finding 4: the password-reset mail is sent by the job runner, not the request,
and reset requests are rate-limited without telling whether an email exists."""

import pytest
from django.core import mail
from django.test import override_settings

from dxtalent.web.accounts.models import QueuedMail

pytestmark = pytest.mark.django_db


def test_the_reset_page_queues_the_mail_instead_of_sending_it(client, alice, monkeypatch):
    queued = []
    monkeypatch.setattr("dxtalent.web.jobs.enqueue", lambda kind, pk: queued.append((kind, pk)))
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert mail.outbox == []
    assert [kind for kind, _pk in queued] == ["mail"]
    from dxtalent.web import jobs

    jobs.run_job.call("mail", queued[0][1])
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert QueuedMail.objects.get(pk=queued[0][1]).sent_at is not None


@override_settings(PASSWORD_RESET_LIMIT_PER_HOUR=5)
def test_more_than_five_resets_an_hour_for_one_email_send_no_more_mail(client, alice):
    for n in range(7):
        response = client.post(
            "/accounts/password/reset/", {"email": alice.email}, REMOTE_ADDR=f"192.0.2.{n}"
        )
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 5


@override_settings(PASSWORD_RESET_LIMIT_PER_HOUR=5)
def test_more_than_five_resets_an_hour_from_one_address_send_no_more_mail(client, alice, bob):
    for n in range(5):
        client.post("/accounts/password/reset/", {"email": f"nobody{n}@example.jp"})
    client.post("/accounts/password/reset/", {"email": alice.email})
    assert mail.outbox == []
    client.post("/accounts/password/reset/", {"email": bob.email}, REMOTE_ADDR="198.51.100.7")
    assert [m.to for m in mail.outbox] == [[bob.email]]


def test_the_page_answers_the_same_for_an_unknown_email(client, alice):
    known = client.post("/accounts/password/reset/", {"email": alice.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.jp"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
