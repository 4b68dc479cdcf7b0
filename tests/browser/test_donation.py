"""Issue 18's giving path: a resident gives monthly with Gift Aid through the test
provider, gets a receipt in the outbox, and the organiser sees the gift in their history."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_gift_with_gift_aid_ends_in_a_receipt_and_the_donors_history(site, browser, server_url):
    email = f"noor-{uuid.uuid4().hex[:8]}@example.org"
    site.goto(f"{server_url}/alliance/")
    site.get_by_role("link", name="Donate to Barnet Alliance").click()
    expect(site.get_by_text("Test payments only.")).to_be_visible()

    site.get_by_label("Other amount", exact=True).check()
    site.get_by_label("Other amount, in pounds").fill("NaN")
    site.get_by_role("button", name="Continue to payment").click()
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()

    site.get_by_label("Other amount, in pounds").fill("12.50")
    site.get_by_label("Every month").check()
    site.get_by_label("Your name").fill("Noor Khan")
    site.get_by_label("Email address").fill(email)
    site.get_by_label("Yes, add Gift Aid").check()
    site.get_by_role("button", name="Continue to payment").click()
    expect(site.get_by_text("Enter your home address for Gift Aid").first).to_be_visible()
    site.get_by_label("First name").fill("Noor")
    site.get_by_label("Last name").fill("Khan")
    site.get_by_label("House name or number").fill("12")
    site.get_by_label("Rest of your home address").fill("Nether Street, London")
    site.get_by_label("Postcode").fill("n12 7nn")
    site.get_by_role("button", name="Continue to payment").click()

    expect(site.get_by_text("Test payment page")).to_be_visible()
    site.get_by_role("button", name="Pay £12.50 (test)").click()
    expect(site.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(site.get_by_text("Gift Aid will be added")).to_be_visible()

    site.goto(f"{server_url}/outbox/")
    site.get_by_role("row").filter(has_text=email).get_by_role(
        "link", name="Thank you for your gift"
    ).click()
    expect(site.get_by_text("monthly donation of £12.50")).to_be_visible()
    expect(site.get_by_text("Gift Aid: yes")).to_be_visible()

    organiser = browser.new_context().new_page()
    organiser.set_default_timeout(10_000)
    sign_in(organiser, server_url, "alliance-editor")
    organiser.goto(f"{server_url}/admin/people/?q={email}")
    organiser.get_by_role("button", name="More options for").first.click()
    organiser.get_by_role("link", name="Inspect").first.click()
    expect(organiser.get_by_text("Gave £12.50 a month")).to_be_visible()
    organiser.goto(f"{server_url}/admin/donations/")
    expect(organiser.get_by_role("row").filter(has_text="£12.50").first).to_contain_text("Paid")
