"""The whole life of a petition in the browser: start, supporters, approval, signing,
confirmation through the outbox, the count rising, a threshold, and the response."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import follow_link_in_email, open_latest_email, sign_in

pytestmark = pytest.mark.browser


def fill_signer(page, name: str, email: str) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Postcode").fill("EN5 4BW")
    page.get_by_label("Ward").select_option(label="High Barnet")


def sign_and_confirm(page, server_url: str, sign_url: str, who: str) -> None:
    page.goto(sign_url)
    fill_signer(page, who, f"{who}@example.org")
    page.get_by_role("button", name="Sign this petition").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    open_latest_email(page, server_url, f"{who}@example.org", "Confirm your signature")
    follow_link_in_email(page, "/petitions/signatures/")
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", name="Your signature is counted")).to_be_visible()


def test_a_petition_from_start_to_response(site, browser):
    tag = uuid.uuid4().hex[:6]
    creator = f"creator-{tag}"
    site.goto(f"{site.server_url}/petitions/")
    site.get_by_role("link", name="Start a petition").click()
    site.get_by_label("What do you want the council to do?").fill(
        f"Mend the pavements on Station Road {tag}"
    )
    site.get_by_role("button", name="Check for similar petitions").click()
    site.get_by_role("link", name="My petition is different: continue").click()
    site.get_by_label("Why does it matter?").fill("People trip on the broken slabs every week.")
    fill_signer(site, "Pat Creator", f"{creator}@example.org")
    site.get_by_role("button", name="Create petition").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()

    open_latest_email(site, site.server_url, f"{creator}@example.org", "Confirm your petition")
    follow_link_in_email(site, "/petitions/start/")
    site.get_by_role("button", name="Confirm my petition").click()
    expect(site.get_by_role("heading", name="Your petition is confirmed")).to_be_visible()
    open_latest_email(site, site.server_url, f"{creator}@example.org", "Ask supporters")
    share = site.locator("a", has_text=re.compile("/support/")).first.get_attribute("href")
    for number in range(5):
        sign_and_confirm(site, site.server_url, share, f"supporter{number}-{tag}")
    petition_id = re.search(r"/petitions/(\d+)/", share).group(1)

    officer = browser.new_page()
    sign_in(officer, site.server_url, "council-officer")
    officer.goto(f"{site.server_url}/admin/snippets/petitions/petition/?state=sponsored")
    row = officer.get_by_role("row").filter(has_text=f"Station Road {tag}")
    row.get_by_role("link", name="Approve and open").click()
    officer.get_by_role("button", name="Approve and open").click()
    expect(officer.get_by_text("Approve and open: ")).to_be_visible()

    petition_url = f"{site.server_url}/petitions/{petition_id}/"
    site.goto(petition_url)
    count = site.locator(".th-signature-count__number")
    expect(count).to_have_text("6 signatures")  # the creator and 5 supporters
    officer.goto(f"{site.server_url}/admin/petitions/moderate/{petition_id}/paper/")
    officer.get_by_label("Number of signatures").fill("18")
    officer.get_by_role("button", name="Add paper signatures").click()

    sign_and_confirm(site, site.server_url, petition_url + "sign/", f"reader-{tag}")
    site.goto(petition_url)
    # The shown count may lag a few seconds behind, by design; it must then be exact.
    for _ in range(20):
        if (
            site.locator(".th-signature-count__number").inner_text()
            == "7 signatures and 18 on paper"
        ):
            break
        site.wait_for_timeout(500)
        site.reload()
    expect(site.locator(".th-signature-count__number")).to_have_text("7 signatures and 18 on paper")
    expect(site.get_by_text("Reached", exact=False)).to_be_visible()

    officer.goto(f"{site.server_url}/admin/petitions/moderate/{petition_id}/respond/")
    officer.get_by_label("Text").fill("Station Road's pavements will be relaid in March.")
    officer.get_by_role("button", name="Publish the council's response").click()
    officer.close()
    site.goto(petition_url)
    expect(site.get_by_text("pavements will be relaid in March")).to_be_visible()
