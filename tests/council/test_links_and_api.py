"""Contracts and their decisions; the council's JSON API."""

from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def test_the_contracts_register_and_a_contract_page(client, awarded, business_case):
    listing = client.get("/democracy/contracts/").content.decode()
    assert "Example Services Ltd" in listing and "£12.5m" in listing
    page = client.get(awarded.get_absolute_url()).content.decode()
    assert business_case.title in page and "1 April 2014 to 31 March 2021" in page


def test_a_contract_must_end_after_it_starts(awarded):
    from django.core.exceptions import ValidationError

    awarded.ends_on = date(2010, 1, 1)
    with pytest.raises(ValidationError, match="on or after the start date"):
        awarded.full_clean()


def test_the_api_lists_committees_with_public_roles_only(client):
    committees = client.get("/api/committees").json()["items"]
    chair = next(c for c in committees if c["slug"].startswith("children"))["members"][0]
    assert set(chair) == {"councillor", "party", "ward", "role", "starts_on", "ends_on"}
    assert (chair["councillor"], chair["role"]) == ("Reuben Thompstone", "chair")


def test_the_api_gives_meetings_decisions_and_their_papers(client):
    meetings = client.get("/api/meetings", {"committee": "cabinet-resources"}).json()
    assert meetings["count"] == 1
    detail = client.get(f"/api/meetings/{meetings['items'][0]['id']}").json()
    paper = detail["agenda"][0]["papers"][0]
    assert (paper["title"], paper["page_count"]) == ("NSCSO business case", 4)
    decisions = client.get("/api/decisions", {"body": "cabinet-resources"}).json()
    assert [d["title"][:13] for d in decisions["items"]] == ["Business case"]


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"decided_from": "2012-13-01"}, "decided_from"),
        ({"decided_from": "2013-01-01", "decided_to": "2012-01-01"}, "decided_to"),
        ({"body": "no-such-committee"}, "body"),
        ({"limit": "0"}, ""),
    ],
)
def test_a_bad_api_filter_answers_4xx_with_a_reason(client, query, problem):
    response = client.get("/api/decisions", query)
    assert response.status_code in (400, 422) and problem in str(response.json()["detail"])


def test_the_api_gives_a_programmes_figures_with_their_sources(client, programme):
    programmes = client.get("/api/programmes").json()["items"]
    assert programmes[0]["political_leads"] == ["Daniel Thomas", "Robert Rams"]
    figures = client.get(f"/api/figures/{programme.pk}").json()
    forecast = next(m for m in figures if m["name"] == "Savings forecast")
    assert [(v["on"], v["shown"]) for v in forecast["values"]] == [
        ("2010-11-29", "£102m"),
        ("2012-03-31", "£165m"),
    ]
    assert all(v["source"].startswith("http") for v in forecast["values"])
    assert client.get("/api/figures/999999").status_code == 404


def test_the_api_lists_contracts(client, awarded):
    contracts = client.get("/api/contracts").json()["items"]
    assert {"supplier": "Example Services Ltd", "value": "12500000.00"}.items() <= next(
        c for c in contracts if c["id"] == awarded.pk
    ).items()
