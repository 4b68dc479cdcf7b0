"""The small interface a payment provider meets, so that GoCardless or PayPal can be added
beside Stripe: start a checkout on the provider's own page, and read its signed webhooks
into what Townhall records. No card data ever passes through Townhall."""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Checkout:
    id: str  # the provider's id for this checkout
    url: str  # where the donor goes to pay


@dataclass(frozen=True)
class PaymentUpdate:
    """One webhook event, in Townhall's terms."""

    event_id: str
    kind: str  # "paid", "failed", "refunded", "renewed" (a monthly payment), or "ignored"
    checkout_id: str = ""
    payment_id: str = ""
    subscription_id: str = ""
    amount_pence: int | None = None


class BadSignature(Exception):
    """The webhook was not signed by the provider with our secret (or is too old)."""


class Provider(Protocol):
    name: str
    label: str

    def start(self, donation, *, success_url: str, cancel_url: str) -> Checkout: ...

    def read_webhook(self, body: bytes, headers) -> PaymentUpdate: ...
