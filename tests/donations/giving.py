"""What the donation tests send: a gift's form, Stripe's signed events."""

import json

import stripe

WEBHOOK_SECRET = "whsec_test_secret"
STRIPE = {
    "TOWNHALL_STRIPE_SECRET_KEY": "sk_test_x",
    "TOWNHALL_STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
}


def giving(**changes) -> dict:
    return {
        "amount": "1000",
        "other_amount": "",
        "frequency": "one_off",
        "name": "Noor Khan",
        "email": "noor@example.org",
        **changes,
    }


GIFT_AID = {
    "gift_aid": "on",
    "title": "Ms",
    "first_name": "Noor",
    "last_name": "Khan",
    "house": "12",
    "address": "Nether Street\nLondon",
    "postcode": "n12 7nn",
}


def give(client, page, **changes):
    return client.post(f"/donate/{page.pk}/", giving(**changes))


# Stripe: the provider's own signing helper signs each event the tests send.
def stripe_event(kind: str, item: dict, event_id: str = "evt_1") -> bytes:
    return json.dumps(
        {"id": event_id, "object": "event", "type": kind, "data": {"object": item}}
    ).encode()


def post_stripe(client, body: bytes, secret: str = WEBHOOK_SECRET, timestamp=None):
    header = stripe.WebhookSignature.generate_signature_header(
        body.decode(), secret, timestamp=timestamp
    )
    return client.post(
        "/donate/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )


PAID = {
    "id": "cs_test_1",
    "object": "checkout.session",
    "payment_status": "paid",
    "payment_intent": "pi_1",
    "subscription": "sub_1",
    "amount_total": 1500,
}
