"""The public API: petitions, their counts and wards, and never a person's details."""

import pytest

from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def glyphosate():
    return Petition.objects.get(action__startswith="Stop using glyphosate")


def test_list_and_detail(client, glyphosate):
    listed = client.get("/api/petitions").json()["items"]
    assert any(p["id"] == glyphosate.pk and p["signatures"] >= 32 for p in listed)
    detail = client.get(f"/api/petitions/{glyphosate.pk}").json()
    assert detail["paper_signatures"] == 12
    assert detail["thresholds"][0]["reached_at"] is not None
    assert detail["response"]["text"].startswith("The council will trial")
    assert sum(w["signatures"] for w in detail["signatures_by_ward"]) == detail["signatures"]


def test_no_personal_data_anywhere(client, glyphosate):
    bodies = [
        client.get("/api/petitions").content,
        client.get(f"/api/petitions/{glyphosate.pk}").content,
        client.get(f"/api/petitions/{glyphosate.pk}/wards.csv").content,
    ]
    for body in bodies:
        assert b"@" not in body and b"Signer" not in body and b"EN5" not in body


def test_wards_csv(client, glyphosate):
    response = client.get(f"/api/petitions/{glyphosate.pk}/wards.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().splitlines()[0] == "ward_code,ward_name,signatures"


def test_unknown_or_unpublished_petitions_are_404_with_a_message(client, glyphosate):
    Petition.objects.filter(pk=glyphosate.pk).update(state="sponsored")
    for path in (
        f"/api/petitions/{glyphosate.pk}",
        "/api/petitions/999999",
        "/api/petitions/999999/wards.csv",
    ):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "No public petition has this id."
    assert client.get("/api/petitions/not-a-number").status_code == 400


def test_openapi_description(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Townhall public API"
    assert "/api/petitions/{pk}" in schema["paths"]


def test_the_api_docs_use_local_assets(client):
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/" in html and "cdn." not in html


@pytest.mark.parametrize(
    "path",
    [
        "/api/decisions?offset=99999999999999999999999",
        "/api/meetings?offset=99999999999999999999999",
        "/api/contracts?limit=0",
        "/api/petitions/99999999999999999999",
        "/api/consultations/not-a-number",
    ],
)
def test_out_of_range_or_malformed_parameters_answer_400_with_the_reason(client, path):
    """Issue 15: these answered 500 (a number too large for the database) or an
    undocumented 422; now 400 says which parameter and why, as the schema documents."""
    response = client.get(path)
    assert response.status_code == 400
    assert response.json()["detail"].split(":")[0] in ("offset", "limit", "pk")


def test_every_operation_with_parameters_documents_its_400(client):
    schema = client.get("/api/openapi.json").json()
    undocumented = [
        (method, path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("parameters") and "400" not in operation["responses"]
    ]
    assert undocumented == []
