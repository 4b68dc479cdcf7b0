"""Sending a mailing: who may, to whom, and how each copy goes exactly once.

- Only people who agree to the organisation's emails at the moment sending begins get a
  copy; someone who withdraws while it is under way is skipped (checked batch by batch).
- A mailing to more than MAILING_APPROVAL_OVER people needs a second editor's approval,
  and a moderator can send nothing (people.rules).
- The send task claims copies in batches (a conditional UPDATE with a claim id, so two
  workers never take the same copy), marks each one sent as soon as the mail server takes
  it, and goes at the organisation's rate, one mailing of an organisation at a time. A
  worker killed mid-batch leaves its claimed copies to be claimed again when their lease
  ends (operations.worker re-queues the task itself): at most the one copy in flight at
  that moment can go twice, and its stable Message-ID lets a mail program tell.
- A send task that fails (the database went away mid-batch) leaves the mailing sending
  with no task: the worker's sweep (`sweep`, through core.sweeps) queues it again.
"""

import logging
import smtplib
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from townhall.core import people, sweeps
from townhall.people import mailing_content
from townhall.people.models import Consent, Mailing, Person, Recipient
from townhall.people.models.persons import PersonQuerySet

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # longer than a batch takes at any sane rate
TASK_BUDGET_SECONDS = 30.0  # then the task hands over to a fresh one (frees the worker)


class NotSendable(Exception):
    """Why a mailing cannot go now, in words for the organiser."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def audience(mailing: Mailing) -> PersonQuerySet:
    """Who would get it if it went now: the segment's people (or all the organisation's)
    who agree to its emails now."""
    found = (
        mailing.segment.people()
        if mailing.segment_id
        else Person.objects.filter(organisation_id=mailing.organisation_id)
    )
    return found.with_email_consent()


def needs_approval(mailing: Mailing, count: int) -> bool:
    return count > settings.TOWNHALL_MAILING_APPROVAL_OVER and mailing.approved_by_id is None


def problems(mailing: Mailing, count: int | None = None) -> list[str]:
    """What stops the mailing going now; empty when it may."""
    count = audience(mailing).count() if count is None else count
    organisation = mailing.organisation
    reasons = []
    if mailing.state not in Mailing.EDITABLE_STATES:
        reasons.append(_already(mailing))
    if count == 0:
        values = {"segment": mailing.segment, "group": organisation.name}
        reasons.append(
            (
                _(
                    "Nobody in “%(segment)s” agrees to emails from %(group)s now, so nothing "
                    "would be sent. People agree when they join or tick the organisation's box."
                )
                if mailing.segment_id
                else _(
                    "Nobody in %(group)s agrees to emails from %(group)s now, so nothing "
                    "would be sent. People agree when they join or tick the organisation's box."
                )
            )
            % values
        )
    if not organisation.postal_address.strip():
        reasons.append(
            _(
                "%(group)s has no postal address yet: every mailing must say who sent it and "
                "where to write. An administrator adds it under Organisations."
            )
            % {"group": organisation.name}
        )
    if needs_approval(mailing, count):
        reasons.append(
            ngettext(
                "It would go to %(count)s person, more than %(limit)s: another editor must "
                "approve it first.",
                "It would go to %(count)s people, more than %(limit)s: another editor must "
                "approve it first.",
                count,
            )
            % {"count": count, "limit": settings.TOWNHALL_MAILING_APPROVAL_OVER}
        )
    return reasons


def _already(mailing: Mailing) -> str:
    return _("It is already %(state)s.") % {"state": mailing.get_state_display().lower()}


@transaction.atomic
def ask_for_approval(mailing: Mailing) -> None:
    Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.DRAFT).update(
        state=Mailing.State.AWAITING_APPROVAL
    )


@transaction.atomic
def approve(mailing: Mailing, user) -> None:
    """A second editor's yes: not the one who wrote it."""
    mailing = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if mailing.created_by_id == user.pk:
        raise NotSendable([_("Another editor must approve it: not the one who wrote it.")])
    if not mailing.is_editable:
        raise NotSendable([_already(mailing)])
    mailing.approved_by, mailing.approved_at = user, timezone.now()
    mailing.state = Mailing.State.DRAFT
    mailing.save(update_fields=["approved_by", "approved_at", "state"])


def send(mailing: Mailing, user, at: datetime | None = None) -> Mailing:
    """Send now, or at `at`. Pressing twice sends once: only a draft moves on."""
    with transaction.atomic():
        mailing = (
            Mailing.objects.select_for_update().select_related("organisation").get(pk=mailing.pk)
        )
        if reasons := problems(mailing):
            raise NotSendable(reasons)
        mailing.state = Mailing.State.SCHEDULED
        mailing.send_at = at if at and at > timezone.now() else timezone.now()
        mailing.sent_by = user
        mailing.save(update_fields=["state", "send_at", "sent_by"])
        transaction.on_commit(lambda: _queue(mailing.pk, at=mailing.send_at))
    return mailing


