"""The petition's state machine, signing, exact counts and thresholds."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.petitions.conftest import sign_and_confirm
from townhall.core.email_addresses import normalise_email
from townhall.petitions import counts, fraud, services
from townhall.petitions.models import Petition, Signature, Threshold

pytestmark = pytest.mark.django_db
State = Petition.State


@pytest.mark.parametrize(
    ("email", "normalised"),
    [
        ("Ann@Example.org", "ann@example.org"),
        ("a.n.n+petitions@gmail.com", "ann@gmail.com"),
        ("A.N.N@GoogleMail.com", "ann@gmail.com"),
        ("ann+x@outlook.com", "ann@outlook.com"),
        ("a.nn@outlook.com", "a.nn@outlook.com"),
        ("ann+tag@example.org", "ann+tag@example.org"),
    ],
)
def test_emails_are_normalised_as_their_provider_does(email, normalised):
    assert normalise_email(email) == normalised


def test_a_new_petition_waits_for_its_creator_then_for_supporters(new_petition, signer):
    assert new_petition.state == State.PENDING
    assert services.confirm_creator(new_petition)
    assert new_petition.state == State.COLLECTING_SPONSORS
    assert not services.confirm_creator(new_petition)  # a repeated link changes nothing
    assert counts.exact(new_petition.pk) == 1  # the creator's own signature
    for number in range(4):
        sign_and_confirm(new_petition, signer(number))
    new_petition.refresh_from_db()
    assert new_petition.state == State.COLLECTING_SPONSORS
    sign_and_confirm(new_petition, signer(4))
    new_petition.refresh_from_db()
    assert new_petition.state == State.SPONSORED and new_petition.sponsored_at


def test_approval_opens_for_the_schemes_period(open_petition):
    assert open_petition.state == State.OPEN
    period = open_petition.closes_at - open_petition.opened_at
    assert period == timedelta(days=182)
    assert open_petition.events.filter(action="approved", user__username="council-officer")


def test_only_a_petition_in_moderation_can_be_approved(new_petition):
    with pytest.raises(services.WrongState):
        services.approve(new_petition, None)


@pytest.mark.parametrize(
    ("reason", "state"), [("duplicate", State.REJECTED), ("offensive", State.HIDDEN)]
)
def test_rejection_keeps_or_hides_the_petition(new_petition, reason, state):
    services.confirm_creator(new_petition)
    services.reject(new_petition, None, reason, "See the open petition on trees.")
    assert new_petition.state == state
    assert new_petition.rejection_reason == reason
    assert new_petition.is_public is (state == State.REJECTED)


def test_a_made_up_rejection_reason_is_refused(new_petition):
    with pytest.raises(services.WrongState):
        services.reject(new_petition, None, "because")


def test_open_petitions_close_by_themselves(open_petition):
    services.close_due(open_petition.closes_at - timedelta(seconds=1))
    open_petition.refresh_from_db()
    assert open_petition.state == State.OPEN
    assert services.close_due(open_petition.closes_at + timedelta(seconds=1)) >= 1
    open_petition.refresh_from_db()
    assert open_petition.state == State.CLOSED and open_petition.closed_at
    with pytest.raises(services.WrongState):
        services.sign(
            open_petition, services.Signer("Late", "late@example.org", "N1 1AA", None, False)
        )


def test_one_signature_per_person_after_normalising(open_petition, signer):
    first = services.sign(open_petition, signer(10, email="Someone.Else+a@gmail.com"))
    again = services.sign(open_petition, signer(11, email="someoneelse@googlemail.com"))
    assert again.pk == first.pk and again.token != first.token  # a new link, not a new row
    assert open_petition.signatures.filter(normalised_email="someoneelse@gmail.com").count() == 1
    assert services.confirm_signature(again)
    repeated = services.sign(open_petition, signer(12, email="SomeoneElse@gmail.com"))
    assert repeated.pk == first.pk and repeated.name == again.name  # nothing changed
    assert open_petition.signatures.filter(normalised_email="someoneelse@gmail.com").count() == 1


def test_signing_again_before_confirming_sends_a_new_link_and_the_old_one_stops(
    open_petition, signer, client
):
    first = services.sign(open_petition, signer(13))
    old_token = first.token
    again = services.sign(open_petition, signer(13, name="Person Thirteen", ward=None))
    assert (again.name, again.ward) == ("Person Thirteen", None)  # the details as now given
    assert client.get(f"/petitions/signatures/{old_token}/").status_code == 404
    assert client.post(f"/petitions/signatures/{again.token}/").status_code == 200


def test_confirmation_links_expire(open_petition, signer, client, settings):
    settings.TOWNHALL_CONFIRM_LINK_DAYS = 7
    signature = services.sign(open_petition, signer(14))
    before = counts.exact(open_petition.pk)
    Signature.objects.filter(pk=signature.pk).update(
        link_sent_at=timezone.now() - timedelta(days=7, minutes=1)
    )
    page = client.get(f"/petitions/signatures/{signature.token}/")
    assert page.status_code == 410 and "This link has expired" in page.content.decode()
    assert "Sign the petition again" in page.content.decode()
    assert client.post(f"/petitions/signatures/{signature.token}/").status_code == 410
    signature.refresh_from_db()
    with pytest.raises(services.LinkExpired):
        services.confirm_signature(signature)
    assert counts.exact(open_petition.pk) == before
    renewed = services.sign(open_petition, signer(14))  # signing again sends a working link
    assert client.post(f"/petitions/signatures/{renewed.token}/").status_code == 200
    assert counts.exact(open_petition.pk) == before + 1


def test_an_expired_link_to_a_confirmed_signature_still_says_it_counts(
    open_petition, signer, client
):
    signature = services.sign(open_petition, signer(15))
    services.confirm_signature(signature)
    Signature.objects.filter(pk=signature.pk).update(
        link_sent_at=timezone.now() - timedelta(days=30)
    )
    page = client.get(f"/petitions/signatures/{signature.token}/")
    assert page.status_code == 200 and "already confirmed" in page.content.decode()


def test_a_new_petitions_link_expires_and_unconfirmed_records_are_removed(
    open_petition, borough, signer, client
):
    new_petition = services.create(
        borough,
        action="Light the towpath",
        background="Dark.",
        additional_details="",
        organisation=None,
        creator=signer(98, email="late-creator@example.org"),
    )
    Petition.objects.filter(pk=new_petition.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    page = client.post(f"/petitions/start/{new_petition.creator_token}/")
    assert page.status_code == 410 and "Start your petition again" in page.content.decode()
    assert Petition.objects.get(pk=new_petition.pk).state == State.PENDING
    stale = services.sign(open_petition, signer(16))
    fresh = services.sign(open_petition, signer(17))
    Signature.objects.filter(pk=stale.pk).update(link_sent_at=timezone.now() - timedelta(days=8))
    assert fraud.remove_unconfirmed() == (1, 1)
    assert not Petition.objects.filter(pk=new_petition.pk).exists()
    assert not Signature.objects.filter(pk=stale.pk).exists()
    assert Signature.objects.filter(pk=fresh.pk).exists()


def test_a_signature_counts_only_once_confirmed_and_only_once(open_petition, signer):
    before = counts.exact(open_petition.pk)
    signature = services.sign(open_petition, signer(20))
    assert counts.exact(open_petition.pk) == before
    assert services.confirm_signature(signature) is True
    assert services.confirm_signature(signature) is False
    assert counts.exact(open_petition.pk) == before + 1
    confirmed = open_petition.signatures.filter(state=Signature.State.VALIDATED).count()
    assert counts.exact(open_petition.pk) == confirmed


def test_reaching_a_threshold_is_recorded_once_with_its_time(open_petition, signer, borough):
    tier = Threshold.objects.get(scheme__borough=borough, signatures=25)
    paper_needed = tier.signatures - services.total(open_petition) - 1
    services.add_paper_signatures(open_petition, None, paper_needed, date(2026, 11, 1))
    assert not open_petition.reached.exists()
    sign_and_confirm(open_petition, signer(30))
    reached = open_petition.reached.get()
    assert reached.threshold == tier and reached.reached_at <= timezone.now()
    assert services.check_thresholds(open_petition) == []  # once only
    assert open_petition.events.filter(action="threshold reached").count() == 1


def test_paper_signatures_count_towards_thresholds_but_not_online(open_petition):
    online = counts.exact(open_petition.pk)
    services.add_paper_signatures(open_petition, None, 40, date(2026, 11, 1), "Market stall")
    assert counts.exact(open_petition.pk) == online
    assert services.total(open_petition) == online + 40
    assert open_petition.reached.filter(threshold__signatures=25).exists()


def test_the_close_command_closes_what_is_due(open_petition):
    from io import StringIO

    from django.core.management import call_command

    Petition.objects.filter(pk=open_petition.pk).update(closes_at=timezone.now())
    out = StringIO()
    call_command("close_petitions", stdout=out)
    open_petition.refresh_from_db()
    assert open_petition.state == State.CLOSED and "Closed" in out.getvalue()
