"""Staff searches take any text (issue 30): full-text syntax typed into an admin search box
(FTS5's on SQLite, tsquery's on PostgreSQL) is a search for its words, never a 500. Every
admin view that searches is swept: each listing, results, search and chooser URL without a
parameter in its address, as a superuser, who reaches them all."""

import re

import pytest

from tests.test_access_matrix import ROUTES

pytestmark = pytest.mark.django_db

# Operators, quotes, brackets, column filters and prefixes of both databases' query languages,
# alone, unclosed and inside a phrase: what a 500 was seen for, and what could be next.
SYNTAX = [
    '"', '"unclosed', 'unclosed"', '""', '"a" "b"', 'a"b', "'", "\\",
    "AND(", "a AND", "AND", "OR", "a OR", "NOT", "NOT a", "-x", "+", "^", "^a",
    "*", "a*", "*a", "NEAR(", "NEAR(a b)", ":", "(", ")", "a)", "col:term", "title:term",
    "{title body}: a", "&", "a & b", "|", "!", "<->", ":*",
]  # fmt: skip
PAYLOADS = SYNTAX + [f'"{payload}' for payload in SYNTAX if '"' not in payload]
# Every admin search goes through the one backend, so the sweep of them all sends a sample of
# each kind (quotes, operators, prefixes, columns, brackets), and the two searches named in
# the issue get every payload: about 600 requests, not 3,000.
SAMPLE = ['"', '"unclosed', 'a"b', "'", "\\", "AND(", "NEAR(", "-x", "^", "*a", "col:term", "(",
          "<->", ":*", '"NOT a']  # fmt: skip
SEARCHES = re.compile(r"(index|list|choose|search|results)$")


def _searching_routes() -> list:
    """Admin URLs named as listings, results, searches or choosers, with no parameter in the
    address. A listing whose results URL is listed too is left out: both run the same search."""
    named = {
        r.key: r
        for r in ROUTES
        if r.route.startswith("admin/")
        and SEARCHES.search(r.key)
        and not re.search(r"[<^$]", r.route)
    }
    return [
        route
        for key, route in named.items()
        if not (re.search(r"(index|list|choose)$", key) and f"{key}_results" in named)
    ]


ROUTES_SEARCHED = _searching_routes()


@pytest.fixture
def admin(as_user):
    client = as_user("admin")
    client.raise_request_exception = False
    return client


def test_the_sweep_covers_the_searches_named_in_the_issue():
    paths = {"/" + route.route for route in ROUTES_SEARCHED}
    assert {"/admin/documents/chooser/results/", "/admin/choose-page/search/"} <= paths
    assert "/admin/pages/search/" in paths  # the admin's own search, across every page
    assert len(ROUTES_SEARCHED) > 40


@pytest.mark.parametrize("url", ["/admin/documents/", "/admin/choose-page/search/"])
def test_the_searches_named_in_the_issue_take_every_payload(admin, url):
    failed = [p for p in PAYLOADS if admin.get(url, {"q": p}).status_code != 200]
    assert failed == []


@pytest.mark.parametrize("route", ROUTES_SEARCHED, ids=lambda r: r.key)
def test_full_text_syntax_is_searched_for_as_words(admin, route):
    """Each payload gets the answer a plain word gets (a listing that does not search at all
    answers both the same way), and never a server error."""
    path = "/" + route.route
    plain = admin.get(path, {"q": "x"}).status_code
    assert plain < 500
    answers = {payload: admin.get(path, {"q": payload}).status_code for payload in SAMPLE}
    assert {p: status for p, status in answers.items() if status != plain} == {}


def test_a_document_is_still_found_by_a_word_of_its_title(admin):
    title = "One Barnet programme: financial benefits"
    for query in ("financial", '"financial', '"financial benefits"', "(financial*"):
        assert title in admin.get("/admin/documents/", {"q": query}).content.decode(), query
    assert title not in admin.get("/admin/documents/", {"q": "glyphosate"}).content.decode()


def test_a_page_is_still_chosen_by_a_word_of_its_title(admin):
    html = admin.get("/admin/choose-page/search/", {"q": '"library'}).content.decode()
    assert "Volunteers: the library petition stall in North Finchley" in html
