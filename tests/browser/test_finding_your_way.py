"""A resident finds every section from the home page by following links alone, and the
search finds a petition, an event and a word inside a PDF (issue 16)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

SECTIONS = {
    "Petitions": "Petitions to the council",
    "Events": "What's on",
    "Have your say": None,
    "Grants": None,
    "Council and democracy": None,
}


def test_every_section_is_reached_from_the_home_page_by_links(site):
    for label, heading in SECTIONS.items():
        site.goto(site.server_url + "/")
        site.get_by_role("navigation", name="Main").get_by_role("link", name=label).click()
        expect(site.locator("h1")).to_be_visible()
        if heading:
            expect(site.locator("h1")).to_have_text(heading)
        nav = site.get_by_role("navigation", name="Main")
        expect(nav.locator('a[aria-current="page"]:visible')).to_have_text(label)
    site.goto(site.server_url + "/")
    site.get_by_role("navigation", name="Main").get_by_role("link", name="Groups").click()
    site.locator("#groups + ul").get_by_role("link", name=re.compile("Alliance")).first.click()
    group_menu = site.get_by_role("navigation", name="Barnet Alliance for Public Services")
    for label in ("News", "Events", "Petitions", "Statements", "Join", "Donate"):
        expect(group_menu.get_by_role("link", name=label, exact=True)).to_be_visible()
    site.goto(site.server_url + "/council/")
    council_menu = site.get_by_role("navigation", name="Barnet Council")
    for label in ("Committees and meetings", "Decisions", "Contracts", "Consultations"):
        expect(council_menu.get_by_role("link", name=label)).to_be_visible()
    council_menu.get_by_role("link", name="One Barnet programme").click()
    expect(site.locator("h1")).to_have_text(re.compile("One Barnet"))


def test_on_a_phone_the_menu_opens_without_javascript(browser, server_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(server_url + "/")
    petitions = page.get_by_role("link", name="Petitions", exact=True)
    expect(petitions.first).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Petitions").click()
    expect(page.locator("h1")).to_have_text("Petitions to the council")
    context.close()


@pytest.mark.parametrize(
    ("words", "kind", "found"),
    [
        ("glyphosate", "Petitions", "Stop using glyphosate weedkiller"),
        ("screening", "Events", "Film screening"),
        ("savings", "Documents", "One Barnet programme: financial benefits"),
    ],
)
def test_the_search_finds_a_petition_an_event_and_a_word_inside_a_pdf(site, words, kind, found):
    site.goto(site.server_url + "/")
    site.get_by_role("searchbox", name="Search this site").fill(words)
    site.get_by_role("button", name="Search").first.click()
    section = site.get_by_role("region", name=kind)
    expect(section.get_by_role("link", name=re.compile(found)).first).to_be_visible()
    expect(section.locator("mark").first).to_be_visible()


def test_each_roles_dashboard_shows_what_is_waiting(site, browser, server_url):
    # A comment of its own to moderate: other tests may have moderated the demo's.
    site.goto(server_url + "/alliance/news/notes-from-the-childrens-and-libraries-committee/")
    site.get_by_label("Comment *").fill("Is the next meeting open to the public? Asking for us.")
    site.get_by_label("Name *").fill("Dashboard Reader")
    site.get_by_label("Email *").fill("dashboard.reader@example.org")
    site.get_by_role("button", name="Post comment").click()
    expect(site.get_by_text("Your comment is awaiting moderation.").first).to_be_visible()
    for username, waiting in (
        ("alliance-moderator", "comments? awaiting moderation"),
        ("grant-approver", "grant application to decide"),
    ):
        page = browser.new_page()
        sign_in(page, server_url, username)
        panel = page.get_by_role("region", name="Needs your attention")
        expect(panel.get_by_role("link", name=re.compile(waiting))).to_be_visible()
        page.close()
