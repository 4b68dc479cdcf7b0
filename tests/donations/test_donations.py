"""Donations (issue 18, point 4): the form's checks, the test provider's flow, Stripe's
signed webhooks (signed here with the stripe library's own helper), replays, refunds,
monthly renewals, Gift Aid and its HMRC claim, the donor's history and erasure."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tests.donations.giving import (
    GIFT_AID,
    PAID,
    STRIPE,
    give,
    post_stripe,
    stripe_event,
)
from townhall.core import people
from townhall.donations import giftaid
from townhall.donations.models import Donation, GiftAidDeclaration, PaymentEvent
from townhall.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("", "Enter an amount in pounds"),
        ("ten", "Enter an amount in pounds"),
        ("NaN", "Enter an amount in pounds"),
        ("Infinity", "Enter an amount in pounds"),
        ("1e400", "Online we can take up to £10,000"),
        ("1e-400", "The smallest donation"),
        ("0.50", "The smallest donation we can take is £1"),
        ("-5", "The smallest donation we can take is £1"),
        ("12.345", "to the penny"),
        ("99999999", "Online we can take up to £10,000"),
    ],
)
def test_bad_amounts_are_refused_with_a_message_and_nothing_saved(client, page, other, message):
    response = give(client, page, amount="other", other_amount=other)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Donation.objects.exists()


def test_a_suggested_amount_not_offered_is_refused(client, page):
    response = give(client, page, amount="999900")
    assert response.status_code == 400 and not Donation.objects.exists()


def test_a_gift_aid_declaration_without_an_address_is_refused(client, page):
    response = give(client, page, **{**GIFT_AID, "house": "", "address": "", "postcode": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter your home address for Gift Aid" in body and "Enter your postcode" in body
    assert not Donation.objects.exists() and not GiftAidDeclaration.objects.exists()


def test_the_test_provider_completes_a_gift_with_gift_aid_a_receipt_and_history(
    client, page, alliance, django_capture_on_commit_callbacks
):
    response = give(client, page, hear_from_organisation="on", **GIFT_AID)
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert response["Location"] == f"/donate/test-checkout/{donation.token}/"
    checkout = client.get(response["Location"]).content.decode()
    assert "Test payment page" in checkout and "no money moves" in checkout
    with django_capture_on_commit_callbacks(execute=True):
        paid = client.post(response["Location"], {"outcome": "pay"})
    assert paid["Location"] == f"/donate/thanks/{donation.token}/"
    assert "has been received" in client.get(paid["Location"]).content.decode()
    donation.refresh_from_db()
    assert donation.state == Donation.State.PAID
    assert donation.gift_aid.postcode == "N12 7NN"
    assert "I want to Gift Aid my donation" in donation.gift_aid.wording
    assert "Barnet Alliance for Public Services" in donation.gift_aid.wording
    (receipt,) = mail.outbox
    assert receipt.to == ["noor@example.org"] and "£10.00" in receipt.body
    assert "Gift Aid: yes" in receipt.body
    person = Person.objects.get(organisation=alliance, email="noor@example.org")
    assert [a.label for a in person.history.all()] == ["Gave £10.00"]
    assert person.consents_now() == {people.EMAIL_UPDATES}


def test_a_declined_test_payment_is_recorded_as_failed(client, page):
    location = give(client, page)["Location"]
    client.post(location, {"outcome": "decline"})
    assert Donation.objects.get().state == Donation.State.FAILED
    assert not Person.objects.exists()


def test_giving_without_ticking_the_box_is_history_but_not_consent(client, page, alliance):
    location = give(client, page)["Location"]
    client.post(location, {"outcome": "pay"})
    person = Person.objects.get(organisation=alliance)
    assert person.consents_now() == set()
    assert person.history.get().kind == "gave"


@override_settings(**STRIPE)
def test_a_signed_stripe_webhook_marks_the_donation_paid_once(client, stripe_donation):
    body = stripe_event("checkout.session.completed", PAID)
    response = post_stripe(client, body)
    assert response.status_code == 200 and response.json() == {"recorded": "paid"}
    stripe_donation.refresh_from_db()
    assert (stripe_donation.state, stripe_donation.subscription_id) == ("paid", "sub_1")
    replay = post_stripe(client, body)
    assert replay.status_code == 400 and "already received" in replay.json()["error"]
    assert PaymentEvent.objects.count() == 1 and len(mail.outbox) <= 1


@override_settings(**STRIPE)
def test_a_bad_or_stale_signature_changes_nothing(client, stripe_donation):
    body = stripe_event("checkout.session.completed", PAID)
    assert post_stripe(client, body, secret="whsec_wrong").status_code == 400
    stale = int((timezone.now() - timedelta(hours=1)).timestamp())
    assert post_stripe(client, body, timestamp=stale).status_code == 400
    unsigned = client.post("/donate/webhooks/stripe/", body, content_type="application/json")
    assert unsigned.status_code == 400
    stripe_donation.refresh_from_db()
    assert stripe_donation.state == "pending" and not PaymentEvent.objects.exists()


@override_settings(**STRIPE)
def test_refunds_and_monthly_renewals_come_from_the_webhooks(client, stripe_donation):
    post_stripe(client, stripe_event("checkout.session.completed", PAID))
    renewal = {
        "id": "in_2",
        "object": "invoice",
        "billing_reason": "subscription_cycle",
        "parent": {"subscription_details": {"subscription": "sub_1"}},
        "amount_paid": 1500,
    }
    assert post_stripe(client, stripe_event("invoice.paid", renewal, "evt_2")).json() == {
        "recorded": "renewed"
    }
    failed = {**renewal, "id": "in_3", "amount_due": 1500}
    post_stripe(client, stripe_event("invoice.payment_failed", failed, "evt_3"))
    refund = {"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "refunded": True}
    assert post_stripe(client, stripe_event("charge.refunded", refund, "evt_4")).json() == {
        "recorded": "refunded"
    }
    states = list(Donation.objects.order_by("pk").values_list("state", "renewal_of"))
    assert states == [
        ("refunded", None),
        ("paid", stripe_donation.pk),
        ("failed", stripe_donation.pk),
    ]


def test_the_test_providers_webhook_is_closed_once_stripe_is_set_up(client):
    with override_settings(**STRIPE):
        assert client.post("/donate/webhooks/test/", b"{}", content_type="x").status_code == 404
    assert client.post("/donate/webhooks/paypal/", b"{}", content_type="x").status_code == 404


def test_the_gift_aid_claim_is_in_hmrcs_shape(client, page, alliance, as_user):
    for number, extra in enumerate([GIFT_AID, {}]):
        location = give(client, page, email=f"d{number}@example.org", **extra)["Location"]
        client.post(location, {"outcome": "pay"})
    today = timezone.localdate()
    rows = list(
        csv.reader(
            io.StringIO(b"".join(giftaid.claim(alliance, today, today).streaming_content).decode())
        )
    )
    assert rows[0] == giftaid.COLUMNS
    assert rows[1:] == [
        ["Ms", "Noor", "Khan", "12", "N12 7NN", "", "", f"{today:%d/%m/%y}", "10.00"]
    ]
    editor = as_user("alliance-editor")
    response = editor.get(
        "/admin/donations/gift-aid/",
        {"organisation": alliance.pk, "start": f"{today:%d/%m/%Y}", "end": f"{today:%d/%m/%Y}"},
    )
    assert response.status_code == 200 and b"Noor" in b"".join(response.streaming_content)
    assert as_user("alliance-moderator").get("/admin/donations/gift-aid/").status_code in (302, 403)


def test_erasing_the_donor_keeps_the_amount_and_the_declaration_only(client, page, alliance):
    location = give(client, page, **GIFT_AID)["Location"]
    client.post(location, {"outcome": "pay"})
    people.forget(alliance.pk, "NOOR@example.org")
    donation = Donation.objects.get()
    assert (donation.name, donation.email, donation.amount_pence) == ("", "", 1000)
    assert donation.gift_aid.last_name == "Khan"  # HMRC: kept six years
    assert not Person.objects.filter(email="noor@example.org").exists()


def test_nobody_adds_or_changes_a_donation_in_the_admin(as_user, client, page):
    client.post(give(client, page)["Location"], {"outcome": "pay"})
    donation = Donation.objects.get()
    admin = as_user("admin")
    assert admin.get(f"/admin/donations/edit/{donation.pk}/").status_code in (302, 403)
    assert admin.get("/admin/donations/new/").status_code in (302, 403)
    assert (
        as_user("alliance-editor").get(f"/admin/donations/inspect/{donation.pk}/").status_code
        == 200
    )
    assert (
        as_user("branch-editor").get(f"/admin/donations/inspect/{donation.pk}/").status_code == 404
    )
