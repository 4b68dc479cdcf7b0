"""Public questions and deputations: the deadline, and each step with its email.

The deadline is the end of the working day so many working days (the committee's number,
bank holidays skipped) before the meeting's day. A question counts as arriving when its
writer confirms their address, so a link opened after the deadline sends nothing.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from townhall.core import pagecache
from townhall.core.mail import send_email_after_commit
from townhall.core.working_days import working_days_before
from townhall.council.models import Meeting, PublicQuestion
from townhall.council.tags import COUNCIL_TAG

State = PublicQuestion.State
OFFICERS_GROUP = "Democratic services"


class NotTaking(Exception):
    """The meeting takes no questions, or its deadline has passed."""


@dataclass(frozen=True)
class Ask:
    kind: str
    name: str
    email: str
    text: str
    petition_id: int | None = None


def deadline(meeting: Meeting) -> datetime | None:
    """When questions for the meeting close; None when it takes none."""
    days = meeting.committee.question_deadline_days
    if not days or meeting.status != Meeting.Status.SCHEDULED:
        return None
    day = working_days_before(timezone.localdate(meeting.starts_at), days)
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


def taking_questions(meeting: Meeting, now: datetime | None = None) -> bool:
    closes = deadline(meeting)
    return closes is not None and (now or timezone.now()) <= closes


def _link(name: str, *args) -> str:
    return settings.TOWNHALL_BASE_URL + reverse(name, args=args)


def _email(question: PublicQuestion, template: str, subject: str, **context) -> None:
    body = render_to_string(
        f"council/emails/question_{template}.txt",
        {"question": question, "meeting": question.meeting, **context},
    )
    send_email_after_commit(question.email, subject, body)


def closed(meeting: Meeting) -> NotTaking:
    """Why the meeting takes no question now."""
    closes = deadline(meeting)
    if closes is None:
        return NotTaking(_("This meeting is not taking questions or requests to speak."))
    return NotTaking(
        _("Questions for this meeting closed at 11:59pm on %(day)s.")
        % {"day": date_format(closes, "l j E Y")}
    )


@transaction.atomic
def ask(meeting: Meeting, asked: Ask) -> PublicQuestion:
    """Keep the question unconfirmed and email the link that submits it."""
    if not taking_questions(meeting):
        raise closed(meeting)
    question = PublicQuestion.objects.create(
        meeting=meeting,
        kind=asked.kind,
        name=asked.name,
        email=asked.email,
        text=asked.text,
        petition_id=asked.petition_id,
    )
    _email(
        question,
        "confirm",
        _("Confirm your question to the council"),
        confirm_url=_link("question-confirm", question.token),
        closes=deadline(meeting),
    )
    return question


def confirm(question: PublicQuestion) -> bool:
    """Submit the question to the officers; False when it was submitted before."""
    if question.state == State.UNCONFIRMED and not taking_questions(question.meeting):
        raise closed(question.meeting)
    with transaction.atomic():
        submitted = PublicQuestion.objects.filter(pk=question.pk, state=State.UNCONFIRMED).update(
            state=State.SUBMITTED, submitted_at=timezone.now()
        )
        if not submitted:
            return False
        _email(question, "received", _("We have your question"))
        _tell_officers(question)
    return True


def _tell_officers(question: PublicQuestion) -> None:
    group = Group.objects.filter(name=OFFICERS_GROUP).first()
    if group is None:
        return
    emails = group.user_set.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    body = render_to_string(
        "council/emails/question_for_officers.txt",
        {
            "question": question,
            "meeting": question.meeting,
            "admin_url": _link("publicquestion:edit", question.pk),
        },
    )
    for email in sorted(set(emails)):
        subject = (
            _("A question for %(meeting)s")
            if question.kind == PublicQuestion.Kind.QUESTION
            else _("A deputation for %(meeting)s")
        ) % {"meeting": question.meeting}
        send_email_after_commit(email, subject, body)


def _decide(question: PublicQuestion, allowed_from: tuple[str, ...], to: str, **fields) -> bool:
    """Move the question on only from where it may be; False when it was not there."""
    moved = PublicQuestion.objects.filter(pk=question.pk, state__in=allowed_from).update(
        state=to, decided_at=timezone.now(), **fields
    )
    if moved and to in PublicQuestion.PUBLISHED_STATES:
        transaction.on_commit(lambda: pagecache.invalidate(COUNCIL_TAG))
    return bool(moved)


@transaction.atomic
def accept(question: PublicQuestion) -> bool:
    if not _decide(question, (State.SUBMITTED,), State.ACCEPTED):
        return False
    _email(
        question,
        "accepted",
        _("Your question has been accepted") if question.kind == "question" else _("You may speak"),
        meeting_url=_link("meeting", question.meeting_id),
    )
    return True


@transaction.atomic
def refuse(question: PublicQuestion, reason: str) -> bool:
    if not reason.strip():
        raise ValueError("Say why it was not accepted: the resident is told")
    if not _decide(question, (State.SUBMITTED,), State.REFUSED, refusal_reason=reason.strip()):
        return False
    _email(question, "refused", _("Your question was not accepted"), reason=reason.strip())
    return True


@transaction.atomic
def answer(question: PublicQuestion, text: str) -> bool:
    """Publish the written answer (accepted questions only) and send it to the resident."""
    if not text.strip():
        raise ValueError("Write the answer to publish")
    allowed = (State.ACCEPTED, State.ANSWERED)  # a corrected answer replaces the first
    if not _decide(question, allowed, State.ANSWERED, answer=text.strip()):
        return False
    _email(
        question,
        "answered",
        _("The answer to your question"),
        answer=text.strip(),
        meeting_url=_link("meeting", question.meeting_id) + "#questions",
    )
    return True
