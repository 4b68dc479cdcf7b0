"""The site and its home page kept per process (core.services.sites): Wagtail is handed its
own copy on each page request, and a saved site or a publication shows at once."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from townhall.core.services.sites import site_for

pytestmark = pytest.mark.django_db


def test_each_request_gets_its_own_copy_of_the_site_and_home_page():
    first, second = site_for(RequestFactory().get("/")), site_for(RequestFactory().get("/"))
    assert first == second == Site.objects.get(is_default_site=True)
    assert first is not second and first.root_page is not second.root_page
    assert first.root_page.specific_class is type(first.root_page)  # already specific


def test_a_renamed_site_and_a_republished_home_page_show_at_once():
    site = Site.objects.get(is_default_site=True)
    site_for(RequestFactory().get("/"))
    site.site_name = "Renamed borough"
    site.save()
    assert site_for(RequestFactory().get("/")).site_name == "Renamed borough"
    home = site.root_page.specific
    home.title = "A new home title"
    home.save_revision().publish()
    assert site_for(RequestFactory().get("/")).root_page.title == "A new home title"


def test_a_page_request_asks_the_database_for_no_site(client, alliance):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(alliance.home_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(alliance.home_page.url + "?again").status_code == 200
    assert not [q for q in queries.captured_queries if "wagtailcore_site" in q["sql"]]
