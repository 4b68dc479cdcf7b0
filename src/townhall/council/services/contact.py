"""Writing to a councillor: confirm, send, ask after two weeks, count the answers, forget.

A message goes to the councillor only once the writer opens the link emailed to them, so
nobody can write in another person's name. The councillor receives the writer's name,
address and email (Reply-To), which they need to answer; the site never shows them. The
follow-up and the erasing are found by the worker's sweeps, so a restart loses neither.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core.mail import send_email_after_commit
from townhall.council.models import Councillor, CouncillorMessage

State, Reply = CouncillorMessage.State, CouncillorMessage.Reply


class CannotWrite(Exception):
    """The councillor publishes no email address, so there is nowhere to send it."""


class LinkExpired(Exception):
    """A confirmation link used after CONFIRM_LINK_DAYS: nothing is sent."""


@dataclass(frozen=True)
class Letter:
    name: str
    email: str
    address: str
    postcode: str
    subject: str
    body: str


@dataclass(frozen=True)
class Responsiveness:
    sent: int  # messages sent in the period
    answered: int  # writers who told us whether they had a reply
    replied: int

    @property
    def published(self) -> bool:
        return self.answered >= settings.TOWNHALL_RESPONSIVENESS_MIN_ANSWERS

    @property
    def rate(self) -> int | None:
        return round(100 * self.replied / self.answered) if self.published else None


def _link(name: str, token: str) -> str:
    return settings.TOWNHALL_BASE_URL + reverse(name, args=[token])


def _email(to: str, template: str, subject: str, headers=None, **context) -> None:
    body = render_to_string(f"council/emails/{template}.txt", context)
    send_email_after_commit(to, subject, body, headers)


@transaction.atomic
def write(councillor: Councillor, letter: Letter) -> CouncillorMessage:
    """Keep the message unsent and email the writer the link that sends it."""
    if not councillor.email:
        raise CannotWrite(f"{councillor} does not publish an email address.")
    message = CouncillorMessage.objects.create(
        councillor=councillor,
        name=letter.name,
        email=letter.email,
        address=letter.address,
        postcode=letter.postcode,
        subject=letter.subject,
        body=letter.body,
    )
    _email(
        message.email,
        "confirm_message",
        _("Confirm your message to %(councillor)s") % {"councillor": councillor},
        message=message,
        confirm_url=_link("councillor-message-confirm", message.token),
        link_days=settings.TOWNHALL_CONFIRM_LINK_DAYS,
    )
    return message


def link_expired(message: CouncillorMessage) -> bool:
    days = settings.TOWNHALL_CONFIRM_LINK_DAYS
    return message.created_at < timezone.now() - timedelta(days=days)


def confirm(message: CouncillorMessage) -> bool:
    """Send the message to the councillor; False when it was sent before (a second press)."""
    if message.state == State.UNCONFIRMED and link_expired(message):
        raise LinkExpired
    with transaction.atomic():
        now = timezone.now()
        sent = CouncillorMessage.objects.filter(pk=message.pk, state=State.UNCONFIRMED).update(
            state=State.SENT, sent_at=now
        )
        if not sent:
            return False
        councillor = message.councillor
        _email(
            councillor.email,
            "to_councillor",
            message.subject,
            headers={"Reply-To": message.email},
            message=message,
            councillor=councillor,
        )
    return True


def send_follow_ups(now: datetime | None = None) -> int:
    """Ask each writer whose message went FOLLOW_UP_DAYS ago whether they had a reply."""
    now = now or timezone.now()
    due = now - timedelta(days=settings.TOWNHALL_FOLLOW_UP_DAYS)
    asked = 0
    while True:
        with transaction.atomic():
            # skip_locked: two workers sweeping at once ask different writers, each once.
            batch = list(
                CouncillorMessage.objects.follow_up_due(due)
                .filter(erased_at__isnull=True)
                .select_related("councillor")
                .select_for_update(skip_locked=True, of=("self",))[:100]
            )
            for message in batch:
                _email(
                    message.email,
                    "follow_up",
                    _("Did %(councillor)s reply to you?") % {"councillor": message.councillor},
                    message=message,
                    answer_url=_link("councillor-message-reply", message.follow_up_token),
                )
            CouncillorMessage.objects.filter(pk__in=[m.pk for m in batch]).update(
                follow_up_sent_at=now
            )
        asked += len(batch)
        if len(batch) < 100:
            return asked


def answer(message: CouncillorMessage, replied: bool) -> None:
    """The writer's answer to the follow-up; a later answer replaces an earlier one."""
    CouncillorMessage.objects.filter(pk=message.pk, state=State.SENT).update(
        replied=Reply.YES if replied else Reply.NO, answered_at=timezone.now()
    )


def erase_due(now: datetime | None = None) -> int:
    """Erase the writer's details and words once they are no longer needed: unsent messages
    when their link expires, sent ones MESSAGE_KEEP_DAYS after sending. What is kept (the
    councillor, the dates, the answer) says nothing about who wrote."""
    now = now or timezone.now()
    expired = now - timedelta(days=settings.TOWNHALL_CONFIRM_LINK_DAYS)
    unsent, _ = CouncillorMessage.objects.filter(
        state=State.UNCONFIRMED, created_at__lt=expired
    ).delete()
    kept_until = now - timedelta(days=settings.TOWNHALL_MESSAGE_KEEP_DAYS)
    erased = (
        CouncillorMessage.objects.sent()
        .filter(sent_at__lt=kept_until, erased_at__isnull=True)
        .update(name="", email="", address="", postcode="", subject="", body="", erased_at=now)
    )
    return unsent + erased


def responsiveness(councillor: Councillor, now: datetime | None = None) -> Responsiveness:
    """Messages sent to them over the last year, and what the writers said of replies."""
    since = (now or timezone.now()) - timedelta(days=365)
    sent = councillor.messages.sent().filter(sent_at__gte=since)
    answered = sent.answered()
    return Responsiveness(
        sent=sent.count(),
        answered=answered.count(),
        replied=answered.filter(replied=Reply.YES).count(),
    )
