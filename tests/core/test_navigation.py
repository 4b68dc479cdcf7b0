"""The header's main sections (issue 16): on every page, each one a working link, the one
the reader is in marked as current."""

import re

import pytest

pytestmark = pytest.mark.django_db

SECTIONS = ["Petitions", "Events", "Have your say", "Grants", "Council and democracy", "Groups"]


def _main_nav(html: str) -> str:
    return re.search(r'<nav class="th-nav" aria-label="Main">(.*?)</nav>', html, re.S).group(1)


@pytest.mark.parametrize("path", ["/", "/petitions/", "/events/", "/democracy/decisions/"])
def test_every_page_links_to_every_main_section(client, path):
    nav = _main_nav(client.get(path).content.decode())
    links = dict(
        (label, href) for href, label in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', nav)
    )
    assert list(links) == SECTIONS
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_the_section_the_reader_is_in_is_marked_as_current(client):
    nav = _main_nav(client.get("/democracy/decisions/").content.decode())
    assert re.findall(r'aria-current="page">([^<]+)<', nav) == ["Council and democracy"]
    assert "aria-current" not in _main_nav(client.get("/").content.decode())
