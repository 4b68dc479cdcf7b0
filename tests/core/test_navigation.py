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


def test_each_page_of_a_groups_section_has_the_groups_own_menu(client, alliance):
    home = alliance.home_page.specific
    children = list(home.get_children().live().public())
    assert children  # the demo group has news, events and aims under its home page
    for page in [home, children[0]]:
        html = client.get(page.url).content.decode()
        menu = re.search(
            r'<nav class="th-section-nav" aria-label="([^"]+)">(.*?)</nav>', html, re.S
        )
        assert menu and menu.group(1) == alliance.name
        for child in children:
            assert f'href="{child.url}"' in menu.group(2)
        assert 'href="/join/alliance/"' in menu.group(2)


def test_pages_outside_any_group_have_no_group_menu(client):
    assert 'class="th-section-nav"' not in client.get("/petitions/").content.decode()


def test_the_councils_pages_lead_to_its_registers_and_ask_nobody_to_join_it(client, council):
    html = client.get(council.home_page.url).content.decode()
    menu = re.search(r'<nav class="th-section-nav"[^>]*>(.*?)</nav>', html, re.S).group(1)
    for path in ("/democracy/committees/", "/democracy/decisions/", "/democracy/contracts/"):
        assert f'href="{path}"' in menu
    assert 'href="/consultations/"' in menu and 'href="/grants/"' in menu
    assert "/join/council/" not in html and "Join the campaign" not in html
