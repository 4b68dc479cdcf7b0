"""Postcodes to wards: loading the ONS directory, and forms that stop asking for the ward."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from townhall.core.models import Borough, Postcode, Ward
from townhall.core.services.postcodes import normalise_postcode, ward_for_postcode
from townhall.petitions.models import Petition, Signature

pytestmark = pytest.mark.django_db
# The shape of the ONS Postcode Directory: more columns than we need, other boroughs' rows,
# and a terminated postcode. The mapping below is made up for the tests.
DIRECTORY = """pcd,pcds,dointr,doterm,oslaua,osward
EN5 4BW,EN5 4BW,198001,,E09000003,E05013628
N11 1AA,N11 1AA,198001,,E09000003,E05013629
N11 1AB,N11 1AB,198001,201512,E09000003,E05013629
SW1A1AA,SW1A 1AA,198001,,E09000033,E05000644
"""


def directory(tmp_path, text: str = DIRECTORY) -> str:
    path = tmp_path / "postcodes.csv"
    path.write_text(text)
    return str(path)


def load(path: str) -> str:
    out = StringIO()
    call_command("load_postcodes", path, borough="E09000003", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "postcode"),
    [("en54bw", "EN5 4BW"), (" N11  1AA ", "N11 1AA"), ("SW1A1AA", "SW1A 1AA"), ("12345", None)],
)
def test_postcodes_are_normalised(text, postcode):
    assert normalise_postcode(text) == postcode


def test_the_directory_loads_only_the_boroughs_current_postcodes(tmp_path):
    assert "Loaded 2 postcodes in Barnet's wards." in load(directory(tmp_path))
    barnet = Borough.objects.get(ons_code="E09000003")
    assert ward_for_postcode(barnet, "en5 4bw").code == "E05013628"
    assert ward_for_postcode(barnet, "N11 1AB") is None  # terminated
    assert not Postcode.objects.filter(postcode="SW1A 1AA").exists()  # another borough


def test_loading_again_replaces_the_boroughs_postcodes(tmp_path):
    load(directory(tmp_path))
    load(directory(tmp_path, "pcds,osward\nEN5 5AA,E05013628\n"))
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["EN5 5AA"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pcds,county\nEN5 4BW,E10000001\n", 'no ward code column ("osward" or'),
        ("ward,osward\nEN5 4BW,E05013628\n", 'no postcode column ("pcds" or'),
        ("pcds,osward\nnot a postcode,E05013628\n", "line 2: 'not a postcode' is not a postcode"),
        ("pcds,osward\nSW1A 1AA,E05000644\n", "no postcode in the file is in one of Barnet's"),
        ("pcds,osward\nEN5 4BW\n", "line 2 has too few columns"),
        ("", "the file is empty"),
    ],
)
def test_a_bad_file_says_what_is_wrong_and_changes_nothing(tmp_path, text, message):
    load(directory(tmp_path))
    with pytest.raises(CommandError) as error:
        load(directory(tmp_path, text))
    assert message in str(error.value) and "No postcodes were changed" in str(error.value)
    assert Postcode.objects.count() == 2


def test_a_missing_file_or_borough_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load(str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="No borough E09999999"):
        call_command("load_postcodes", directory(tmp_path), borough="E09999999")


def _sign(client, petition, postcode: str, email: str):
    return client.post(
        f"/petitions/{petition.pk}/sign/",
        {"name": "Ann Other", "email": email, "postcode": postcode},
        REMOTE_ADDR="192.0.2.77",
    )


def test_with_postcodes_loaded_the_ward_comes_from_the_postcode(client, tmp_path):
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    assert "Choose your ward" in client.get(f"/petitions/{petition.pk}/sign/").content.decode()
    load(directory(tmp_path))
    cache.clear()  # as the page cache's invalidation would, for the cached form
    html = client.get(f"/petitions/{petition.pk}/sign/").content.decode()
    assert "Choose your ward" not in html and "by ward from postcodes" in html
    assert _sign(client, petition, "en5 4bw", "ward@example.org").status_code == 200
    signature = Signature.objects.get(petition=petition, email="ward@example.org")
    assert (signature.postcode, signature.ward.code) == ("EN5 4BW", "E05013628")


def test_a_postcode_outside_the_borough_still_signs_without_a_ward(client, tmp_path):
    load(directory(tmp_path))
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    assert _sign(client, petition, "SW1A 1AA", "visitor@example.org").status_code == 200
    signature = Signature.objects.get(petition=petition, email="visitor@example.org")
    assert signature.ward is None


def test_without_postcodes_the_ward_list_holds_only_the_boroughs_wards(client):
    other = Borough.objects.create(name="Elsewhere", ons_code="E09999998")
    Ward.objects.create(borough=other, code="E05999998", name="Faraway", boundary={})
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    html = client.get(f"/petitions/{petition.pk}/sign/").content.decode()
    assert "Barnet Vale" in html and "Faraway" not in html
