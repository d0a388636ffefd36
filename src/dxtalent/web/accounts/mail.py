"""Mail sent outside the request: queued as a QueuedMail row and sent by the job runner
(web/jobs.py, kind "mail"), so a slow or failing SMTP server neither delays the page nor
tells, by its timing, whether an address has an account."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from dxtalent.web import jobs
from dxtalent.web.accounts.models import QueuedMail

logger = logging.getLogger(__name__)


def queue(to: str, subject: str, body: str) -> QueuedMail:
    """Store the mail and queue its sending (in the caller's transaction)."""
    with transaction.atomic():
        mail = QueuedMail.objects.create(to=to, subject=subject[:300], body=body)
        jobs.enqueue("mail", mail.pk)
    return mail


def send(pk: int) -> None:
    """The "mail" job: send QueuedMail `pk` once; a failure is logged and kept on the row
    (`error`), not raised. A mail already sent, or gone, is skipped."""
    mail = QueuedMail.objects.filter(pk=pk, sent_at__isnull=True).first()
    if mail is None:
        return
    try:
        EmailMessage(mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.to]).send()
    except Exception as error:  # SMTP down, refused address: recorded on the row
        logger.exception("sending mail %s failed", pk)
        QueuedMail.objects.filter(pk=pk).update(error=f"{type(error).__name__}: {error}")
        return
    QueuedMail.objects.filter(pk=pk).update(sent_at=timezone.now(), body="", error="")
