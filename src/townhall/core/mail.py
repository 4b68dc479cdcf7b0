"""Email: queue a message with what it is about, and deliver it durably from the worker.

`send_email_after_commit` is the only way the site sends email. It writes an `Email` row and
its delivery task inside the caller's transaction, so an email exists exactly when the
signature or answer it confirms does. `core.services.email_delivery` sends it once, retries
failures with backoff and marks it failed when the retry window closes.
"""

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend

from townhall.core.languages import remember_language_of
from townhall.core.models import Email, OutboxMessage
from townhall.core.services import email_delivery
from townhall.core.services.email_delivery import deliver_email


def html_part(message: EmailMessage) -> str:
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            return content
    return ""


class OutboxBackend(BaseEmailBackend):
    """Keeps each message in the database, where /outbox/ shows it during the demo."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                to=", ".join(message.to),
                from_email=message.from_email,
                subject=message.subject,
                body=message.body,
                html=html_part(message),
                headers=dict(message.extra_headers),
            )
            for message in email_messages
        )
        return len(email_messages)


@task()
def send_email(to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    """Tasks queued before email became durable: each becomes a durable email."""
    queue_email(to, subject, body, headers)


def queue_email(
    to: str, subject: str, body: str, headers: dict[str, str] | None = None, html: str = ""
) -> Email:
    remember_language_of(to)
    email = Email(to=to, subject=subject, body=body, html=html, headers=headers or {})
    if transaction.get_connection().in_atomic_block and isinstance(
        deliver_email.get_backend(), DatabaseBackend
    ):
        # The task row commits or rolls back with the email and what it is about: one commit.
        email.task_id = deliver_email.enqueue(str(email.pk)).id
        email.save(force_insert=True)
    else:
        email.save(force_insert=True)
        transaction.on_commit(lambda: email_delivery.schedule(email))
    return email


def send_email_after_commit(
    to: str, subject: str, body: str, headers: dict[str, str] | None = None, html: str = ""
) -> None:
    """Queue an email that goes only if the surrounding transaction commits."""
    queue_email(to, subject, body, headers, html)
