"""Delivering queued emails: claim under a lease, send once, retry with backoff, give up.

Each attempt claims the email with a conditional UPDATE (only a waiting email that is due, or
one whose sender's lease ran out), so two workers never send it at the same time and a sent
email is never claimed again. What can still double an email is a worker dying in the
milliseconds between the mail server accepting it and the "sent" row committing; the stable
Message-ID lets a receiving server or a reader tell that copy apart.
"""

import logging
import random
import smtplib
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, close_old_connections, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django_tasks import TaskContext, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from townhall.core.languages import forget_language_of
from townhall.core.models import Email

logger = logging.getLogger(__name__)

# The longest back-off between two tries: an hour, so a day's outage is tried ~30 times.
MAX_BACKOFF = timedelta(hours=1)


@task(takes_context=True)
def deliver_email(context: TaskContext, email_id: str) -> str:
    return deliver(email_id, task_id=str(context.task_result.id))


def lease_seconds() -> float:
    """Long enough for one SMTP conversation (connect, TLS, sign in, send) to time out."""
    return max(60.0, 4 * float(settings.EMAIL_TIMEOUT or 15))


def backoff(attempts: int) -> timedelta:
    """First retry after EMAIL_RETRY_FIRST_SECONDS, doubling to an hour, with jitter so
    a queue that failed together does not retry together."""
    seconds = settings.TOWNHALL_EMAIL_RETRY_FIRST_SECONDS * 2 ** max(0, attempts - 1)
    seconds = min(seconds, MAX_BACKOFF.total_seconds())
    return timedelta(seconds=seconds * random.uniform(0.8, 1.2))


def is_permanent(error: BaseException) -> bool:
    """A refusal that a retry cannot change: every recipient refused with a 5xx code, or a
    message we cannot build. Connection failures, timeouts and 4xx answers are retried."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return not isinstance(error, smtplib.SMTPException | OSError | DatabaseError)


def deliver(email_id: str, task_id: str = "") -> str:
    """Try to send one email; returns what happened, which the task result keeps."""
    lease = timedelta(seconds=lease_seconds())
    claimed = (
        Email.objects.due()
        .filter(pk=email_id)
        .update(
            status=Email.Status.SENDING,
            lease_until=timezone.now() + lease,
            attempts=F("attempts") + 1,
        )
    )
    email = Email.objects.filter(pk=email_id).first()
    if email is None:
        return "gone"
    if not claimed:
        return _not_claimed(email, task_id)
    try:
        _send(email)
    except Exception as error:
        return _record_failure(email, error)
    _keep_trying(
        lambda: Email.objects.filter(pk=email.pk, status=Email.Status.SENDING).update(
            status=Email.Status.SENT, sent_at=timezone.now(), lease_until=None, last_error=""
        ),
        until=timezone.now() + lease / 2,
    )
    return "sent"


def _send(email: Email) -> None:
    headers = {**email.headers, "Message-ID": email.message_id}
    message = EmailMultiAlternatives(email.subject, email.body, to=[email.to], headers=headers)
    if email.html:
        message.attach_alternative(email.html, "text/html")
    message.send()


def _not_claimed(email: Email, task_id: str) -> str:
    """Sent, failed, not yet due, or another sender's lease still running. The email's own
    task then waits for its time; a duplicate task just stops."""
    if email.status not in Email.PENDING_STATES:
        return email.status
    if task_id and email.task_id and str(email.task_id) != str(task_id):
        return "duplicate"
    later = email.lease_until if email.status == Email.Status.SENDING else email.next_attempt_at
    schedule(email, at=later)
    return "deferred"


def _record_failure(email: Email, error: Exception) -> str:
    attempts = email.attempts
    message = f"{type(error).__name__}: {error}".replace(email.to, email.masked_to)[:500]
    next_attempt = timezone.now() + backoff(attempts)
    if is_permanent(error) or next_attempt >= email.give_up_at:
        status, next_attempt = Email.Status.FAILED, timezone.now()
        logger.error("Email %s failed for good after %d tries: %s", email.pk, attempts, message)
    else:
        status = Email.Status.RETRYING
        logger.warning("Email %s not sent (try %d), retrying: %s", email.pk, attempts, message)

    def record() -> None:
        with transaction.atomic():
            updated = Email.objects.filter(pk=email.pk, status=Email.Status.SENDING).update(
                status=status, next_attempt_at=next_attempt, lease_until=None, last_error=message
            )
            if updated and status == Email.Status.RETRYING:
                email.next_attempt_at = next_attempt
                schedule(email, at=next_attempt)

    _keep_trying(record, until=timezone.now() + timedelta(seconds=lease_seconds()) / 2)
    return status


def schedule(email: Email, at: datetime | None = None) -> None:
    """Queue the email's next delivery task (deferred to `at` where the backend can)."""
    backend = deliver_email.get_backend()
    delivery = deliver_email
    if at is not None and at > timezone.now() and backend.supports_defer:
        delivery = deliver_email.using(run_after=at)
    elif at is not None and at > timezone.now():
        return  # a backend that cannot wait: the sweep, or `townhall emails --send-due`, sends it
    result = delivery.enqueue(str(email.pk))
    if isinstance(backend, DatabaseBackend):
        email.task_id = result.id
        Email.objects.filter(pk=email.pk).update(task_id=email.task_id)


