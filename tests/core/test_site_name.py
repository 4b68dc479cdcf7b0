"""The site's name in every page's header comes from the shared cache, and follows edits."""

import pytest
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_the_header_shows_the_sites_name_and_a_renamed_site_at_once(client):
    site = Site.objects.get(is_default_site=True)
    assert f">{site.site_name}<" in client.get("/petitions/help/").content.decode()
    site.site_name = "Townhall Barnet (renamed)"
    site.save()
    assert "Townhall Barnet (renamed)" in client.get("/petitions/help/").content.decode()


def test_an_unknown_host_gets_the_default_sites_name(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.filter(is_default_site=True).update(site_name="The default site")
    Site.objects.get(is_default_site=True).save()  # clears the cached names
    html = client.get("/petitions/help/", HTTP_HOST="elsewhere.example").content.decode()
    assert "The default site" in html
