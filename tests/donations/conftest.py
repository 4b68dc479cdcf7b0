"""The donation tests' demo page and a gift started at Stripe."""

from types import SimpleNamespace

import pytest
import stripe
from django.test import override_settings

from tests.donations.giving import STRIPE, giving
from townhall.donations import services
from townhall.donations.models import DonatePage


@pytest.fixture
def page(db) -> DonatePage:
    return DonatePage.objects.get(slug="donate")


@pytest.fixture
def stripe_donation(page, alliance, monkeypatch):
    """A donation started at Stripe (the checkout call answered by a stand-in)."""
    made = []

    def create(self, params=None, options=None):
        made.append((params, options))
        return SimpleNamespace(id="cs_test_1", url="https://checkout.stripe.com/c/pay/cs_test_1")

    monkeypatch.setattr(stripe.checkout.SessionService, "create", create, raising=False)
    with override_settings(**STRIPE):
        started = services.start(
            page, alliance, {**giving(), "amount_pence": 1500, "frequency": "monthly"}
        )
    assert started.checkout_url.startswith("https://checkout.stripe.com/")
    params, options = made[0]
    assert params["mode"] == "subscription"
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["line_items"][0]["price_data"]["unit_amount"] == 1500
    assert options["idempotency_key"] == f"donation-{started.donation.token}"
    return started.donation
