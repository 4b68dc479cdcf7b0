"""News: pagination, monthly archives, categories, tags, teasers, feeds and search."""

from datetime import date

import pytest
from defusedxml import ElementTree
from django.utils.html import escape

from townhall.core.services.listing import latest_items
from townhall.news.excerpt import excerpt
from townhall.news.models import NewsCategory, NewsIndexPage, NewsPostPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(alliance) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(alliance.home_page).get()


@pytest.fixture
def many_posts(index):
    category = NewsCategory.objects.create(name="Housing", slug="housing")
    for number in range(23):
        post = index.add_child(
            instance=NewsPostPage(
                title=f"Housing update {number:02d}",
                date=date(2020, 1 + number % 3, 1 + number),
                body=f"<p>Update number {number} about housing.</p>",
                author_name="Ama",
            )
        )
        post.categories.add(category)
        post.tags.add("estates")
        post.save_revision().publish()
    return index


def test_index_pages_ten_posts_with_numbered_links(client, many_posts):
    html = client.get(many_posts.url).content.decode()
    assert html.count('class="th-teasers__item"') == 10
    assert 'aria-label="Page 2"' in html and 'aria-label="Page 3"' in html
    assert 'aria-current="page"' in html
    third = client.get(many_posts.url, {"page": 3}).content.decode()
    assert third.count('class="th-teasers__item"') == 8  # 23 new + 5 demo posts


def test_monthly_archive_and_month_list_with_counts(client, many_posts):
    html = client.get(f"{many_posts.url}2020/02/").content.decode()
    assert "News from February 2020" in html
    assert html.count('class="th-teasers__item"') == 8
    assert "February 2020</a> (8)" in html and "July 2017</a> (3)" in html
    assert client.get(f"{many_posts.url}2020/13/").status_code == 404


def test_category_and_tag_pages(client, many_posts):
    assert "Category: Housing" in client.get(f"{many_posts.url}category/housing/").content.decode()
    assert "Tagged: estates" in client.get(f"{many_posts.url}tag/estates/").content.decode()
    assert client.get(f"{many_posts.url}category/nothing/").status_code == 404
    assert client.get(f"{many_posts.url}tag/nothing/").status_code == 404


def test_excerpt_is_the_first_words_with_an_ellipsis():
    assert excerpt("<p>Short text.</p>") == "Short text."
    long = "<p>" + " ".join(f"word{n}" for n in range(60)) + "</p>"
    assert excerpt(long, words=5) == "word0 word1 word2 word3 word4…"
    assert excerpt("<p>One.</p><p>Two.</p>") == "One. Two."


def test_teasers_on_the_organisation_and_front_pages(client, alliance):
    html = client.get(alliance.home_page.url).content.decode()
    assert "Travelling together for the right to ride" in html
    assert "Read more" in html
    front = client.get("/").content.decode()
    home = alliance.home_page.get_parent()
    assert all(escape(item.title) in front for item in latest_items(home, limit=6))
    assert "Read more" in front


def parse(response):
    return ElementTree.fromstring(
        b"".join(getattr(response, "streaming_content", [response.content]))
    )


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_section_feeds_are_valid_and_name_authors_without_email(client, index, suffix):
    response = client.get(f"{index.url}{suffix}")
    assert response.status_code == 200
    root = parse(response)
    assert root.tag in ("rss", "{http://www.w3.org/2005/Atom}feed")
    body = response.content.decode()
    assert "Notes from the children" in body and "Keith M." in body
    assert "@" not in body.replace("@example.org/", "")


def test_site_category_and_comment_feeds(client, index):
    assert parse(client.get("/feed/")).tag == "rss"
    assert parse(client.get("/feed/atom/")).tag.endswith("feed")
    assert parse(client.get(f"{index.url}category/libraries/feed/")).tag == "rss"
    post = NewsPostPage.objects.child_of(index).get(title__startswith="Notes")
    comments = client.get(f"/comments/feed/{post.pk}/").content.decode()
    assert "Jean on Notes" in comments and "jean@example.org" not in comments
    site = client.get("/comments/feed/").content.decode()
    assert "Ravi" in site and "@example.org" not in site.replace("https://example.org/ravi", "")


def test_pages_advertise_their_feeds(client, index):
    html = client.get(index.url).content.decode()
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html
    post = NewsPostPage.objects.child_of(index).first()
    assert f'href="/comments/feed/{post.pk}/"' in client.get(post.url).content.decode()


def test_site_search_finds_posts(client):
    html = client.get("/search/", {"q": "committee"}).content.decode()
    assert "Notes from the children" in html


def test_a_post_shows_its_image_with_alternative_text(client, index):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Marchers outside the town hall",
        description="Marchers with banners outside Hendon town hall",
        file=ImageFile(buffer, name="march.png"),
    )
    post = NewsPostPage.objects.child_of(index).first()
    post.image = image
    post.save_revision().publish()
    html = client.get(post.url).content.decode()
    assert '<img alt="Marchers with banners outside Hendon town hall"' in html
