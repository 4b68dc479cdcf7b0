"""Issue 18's organiser path: a resident joins a group, an organiser tags them, makes a
segment of the tag and sends it a mailing; the resident finds it in the outbox and stops
the group's emails with one click, which the mailing's figures then show."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def join(site, email: str) -> None:
    site.goto(f"{site.server_url}/join/alliance/")
    site.get_by_label("Your name").fill("Rosa Parks")
    site.get_by_label("Email address").fill(email)
    site.get_by_label("Yes, you may email me").check()
    site.get_by_role("button", name="Join the campaign").click()
    site.goto(f"{site.server_url}/outbox/")
    site.get_by_role("row").filter(has_text=email).get_by_role(
        "link", name="Confirm that you want to join"
    ).click()
    site.get_by_role("link", name="/supporters/confirm/").first.click()
    site.get_by_role("button", name="Join ").click()
    expect(site.get_by_role("heading", name="You have joined")).to_be_visible()


def test_an_organiser_tags_a_new_supporter_and_mails_them_and_they_unsubscribe(
    site, browser, server_url
):
    email = f"rosa-{uuid.uuid4().hex[:8]}@example.org"
    tag = f"stall-{uuid.uuid4().hex[:6]}"
    join(site, email)

    organiser = browser.new_context().new_page()
    organiser.set_default_timeout(10_000)
    sign_in(organiser, server_url, "alliance-editor")
    organiser.goto(f"{server_url}/admin/people/?q={email}")
    organiser.get_by_role("link", name="Rosa Parks").click()
    organiser.get_by_label("Add new tags").fill(tag)
    organiser.get_by_role("button", name="Save").click()
    expect(organiser.get_by_text("updated", exact=False).first).to_be_visible()

    organiser.goto(f"{server_url}/admin/segments/new/")
    organiser.get_by_label("Name").fill(f"Helpers {tag}")
    organiser.get_by_label("Tag").select_option(label=tag)
    organiser.get_by_role("button", name="Create").click()
    organiser.get_by_role("link", name=f"Helpers {tag}").click()
    expect(organiser.locator("dd").first).to_have_text("1")

    organiser.goto(f"{server_url}/admin/mailings/new/")
    organiser.get_by_label("Segment").select_option(label=f"Helpers {tag}")
    organiser.get_by_label("Subject").fill(f"Stall rota {tag}")
    organiser.locator(".Draftail-Editor [contenteditable=true]").first.click()
    organiser.keyboard.type("Can you help on Saturday morning?")
    expect(organiser.locator("input[name=body]")).to_have_value(re.compile("Saturday"))
    organiser.get_by_role("button", name="Create").click()
    organiser.get_by_role("link", name=f"Stall rota {tag}").click()
    organiser.get_by_role("link", name="Send…").click()
    expect(organiser.get_by_text("It would go to 1 person")).to_be_visible()
    organiser.get_by_role("button", name="Send to 1 person").click()
    expect(organiser.get_by_text("will go to 1 person now")).to_be_visible()

    site.goto(f"{server_url}/outbox/")
    site.get_by_role("row").filter(has_text=email).get_by_role(
        "link", name=f"Stall rota {tag}"
    ).click()
    expect(site.get_by_text("Can you help on Saturday morning?")).to_be_visible()
    site.get_by_role("link", name="/stop/").first.click()
    site.get_by_role("button", name="Stop emails from Barnet Alliance").click()
    expect(site.get_by_role("heading", name="You have unsubscribed")).to_be_visible()

    organiser.reload()
    expect(organiser.get_by_role("row", name="Unsubscribed from it 1")).to_be_visible()
    organiser.goto(f"{server_url}/admin/supporters/?q={email}")
    expect(organiser.get_by_role("row").filter(has_text=email)).to_contain_text("Unsubscribed")