@transaction.atomic
def cancel(mailing: Mailing) -> bool:
    """Stop a scheduled mailing before it begins; one under way finishes."""
    return bool(
        Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.SCHEDULED).update(
            state=Mailing.State.CANCELLED
        )
    )


@task()
def send_mailing(mailing_id: int) -> str:
    return deliver(mailing_id)


def _queue(mailing_id: int, at: datetime | None = None) -> None:
    backend = send_mailing.get_backend()
    if at is not None and at > timezone.now() and backend.supports_defer:
        send_mailing.using(run_after=at).enqueue(mailing_id)
    else:
        send_mailing.enqueue(mailing_id)


def deliver(mailing_id: int, budget: float = TASK_BUDGET_SECONDS) -> str:
    """Do the mailing's next piece of work; what happened, for the task result."""
    mailing = Mailing.objects.select_related("organisation").filter(pk=mailing_id).first()
    if mailing is None or mailing.state not in Mailing.SENDABLE_STATES:
        return mailing.state if mailing else "gone"
    if mailing.state == Mailing.State.SCHEDULED:
        if mailing.send_at and mailing.send_at > timezone.now():
            if send_mailing.get_backend().supports_defer:
                _queue(mailing.pk, at=mailing.send_at)
            return "not due"  # a backend that cannot wait: `townhall mailings --send-due`
        if _another_sending(mailing):
            _queue(mailing.pk, at=timezone.now() + timedelta(minutes=1))
            return "waiting for the organisation's other mailing"
        begin(mailing)
    return _send_batches(mailing, budget)


def _another_sending(mailing: Mailing) -> bool:
    return (
        Mailing.objects.filter(organisation_id=mailing.organisation_id, state=Mailing.State.SENDING)
        .exclude(pk=mailing.pk)
        .exists()
    )


@transaction.atomic
def begin(mailing: Mailing) -> int:
    """Number the links and write one queued copy per person in the audience now."""
    locked = Mailing.objects.select_for_update().get(pk=mailing.pk)
    if locked.state != Mailing.State.SCHEDULED:
        return 0
    mailing_content.freeze_links(locked)
    copies = (
        Recipient(mailing_id=locked.pk, person_id=pk, email=email)
        for pk, email in audience(locked).values_list("pk", "email").iterator(chunk_size=2000)
    )
    made = Recipient.objects.bulk_create(copies, batch_size=2000, ignore_conflicts=True)
    Mailing.objects.filter(pk=locked.pk).update(
        state=Mailing.State.SENDING, started_at=timezone.now()
    )
    mailing.state = Mailing.State.SENDING
    return len(made)


def _claim(mailing: Mailing, size: int) -> list[Recipient]:
    now = timezone.now()
    claimable = Q(state=Recipient.State.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    ) | Q(state=Recipient.State.SENDING, lease_until__lt=now)
    candidates = list(
        Recipient.objects.filter(claimable, mailing=mailing).values_list("pk", flat=True)[:size]
    )
    if not candidates:
        return []
    claim = uuid.uuid4().hex
    Recipient.objects.filter(claimable, pk__in=candidates).update(
        state=Recipient.State.SENDING, lease_until=now + LEASE, claim=claim
    )
    return list(Recipient.objects.filter(pk__in=candidates, claim=claim))


def _still_agree(batch: list[Recipient]) -> set[int]:
    return set(
        Consent.objects.filter(
            person_id__in=[r.person_id for r in batch],
            purpose=people.EMAIL_UPDATES,
            withdrawn_at=None,
        ).values_list("person_id", flat=True)
    )


def _send_batches(mailing: Mailing, budget: float) -> str:
    started = time.monotonic()
    size = max(1, settings.TOWNHALL_MAILING_BATCH)
    pause = size * 60.0 / max(1, settings.TOWNHALL_MAILING_RATE_PER_MINUTE)
    prepared = mailing_content.prepare(mailing, dict(mailing.links.values_list("url", "position")))
    while True:
        batch_started = time.monotonic()
        batch = _claim(mailing, size)
        if not batch:
            return _finish_if_done(mailing)
        if not _send_batch(mailing, batch, prepared):
            _queue(mailing.pk, at=timezone.now() + timedelta(minutes=1))
            return "mail server unavailable: trying again in a minute"
        if len(batch) < size:  # that was the last of them: no need to wait for the rate
            return _finish_if_done(mailing)
        wait = pause - (time.monotonic() - batch_started)
        if time.monotonic() - started + max(wait, 0) > budget:
            _queue(mailing.pk, at=timezone.now() + timedelta(seconds=max(wait, 0)))
            return "continuing"
        if wait > 0:
            time.sleep(wait)  # the organisation's rate (and the mail provider's)


