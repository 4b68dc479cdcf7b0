"""The anonymous page cache: hits, personal bypasses, what a proxy may keep, exact
invalidation."""

import pytest
from django.test import Client, override_settings

from townhall.comments.models import Comment
from townhall.core import pagecache
from townhall.news.models import NewsPostPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("cache_on")]


@pytest.fixture
def cache_on():
    with override_settings(TOWNHALL_PAGE_CACHE_SECONDS=300):
        yield


@pytest.fixture
def post(alliance):
    return NewsPostPage.objects.descendant_of(alliance.home_page).first()


def test_second_anonymous_view_is_served_from_the_cache(post):
    first, second = Client().get(post.url), Client().get(post.url)
    assert (first["X-Townhall-Cache"], second["X-Townhall-Cache"]) == ("miss", "hit")
    assert first.content.count(b"csrfmiddlewaretoken") == second.content.count(
        b"csrfmiddlewaretoken"
    )


def test_readers_without_a_session_get_the_same_bytes_and_no_token(post):
    first = Client().get(post.url)
    second = Client().get(post.url)
    assert second["X-Townhall-Cache"] == "hit"
    assert first.content == second.content
    assert b"csrfmiddlewaretoken" not in second.content
    assert not first.cookies and not second.cookies


def test_signed_in_and_message_carrying_requests_bypass_the_cache(post, as_user):
    Client().get(post.url)
    assert "X-Townhall-Cache" not in as_user("admin").get(post.url)
    reader = Client()
    reader.post("/feedback/useful/", {"path": post.url, "page": post.pk, "useful": "yes"})
    response = reader.get(post.url)
    assert "Thank you for your feedback" in response.content.decode()


