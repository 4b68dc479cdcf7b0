"""Postcodes to wards: loading the ONS directory (the national file will do), and the one
lookup every form asks."""

import gzip
import zipfile
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from townhall.core.models import Borough, Postcode
from townhall.core.services.postcodes import (
    Outcome,
    look_up_postcode,
    normalise_postcode,
    ward_for_postcode,
)

pytestmark = pytest.mark.django_db
# The shape of the ONS Postcode Directory: more columns than we need, other boroughs' rows
# and a terminated postcode. The postcodes are real; the mapping of the first three to wards
# is made up for these tests (the real one is the demo's, in core/data).
DIRECTORY = """pcd,pcds,dointr,doterm,oslaua,osward
EN5 1AB,EN5 1AB,198001,,E09000003,E05013628
N3  1AB,N3 1AB,198001,,E09000003,E05013648
N11 1NP,N11 1NP,198001,201512,E09000003,E05013629
SW1A1AA,SW1A 1AA,198001,,E09000033,E05000644
"""


@pytest.fixture
def barnet() -> Borough:
    return Borough.objects.get(ons_code="E09000003")


def directory(tmp_path, text: str = DIRECTORY, name: str = "postcodes.csv") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def load(path: str, *options: str) -> str:
    out = StringIO()
    call_command("load_postcodes", path, *options, borough="E09000003", stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("text", "postcode"),
    [("en51ab", "EN5 1AB"), (" N11  1NP ", "N11 1NP"), ("SW1A1AA", "SW1A 1AA"), ("12345", None)],
)
def test_postcodes_are_normalised(text, postcode):
    assert normalise_postcode(text) == postcode


@pytest.mark.parametrize(
    ("postcode", "ward"),
    [("EN5 1AB", "Barnet Vale"), ("n3 1ab", "West Finchley"), ("NW4 4BG", "Hendon")],
)
def test_a_loaded_directory_resolves_barnets_real_postcodes(
    barnet_postcodes, barnet, postcode, ward
):
    found = look_up_postcode(barnet, postcode)
    assert found.outcome is Outcome.FOUND and found.ward.name == ward and found.reason == ""


@pytest.mark.parametrize("postcode", ["SW1A 1AA", "N10 1JH", "HA8 7DB"])
def test_a_postcode_in_another_district_is_outside_the_borough(barnet_postcodes, barnet, postcode):
    found = look_up_postcode(barnet, postcode)
    assert found.outcome is Outcome.OUTSIDE and found.ward is None
    assert found.reason == f"{postcode} is outside Barnet"


def test_another_authoritys_postcode_in_a_shared_district_is_kept_as_outside(
    barnet_postcodes, barnet
):
    harrow = Postcode.objects.get(borough=barnet, postcode="HA8 7DB")
    assert harrow.ward is None
    assert Postcode.objects.filter(borough=barnet, postcode__startswith="HA8 ", ward__isnull=False)
    assert not Postcode.objects.filter(postcode="N10 1JH").exists()  # no district of Barnet's


def test_an_unknown_postcode_in_a_boroughs_district_asks_to_check_it(barnet_postcodes, barnet):
    assert not Postcode.objects.filter(postcode="N3 9ZZ").exists()
    found = look_up_postcode(barnet, "N3 9ZZ")
    assert found.outcome is Outcome.UNKNOWN
    assert found.reason == "N3 9ZZ is not one of Barnet's postcodes: check it"


def test_a_terminated_postcode_says_since_when(barnet_postcodes, barnet):
    Postcode.objects.filter(postcode="EN5 1AB").update(terminated_on=date(2019, 3, 1))
    found = look_up_postcode(barnet, "EN5 1AB")
    assert found.outcome is Outcome.TERMINATED and found.ward is None
    assert found.reason == "EN5 1AB has not been in use since March 2019: give your current one"


def test_a_shape_that_is_no_postcode_and_a_borough_without_a_directory(barnet):
    assert look_up_postcode(barnet, "12345").reason == "Enter a real postcode, like NW4 4BG"
    assert not Postcode.objects.exists()  # the demo ships none: an operator loads the ONS's
    found = look_up_postcode(barnet, "EN5 1AB")
    assert found.outcome is Outcome.NO_DIRECTORY and "not loaded" in found.reason


