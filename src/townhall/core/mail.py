"""Email: an outbox backend for the demo, and one task that sends any message after commit."""

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django_tasks import task
from django_tasks_db import DatabaseBackend


class OutboxBackend(BaseEmailBackend):
    """Keeps each message in the database, where /outbox/ shows it during the demo."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from townhall.core.models import OutboxMessage

        OutboxMessage.objects.bulk_create(
            OutboxMessage(
                to=", ".join(message.to),
                from_email=message.from_email,
                subject=message.subject,
                body=message.body,
                headers=dict(message.extra_headers),
            )
            for message in email_messages
        )
        return len(email_messages)


@task()
def send_email(to: str, subject: str, body: str, headers: dict[str, str] | None = None) -> None:
    EmailMessage(subject=subject, body=body, to=[to], headers=headers or {}).send()


def send_email_after_commit(
    to: str, subject: str, body: str, headers: dict[str, str] | None = None
) -> None:
    """Queue an email that goes only if the surrounding transaction commits.

    With the database task backend the task row is written inside the transaction: it commits
    or rolls back with the rows it is about, and a signature costs one commit, not two. Other
    backends (Redis queues, the immediate backend in tests) are called after the commit.
    """
    enqueue = lambda: send_email.enqueue(to, subject, body, headers or {})  # noqa: E731
    if transaction.get_connection().in_atomic_block and isinstance(
        send_email.get_backend(), DatabaseBackend
    ):
        enqueue()
    else:
        transaction.on_commit(enqueue)
