"""Joining a campaign: double opt-in, confirmation and unsubscribing."""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townhall.core import people
from townhall.core.mail import send_email_after_commit
from townhall.core.models import Organisation
from townhall.core.services import email_delivery
from townhall.people import erasures, records
from townhall.people.models import Supporter, new_token


@dataclass(frozen=True)
class JoinRequest:
    name: str
    email: str
    postcode: str
    consent_to_contact: bool


def absolute_url(path: str) -> str:
    return f"{settings.TOWNHALL_BASE_URL}{path}"


def confirm_url(supporter: Supporter) -> str:
    return absolute_url(reverse("join-confirm", args=[supporter.confirm_token]))


def unsubscribe_url(supporter: Supporter) -> str:
    return absolute_url(reverse("join-unsubscribe", args=[supporter.token]))


def _email_supporter(supporter: Supporter, template: str, subject: str) -> None:
    unsubscribe = unsubscribe_url(supporter)
    body = render_to_string(
        f"people/emails/{template}.txt",
        {
            "supporter": supporter,
            "organisation": supporter.organisation,
            "confirm_url": confirm_url(supporter),
            "unsubscribe_url": unsubscribe,
        },
    )
    send_email_after_commit(
        supporter.email,
        subject,
        body,
        # RFC 8058 one-click unsubscribe, which mail programs show as a button.
        {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def join(organisation: Organisation, request: JoinRequest) -> Supporter:
    """Ask to join; the supporter counts only after confirming by email.

    Safe to repeat: the same address joins an organisation once. The page says the same
    whatever the outcome, so it never reveals who is already a supporter.
    """
    try:
        with transaction.atomic():
            return _join(organisation, request)
    except IntegrityError:
        # Two requests for the same address raced; the loser sees the winner's row.
        with transaction.atomic():
            return _join(organisation, request)


def _join(organisation: Organisation, request: JoinRequest) -> Supporter:
    supporter = (
        Supporter.objects.select_for_update()
        .filter(organisation=organisation, email=request.email)
        .first()
    )
    if supporter is not None and supporter.status == Supporter.Status.CONFIRMED:
        # Details of a confirmed supporter are never changed by an unauthenticated form.
        subject = _("You already support %(group)s") % {"group": organisation}
        _email_supporter(supporter, "already_joined", subject)
        return supporter
    if supporter is None:
        supporter = Supporter(organisation=organisation, email=request.email)
    elif supporter.status == Supporter.Status.UNSUBSCRIBED:
        supporter.token = new_token()
        supporter.confirm_token = new_token()
        supporter.unsubscribed_at = None
    supporter.name = request.name
    supporter.postcode = request.postcode
    supporter.consent_to_contact = request.consent_to_contact
    supporter.consent_wording = organisation.consent_wording
    supporter.status = Supporter.Status.PENDING
    supporter.save()
    subject = _("Confirm that you want to join %(group)s") % {"group": organisation}
    _email_supporter(supporter, "confirm", subject)
    return supporter


@dataclass(frozen=True)
class Outcome:
    supporter: Supporter
    changed: bool


@transaction.atomic
def confirm(token: str) -> Outcome | None:
    """Confirm by the emailed link's token; None if it is unknown or no longer valid."""
    supporter = Supporter.objects.select_for_update().filter(confirm_token=token).first()
    if supporter is None or supporter.status == Supporter.Status.UNSUBSCRIBED:
        return None
    if supporter.status == Supporter.Status.CONFIRMED:
        return Outcome(supporter, changed=False)
    supporter.status = Supporter.Status.CONFIRMED
    supporter.confirmed_at = timezone.now()
    supporter.save(update_fields=["status", "confirmed_at"])
    subject = _("Welcome to %(group)s") % {"group": supporter.organisation}
    _email_supporter(supporter, "welcome", subject)
    records.record(_joined(supporter))
    return Outcome(supporter, changed=True)


def _joined(supporter: Supporter) -> people.Action:
    """Joining is given to the organisation itself; its emails only with the box ticked."""
    consent = (
        people.Consent(people.EMAIL_UPDATES, supporter.consent_wording)
        if supporter.consent_to_contact
        else None
    )
    return people.Action(
        organisation_id=supporter.organisation_id,
        email=supporter.email,
        name=supporter.name,
        kind="joined",
        label=f"Joined {supporter.organisation.name}",
        at=supporter.confirmed_at,
        source=f"people.supporter:{supporter.pk}",
        consent=consent,
        direct=True,
        postcode=supporter.postcode,
    )


@transaction.atomic
def unsubscribe(token: str) -> Outcome | None:
    """Stop all email to this supporter; None if the link is unknown."""
    supporter = Supporter.objects.select_for_update().filter(token=token).first()
    if supporter is None:
        return None
    if supporter.status == Supporter.Status.UNSUBSCRIBED:
        return Outcome(supporter, changed=False)
    supporter.status = Supporter.Status.UNSUBSCRIBED
    supporter.consent_to_contact = False
    supporter.unsubscribed_at = timezone.now()
    supporter.save(update_fields=["status", "consent_to_contact", "unsubscribed_at"])
    records.withdraw(supporter.organisation_id, supporter.email, people.EMAIL_UPDATES)
    return Outcome(supporter, changed=True)


@transaction.atomic
def erase(token: str) -> Organisation | None:
    """Delete everything kept about the supporter this link belongs to (a right-to-erasure
    request made by the person themselves); None if the link is unknown."""
    supporter = Supporter.objects.select_for_update().filter(token=token).first()
    if supporter is None:
        return None
    organisation = supporter.organisation
    email_delivery.forget(supporter.email)  # the queue's copies of emails to them
    erasures.remember(organisation.pk, supporter.email)  # no import brings them back
    supporter.delete()  # and their record with the organisation (people.signals)
    return organisation
