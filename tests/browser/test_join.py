"""A resident joins a campaign group and confirms by the link in the demo outbox."""

import uuid

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def browser_context_args(browser_context_args, request):
    return {**browser_context_args, "java_script_enabled": request.param}


def test_resident_joins_and_confirms_through_the_outbox(site):
    email = f"grace-{uuid.uuid4().hex[:8]}@example.org"
    site.goto(site.server_url)
    site.get_by_role("link", name="Barnet Alliance for Public Services").first.click()
    site.get_by_role("link", name="Join Barnet Alliance for Public Services").click()

    site.get_by_role("button", name="Join the campaign").click()
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()
    site.get_by_role("link", name="Enter your name").click()
    expect(site.get_by_label("Your name")).to_be_focused()

    site.get_by_label("Your name").fill("Grace Hopper")
    site.get_by_label("Email address").fill(email)
    site.get_by_label("Postcode (optional)").fill("en5 4bw")
    site.get_by_label("Yes, you may email me").check()
    site.get_by_role("button", name="Join the campaign").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()

    site.get_by_role("link", name="demo outbox").first.click()
    row = site.get_by_role("row").filter(has_text=email)
    row.get_by_role("link", name="Confirm that you want to join").click()
    confirm = site.get_by_role("link", name="/supporters/confirm/").first
    confirm_url = confirm.get_attribute("href")
    confirm.click()
    site.get_by_role("button", name="Join ").click()
    expect(site.get_by_role("heading", name="You have joined")).to_be_visible()

    site.goto(confirm_url)
    expect(site.get_by_text("You are already a supporter")).to_be_visible()
