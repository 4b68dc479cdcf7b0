"""The registers in the open data catalogue (issue 20, point 4): each downloadable as CSV
as well as JSON, with when it last changed, and the whole catalogue in DCAT-AP."""

import csv
import io

import pytest

from townhall.council.models import Decision
from townhall.petitions.models import Petition, Signature

pytestmark = pytest.mark.django_db

REGISTERS = [
    "petitions",
    "petition-signatures-by-ward",
    "decisions",
    "meetings",
    "contracts",
    "consultation-results",
]


def _csv(client, path: str) -> list[dict]:
    answer = client.get(path)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(b"".join(answer.streaming_content).decode())))


@pytest.mark.parametrize("slug", REGISTERS)
def test_each_register_is_listed_with_its_csv_and_the_csv_has_rows(client, slug):
    catalogue = client.get("/data/").content.decode()
    assert f'href="/data/registers/{slug}.csv"' in catalogue
    assert _csv(client, f"/data/registers/{slug}.csv")


def test_the_petitions_csv_counts_as_the_pages_do_and_by_ward_sums_to_them(client):
    petitions = {int(row["id"]): row for row in _csv(client, "/data/registers/petitions.csv")}
    public = Petition.objects.filter(state__in=["open", "closed", "rejected"])
    assert set(petitions) == set(public.values_list("pk", flat=True))
    by_ward = _csv(client, "/data/registers/petition-signatures-by-ward.csv")
    for pk in petitions:
        in_wards = Signature.objects.filter(
            petition_id=pk, state="validated", ward__isnull=False
        ).count()
        assert sum(int(r["signatures"]) for r in by_ward if int(r["petition_id"]) == pk) == (
            in_wards
        )
    assert not {"name", "email", "postcode"} & set(by_ward[0])


def test_the_decisions_csv_has_every_decision_and_a_last_updated_date(client):
    rows = _csv(client, "/data/registers/decisions.csv")
    assert len(rows) == Decision.objects.count()
    latest = Decision.objects.order_by("-decided_on").first().decided_on
    assert latest.strftime("%-d %B %Y") in client.get("/data/").content.decode()


def test_consultation_results_give_counts_never_what_people_wrote(client):
    rows = _csv(client, "/data/registers/consultation-results.csv")
    spring = [
        r
        for r in rows
        if r["question_key"] == "trust-council" and "spring 2016" in r["consultation"]
    ]
    assert {r["answer"]: r["count"] for r in spring}["Yes"] == "71"
    assert all(int(r["count"]) <= int(r["answered"]) <= int(r["responses"]) for r in rows)


def test_an_unknown_register_is_a_404(client):
    assert client.get("/data/registers/nothing.csv").status_code == 404


def test_the_catalogue_in_dcat_ap_lists_every_entry_with_its_distributions(client):
    listed = client.get("/data/").content.decode()
    answer = client.get("/data/catalogue.jsonld")
    assert answer["Content-Type"] == "application/ld+json"
    described = answer.json()
    assert described["@type"] == "dcat:Catalog"
    assert described["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    titles = {d["dct:title"] for d in described["dcat:dataset"]}
    assert {"Nitrogen dioxide at Barnet schools", "Petitions", "Consultation results"} <= titles
    assert len(described["dcat:dataset"]) == listed.count('class="th-catalogue-entry"')
    for dataset in described["dcat:dataset"]:
        assert dataset["dct:license"]["@id"].startswith("http")
        assert dataset["dcat:distribution"], dataset["dct:title"]
        for distribution in dataset["dcat:distribution"]:
            assert distribution["dcat:downloadURL"]["@id"].startswith("http://testserver/")


def test_every_register_says_when_it_last_changed(client):
    """The catalogue's "Last updated" for each entry with records: here, every one."""
    catalogue = client.get("/data/").content.decode()
    entries = catalogue.split('class="th-catalogue-entry"')[1:]
    assert entries and all("Last updated" in entry for entry in entries)


def test_the_catalogue_leads_to_the_api_and_its_documentation(client):
    catalogue = client.get("/data/").content.decode()
    assert 'href="/api/docs"' in catalogue and 'href="/api/openapi.json"' in catalogue
    assert client.get("/api/docs").status_code == 200