def test_the_directory_loads_only_the_boroughs_postcodes_with_terminated_ones(tmp_path, barnet):
    out = load(directory(tmp_path))
    assert (
        "Loaded 3 postcodes in Barnet's wards (2 in use, 1 terminated) and 0 other "
        "authorities' postcodes in its districts, of 4 rows read."
    ) in out
    assert ward_for_postcode(barnet, "en5 1ab").code == "E05013628"
    terminated = Postcode.objects.get(postcode="N11 1NP")
    assert terminated.terminated_on == date(2015, 12, 1) and terminated.ward.code == "E05013629"
    assert ward_for_postcode(barnet, "N11 1NP") is None
    assert not Postcode.objects.filter(postcode="SW1A 1AA").exists()  # another borough


def test_a_dry_run_reads_everything_and_stores_nothing(tmp_path):
    before = Postcode.objects.count()
    assert "Would load (dry run, nothing stored) 3 postcodes" in load(
        directory(tmp_path), "--dry-run"
    )
    assert Postcode.objects.count() == before


def test_a_new_directory_is_used_at_once(tmp_path, barnet):
    assert look_up_postcode(barnet, "EN5 1AB").outcome is Outcome.NO_DIRECTORY  # now cached
    load(directory(tmp_path))
    assert look_up_postcode(barnet, "EN5 1AB").found


def test_the_onss_zip_and_a_gzipped_file_are_read_as_they_come(tmp_path):
    archive = tmp_path / "ONSPD_NOV_2025.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Documents/Codes.csv", "code,name\nE09000003,Barnet\n")
        zipped.writestr(
            "Data/ONSPD_NOV_2025_UK.csv", DIRECTORY + DIRECTORY[DIRECTORY.index("\n") + 1 :] * 50
        )
    assert "Loaded 3 postcodes" in load(str(archive))
    packed = tmp_path / "nspl.csv.gz"
    packed.write_bytes(gzip.compress(b"pcds,osward\nEN5 1AB,E05013628\n"))
    assert "Loaded 1 postcodes" in load(str(packed))


def test_loading_again_replaces_the_boroughs_postcodes(tmp_path):
    load(directory(tmp_path))
    load(directory(tmp_path, "pcds,osward\nEN5 1AB,E05013628\n"))
    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["EN5 1AB"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pcds,county\nEN5 1AB,E10000001\n", 'no ward code column ("osward" or'),
        ("ward,osward\nEN5 1AB,E05013628\n", 'no postcode column ("pcds" or'),
        ("pcds,osward\nnot a postcode,E05013628\n", "line 2: 'not a postcode' is not a postcode"),
        ("pcds,osward\nSW1A 1AA,E05000644\n", "no postcode in the file is in one of Barnet's"),
        ("pcds,osward\nEN5 1AB\n", "line 2 has too few columns"),
        ("pcds,osward,doterm\nEN5 1AB,E05013628,2019\n", "line 2: '2019' is not a month"),
        ("", "the file is empty"),
    ],
)
def test_a_bad_file_says_what_is_wrong_and_changes_nothing(tmp_path, text, message):
    before = Postcode.objects.count()
    with pytest.raises(CommandError) as error:
        load(directory(tmp_path, text))
    assert message in str(error.value) and "No postcodes were changed" in str(error.value)
    assert Postcode.objects.count() == before


def test_bad_bytes_and_a_truncated_archive_are_named(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"pcds,osward\nEN5 1AB,E05013628\nN3 1AB,Caf\xe9\n")
    with pytest.raises(CommandError, match="line 3 is not UTF-8 text"):
        load(str(latin))
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(gzip.compress(DIRECTORY.encode() * 20)[:-40])
    with pytest.raises(CommandError, match="cannot be read to its end"):
        load(str(cut))


def test_a_missing_file_or_borough_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load(str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="No borough E09999999"):
        call_command("load_postcodes", directory(tmp_path), borough="E09999999")


def test_loading_empties_the_page_cache_of_forms_that_asked_for_the_ward(
    client, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    assert 'name="ward"' in client.get("/democracy/councillors/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        load(directory(tmp_path))
    assert 'name="ward"' not in client.get("/democracy/councillors/").content.decode()


def test_removing_the_directory_brings_the_ward_list_back(barnet_postcodes, barnet, client):
    from townhall.core.services.postcode_directory import remove_postcodes

    assert look_up_postcode(barnet, "EN5 1AB").found
    assert remove_postcodes(barnet) > 0
    assert look_up_postcode(barnet, "EN5 1AB").outcome is Outcome.NO_DIRECTORY
