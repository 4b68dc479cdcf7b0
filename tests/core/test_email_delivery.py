"""Durable email: claim under a lease, send once, retry with backoff, give up, resend."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from townhall.core.mail import queue_email
from townhall.core.models import Email
from townhall.core.services import email_delivery

pytestmark = pytest.mark.django_db
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Refusing:
    """Stands in for the mail server: raises the errors given, in order, then accepts."""

    errors: list[BaseException] = []

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        if Refusing.errors:
            raise Refusing.errors.pop(0)
        mail.outbox.extend(messages)
        return len(messages)

    def open(self):
        pass

    def close(self):
        pass


@pytest.fixture
def server(settings):
    settings.EMAIL_BACKEND = f"{__name__}.Refusing"
    settings.TASKS = DB_TASKS
    Refusing.errors = []
    mail.outbox = []
    return Refusing


def queued(to="resident@example.org") -> Email:
    return queue_email(to, "Confirm your signature", "Follow this link: https://x/confirm/abc")


def sent_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_an_email_is_written_with_its_delivery_task_in_one_transaction(server):
    email = queued()
    task = DBTaskResult.objects.get(id=email.task_id)
    assert task.args_kwargs == {"args": [str(email.pk)], "kwargs": {}}  # no address, no body
    assert email.status == Email.Status.QUEUED
    assert email.give_up_at - email.created_at == timedelta(hours=24)


def test_a_sent_email_is_never_sent_again(server):
    email = queued()
    assert email_delivery.deliver(str(email.pk), email.task_id) == "sent"
    assert email_delivery.deliver(str(email.pk), email.task_id) == "sent"
    messages = sent_to("resident@example.org")
    assert len(messages) == 1
    assert messages[0].extra_headers["Message-ID"] == email.message_id
    email.refresh_from_db()
    assert (email.status, email.attempts, email.lease_until) == ("sent", 1, None)


def test_smtp_down_is_retried_with_backoff_then_delivered(server):
    server.errors = [
        ConnectionRefusedError(111, "Connection refused"),
        smtplib.SMTPServerDisconnected(),
    ]
    email = queued()
    assert email_delivery.deliver(str(email.pk), email.task_id) == "retrying"
    email.refresh_from_db()
    first_delay = email.next_attempt_at - timezone.now()
    assert timedelta(seconds=20) < first_delay < timedelta(seconds=40)
    assert email.last_error.startswith("ConnectionRefusedError")
    retry = DBTaskResult.objects.get(id=email.task_id)  # a new task, deferred to the retry
    assert abs(retry.run_after - email.next_attempt_at) < timedelta(seconds=1)
    # Not due yet: a run now changes nothing and sends nothing.
    assert email_delivery.deliver(str(email.pk), email.task_id) == "deferred"
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert email_delivery.deliver(str(email.pk), email.task_id) == "retrying"
    email.refresh_from_db()
    assert email.next_attempt_at - timezone.now() > first_delay  # backing off
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert email_delivery.deliver(str(email.pk), email.task_id) == "sent"
    assert len(sent_to("resident@example.org")) == 1


def test_backoff_doubles_to_an_hour():
    delays = [email_delivery.backoff(n).total_seconds() for n in (1, 2, 3, 20)]
    assert 24 <= delays[0] <= 36 and 48 <= delays[1] <= 72 and 96 <= delays[2] <= 144
    assert 2880 <= delays[3] <= 4320


def test_after_the_retry_window_the_email_is_marked_failed(server):
    server.errors = [TimeoutError("timed out")]
    email = queued()
    Email.objects.filter(pk=email.pk).update(give_up_at=timezone.now() + timedelta(seconds=5))
    assert email_delivery.deliver(str(email.pk), email.task_id) == "failed"
    email.refresh_from_db()
    assert email.status == "failed" and email.last_error == "TimeoutError: timed out"


def test_a_recipient_refused_for_good_fails_at_once_without_naming_them(server):
    address = "nobody@example.org"
    server.errors = [smtplib.SMTPRecipientsRefused({address: (550, b"no such user")})]
    email = queued(address)
    assert email_delivery.deliver(str(email.pk), email.task_id) == "failed"
    email.refresh_from_db()
    assert address not in email.last_error and "n•••@example.org" in email.last_error


def test_a_temporary_refusal_is_retried(server):
    server.errors = [smtplib.SMTPRecipientsRefused({"a@example.org": (451, b"try later")})]
    email = queued("a@example.org")
    assert email_delivery.deliver(str(email.pk), email.task_id) == "retrying"


def test_an_email_being_sent_is_not_claimed_again_until_its_lease_runs_out(server):
    email = queued()
    lease_until = timezone.now() + timedelta(seconds=60)
    Email.objects.filter(pk=email.pk).update(status="sending", lease_until=lease_until)
    assert email_delivery.deliver(str(email.pk), email.task_id) == "deferred"
    assert sent_to("resident@example.org") == []
    email.refresh_from_db()
    assert DBTaskResult.objects.get(id=email.task_id).run_after == lease_until
    # The sender died: once the lease has run out, the next try sends it.
    Email.objects.filter(pk=email.pk).update(lease_until=timezone.now() - timedelta(seconds=1))
    assert email_delivery.deliver(str(email.pk), email.task_id) == "sent"
    assert len(sent_to("resident@example.org")) == 1


def test_a_duplicate_task_for_an_email_does_nothing(server):
    email = queued()
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now() + timedelta(hours=1))
    assert (
        email_delivery.deliver(str(email.pk), task_id="7d0c2b4e-0000-4000-8000-000000000000")
        == "duplicate"
    )


def test_the_sweep_requeues_pending_emails_whose_task_is_gone(server):
    email = queued()
    DBTaskResult.objects.filter(id=email.task_id).update(status="FAILED")
    assert email_delivery.sweep() >= 1
    email.refresh_from_db()
    assert DBTaskResult.objects.get(id=email.task_id).status == "READY"
    assert email_delivery.sweep() == 0


def test_officers_resend_failed_emails_but_never_sent_ones(server):
    failed, sent = queued("f@example.org"), queued("s@example.org")
    Email.objects.filter(pk=failed.pk).update(status="failed")
    Email.objects.filter(pk=sent.pk).update(status="sent")
    assert email_delivery.resend(Email.objects.filter(pk__in=[failed.pk, sent.pk])) == 1
    failed.refresh_from_db()
    assert failed.status == "queued" and failed.give_up_at > timezone.now() + timedelta(hours=23)
    assert email_delivery.deliver(str(failed.pk), failed.task_id) == "sent"


def test_finished_emails_and_task_results_are_pruned_after_the_retention(server, settings):
    settings.TOWNHALL_EMAIL_KEEP_DAYS = 7
    old, recent, waiting = queued("o@example.org"), queued("r@example.org"), queued()
    long_ago = timezone.now() - timedelta(days=8)
    Email.objects.filter(pk__in=[old.pk, waiting.pk]).update(created_at=long_ago)
    Email.objects.filter(pk__in=[old.pk, recent.pk]).update(status="sent")
    DBTaskResult.objects.filter(id=old.task_id).update(status="SUCCESSFUL", finished_at=long_ago)
    email_delivery.prune()
    assert set(Email.objects.filter(pk__in=[old.pk, recent.pk, waiting.pk])) == {recent, waiting}
    assert not DBTaskResult.objects.filter(id=old.task_id).exists()


def test_forgetting_a_person_erases_their_emails(server):
    queued("erase-me@example.org")
    assert email_delivery.forget("Erase-Me@example.org") == 1


def test_the_emails_command_lists_and_resends(server, capsys):
    email = queued("c@example.org")
    Email.objects.filter(pk=email.pk).update(status="failed", last_error="TimeoutError")
    call_command("emails")
    out = capsys.readouterr().out
    assert "failed" in out and "c•••@example.org" in out and "c@example.org" not in out
    call_command("emails", "--resend-failed")
    assert "Queued 1" in capsys.readouterr().out
    call_command("emails", "--send-due")
    assert len(sent_to("c@example.org")) == 1
    with pytest.raises(CommandError, match="Not an email id: 42"):
        call_command("emails", "--resend", "42")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
)
def test_with_an_immediate_backend_the_email_goes_after_commit(
    server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email("now@example.org", "Hi", "Body")
    assert len(sent_to("now@example.org")) == 1
