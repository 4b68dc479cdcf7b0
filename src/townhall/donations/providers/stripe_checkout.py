"""Stripe Checkout: the donor pays on Stripe's page (one-off, or monthly as a
subscription); Stripe's webhooks, signed with the endpoint's secret, say what happened."""

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from townhall.donations.providers.base import BadSignature, Checkout, PaymentUpdate


class StripeCheckout:
    name = "stripe"
    label = "Stripe"

    def start(self, donation, *, success_url: str, cancel_url: str) -> Checkout:
        monthly = donation.frequency == "monthly"
        price = {
            "currency": "gbp",
            "unit_amount": donation.amount_pence,
            # What the donor reads on Stripe's page.
            "product_data": {
                "name": _("Donation to %(group)s") % {"group": donation.organisation.name}
            },
        }
        if monthly:
            price["recurring"] = {"interval": "month"}
        params = {
            "mode": "subscription" if monthly else "payment",
            "line_items": [{"price_data": price, "quantity": 1}],
            "customer_email": donation.email,
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": donation.token,
            "metadata": {"donation": donation.token},
        }
        client = stripe.StripeClient(settings.TOWNHALL_STRIPE_SECRET_KEY)
        # The same donation asked twice (a retried request) is one checkout at Stripe.
        session = client.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"donation-{donation.token}"}
        )
        return Checkout(session.id, session.url)

    def read_webhook(self, body: bytes, headers) -> PaymentUpdate:
        try:
            event = stripe.Webhook.construct_event(
                body, headers.get("Stripe-Signature"), settings.TOWNHALL_STRIPE_WEBHOOK_SECRET
            )
        except (stripe.SignatureVerificationError, ValueError) as error:
            raise BadSignature(str(error).split(".")[0]) from error
        return update_from(event.to_dict())  # plain dicts all the way down


def _subscription_of(invoice) -> str:
    # Newer API versions moved it under `parent`; older ones have it at the top.
    found = invoice.get("subscription") or ""
    if not found and invoice.get("parent"):
        details = invoice["parent"].get("subscription_details") or {}
        found = details.get("subscription") or ""
    return found if isinstance(found, str) else found.get("id", "")


def update_from(event) -> PaymentUpdate:
    """Stripe's event in Townhall's terms; events Townhall has no use for are "ignored"."""
    kind, item = event["type"], event["data"]["object"]
    base = {"event_id": event["id"]}
    if kind in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        if item.get("payment_status") not in ("paid", "no_payment_required"):
            return PaymentUpdate(kind="ignored", **base)  # a bank payment still on its way
        return PaymentUpdate(
            kind="paid",
            checkout_id=item["id"],
            payment_id=item.get("payment_intent") or "",
            subscription_id=item.get("subscription") or "",
            amount_pence=item.get("amount_total"),
            **base,
        )
    if kind == "checkout.session.async_payment_failed":
        return PaymentUpdate(kind="failed", checkout_id=item["id"], **base)
    if kind == "checkout.session.expired":
        return PaymentUpdate(kind="abandoned", checkout_id=item["id"], **base)
    if kind == "charge.refunded" and item.get("refunded"):
        return PaymentUpdate(kind="refunded", payment_id=item.get("payment_intent") or "", **base)
    if kind == "invoice.paid" and item.get("billing_reason") == "subscription_cycle":
        return PaymentUpdate(
            kind="renewed",
            payment_id=item["id"],
            subscription_id=_subscription_of(item),
            amount_pence=item.get("amount_paid"),
            **base,
        )
    if kind == "invoice.payment_failed" and item.get("billing_reason") == "subscription_cycle":
        return PaymentUpdate(
            kind="renewal_failed",
            payment_id=item["id"],
            subscription_id=_subscription_of(item),
            amount_pence=item.get("amount_due"),
            **base,
        )
    return PaymentUpdate(kind="ignored", **base)