def _send_batch(mailing: Mailing, batch: list[Recipient], prepared: mailing_content.Copy) -> bool:
    """Send each copy and record it at once; False when the mail server cannot be reached
    (the rest of the batch goes back in the queue)."""
    agree = _still_agree(batch)
    smtp = get_connection()
    try:
        smtp.open()
    except (smtplib.SMTPException, OSError) as error:
        _put_back(batch, error)
        return False
    with _commits_without_waiting_for_the_disk():
        return _send_each(mailing, batch, prepared, agree, smtp)


def _send_each(
    mailing: Mailing,
    batch: list[Recipient],
    prepared: mailing_content.Copy,
    agree: set[int],
    smtp: BaseEmailBackend,
) -> bool:
    try:
        for index, recipient in enumerate(batch):
            if recipient.person_id not in agree or not recipient.email:
                _mark(recipient, Recipient.State.SKIPPED)
                continue
            copy = mailing_content.personal(prepared, recipient.token)
            message = mailing_content.message(
                mailing, copy, recipient.email, recipient.message_id, smtp
            )
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as error:
                _failed(recipient, error)
            except (smtplib.SMTPException, OSError) as error:
                _put_back(batch[index:], error)
                return False
            else:
                _mark(recipient, Recipient.State.SENT, sent_at=timezone.now())
    finally:
        smtp.close()
    return True


def _mark(recipient: Recipient, state: str, **values) -> None:
    Recipient.objects.filter(pk=recipient.pk, claim=recipient.claim).update(
        state=state, lease_until=None, claim="", attempts=recipient.attempts + 1, **values
    )


@contextmanager
def _commits_without_waiting_for_the_disk():
    """Each copy is recorded as soon as it is sent (so a restart does not send it again);
    on PostgreSQL those commits do not wait for the disk while a batch is sent. A worker
    dying loses nothing (the database has every mark); the database server itself crashing
    loses at most its last fraction of a second of marks, and those copies would go again.
    Measured with bench/mailing.py: 314 copies a second with a flush per copy."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _failed(recipient: Recipient, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}".replace(recipient.email, "(address)")[:300]
    Recipient.objects.filter(pk=recipient.pk, claim=recipient.claim).update(
        state=Recipient.State.FAILED, lease_until=None, claim="", error=message
    )


def _put_back(batch: list[Recipient], error: Exception) -> None:
    logger.warning("Mailing copies not sent, queued again: %s", type(error).__name__)
    later = timezone.now() + timedelta(minutes=1)
    for recipient in batch:
        attempts = recipient.attempts + 1
        state = (
            Recipient.State.FAILED
            if attempts >= settings.TOWNHALL_MAILING_ATTEMPTS
            else Recipient.State.QUEUED
        )
        Recipient.objects.filter(pk=recipient.pk, claim=recipient.claim).update(
            state=state,
            attempts=attempts,
            lease_until=None,
            claim="",
            next_attempt_at=later,
            error=type(error).__name__[:300] if state == Recipient.State.FAILED else "",
        )


def _finish_if_done(mailing: Mailing) -> str:
    pending = Recipient.objects.filter(
        mailing=mailing, state__in=Recipient.CLAIMABLE_STATES
    ).exists()
    if pending:
        _queue(mailing.pk, at=timezone.now() + timedelta(minutes=1))
        return "waiting for copies to be retried"
    Mailing.objects.filter(pk=mailing.pk, state=Mailing.State.SENDING).update(
        state=Mailing.State.SENT, finished_at=timezone.now()
    )
    return "sent"


def figures(mailing: Mailing) -> dict[str, int]:
    """How many copies are in each state, and how many were opened through a link or led
    to an unsubscribe (there is no open tracking: decision 16)."""
    counts = dict(
        Recipient.objects.filter(mailing=mailing)
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    totals = Recipient.objects.filter(mailing=mailing).aggregate(
        clicked=Count("pk", filter=Q(first_clicked_at__isnull=False)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)),
        copies=Count("pk"),
    )
    return {**{state: counts.get(state, 0) for state in Recipient.State.values}, **totals}


def sweep() -> int:
    """Queue again each mailing that should be moving but has no send task waiting or
    running (its task failed, or its worker was stopped twice); how many. Claims keep a
    second task from sending any copy twice."""
    live = sweeps.live_first_arguments(send_mailing)
    if live is None:
        return 0
    moving = Mailing.objects.filter(
        Q(state=Mailing.State.SENDING)
        | Q(state=Mailing.State.SCHEDULED, send_at__lte=timezone.now())
    )
    stalled = [pk for pk in moving.values_list("pk", flat=True) if pk not in live]
    for mailing_id in stalled:
        _queue(mailing_id)
    return len(stalled)


def due() -> int:
    """Start every scheduled mailing whose time has come, in this process (`townhall
    mailings --send-due`, for task backends that cannot wait)."""
    ready = Mailing.objects.filter(
        state=Mailing.State.SCHEDULED, send_at__lte=timezone.now()
    ).values_list("pk", flat=True)
    for mailing_id in list(ready):
        _queue(mailing_id)
    return len(ready)
