"""The interface's language comes from the address alone, and every page offers the others."""

import re

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

SHIPPED = ["en-gb", "cy", "pl", "ro", "fa"]


def test_the_default_language_keeps_its_addresses(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert response["Content-Language"] == "en-gb"
    assert '<html lang="en-GB" dir="ltr"' in response.content.decode()


@pytest.mark.parametrize(("code", "tag", "direction"), [("cy", "cy", "ltr"), ("fa", "fa", "rtl")])
def test_a_prefix_chooses_the_language_and_its_direction(client, code, tag, direction):
    response = client.get(f"/{code}/search/")
    assert response.status_code == 200
    assert response["Content-Language"] == code
    assert f'<html lang="{tag}" dir="{direction}"' in response.content.decode()


def test_the_browser_language_is_never_read(client):
    """One address is one page for everyone, so caches keep one copy and never vary."""
    response = client.get("/search/", headers={"accept-language": "pl"})
    assert response["Content-Language"] == "en-gb"
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Accept-Language" not in client.get("/pl/search/").get("Vary", "")


@pytest.mark.parametrize("path", ["/xx/search/", "/zz/", "/klingon/petitions/"])
def test_an_unknown_language_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_switcher_names_each_language_in_itself_and_keeps_the_page(client, alliance):
    path = alliance.home_page.url
    html = client.get(f"/ro{path}").content.decode()
    switcher = re.search(r'<nav class="th-languages".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', switcher) == [
        path,
        f"/cy{path}",
        f"/pl{path}",
        f"/fa{path}",
    ]
    assert ">Cymraeg<" in switcher and ">Polski<" in switcher and ">English<" in switcher
    assert 'lang="fa" hreflang="fa" dir="rtl">فارسی<' in switcher
    assert 'aria-current="true">Română<' in switcher


def test_alternates_name_every_language_and_the_default(client):
    html = client.get("/pl/search/").content.decode()
    alternates = dict(re.findall(r'hreflang="([^"]+)" href="http://testserver([^"]+)"', html))
    assert alternates == {
        "en-gb": "/search/",
        "cy": "/cy/search/",
        "pl": "/pl/search/",
        "ro": "/ro/search/",
        "fa": "/fa/search/",
        "x-default": "/search/",
    }


def test_a_site_with_one_language_shows_no_switcher(client, settings):
    settings.LANGUAGES = [("en-gb", "English")]
    assert 'class="th-languages"' not in client.get("/search/").content.decode()


def test_unreviewed_languages_say_so_until_a_person_reviews_them(client, settings):
    assert "th-machine-assisted" not in client.get("/search/").content.decode()
    assert "th-machine-assisted" in client.get("/pl/search/").content.decode()
    settings.TOWNHALL_REVIEWED_LANGUAGES = ["pl"]
    assert "th-machine-assisted" not in client.get("/pl/search/").content.decode()


@pytest.mark.parametrize("code", SHIPPED)
def test_a_string_no_catalogue_has_falls_back_to_english(code):
    with translation.override(code):
        assert (
            translation.gettext("A sentence no catalogue holds") == "A sentence no catalogue holds"
        )


def test_an_answer_kept_for_everyone_is_kept_once_per_language(rf, settings):
    from django.http import HttpResponse

    from townhall.core import pagecache

    settings.TOWNHALL_PAGE_CACHE_SECONDS = 60

    def answer(code: str) -> str:
        with translation.override(code):
            return pagecache.same_for_everyone(
                rf.post("/"),
                "check-your-email",
                (),
                lambda values: HttpResponse(translation.get_language()),
            ).content.decode()

    assert [answer("en-gb"), answer("fa"), answer("en-gb")] == ["en-gb", "fa", "en-gb"]


def test_a_page_with_no_translation_costs_no_more_queries_in_another_language(client, alliance):
    """Which pages have translations is kept per process, so a reader of a page that has none
    costs no query to find that out (bench/render.py --language measures the time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = alliance.home_page.url
    counts = {}
    for turn, prefix in enumerate(("", "/cy", "", "/cy")):  # the second round, kept warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{prefix}{path}", {"cold": turn})  # a new address: rendered
        assert response.status_code == 200 and "X-Townhall-Cache" not in response
        counts[prefix] = len(queries)
    assert counts[""] > 5
    assert counts["/cy"] == counts[""]
