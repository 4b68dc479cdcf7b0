"""What comes back from a mailing: unsubscribes, followed links, and the mail provider's
reports of bounces and spam complaints."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from townhall.core import people
from townhall.core.email_addresses import normalise_email
from townhall.people import records
from townhall.people.models import MailingLink, Person, Recipient, Supporter

MESSAGE_ID = re.compile(r"<?mailing-(\d+)\.(\d+)@[^>]+>?")
# A report naming an address, not our Message-ID, is matched to a copy sent this recently.
MATCH_BY_ADDRESS_WITHIN = timedelta(days=14)


def copy_for(token: str) -> Recipient | None:
    return (
        Recipient.objects.select_related("mailing__organisation__home_page")
        .filter(token=token[:64])
        .exclude(email="")
        .first()
    )


def stop_emails(organisation_id: int, email: str) -> bool:
    """The person wants no more email from this organisation: their consent ends, and so
    does their supporter subscription if they joined. Whether anything changed."""
    withdrawn = records.withdraw(organisation_id, email, people.EMAIL_UPDATES)
    stopped = (
        Supporter.objects.filter(organisation_id=organisation_id, email=normalise_email(email))
        .exclude(status=Supporter.Status.UNSUBSCRIBED)
        .update(
            status=Supporter.Status.UNSUBSCRIBED,
            consent_to_contact=False,
            unsubscribed_at=timezone.now(),
        )
    )
    return bool(withdrawn or stopped)


@transaction.atomic
def unsubscribe(recipient: Recipient) -> bool:
    """One click from the copy's own link (or the mail program's button, RFC 8058)."""
    changed = stop_emails(recipient.mailing.organisation_id, recipient.email)
    Recipient.objects.filter(pk=recipient.pk, unsubscribed_at=None).update(
        unsubscribed_at=timezone.now()
    )
    return changed


def follow(recipient: Recipient, position: int) -> str | None:
    """Count a click and say where it goes; None for a link the mailing does not have
    (so the redirect can never be sent somewhere else)."""
    link = MailingLink.objects.filter(mailing_id=recipient.mailing_id, position=position).first()
    if link is None:
        return None
    MailingLink.objects.filter(pk=link.pk).update(clicks=F("clicks") + 1)
    Recipient.objects.filter(pk=recipient.pk, first_clicked_at=None).update(
        first_clicked_at=timezone.now()
    )
    return link.url


@dataclass(frozen=True)
class Report:
    """One bounce or complaint, in Townhall's terms whatever the provider's shape."""

    kind: str  # "bounce" or "complaint"
    email: str = ""
    message_id: str = ""
    permanent: bool = True


class UnreadableReport(ValueError):
    pass


def read_report(payload: object) -> Report:
    """Townhall's own shape ({"type": "bounce", "email": ..., "message_id": ...,
    "permanent": true}) or Postmark's bounce and spam-complaint webhooks."""
    if not isinstance(payload, dict):
        raise UnreadableReport("expected a JSON object")
    if "RecordType" in payload:  # Postmark
        kind = {"Bounce": "bounce", "SpamComplaint": "complaint"}.get(payload["RecordType"])
        if kind is None:
            raise UnreadableReport(f"RecordType {payload['RecordType']!r} is not reported")
        permanent = payload.get("Type", "HardBounce") in ("HardBounce", "SpamComplaint")
        return Report(kind, str(payload.get("Email", "")), "", permanent)
    kind = payload.get("type")
    if kind not in ("bounce", "complaint"):
        raise UnreadableReport('"type" must be "bounce" or "complaint"')
    email, message_id = payload.get("email", ""), payload.get("message_id", "")
    if not isinstance(email, str) or not isinstance(message_id, str) or not (email or message_id):
        raise UnreadableReport('give "email" or "message_id" as text')
    return Report(kind, email, message_id, bool(payload.get("permanent", True)))


def _copy_reported(report: Report) -> Recipient | None:
    if match := MESSAGE_ID.fullmatch(report.message_id.strip()):
        return Recipient.objects.filter(mailing_id=match[1], pk=match[2]).first()
    if report.email:
        return (
            Recipient.objects.filter(
                email=normalise_email(report.email),
                sent_at__gte=timezone.now() - MATCH_BY_ADDRESS_WITHIN,
            )
            .order_by("-sent_at")
            .first()
        )
    return None


@transaction.atomic
def record_report(report: Report) -> Recipient | None:
    """A permanent bounce stops mailings to the address; a complaint is an objection to the
    organisation's emails, so it ends the consent as an unsubscribe would. Repeats change
    nothing more. None when no copy matches."""
    recipient = _copy_reported(report)
    if recipient is None or not recipient.email:
        return None
    organisation_id = recipient.mailing.organisation_id
    if report.kind == "complaint":
        Recipient.objects.filter(pk=recipient.pk).update(state=Recipient.State.COMPLAINED)
        stop_emails(organisation_id, recipient.email)
    elif report.permanent:
        Recipient.objects.filter(pk=recipient.pk).exclude(state=Recipient.State.COMPLAINED).update(
            state=Recipient.State.BOUNCED
        )
        Person.objects.filter(pk=recipient.person_id, undeliverable_since=None).update(
            undeliverable_since=timezone.now()
        )
    return recipient
