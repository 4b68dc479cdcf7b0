"""Payment providers behind one interface (providers.base): Stripe Checkout, and a
clearly labelled test provider for the demo and CI. Another (GoCardless, PayPal) is a
module with the same two methods, added to PROVIDERS."""

from django.conf import settings

from townhall.donations.providers.base import Provider
from townhall.donations.providers.stripe_checkout import StripeCheckout
from townhall.donations.providers.test_checkout import TestCheckout

PROVIDERS: dict[str, type] = {"stripe": StripeCheckout, "test": TestCheckout}


def current() -> Provider:
    """Stripe where its keys are set; otherwise the test provider (the demo, CI)."""
    return StripeCheckout() if settings.TOWNHALL_STRIPE_SECRET_KEY else TestCheckout()


def by_name(name: str) -> Provider | None:
    """The provider a webhook names; the test one only while no real one is set up."""
    if name == "test" and settings.TOWNHALL_STRIPE_SECRET_KEY:
        return None
    provider = PROVIDERS.get(name)
    return provider() if provider else None
