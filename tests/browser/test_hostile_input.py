"""Script payloads typed into every public field, and read back where people see them.

The `site` fixture fails a test if any script opens a dialog."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import edit_aims_and_publish, sign_in

pytestmark = pytest.mark.browser

PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert('img')>\"'><svg onload=alert(1)>"


def test_payloads_in_public_forms_never_run(site, browser):
    site.goto(f"{site.server_url}/join/alliance/")
    site.get_by_label("Your name").fill(PAYLOAD)
    site.get_by_label("Email address").fill(f"{PAYLOAD}@example.org")
    site.get_by_label("Postcode (optional)").fill(PAYLOAD[:10])
    site.get_by_role("button", name="Join the campaign").click()
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(site.get_by_label("Your name")).to_have_value(PAYLOAD)  # kept, as text

    site.goto(f"{site.server_url}/alliance/")
    site.get_by_text("Report a problem with this page").click()
    site.get_by_label("What were you doing? (optional)").fill(PAYLOAD)
    site.get_by_label("What went wrong?").fill(PAYLOAD)
    site.get_by_role("button", name="Send report").click()
    expect(site.get_by_text("Thank you for your feedback")).to_be_visible()

    site.goto(f"{site.server_url}/search/?q={PAYLOAD}")
    expect(site.get_by_role("searchbox", name=re.compile("^Search petitions"))).to_have_value(
        PAYLOAD
    )
    site.goto(f"{site.server_url}/alliance/aims/compare/?old={PAYLOAD}&new=1")
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()

    moderator = browser.new_page()
    moderator.on("dialog", lambda d: (_ for _ in ()).throw(AssertionError(d.message)))
    sign_in(moderator, site.server_url, "alliance-moderator")
    moderator.goto(f"{site.server_url}/admin/page_feedback/")
    expect(
        moderator.get_by_text("<script>alert('xss')</script>", exact=False).first
    ).to_be_visible()
    moderator.close()


def test_a_payload_typed_into_rich_text_is_published_as_text(site, browser):
    site.goto(f"{site.server_url}/library-campaign/aims/")
    page_id = site.locator("input[name=page]").first.get_attribute("value")
    editor = browser.new_page()
    sign_in(editor, site.server_url, "library-editor")
    edit_aims_and_publish(editor, site.server_url, page_id, PAYLOAD)
    editor.close()

    site.goto(f"{site.server_url}/library-campaign/aims/")
    expect(site.get_by_text("<script>alert('xss')</script>", exact=False)).to_be_visible()
    site.goto(f"{site.server_url}/library-campaign/aims/compare/")
    expect(site.locator(".th-diff ins").filter(has_text="<script>")).to_have_count(1)
