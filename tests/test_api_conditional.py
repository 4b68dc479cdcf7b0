"""API answers carry an ETag and CORS; asking again with the ETag gets 304 and no body."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_api_answer_has_an_etag_and_a_repeat_gets_304(client):
    first = client.get("/api/petitions")
    assert first.status_code == 200 and first["Access-Control-Allow-Origin"] == "*"
    etag = first["ETag"]
    again = client.get("/api/petitions", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    changed = client.get("/api/petitions", HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200 and changed.content == first.content


def test_pages_outside_the_api_are_left_alone(client):
    assert not client.get("/petitions/").has_header("Access-Control-Allow-Origin")
