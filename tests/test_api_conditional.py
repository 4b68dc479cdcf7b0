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


def test_an_api_answer_says_when_it_last_changed_and_if_modified_since_gets_304(client, settings):
    """Kept by the page cache, the answer's Last-Modified is when it was stored; asked
    again with that date it is a 304, and once an award changes, a 200 with the change."""
    from django.utils.http import http_date, parse_http_date

    from townhall.grants.models import Award

    settings.TOWNHALL_PAGE_CACHE_SECONDS = 300
    first = client.get("/api/grants/awards")
    stamp = first["Last-Modified"]
    assert first["X-Townhall-Cache"] == "miss"
    assert abs(parse_http_date(stamp) - parse_http_date(http_date())) <= 2
    again = client.get("/api/grants/awards", HTTP_IF_MODIFIED_SINCE=stamp)
    assert again.status_code == 304 and again["Last-Modified"] == stamp
    award = Award.objects.filter(published=True).first()
    award.title = "A changed title for the API to show"
    award.save()  # an award saved bumps the grants tag (grants.signals)
    # Asked with the first copy's date, even within the same second: the new copy, dated later.
    changed = client.get("/api/grants/awards", HTTP_IF_MODIFIED_SINCE=stamp)
    assert changed.status_code == 200 and b"A changed title" in changed.content
    assert parse_http_date(changed["Last-Modified"]) > parse_http_date(stamp)


def test_every_api_listing_answers_a_page_with_its_count(client):
    """One shape for every listing: items and a count, with limit and offset."""
    schema = client.get("/api/openapi.json").json()
    listings = [
        path
        for path, operations in schema["paths"].items()
        if "{" not in path
        and "get" in operations
        and {p["name"] for p in operations["get"].get("parameters", [])} >= {"limit", "offset"}
    ]
    unpaged = [
        path
        for path, operations in schema["paths"].items()
        if "{" not in path
        and "get" in operations
        and path not in listings
        and not path.endswith((".csv", "openapi.json", "docs"))
    ]
    assert not unpaged, unpaged
    for path in listings:
        answer = client.get(path, {"limit": 1})
        assert answer.status_code == 200, path
        body = answer.json()
        assert set(body) == {"items", "count"} and len(body["items"]) <= 1, path


def test_an_answer_the_page_cache_did_not_keep_is_dated_but_not_a_304_by_date(client):
    """With no kept copy to vouch for it, a date is given but only the ETag earns a 304: a
    change within the same second would otherwise be missed."""
    first = client.get("/api/grants/awards")  # the page cache is off in tests
    assert first.has_header("Last-Modified")
    again = client.get("/api/grants/awards", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
