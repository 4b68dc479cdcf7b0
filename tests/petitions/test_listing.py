"""The petitions list as petition.parliament.uk readers expect it: by state, by topic, by
the organisation behind it, sorted by signatures or date; and a petition's own page says
who started it, when it closes, and how to share it (issue 16)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from townhall.petitions import counts
from townhall.petitions.models import Petition

pytestmark = pytest.mark.django_db


def _listed(client, **query) -> list[str]:
    html = client.get("/petitions/", query).content.decode()
    return re.findall(r'<h2 class="th-heading-s"><a href="/petitions/\d+/">([^<]+)</a>', html)


@pytest.fixture
def glyphosate():
    return Petition.objects.get(action__startswith="Stop using glyphosate")


@pytest.fixture
def library():
    return Petition.objects.get(action__startswith="Keep Friern Barnet Library")


def test_open_petitions_are_sorted_by_signatures_by_default_and_by_date_on_request(
    client, glyphosate, library
):
    assert counts.exact(glyphosate.pk) > counts.exact(library.pk)
    assert _listed(client)[:2] == [glyphosate.action, library.action]
    Petition.objects.filter(pk=glyphosate.pk).update(opened_at=library.opened_at.replace(year=2000))
    assert _listed(client, sort="newest")[:2] == [library.action, glyphosate.action]


def test_a_topic_or_an_organisation_narrows_the_list(client, glyphosate, library, alliance):
    Petition.objects.filter(pk=glyphosate.pk).update(topic="environment", organisation=alliance)
    assert _listed(client, topic="environment") == [glyphosate.action]
    assert _listed(client, organisation="alliance") == [glyphosate.action]
    assert library.action in _listed(client, topic="")
    html = client.get("/petitions/", {"organisation": "alliance"}).content.decode()
    assert '<option value="alliance" selected>' in html


@pytest.mark.parametrize(
    "query",
    [
        {"state": "pending"},  # not public: shows the open ones
        {"topic": "<script>"},
        {"sort": "password"},
        {"organisation": "nobody"},
        {"page": "9999"},
        {"state": ["closed", "open"]},  # repeated: the last counts
    ],
)
def test_unknown_filters_fall_back_to_the_defaults_and_never_fail(client, glyphosate, query):
    response = client.get("/petitions/", query)
    assert response.status_code == 200
    assert glyphosate.action in response.content.decode()
    assert "&lt;script&gt;" not in response.content.decode()


def test_a_state_tab_keeps_the_topic_chosen(client):
    html = client.get("/petitions/", {"topic": "housing"}).content.decode()
    tab = re.search(r'<a href="([^"]+)">Closed</a>', html).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(tab).query) == {"topic": ["housing"], "state": ["closed"]}


def test_a_moderator_can_set_the_topic_when_approving(glyphosate):
    from townhall.petitions import services

    petition = Petition.objects.create(
        borough=glyphosate.borough, action="Fix the lights", background="Dark", state="sponsored"
    )
    petition.signatures.create(name="Ann", email="ann@example.org", is_creator=True)
    services.approve(petition, None, "transport")
    petition.refresh_from_db()
    assert petition.state == "open" and petition.topic == "transport"


def test_the_petition_page_names_its_creator_its_closing_date_and_has_plain_share_links(
    client, glyphosate
):
    creator = glyphosate.signatures.get(is_creator=True)
    html = client.get(f"/petitions/{glyphosate.pk}/").content.decode()
    assert f"<bdi>{creator.name}</bdi>" in html
    # The page gives the day in London, which is the next day near midnight in summer.
    assert f"{timezone.localtime(glyphosate.closes_at):%-d %B %Y}" in html
    share = re.search(r'<div class="th-share">(.*?)</div>', html, re.S).group(1)
    hrefs = re.findall(r'href="([^"]+)"', share)
    assert [urlsplit(h.replace("&amp;", "&")).scheme for h in hrefs] == ["mailto"] + ["https"] * 4
    hosts = {urlsplit(h).hostname for h in hrefs[1:]}
    assert hosts == {"wa.me", "www.facebook.com", "x.com", "bsky.app"}
    petition_url = f"/petitions/{glyphosate.pk}/"
    assert all(petition_url.replace("/", "%2F") in h or petition_url in h for h in hrefs)
    assert "<script" not in share


def test_once_signers_are_anonymised_the_creator_is_no_longer_named(client, glyphosate):
    creator = glyphosate.signatures.get(is_creator=True)
    glyphosate.signatures.update(name="")
    html = client.get(f"/petitions/{glyphosate.pk}/").content.decode()
    assert "Created by" not in html and creator.name not in html