def test_a_newly_approved_comment_appears_at_once(post, django_capture_on_commit_callbacks):
    Client().get(post.url)
    comment = Comment.objects.create(
        page=post,
        author_name="Late",
        author_email="l@example.org",
        content="Just approved.",
        status="pending",
    )
    assert Client().get(post.url)["X-Townhall-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comment.status = "approved"
        comment.save()
    response = Client().get(post.url)
    assert response["X-Townhall-Cache"] == "miss"
    assert "Just approved." in response.content.decode()


def test_a_comment_invalidates_only_its_own_page(
    post, alliance, django_capture_on_commit_callbacks
):
    other = alliance.home_page
    Client().get(post.url), Client().get(other.url)
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(
            page=post, author_name="A", author_email="a@example.org", content="x", status="approved"
        )
    assert Client().get(other.url)["X-Townhall-Cache"] == "hit"
    assert Client().get(post.url)["X-Townhall-Cache"] == "miss"


def test_publishing_a_post_refreshes_its_index_and_home_pages(post, alliance):
    index = post.get_parent()
    for url in (index.url, alliance.home_page.url, "/"):
        Client().get(url)
    post.title = "A retitled post"
    post.save_revision().publish()
    for url in (index.url, alliance.home_page.url, "/"):
        response = Client().get(url)
        assert response["X-Townhall-Cache"] == "miss", url
    assert "A retitled post" in Client().get(index.url).content.decode()


def test_a_like_shows_at_once(post):
    Client().get(post.url)
    Client().post("/feedback/like/", {"path": post.url, "page": post.pk})
    assert "1 person likes this page" in Client().get(post.url).content.decode()


def test_feeds_are_cached_and_refreshed_by_comments(post, django_capture_on_commit_callbacks):
    assert Client().get("/comments/feed/")["X-Townhall-Cache"] == "miss"
    assert Client().get("/comments/feed/")["X-Townhall-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        Comment.objects.create(
            page=post,
            author_name="Feedy",
            author_email="f@example.org",
            content="In the feed.",
            status="approved",
        )
    assert "In the feed." in Client().get("/comments/feed/").content.decode()


def test_changing_a_contact_block_refreshes_every_page(alliance):
    Client().get(alliance.home_page.url)
    contact = alliance.home_page.specific.contact
    contact.phone = "020 0000 1111"
    contact.save()
    response = Client().get(alliance.home_page.url)
    assert response["X-Townhall-Cache"] == "miss"
    assert "020 0000 1111" in response.content.decode()


def _cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


@pytest.mark.parametrize("reader", ["first", "second"])
def test_anonymous_pages_may_be_shared_by_a_proxy_for_seconds(post, settings, reader):
    settings.TOWNHALL_SHARED_PAGE_SECONDS = 10
    responses = [Client().get(post.url), Client().get(post.url)]  # a miss, then a hit
    response = responses[reader == "second"]
    parts = _cache_control(response)
    assert {"public", "max-age=0"} <= parts  # browsers ask each time; the proxy keeps it
    (max_age,) = [int(p.split("=")[1]) for p in parts if p.startswith("s-maxage=")]
    assert 1 <= max_age <= 10


def test_a_proxy_is_told_only_what_is_left_of_the_cached_time(post, settings, monkeypatch):
    settings.TOWNHALL_SHARED_PAGE_SECONDS = 10
    monkeypatch.setattr(pagecache, "_now", lambda: 1000.0)
    Client().get(post.url)
    monkeypatch.setattr(pagecache, "_now", lambda: 1007.0)
    later = Client().get(post.url)
    assert later["X-Townhall-Cache"] == "hit"
    assert "s-maxage=3" in _cache_control(later)


def test_a_petition_page_is_shared_no_longer_than_its_count_may_lag():
    from townhall.petitions.models import Petition

    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    response = Client().get(f"/petitions/{petition.pk}/")
    assert {"public", "max-age=0", "s-maxage=3"} <= _cache_control(response)


def test_feeds_and_the_api_may_be_kept_briefly_by_a_proxy(settings):
    settings.TOWNHALL_SHARED_CACHE_SECONDS = 60
    for path, max_age in (("/feed/", 60), ("/api/petitions", 3)):
        for response in (Client().get(path), Client().get(path)):  # a miss, then a hit
            assert response.status_code == 200
            parts = _cache_control(response)
            assert "public" in parts and f"stale-while-revalidate={max_age}" in parts, path
            (age,) = [int(p.split("=")[1]) for p in parts if p.startswith("max-age=")]
            assert max_age - 1 <= age <= max_age, path


def test_personal_links_and_signed_in_pages_are_not_kept(as_user):
    from townhall.petitions.models import Signature

    signature = Signature.objects.filter(state="pending").first() or Signature.objects.first()
    response = Client().get(f"/petitions/signatures/{signature.token}/")
    assert {"no-store", "private"} <= _cache_control(response)
    response = as_user("alliance-editor").get("/petitions/")
    assert "private" in _cache_control(response) and "public" not in _cache_control(response)


def test_pages_from_the_cache_keep_the_security_headers(client, post):
    first = client.get(post.url)
    cached = client.get(post.url)
    assert cached["X-Townhall-Cache"] == "hit"
    for header in (
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Security-Policy",
        "Permissions-Policy",
    ):
        assert cached.get(header) == first.get(header) is not None, header
    assert cached["X-Frame-Options"] == "DENY"


def test_the_site_allows_no_inline_script_and_no_framing_and_the_admin_only_its_own(
    client, post, as_user
):
    """Issue 15: a script slipped into a page would not run, and no other site frames one."""
    page = client.get(post.url)["Content-Security-Policy"]
    assert "script-src 'self';" in page and "'unsafe-inline'" not in page
    assert "frame-ancestors 'none'" in page
    assert "camera=()" in client.get(post.url)["Permissions-Policy"]
    admin = as_user("alliance-editor").get("/admin/")["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in admin  # the editor's preview panel frames the site
    static = client.get("/static/townhall/townhall.css")
    assert static.status_code in (200, 404) and "Content-Security-Policy" in static


def test_an_answer_the_same_for_everyone_is_rendered_once_with_each_persons_values(rf):
    from django.http import HttpResponse

    renders = []

    def render(values):
        renders.append(values)
        return HttpResponse(f"<p>Sent to {values['email']}</p>")

    def answer(email):
        return pagecache.same_for_everyone(
            rf.post("/"), "thanks:1", ("petition:1",), render, email=email
        )

    first, second = answer("a@example.org"), answer("<b>@example.org")
    assert first.content == b"<p>Sent to a@example.org</p>"
    assert second.content == b"<p>Sent to &lt;b&gt;@example.org</p>"  # escaped
    assert len(renders) == 1 and renders[0] == {"email": "__townhall_email__"}
    pagecache.invalidate("petition:1")
    answer("c@example.org")
    assert len(renders) == 2


def test_a_person_with_a_session_gets_the_answer_rendered_for_them(rf, settings):
    from django.http import HttpResponse

    request = rf.post("/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
    response = pagecache.same_for_everyone(
        request, "thanks:2", (), lambda values: HttpResponse(values["email"]), email="me@x.org"
    )
    assert response.content == b"me@x.org"


@pytest.mark.parametrize("path", ["/", "/petitions/", "/comments/feed/"])
def test_every_shared_answer_varies_on_cookies(path):
    """A proxy keeps one copy for readers without a session: a signed-in reader's cookie
    must send them past it (issue 30: the cached home page said nothing of cookies)."""
    for expected in ("miss", "hit"):
        response = Client().get(path)
        assert response["X-Townhall-Cache"] == expected
        assert "public" in response["Cache-Control"]
        assert "Cookie" in response.get("Vary", ""), (path, expected)
