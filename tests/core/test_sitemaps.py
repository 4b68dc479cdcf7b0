"""/sitemap.xml and /robots.txt (issue 30): public pages and records only, cached, and the
admin, the outbox and every emailed secret's address kept out of crawlers' way."""

import re

import pytest
from django.test import Client, override_settings
from wagtail.models import Page

from townhall.datasets.models import Dataset
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db

SECTIONS = ("pages", "petitions", "councillors", "meetings", "decisions", "datasets")


def _locations(path: str) -> set[str]:
    response = Client().get(path)
    assert response.status_code == 200, path
    return set(re.findall(r"<loc>([^<]+)</loc>", response.content.decode()))


def test_the_index_names_every_section():
    found = _locations("/sitemap.xml")
    assert found == {f"http://testserver/sitemap-{name}.xml" for name in SECTIONS}


def test_every_listed_address_answers_and_none_is_unpublished_or_unconfirmed(client):
    borough = Petition.objects.first().borough
    for state in (Petition.State.PENDING, Petition.State.SPONSORED, Petition.State.HIDDEN):
        Petition.objects.create(borough=borough, action=state, background="-", state=state)
    listed = set().union(*(_locations(f"/sitemap-{name}.xml") for name in SECTIONS))
    unconfirmed = Petition.objects.exclude(state__in=Petition.PUBLIC_STATES)
    for petition in unconfirmed:
        assert f"http://testserver/petitions/{petition.pk}/" not in listed
    for petition in Petition.objects.public():
        assert f"http://testserver/petitions/{petition.pk}/" in listed
        assert f"http://testserver/pl/petitions/{petition.pk}/" in listed  # each language
    for dataset in Dataset.objects.filter(published=False):
        assert not any(f"/{dataset.slug}/" in url for url in listed)
    for draft in Page.objects.filter(live=False).specific():
        assert f"http://testserver{draft.get_url()}" not in listed
    sample = sorted(url for url in listed if "/pl/" not in url)[::25]
    for url in sample:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200, url


def test_a_petition_hidden_leaves_the_cached_sitemap_at_once():
    petition = Petition.objects.public().first()
    address = f"http://testserver/petitions/{petition.pk}/"
    with override_settings(TOWNHALL_PAGE_CACHE_SECONDS=300):
        assert address in _locations("/sitemap-petitions.xml")
        response = Client().get("/sitemap-petitions.xml")
        assert response["X-Townhall-Cache"] == "hit"
        petition.state = Petition.State.HIDDEN
        petition.save()
        assert address not in _locations("/sitemap-petitions.xml")


def test_an_unknown_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_keep_crawlers_out_of_the_admin_outbox_and_emailed_links(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    rules = [
        line.removeprefix("Disallow: ")
        for line in response.content.decode().splitlines()
        if line.startswith("Disallow: ")
    ]
    for kept_out in (
        "/admin/",
        "/outbox/",
        "/*petitions/signatures/*/",
        "/*petitions/start/*/",
        "/*follow/unsubscribe/*/",
        "/*supporters/confirm/*/",
    ):
        assert kept_out in rules
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    # Public pages stay open: no rule is a prefix of the petitions list or a petition.
    assert not any(
        re.match(re.escape(rule).replace(r"\*", ".*"), path)
        for rule in rules
        for path in ("/petitions/", "/petitions/1/", "/democracy/decisions/1/", "/")
    )
