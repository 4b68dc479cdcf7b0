"""Giving on a bad day: without Redis the whole flow works; when the database fails while
a webhook is recorded, nothing of it is kept and the provider is told to send it again."""

import pytest
from django.core import mail
from django.db import OperationalError
from django.test import override_settings

from tests.core.test_redis_outage import DOWN
from tests.donations.giving import PAID, STRIPE, give, post_stripe, stripe_event
from townhall.core import people
from townhall.donations.models import Donation, PaymentEvent
from townhall.people.models import Person

pytestmark = pytest.mark.django_db


def test_a_gift_goes_through_with_redis_unreachable(
    client, page, alliance, django_capture_on_commit_callbacks
):
    with override_settings(CACHES=DOWN):
        location = give(client, page, hear_from_organisation="on")["Location"]
        with django_capture_on_commit_callbacks(execute=True):
            client.post(location, {"outcome": "pay"})
    assert Donation.objects.get().state == Donation.State.PAID
    assert [message.to for message in mail.outbox] == [["noor@example.org"]]
    assert Person.objects.filter(organisation=alliance, email="noor@example.org").exists()


@override_settings(**STRIPE)
def test_a_database_failure_while_recording_a_webhook_keeps_nothing_and_asks_again(
    client, stripe_donation, monkeypatch, django_capture_on_commit_callbacks
):
    real_record = people.record

    def lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(people, "record", lost)
    body = stripe_event("checkout.session.completed", PAID)
    with django_capture_on_commit_callbacks(execute=True):
        refused = post_stripe(client, body)
    assert refused.status_code == 503 and refused["Retry-After"] == "60"
    assert "send it again" in refused.json()["error"]
    stripe_donation.refresh_from_db()
    assert stripe_donation.state == Donation.State.PENDING
    assert not PaymentEvent.objects.exists() and mail.outbox == []

    monkeypatch.setattr(people, "record", real_record)
    with django_capture_on_commit_callbacks(execute=True):
        retried = post_stripe(client, body)  # the provider's retry: the same event
    assert retried.status_code == 200 and retried.json() == {"recorded": "paid"}
    assert len(mail.outbox) == 1 and PaymentEvent.objects.count() == 1