def _keep_trying(write: Callable[[], object], until: datetime) -> None:
    """Record an outcome through a database blip: the mail server has already answered, and
    forgetting a send is how an email goes twice."""
    pause = 0.2
    while True:
        try:
            write()
            return
        except DatabaseError:
            if timezone.now() + timedelta(seconds=pause) > until:
                raise
            close_old_connections()
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def sweep() -> int:
    """Re-queue pending emails whose delivery task is gone (finished without rescheduling,
    for example a worker stopped twice in the middle of a send). Returns how many."""
    if not isinstance(deliver_email.get_backend(), DatabaseBackend):
        return 0
    live_task = DBTaskResult.objects.filter(id=OuterRef("task_id"), status__in=["READY", "RUNNING"])
    orphans = list(
        Email.objects.pending().annotate(has_task=Exists(live_task)).filter(has_task=False)[:1000]
    )
    for email in orphans:
        schedule(email)
    return len(orphans)


def resend(emails: Iterable[Email]) -> int:
    """Send failed (or retrying) emails again now, with a new retry window. Sent emails are
    never resent: that would be the second copy this module exists to prevent."""
    count = 0
    now = timezone.now()
    for email in emails:
        with transaction.atomic():
            updated = Email.objects.filter(
                pk=email.pk, status__in=[Email.Status.FAILED, Email.Status.RETRYING]
            ).update(
                status=Email.Status.QUEUED,
                next_attempt_at=now,
                give_up_at=now + settings.TOWNHALL_EMAIL_RETRY_WINDOW,
                lease_until=None,
            )
            if updated:
                schedule(email)
                count += 1
    return count


def retry_due() -> int:
    """Deliver every email due now, in this process (`townhall emails --send-due`)."""
    count = 0
    for email_id in Email.objects.due().values_list("pk", flat=True)[:10_000]:
        count += deliver(str(email_id)) == "sent"
    return count


def prune(now: datetime | None = None) -> tuple[int, int]:
    """Delete sent and failed emails, and finished task results, older than the retention
    the operators' docs state (EMAIL_KEEP_DAYS): they hold addresses and personal links."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TOWNHALL_EMAIL_KEEP_DAYS)
    emails, _ = (
        Email.objects.exclude(status__in=Email.PENDING_STATES)
        .filter(created_at__lt=cutoff)
        .delete()
    )
    tasks, _ = DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff
    ).delete()
    return emails, tasks


def is_email_id(value: str) -> bool:
    """Ids typed or posted by people: anything else is refused before it reaches a query."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


LEGACY_TASK = "townhall.core.mail.send_email"


def forget(address: str) -> int:
    """Erase every queued or kept email to this address (a person's erasure request), and
    the task results of the tasks that carried the address itself (before emails became
    durable, the task's arguments held the message; now they hold the email's id only)."""
    deleted, _ = Email.objects.filter(to__iexact=address).delete()
    forget_language_of(address)  # which language to write in is about the person too
    wanted = address.casefold()
    legacy = DBTaskResult.objects.filter(task_path=LEGACY_TASK).only("pk", "args_kwargs")
    carrying = [
        task.pk
        for task in legacy.iterator()
        if any(
            isinstance(arg, str) and arg.casefold() == wanted
            for arg in [
                *task.args_kwargs.get("args", []),
                *task.args_kwargs.get("kwargs", {}).values(),
            ]
        )
    ]
    DBTaskResult.objects.filter(pk__in=carrying).delete()
    return deleted + len(carrying)
