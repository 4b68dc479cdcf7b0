"""Search, the demo outbox, error pages and the base layout's accessibility landmarks."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_pages_and_documents(client):
    html = client.get("/search/", {"q": "constitution"}).content.decode()
    assert "Our aims" in html or "Constitution" in html
    assert "Constitution of the Alliance" in html  # a document
    assert "PDF" in html


def test_search_copes_with_odd_queries(client):
    odd = ['"', 'a"b', "x'\"><svg onload=alert(1)>", "NEAR(", "col:x", "AND OR NOT", "(", "^"]
    for query in ["", " ", "x" * 10_000, "<script>alert(1)</script>", "'; DROP TABLE", *odd]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


def test_outbox_is_shown_only_when_switched_on(client, settings):
    assert client.get("/outbox/").status_code == 200
    settings.TOWNHALL_SHOW_OUTBOX = False
    assert client.get("/outbox/").status_code == 404
    assert b"Demo outbox" not in client.get("/").content


def test_unknown_pages_get_a_helpful_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_layout_has_skip_link_and_landmarks(client):
    html = client.get("/").content.decode()
    assert '<a href="#main-content" class="th-skip-link">' in html
    assert 'id="main-content"' in html and "<header" in html and "<footer" in html
    assert 'role="search"' in html and 'lang="en-GB"' in html


def test_documents_list_type_size_and_date_and_download(client, alliance):
    html = client.get(alliance.home_page.url).content.decode()
    assert "Constitution of the Alliance" in html
    assert "PDF, " in html and "bytes" in html and "Published" in html
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(title="Constitution of the Alliance")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_contact_block_is_shown(client, alliance):
    html = client.get(alliance.home_page.url).content.decode()
    assert "alliance@example.org" in html and "N12 7NN" in html
