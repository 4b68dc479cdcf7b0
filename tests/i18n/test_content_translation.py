"""Editors' pages in other languages (core.translations, decision 17): a translation is served
at its original's address under its language's prefix, an untranslated page falls back with
a notice, links keep the reader in their language, listings list each page once, "Also in"
names the languages a page exists in, and the page cache forgets what a translation changes.

The demo (loaded once per run) has a council news post and the One Barnet programme in Welsh
and Polish (townhall.demo.translations)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.sql import emit_post_migrate_signal
from django.test import Client, override_settings
from django.utils import translation
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Page

from townhall.core import translations
from townhall.council.models import ProgrammePage
from townhall.news.models import NewsPostPage

pytestmark = pytest.mark.django_db

POST = "/council/news/partnership-board-minutes-now-published/"
POST_TITLE = "Partnership board minutes now published"
WELSH_TITLE = "Cofnodion bwrdd y bartneriaeth wedi&#x27;u cyhoeddi"
UNTRANSLATED = "/council/news/back-office-and-customer-services-contract-approved/"


def _html(path: str, client: Client | None = None) -> str:
    response = (client or Client()).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _original(title: str) -> NewsPostPage:
    return translations.originals(NewsPostPage.objects.filter(title=title)).get()


def _links(html: str) -> list[str]:
    """Every link's address on the page but the language switcher's and "Also in"'s, which
    lead to other languages on purpose (they carry hreflang)."""
    return [
        href
        for tag, href in re.findall(r'(<a\s[^>]*href="([^"]*)"[^>]*>)', html)
        if "hreflang=" not in tag
    ]


# --- Locales -----------------------------------------------------------------------------------


def test_every_configured_language_has_a_locale():
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert {code for code, _name in settings.LANGUAGES} <= codes


@pytest.fixture
def locales_read_again():
    """Locales are kept per process: read again before the test's rollback restores them."""
    yield
    translations.forget_locales()


@pytest.mark.usefixtures("locales_read_again")
def test_migrate_makes_the_locale_of_a_language_added_later():
    """An operator adds a language to TOWNHALL_LANGUAGES: the next migrate makes its locale."""
    Locale.objects.filter(language_code="ro").delete()  # no page is in it
    assert translations.locale_id("ro") is None
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert Locale.objects.filter(language_code="ro").exists()
    assert translations.locale_id("ro") == Locale.objects.get(language_code="ro").pk


# --- Routing and fallback ------------------------------------------------------------------------


def test_a_translated_page_is_served_at_its_originals_address_under_the_prefix():
    html = _html(f"/cy{POST}")
    assert WELSH_TITLE in html
    assert "Mae Bwrdd Partneriaeth Barnet" in html
    assert "illustrative translation made with machine assistance" in html
    assert "th-content-language--fallback" not in html
    polish = _html(f"/pl{POST}")
    assert "Protokoły rady partnerskiej są już publikowane" in polish


def test_the_original_is_unchanged_at_its_own_address():
    html = _html(POST)
    assert "Partnership board minutes now published" in html
    assert WELSH_TITLE not in html


def test_an_untranslated_page_falls_back_to_the_original_with_a_notice():
    html = _html(f"/cy{UNTRANSLATED}")
    assert "Back office and customer services contract approved" in html
    notice = re.search(
        r'<p class="th-content-language th-content-language--fallback".*?</p>', html, re.S
    )
    assert notice is not None
    assert '<span lang="cy" dir="ltr">Cymraeg</span>' in notice.group()
    assert '<span lang="en-gb" dir="ltr">English</span>' in notice.group()


def test_a_routable_pages_own_paths_fall_back_too():
    assert Client().get("/cy/council/news/feed/").status_code == 200
    assert Client().get("/cy/council/news/2011/07/").status_code == 200


def test_an_unknown_language_prefix_is_a_404_not_an_error():
    assert Client().get("/xx/some-page/").status_code == 404
    assert Client().get(f"/xx{POST}").status_code == 404
    assert Client().get("/cy/no-such-page/").status_code == 404


def test_a_page_shown_in_another_language_is_never_saved_over_the_original():
    post = _original(POST_TITLE)
    with translation.override("cy"):
        [shown] = translations.in_reader_language([post])
    assert shown.title != post.title
    with pytest.raises(RuntimeError):
        shown.save()
    post.refresh_from_db()
    assert post.title == "Partnership board minutes now published"


# --- Links stay in the reader's language ------------------------------------------------------


ONE_ADDRESS = ("/admin/", "/documents/", "/api/", "/static/", "/media/", "#", "mailto:", "http")


