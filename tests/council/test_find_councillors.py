"""Finding your councillors by postcode, with some of Barnet's real postcodes loaded."""

import pytest

from townhall.core.models import Ward
from townhall.council.models import Councillor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("barnet_postcodes")]


def test_every_ward_has_councillors_in_the_demo():
    for ward in Ward.objects.all():
        members = Councillor.objects.filter(ward=ward)
        assert members.count() >= 2, ward.name
    made_up = Councillor.objects.exclude(
        slug__in=["robert-rams", "daniel-thomas", "reuben-thompstone"]
    )
    assert made_up.exists()
    assert all(name.endswith("(illustrative)") for name in made_up.values_list("name", flat=True))


def test_a_postcode_finds_its_wards_councillors(client):
    html = client.get("/democracy/councillors/", {"postcode": "n3 1ab"}).content.decode()
    assert "Your councillors in West Finchley ward" in html
    for councillor in Councillor.objects.filter(ward__name="West Finchley"):
        assert councillor.get_absolute_url() in html


def test_the_ward_list_appears_only_when_the_postcode_does_not_answer(client):
    assert 'name="ward"' not in client.get("/democracy/councillors/").content.decode()
    response = client.get("/democracy/councillors/", {"postcode": "N3 9ZZ"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "N3 9ZZ is not one of Barnet&#x27;s postcodes: check it, or choose your ward" in html
    assert 'name="ward"' in html


def test_a_postcode_outside_the_borough_says_so(client):
    html = client.get("/democracy/councillors/", {"postcode": "SW1A 1AA"}).content.decode()
    assert "SW1A 1AA is outside Barnet: its councillors are another council&#x27;s" in html


def test_choosing_a_ward_still_works(client):
    hendon = Ward.objects.get(name="Hendon")
    html = client.get("/democracy/councillors/", {"ward": hendon.code}).content.decode()
    assert "Your councillors in Hendon ward" in html


def test_a_councillor_moderngov_no_longer_lists_is_out_of_lists_search_and_api(client):
    from datetime import date

    gone = Councillor.objects.filter(ward__name="Hendon").first()
    gone.removed_upstream_on = date(2026, 5, 8)
    gone.save()
    assert gone.get_absolute_url() not in client.get("/democracy/councillors/").content.decode()
    found = client.get("/search/", {"q": gone.name.split()[0] + " " + gone.name.split()[1]})
    assert gone.get_absolute_url() not in found.content.decode()
    listed = client.get("/api/councillors", {"limit": 200}).json()["items"]
    assert gone.slug not in [c["id"] for c in listed] and len(listed) > 60
    page = client.get(gone.get_absolute_url()).content.decode()
    assert "no longer lists this councillor" in page and "Write to" not in page
    assert client.get(f"/democracy/councillors/{gone.slug}/write/").status_code == 404
