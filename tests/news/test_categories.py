"""News categories are each organisation's own (issue 16): its editors keep them, its posts
offer only them (and the shared ones), and two groups may use the same name."""

import pytest

from townhall.core.models import Organisation
from townhall.news.models import NewsCategory, NewsIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return Organisation.objects.get(slug="library-campaign")


def test_two_groups_may_each_have_a_category_of_the_same_name(alliance, library):
    NewsCategory.objects.create(organisation=library, name="Libraries", slug="libraries")
    assert NewsCategory.objects.filter(slug="libraries").count() == 2


def test_a_post_form_offers_its_own_groups_categories_and_the_shared_ones(as_user, library):
    NewsCategory.objects.create(organisation=library, name="Opening hours", slug="hours")
    NewsCategory.objects.create(name="Borough-wide", slug="borough")
    news = NewsIndexPage.objects.get(url_path__endswith="/alliance/news/")
    html = as_user("alliance-editor").get(f"/admin/pages/add/news/newspostpage/{news.pk}/")
    html = html.content.decode()
    assert "Libraries" in html and "Borough-wide" in html  # the alliance's own, and shared
    assert "Opening hours" not in html  # the library campaign's


def test_editors_keep_their_own_categories_only(as_user, alliance, library):
    editor = as_user("alliance-editor")
    listing = editor.get("/admin/news_categories/").content.decode()
    assert "Libraries" in listing
    theirs = NewsCategory.objects.create(organisation=library, name="Volunteers", slug="vol")
    assert "Volunteers" not in editor.get("/admin/news_categories/").content.decode()
    assert editor.get(f"/admin/news_categories/edit/{theirs.pk}/").status_code in (302, 403, 404)
    form = editor.get("/admin/news_categories/new/").content.decode()
    assert f'<option value="{alliance.pk}"' in form and f'value="{library.pk}"' not in form
    made = editor.post(
        "/admin/news_categories/new/",
        {"organisation": library.pk, "name": "Sneaky", "slug": "sneaky"},
    )
    assert made.status_code == 200  # refused: not one of theirs
    assert not NewsCategory.objects.filter(slug="sneaky").exists()
    editor.post(
        "/admin/news_categories/new/",
        {"organisation": alliance.pk, "name": "Housing", "slug": "housing"},
    )
    assert NewsCategory.objects.get(slug="housing").organisation == alliance


def test_a_category_page_shows_the_sections_own_category(client, library):
    NewsCategory.objects.create(organisation=library, name="Library news", slug="libraries")
    assert (
        "Category: Libraries" in client.get("/alliance/news/category/libraries/").content.decode()
    )
    assert client.get("/library-campaign/news/category/libraries/").status_code == 200
    assert client.get("/workers-branch/news/category/libraries/").status_code == 404
