"""The test provider: with no payment keys set (the demo, CI), a page of Townhall's own,
labelled on every line as a test, stands in for the provider's, and its buttons send the
same kind of signed event a real provider would, through the same webhook handling."""

import hashlib
import hmac
import json
import time
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from townhall.donations.providers.base import BadSignature, Checkout, PaymentUpdate

HEADER = "Townhall-Test-Signature"
TOLERANCE_SECONDS = 300


def _secret() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"test-payments", hashlib.sha256).digest()


class TestCheckout:
    name = "test"
    label = _("Test payments: no card is asked for and no money moves")

    def start(self, donation, *, success_url: str, cancel_url: str) -> Checkout:
        return Checkout(
            f"test_cs_{uuid.uuid4().hex}", reverse("donation-test-checkout", args=[donation.token])
        )

    def event(self, kind: str, **values) -> tuple[bytes, dict[str, str]]:
        """A signed event as the webhook receives it: the body and its headers."""
        body = json.dumps({"id": f"test_evt_{uuid.uuid4().hex}", "kind": kind, **values}).encode()
        return body, {HEADER: self.sign(body)}

    def sign(self, body: bytes, timestamp: int | None = None) -> str:
        timestamp = int(time.time()) if timestamp is None else timestamp
        mac = hmac.new(_secret(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        return f"t={timestamp},v1={mac}"

    def read_webhook(self, body: bytes, headers) -> PaymentUpdate:
        header = headers.get(HEADER) or ""
        parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
        try:
            timestamp = int(parts.get("t", ""))
        except ValueError:
            raise BadSignature("no signature") from None
        if abs(time.time() - timestamp) > TOLERANCE_SECONDS:
            raise BadSignature("signature too old")
        if not hmac.compare_digest(self.sign(body, timestamp), header):
            raise BadSignature("wrong signature")
        values = json.loads(body)
        return PaymentUpdate(
            event_id=str(values["id"]),
            kind=str(values["kind"]),
            checkout_id=str(values.get("checkout_id", "")),
            payment_id=str(values.get("payment_id", "")),
            subscription_id=str(values.get("subscription_id", "")),
            amount_pence=values.get("amount_pence"),
        )
