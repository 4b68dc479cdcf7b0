"""The header's main sections (issue 16): on every page, each one a working link, the one
the reader is in marked as current."""

import re

import pytest

pytestmark = pytest.mark.django_db

SECTIONS = ["Petitions", "Events", "Have your say", "Grants", "Council and democracy", "Groups"]


def _main_nav(html: str, which: str = "wide") -> str:
    """One of the header's two lists: "wide" for desktops, "folded" for the phone's menu."""
    nav = re.search(r'<nav class="th-nav" aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    return re.search(
        rf'<ul class="th-nav__list th-nav__list--{which}">(.*?)</ul>', nav, re.S
    ).group(1)


def _links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize("path", ["/", "/petitions/", "/events/", "/democracy/decisions/"])
def test_every_page_links_to_every_main_section(client, path):
    nav = _main_nav(client.get(path).content.decode())
    links = dict((label, href) for href, label in _links(nav))
    assert list(links) == SECTIONS
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_on_a_phone_the_same_links_fold_into_a_menu_that_opens_without_javascript(client):
    html = client.get("/events/").content.decode()
    menu = re.search(
        r'<details class="th-nav__menu">\s*<summary[^>]*>Menu</summary>(.*?)</details>', html, re.S
    )
    assert menu, "the phone's menu is a <details> disclosure"
    assert _links(menu.group(1)) == _links(_main_nav(html))
    assert _links(_main_nav(html, "folded")) == _links(_main_nav(html))


def test_the_section_the_reader_is_in_is_marked_as_current(client):
    nav = _main_nav(client.get("/democracy/decisions/").content.decode())
    assert re.findall(r'aria-current="page">([^<]+)<', nav) == ["Council and democracy"]
    assert "aria-current" not in _main_nav(client.get("/").content.decode())


def test_each_page_of_a_groups_section_has_the_groups_own_menu(client, alliance):
    home = alliance.home_page.specific
    children = list(home.get_children().live().public().in_menu())
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


def _section_menu(client, page_url: str) -> list[tuple[str, str]]:
    html = client.get(page_url).content.decode()
    return _links(re.search(r'<nav class="th-section-nav"[^>]*>(.*?)</nav>', html, re.S).group(1))


def test_a_groups_menu_lists_pages_shown_in_menus_and_leaves_out_the_others(client, alliance):
    from townhall.core.models import ContentPage

    home = alliance.home_page.specific
    shown = home.add_child(instance=ContentPage(title="How to get involved", body="<p>Hi</p>"))
    hidden = home.add_child(
        instance=ContentPage(title="Old flyer", body="<p>Old</p>", show_in_menus=False)
    )
    menu = _section_menu(client, home.url)
    assert (shown.url, "How to get involved") in menu  # a new page is in the menu by default
    assert hidden.url not in dict(menu)


def test_a_groups_menu_leads_to_its_petitions_and_statements_once_it_has_some(client, alliance):
    from townhall.petitions.models import Petition

    home_url = alliance.home_page.url
    Petition.objects.filter(organisation=alliance).update(organisation=None)
    labels = [label for _href, label in _section_menu(client, home_url)]
    assert "Petitions" not in labels
    petition = Petition.objects.filter(state=Petition.State.OPEN).first()
    petition.organisation = alliance
    petition.save()
    menu = dict((label, href) for href, label in _section_menu(client, home_url + "?again"))
    assert menu["Petitions"] == "/petitions/?organisation=alliance&amp;state=open"
    listed = client.get("/petitions/?organisation=alliance&state=open").content.decode()
    assert petition.action in listed
    statements = client.get(menu["Statements"].replace("&amp;", "&")).content.decode()
    assert "Children&#x27;s services failed" in statements


@pytest.mark.parametrize(
    ("path", "trail"),
    [
        ("/petitions/1/", ["/", "/petitions/"]),
        ("/democracy/decisions/1/", ["/", "/democracy/decisions/"]),
        (
            "/democracy/meetings/1/",
            ["/", "/democracy/committees/", "/democracy/committees/cabinet/"],
        ),
    ],
)
def test_registers_and_petitions_have_breadcrumbs_back_up(client, path, trail):
    html = client.get(path).content.decode()
    crumbs = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'href="([^"]+)"', crumbs) == trail
