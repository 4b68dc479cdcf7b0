"""An organiser signs in, finds who joined their group, and downloads them as CSV."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_organiser_sees_and_exports_their_supporters(site, browser):
    email = f"supporter-{uuid.uuid4().hex[:8]}@example.org"
    site.goto(f"{site.server_url}/join/library-campaign/")
    site.get_by_label("Your name").fill("Library Supporter")
    site.get_by_label("Email address").fill(email)
    site.get_by_role("button", name="Join the campaign").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()

    organiser = browser.new_page(accept_downloads=True)
    sign_in(organiser, site.server_url, "library-editor")
    organiser.get_by_role("link", name="Supporters").click()
    expect(organiser.get_by_text(email)).to_be_visible()
    organiser.get_by_role("button", name="Actions").click()
    with organiser.expect_download() as download:
        organiser.get_by_role("link", name="Download CSV").click()
    exported = download.value.path().read_text()
    assert email in exported and "Library Supporter" in exported
    assert "Waiting for email confirmation" in exported or "pending" in exported
    organiser.close()

    other = browser.new_page()
    sign_in(other, site.server_url, "alliance-editor")
    other.goto(f"{site.server_url}/admin/supporters/")
    expect(other.get_by_text(email)).to_have_count(0)
    other.close()
