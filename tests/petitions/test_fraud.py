"""Blocks, bulk invalidation with a corrected count, unusual sources, anonymisation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.petitions.conftest import sign_and_confirm
from townhall.petitions import counts, fraud, services
from townhall.petitions.models import Petition, Signature, SigningBlock

pytestmark = pytest.mark.django_db


def test_blocked_domains_and_addresses_cannot_sign(open_petition, signer):
    SigningBlock.objects.create(kind="domain", value="Spam.Example")
    SigningBlock.objects.create(kind="ip", value="203.0.113.9")
    with pytest.raises(services.WrongState, match="not accepted"):
        services.sign(open_petition, signer(40, email="x@spam.example"))
    with pytest.raises(services.WrongState):
        services.sign(open_petition, signer(41, ip_address="203.0.113.9"))
    services.sign(open_petition, signer(42))  # anyone else still can


def test_bulk_invalidation_corrects_the_count_and_is_logged(open_petition, signer):
    for number in range(50, 56):
        sign_and_confirm(
            open_petition,
            signer(number, email=f"bot{number}@bots.example", ip_address="198.51.100.66"),
        )
    services.sign(open_petition, signer(60, email="bot60@bots.example"))  # not yet confirmed
    before = counts.exact(open_petition.pk)
    done = fraud.invalidate(
        open_petition, fraud.Selection(domain="bots.example"), None, "Obvious bots"
    )
    assert done == 7
    assert counts.exact(open_petition.pk) == before - 6
    confirmed = open_petition.signatures.filter(state=Signature.State.VALIDATED).count()
    assert counts.exact(open_petition.pk) == confirmed
    event = open_petition.events.get(action="signatures invalidated")
    assert (
        "7 invalidated (6 had been counted)" in event.note and "domain=bots.example" in event.note
    )
    assert fraud.invalidate(open_petition, fraud.Selection(domain="bots.example"), None) == 0


def test_invalidation_needs_a_condition(open_petition):
    with pytest.raises(fraud.EmptySelection):
        fraud.invalidate(open_petition, fraud.Selection(), None)


def test_invalidation_by_time_window(open_petition, signer):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    open_petition.signatures.update(created_at=an_hour_ago)
    sign_and_confirm(open_petition, signer(70))
    start = timezone.now() - timedelta(seconds=5)
    before = counts.exact(open_petition.pk)
    fraud.invalidate(open_petition, fraud.Selection(signed_after=start), None)
    assert counts.exact(open_petition.pk) == before - 1


def test_unusual_sources_are_listed(open_petition, signer):
    for number in range(80, 86):
        services.sign(
            open_petition,
            signer(number, email=f"u{number}@mass.example", ip_address="198.51.100.99"),
        )
    sources = fraud.unusual_sources(open_petition, minimum=5)
    assert {"ip_address": "198.51.100.99", "count": 6} in sources["ips"]
    assert {"domain": "mass.example", "count": 6} in sources["domains"]


def test_signers_are_anonymised_after_the_schemes_period(open_petition):
    services.close_due(open_petition.closes_at + timedelta(seconds=1))
    open_petition.refresh_from_db()
    wards_before = services.signatures_by_ward(open_petition)
    assert fraud.anonymise_due(open_petition.closed_at + timedelta(days=181)) == 0
    assert fraud.anonymise_due(open_petition.closed_at + timedelta(days=183)) >= 1
    assert not open_petition.signatures.exclude(email="").exists()
    assert not open_petition.signatures.exclude(ip_address=None).exists()
    assert services.signatures_by_ward(open_petition) == wards_before
    assert Petition.objects.get(pk=open_petition.pk).anonymised_at is not None


def test_signing_is_rate_limited_in_bursts(client, settings, ward):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "sign_burst": "2/60"}
    petition = Petition.objects.filter(state="open").first()
    codes = [
        client.post(
            f"/petitions/{petition.pk}/sign/",
            {
                "name": "N",
                "email": f"burst{n}@example.org",
                "postcode": "EN5 4BW",
                "ward": ward.pk,
            },
        ).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_officers_review_and_invalidate_in_the_admin(as_user, open_petition, signer):
    for number in range(90, 96):
        sign_and_confirm(
            open_petition,
            signer(number, email=f"r{number}@farm.example", ip_address="198.51.100.7"),
        )
    client = as_user("council-officer")
    page = client.get(f"/admin/petitions/{open_petition.pk}/review/").content.decode()
    assert "198.51.100.7" in page and "farm.example" in page
    before = counts.exact(open_petition.pk)
    assert (
        client.post(
            f"/admin/petitions/{open_petition.pk}/review/", {"note": "no condition"}
        ).status_code
        == 200
    )
    client.post(
        f"/admin/petitions/{open_petition.pk}/review/",
        {"ip_address": "198.51.100.7", "note": "A signing farm"},
    )
    assert counts.exact(open_petition.pk) == before - 6
    event = open_petition.events.get(action="signatures invalidated")
    assert event.user.username == "council-officer" and "A signing farm" in event.note


def test_organisers_cannot_review_petitions(as_user, open_petition):
    response = as_user("alliance-editor").get(f"/admin/petitions/{open_petition.pk}/review/")
    assert response.status_code in (302, 403)
    assert as_user("council-officer").get("/admin/signing_blocks/").status_code == 200


def test_anonymising_rewrites_every_signer_in_one_statement(open_petition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Petition.objects.filter(pk=open_petition.pk).update(
        state=Petition.State.CLOSED, closed_at=timezone.now() - timedelta(days=400)
    )
    signers = open_petition.signatures.count()
    assert signers > 1
    with CaptureQueriesContext(connection) as queries:
        fraud.anonymise_due()
    updates = [
        q for q in queries.captured_queries if "UPDATE" in q["sql"] and "signature" in q["sql"]
    ]
    assert len(updates) == 1  # not one per signer
    emails = set(open_petition.signatures.values_list("normalised_email", flat=True))
    assert len(emails) == signers and all(e.startswith("anonymised-") for e in emails)


def test_a_big_petitions_ward_breakdown_is_kept_briefly(open_petition, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(services, "BY_WARD_EXACT_BELOW", 1)  # as if it had 10,000 signers
    first = services.signatures_by_ward(open_petition)
    with CaptureQueriesContext(connection) as queries:
        assert services.signatures_by_ward(open_petition) == first
    assert not [q for q in queries.captured_queries if "GROUP BY" in q["sql"]]


def test_a_small_petitions_ward_breakdown_is_always_exact(open_petition, signer):
    before = sum(row["count"] for row in services.signatures_by_ward(open_petition))
    sign_and_confirm(open_petition, signer(9876))
    after = sum(row["count"] for row in services.signatures_by_ward(open_petition))
    assert after == before + 1