@pytest.mark.parametrize("path", [POST, UNTRANSLATED, "/council/one-barnet/", "/"])
def test_links_on_a_welsh_page_keep_the_reader_in_welsh(path):
    """Every link the site makes; an address an editor typed into the text (the demo's
    "/democracy/decisions/") is theirs, and still reaches the page, in English."""
    html = _html(f"/cy{path}")
    typed = {"/democracy/decisions/", "/democracy/committees/", "/petitions/1/"}
    stray = [
        href
        for href in _links(html)
        if not href.startswith(("/cy/", "?", *ONE_ADDRESS)) and href not in typed
    ]
    assert stray == []
    assert 'href="/cy/about/"' in html  # the footer's link to the about page
    assert 'href="/cy/"' in html  # the site's name, to its home page


def test_page_urls_follow_the_reader_and_translations_keep_their_own_language():
    post = _original(POST_TITLE)
    welsh = post.get_translation(Locale.objects.get(language_code="cy"))
    with translation.override("en-gb"):
        assert post.url == POST
        assert welsh.url == f"/cy{POST}"
    with translation.override("pl"):
        assert post.url == f"/pl{POST}"
        assert welsh.url == f"/cy{POST}"


# --- One entry per page ------------------------------------------------------------------------


def test_originals_keeps_one_page_of_each_translated_group():
    posts = NewsPostPage.objects.filter(translation_key=_original(POST_TITLE).translation_key)
    assert posts.count() == 3  # English, Welsh, Polish
    assert translations.originals(posts).count() == 1
    assert translations.originals(ProgrammePage.objects.all()).count() == 1


@pytest.mark.parametrize("path", ["/council/news/", "/council/"])
def test_news_index_and_section_home_list_a_translated_post_once(path):
    """Once, as its original, in the reader's language: English here, Welsh under /cy/."""
    html = _html(path)
    assert html.count(f'href="{POST}">{POST_TITLE}</a>') == 1
    assert "Cofnodion" not in html and "Protokoły" not in html
    welsh = _html(f"/cy{path}")
    assert welsh.count(f'href="/cy{POST}">{WELSH_TITLE}</a>') == 1
    assert POST_TITLE not in welsh and "Protokoły" not in welsh


def test_the_home_page_lists_nothing_twice():
    html = _html("/")
    teasers = re.findall(r'<h2 class="th-heading-m"><a href="([^"]+)"', html)
    assert len(teasers) == len(set(teasers))


def test_search_lists_a_translated_post_once():
    html = _html("/search/?q=partnership+board+minutes")
    assert html.count(f"{POST[:-1]}") == 1
    welsh = _html("/cy/search/?q=partnership+board+minutes")
    assert welsh.count(f"/cy{POST[:-1]}") == 1
    assert WELSH_TITLE in welsh


def test_api_lists_a_translated_post_and_programme_once():
    news = Client().get("/api/news?limit=200").json()
    titles = [item["title"] for item in news["items"]]
    assert titles.count(POST_TITLE) == 1
    assert not any(title.startswith(("Cofnodion", "Protokoły")) for title in titles)
    programmes = Client().get("/api/programmes?limit=200").json()
    assert programmes["count"] == 1


def test_feeds_list_a_translated_post_once():
    feed = _html("/council/news/feed/")
    assert feed.count(f"<title>{POST_TITLE}</title>") == 1
    assert "Cofnodion" not in feed
    welsh = _html("/cy/council/news/feed/")
    assert welsh.count("<title>Cofnodion bwrdd y bartneriaeth") == 1


def test_the_decision_page_lists_its_programme_once():
    programme = translations.originals(ProgrammePage.objects.all()).get()
    decision = programme.decisions.first()
    if decision is None:
        pytest.skip("the demo's programme cites no decision")
    html = _html(f"/democracy/decisions/{decision.pk}/")
    assert html.count('href="/council/one-barnet/"') == 1


# --- "Also in" and the alternates ------------------------------------------------------------


def _also_in(html: str) -> list[str]:
    found = re.search(
        r'<p class="th-content-language th-content-language--also-in">.*?</p>', html, re.S
    )
    return re.findall(r'hreflang="([^"]+)"', found.group()) if found else []


def test_also_in_names_exactly_the_languages_a_page_exists_in():
    assert _also_in(_html(POST)) == ["cy", "pl"]
    assert _also_in(_html(f"/cy{POST}")) == ["en-gb", "pl"]
    assert _also_in(_html(UNTRANSLATED)) == []
    html = _html(POST)
    assert f'href="/cy{POST}" lang="cy" hreflang="cy" dir="ltr">Cymraeg</a>' in html


def test_alternates_point_at_the_languages_that_exist():
    html = _html(POST)
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
    assert alternates == ["en-gb", "cy", "pl", "x-default"]
    untranslated = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', _html(UNTRANSLATED))
    assert untranslated == ["en-gb", "x-default"]


