"""Signing with a postcode: the ward comes from it, and the ward list is offered only when it
cannot, with the reason."""

import pytest

from townhall.core.models import Postcode, Ward
from townhall.petitions.models import Petition, Signature

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("barnet_postcodes")]


@pytest.fixture
def petition() -> Petition:
    return Petition.objects.filter(state=Petition.State.OPEN).first()


def sign(client, petition, email: str, **data):
    return client.post(
        f"/petitions/{petition.pk}/sign/",
        {"name": "Ann Other", "email": email, **data},
        REMOTE_ADDR="192.0.2.77",
    )


def test_the_form_asks_only_for_the_postcode(client, petition):
    html = client.get(f"/petitions/{petition.pk}/sign/").content.decode()
    assert "by ward from postcodes" in html
    assert 'type="hidden" name="ward"' in html and "Choose your ward" not in html


def test_a_real_postcode_gives_the_ward(client, petition):
    assert sign(client, petition, "ward@example.org", postcode="en5 1ab").status_code == 200
    signature = Signature.objects.get(petition=petition, email="ward@example.org")
    assert (signature.postcode, signature.ward.name) == ("EN5 1AB", "Barnet Vale")


def test_the_postcode_wins_over_a_ward_sent_with_it(client, petition):
    hendon = Ward.objects.get(name="Hendon")
    sign(client, petition, "both@example.org", postcode="EN5 1AB", ward=hendon.pk)
    assert Signature.objects.get(email="both@example.org").ward.name == "Barnet Vale"


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "HA8 7DB"])  # HA8 is partly Barnet's
def test_a_postcode_outside_the_borough_signs_without_a_ward(client, petition, postcode):
    assert sign(client, petition, "visitor@example.org", postcode=postcode).status_code == 200
    assert Signature.objects.get(petition=petition, email="visitor@example.org").ward is None


def test_an_unknown_postcode_offers_the_ward_list_with_the_reason(client, petition):
    response = sign(client, petition, "new@example.org", postcode="N3 9ZZ")
    html = response.content.decode()
    assert response.status_code == 400
    assert "N3 9ZZ is not one of Barnet&#x27;s postcodes: check it, or choose your ward" in html
    assert '<select name="ward"' in html and "Choose your ward" in html
    assert not Signature.objects.filter(email="new@example.org").exists()
    west_finchley = Ward.objects.get(name="West Finchley")
    sign(client, petition, "new@example.org", postcode="N3 9ZZ", ward=west_finchley.pk)
    assert Signature.objects.get(email="new@example.org").ward == west_finchley


def test_a_terminated_postcode_says_so(client, petition):
    Postcode.objects.filter(postcode="N3 1AB").update(terminated_on="2020-06-01")
    html = sign(client, petition, "old@example.org", postcode="N3 1AB").content.decode()
    assert "N3 1AB has not been in use since June 2020" in html
    assert not Signature.objects.filter(email="old@example.org").exists()
