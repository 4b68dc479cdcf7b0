"""Taking a donation: start a checkout at the provider, then record what its signed
webhooks say, once each (a replayed event id changes nothing)."""

import logging
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
from townhall.donations import providers
from townhall.donations.forms import gift_aid_wording
from townhall.donations.models import (
    DonatePage,
    Donation,
    GiftAidDeclaration,
    PaymentEvent,
)
from townhall.donations.providers.base import BadSignature, PaymentUpdate, Provider

logger = logging.getLogger(__name__)

DECLARATION_FIELDS = ("title", "first_name", "last_name", "house", "address", "postcode")


class ProviderUnavailable(Exception):
    """The provider could not start a checkout; nothing was taken."""


class ReplayedEvent(Exception):
    """This event id was taken before."""


@dataclass(frozen=True)
class Started:
    donation: Donation
    checkout_url: str


def absolute(path: str) -> str:
    return f"{settings.TOWNHALL_BASE_URL}{path}"


def start(page: DonatePage, organisation: Organisation, data: dict) -> Started:
    """Record the donation as waiting, then send the donor to the provider's page."""
    provider = providers.current()
    with transaction.atomic():
        declaration = None
        if data.get("gift_aid"):
            declaration = GiftAidDeclaration.objects.create(
                organisation=organisation,
                wording=gift_aid_wording(organisation.name),
                **{field: data.get(field, "").strip() for field in DECLARATION_FIELDS},
            )
        donation = Donation.objects.create(
            organisation=organisation,
            page=page,
            amount_pence=data["amount_pence"],
            frequency=data["frequency"],
            name=data["name"],
            email=data["email"],
            hear_from_organisation=bool(data.get("hear_from_organisation")),
            gift_aid=declaration,
            provider=provider.name,
        )
    thanks = absolute(reverse("donation-thanks", args=[donation.token]))
    try:
        checkout = provider.start(donation, success_url=thanks, cancel_url=absolute(page.url))
    except Exception as error:  # the provider's library raises its own kinds
        logger.warning("Could not start a %s checkout: %s", provider.name, type(error).__name__)
        Donation.objects.filter(pk=donation.pk).update(state=Donation.State.ABANDONED)
        raise ProviderUnavailable from error
    Donation.objects.filter(pk=donation.pk).update(checkout_id=checkout.id)
    donation.checkout_id = checkout.id
    return Started(donation, checkout.url)


def take_webhook(provider: Provider, body: bytes, headers) -> str:
    """Verify and record one webhook event; what happened. Raises BadSignature or
    ReplayedEvent, and then nothing has changed."""
    update = provider.read_webhook(body, headers)
    try:
        with transaction.atomic():
            PaymentEvent.objects.create(
                provider=provider.name, event_id=update.event_id[:255], kind=update.kind
            )
            return apply(provider.name, update)
    except IntegrityError:
        raise ReplayedEvent(update.event_id) from None


def apply(provider_name: str, update: PaymentUpdate) -> str:
    found = Donation.objects.select_for_update().filter(provider=provider_name)
    if update.kind == "paid":
        donation = found.filter(checkout_id=update.checkout_id).first()
        if donation is None or donation.state == Donation.State.PAID:
            return "no change"
        donation.state, donation.paid_at = Donation.State.PAID, timezone.now()
        donation.payment_id = update.payment_id or donation.payment_id
        donation.subscription_id = update.subscription_id or donation.subscription_id
        donation.save(update_fields=["state", "paid_at", "payment_id", "subscription_id"])
        _thank(donation)
        return "paid"
    if update.kind in ("failed", "abandoned"):
        changed = found.filter(checkout_id=update.checkout_id, state=Donation.State.PENDING).update(
            state=update.kind
        )
        return update.kind if changed else "no change"
    if update.kind == "refunded":
        changed = found.filter(payment_id=update.payment_id, state=Donation.State.PAID).update(
            state=Donation.State.REFUNDED, refunded_at=timezone.now()
        )
        return "refunded" if changed else "no change"
    if update.kind in ("renewed", "renewal_failed"):
        return _renewal(found, update)
    return "ignored"


def _renewal(found, update: PaymentUpdate) -> str:
    """A monthly payment after the first: a donation of its own, under the same Gift Aid
    declaration; or a failed one, recorded as failed."""
    first = found.filter(subscription_id=update.subscription_id, renewal_of=None).first()
    if first is None or found.filter(payment_id=update.payment_id).exists():
        return "no change"
    paid = update.kind == "renewed"
    renewal = Donation.objects.create(
        organisation_id=first.organisation_id,
        page_id=first.page_id,
        amount_pence=update.amount_pence or first.amount_pence,
        frequency=first.frequency,
        name=first.name,
        email=first.email,
        hear_from_organisation=first.hear_from_organisation,
        gift_aid=first.gift_aid,
        state=Donation.State.PAID if paid else Donation.State.FAILED,
        provider=first.provider,
        payment_id=update.payment_id,
        subscription_id=update.subscription_id,
        renewal_of=first,
        paid_at=timezone.now() if paid else None,
    )
    if paid:
        _thank(renewal)
    return "renewed" if paid else "renewal failed"


def _thank(donation: Donation) -> None:
    """The emailed receipt, and the gift in the donor's history with the organisation."""
    organisation = donation.organisation
    if not donation.email:
        return
    body = render_to_string(
        "donations/emails/receipt.txt", {"donation": donation, "organisation": organisation}
    )
    subject = _("Thank you for your gift to %(group)s") % {"group": organisation}
    send_email_after_commit(donation.email, subject, body)
    Donation.objects.filter(pk=donation.pk).update(receipt_sent_at=timezone.now())
    monthly = " a month" if donation.frequency == Donation.Frequency.MONTHLY else ""
    consent = (
        people.Consent(people.EMAIL_UPDATES, organisation.consent_wording)
        if donation.hear_from_organisation
        else None
    )
    people.record(
        people.Action(
            organisation_id=organisation.pk,
            email=donation.email,
            name=donation.name,
            kind="gave",
            label=f"Gave {donation.amount}{monthly}",
            at=donation.paid_at or timezone.now(),
            source=f"donations.donation:{donation.pk}",
            consent=consent,
            direct=True,  # given to the organisation itself
        )
    )


__all__ = ["BadSignature", "ProviderUnavailable", "ReplayedEvent", "start", "take_webhook"]