def test_alternates_of_a_view_that_is_not_a_page_name_every_language():
    html = _html("/search/")
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
    assert alternates == [code for code, _name in settings.LANGUAGES] + ["x-default"]


def test_a_draft_translation_or_an_alias_is_not_a_language_the_page_exists_in():
    post = _original("Back office and customer services contract approved")
    romanian = Locale.objects.get(language_code="ro")
    CopyPageForTranslationAction(post, romanian, copy_parents=True).execute(
        skip_permission_checks=True
    )  # a draft, under aliases of its parents
    assert translations.languages_of(Page.objects.get(pk=post.pk)) == ["en-gb"]
    assert "th-content-language--fallback" in _html(f"/ro{UNTRANSLATED}")


# --- The page cache ----------------------------------------------------------------------------


@pytest.fixture
def cache_on():
    with override_settings(TOWNHALL_PAGE_CACHE_SECONDS=300):
        yield


def _cache(path: str) -> tuple[str, str]:
    response = Client().get(path)
    return response["X-Townhall-Cache"], response.content.decode()


@pytest.mark.usefixtures("cache_on")
def test_each_language_is_its_own_cache_entry():
    assert _cache(POST)[0] == "miss"
    assert _cache(POST)[0] == "hit"
    state, html = _cache(f"/cy{POST}")
    assert state == "miss" and WELSH_TITLE in html


@pytest.mark.usefixtures("cache_on")
def test_publishing_or_unpublishing_a_translation_refreshes_every_language():
    post = _original("Back office and customer services contract approved")
    for path in (UNTRANSLATED, f"/cy{UNTRANSLATED}", "/council/news/", "/cy/council/news/"):
        _cache(path)
        assert _cache(path)[0] == "hit"
    welsh = CopyPageForTranslationAction(
        post, Locale.objects.get(language_code="cy"), copy_parents=True
    ).execute(skip_permission_checks=True)
    welsh.title = "Contract swyddfa gefn wedi'i gymeradwyo"
    welsh.save_revision().publish()
    state, html = _cache(f"/cy{UNTRANSLATED}")
    assert state == "miss" and "Contract swyddfa gefn" in html
    assert "th-content-language--fallback" not in html
    assert _cache(UNTRANSLATED)[0] == "miss"  # now "Also in: Cymraeg"
    assert _cache("/cy/council/news/")[0] == "miss"
    assert _cache("/cy/council/news/")[0] == "hit"

    welsh.refresh_from_db()  # published by its revision, not through this instance
    welsh.unpublish()
    state, html = _cache(f"/cy{UNTRANSLATED}")
    assert state == "miss" and "th-content-language--fallback" in html
    assert _cache("/cy/council/news/")[0] == "miss"


@pytest.mark.usefixtures("cache_on")
def test_publishing_the_original_refreshes_its_translations_addresses():
    post = _original(POST_TITLE)
    _cache(f"/cy{POST}")
    assert _cache(f"/cy{POST}")[0] == "hit"
    post.save_revision().publish()
    assert _cache(f"/cy{POST}")[0] == "miss"


# --- Editors ---------------------------------------------------------------------------------


def test_editors_may_translate_pages_in_their_section_in_one_step(as_user, alliance):
    client = as_user("alliance-editor")
    post = translations.originals(
        NewsPostPage.objects.live().descendant_of(alliance.home_page)
    ).first()
    polish = Locale.objects.get(language_code="pl")
    assert not post.has_translation(polish)
    form = client.get(f"/admin/translation/submit/page/{post.pk}/")
    assert form.status_code == 200
    answer = client.post(f"/admin/translation/submit/page/{post.pk}/", {"locales": [polish.pk]})
    assert answer.status_code == 302
    copy = post.get_translation(polish)
    assert not copy.live and copy.alias_of is None  # a draft for the editor to translate
    parent = copy.get_parent()
    assert parent.locale_id == polish.pk and parent.alias_of_id == post.get_parent().pk
    assert answer["Location"] == f"/admin/pages/{copy.pk}/edit/"
    assert client.get(answer["Location"]).status_code == 200  # and may edit it


def test_an_editor_may_not_translate_another_sections_page(as_user, council):
    client = as_user("alliance-editor")
    post = _original(POST_TITLE)
    assert client.get(f"/admin/translation/submit/page/{post.pk}/").status_code in (302, 403)


def test_existing_editors_groups_were_given_the_permission_to_translate():
    editor = get_user_model().objects.get(username="alliance-editor")
    moderator = get_user_model().objects.get(username="alliance-moderator")
    assert editor.has_perm("simple_translation.submit_translation")
    assert not moderator.has_perm("simple_translation.submit_translation")
