"""The whole life of a grant in a browser: a resident checks they can apply, makes an account,
fills in and submits an application; staff screen it in; an assessor declares no conflict
and scores it; an approver approves it; the resident reads the agreement and sends a report."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import create_account, sign_in, sign_in_by_code
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser
RESIDENT = "grow@example.org"


def assert_no_violations(page) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def _as(site, server_url):
    """A second person at another browser (their own cookies)."""
    other = site.context.browser.new_context().new_page()
    other.set_default_timeout(10_000)
    return other


def test_from_eligibility_check_to_award_and_report(site):
    url = site.server_url
    site.goto(f"{url}/council/innovation-bank/")
    site.get_by_role("link", name="Check if you can apply").click()
    site.get_by_role("group", name=re.compile("Are you a Barnet resident")).get_by_label(
        "Yes"
    ).check()
    site.get_by_role("group", name=re.compile("Would any profit")).get_by_label("No").check()
    site.get_by_role("button", name="Check").click()
    expect(site.get_by_role("heading", name="You can apply")).to_be_visible()
    site.get_by_role("link", name="Start your application").click()
    # A new applicant is asked straight away for the email that creates their account, and
    # comes back to the application once they have entered its code.
    expect(site.get_by_role("heading", name="Create an account")).to_be_visible()
    create_account(site, url, RESIDENT)
    expect(site).to_have_url(re.compile(r"/grants/rounds/\d+/apply/$"))
    site.get_by_role("button", name="Start now").click()

    site.get_by_role("link", name="Who is applying").click()
    site.get_by_label("Informal group").check()
    site.get_by_label("Name of the organisation or group").fill("Friern Barnet Bees")
    site.get_by_label("Ward where most of the people").select_option(label="Friern Barnet")
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("link", name="Your project", exact=True).click()
    site.get_by_label("Project name").fill("Hives on the allotments")
    site.get_by_label("What will the project do").fill("Beekeeping taught to neighbours.")
    site.get_by_label("Amount you are asking for").fill("6000")
    site.get_by_label("Start date").fill("2027-04-01")
    site.get_by_label("End date").fill("2027-10-31")
    site.get_by_role("button", name=re.compile("Save")).click()
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(site.locator(".th-error-summary")).to_contain_text("for informal groups")
    site.get_by_label("Amount you are asking for").fill("3000")
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("link", name="Budget", exact=True).click()
    site.get_by_label("Item 1", exact=True).fill("Two hives and bees")
    site.get_by_label("Cost of item 1 (£)").fill("2200")
    site.get_by_label("Item 2", exact=True).fill("Suits and smokers")
    site.get_by_label("Cost of item 2 (£)").fill("800")
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("link", name="How your project meets the criteria").click()
    site.get_by_label("What is new about your project").fill("No hives here yet.")
    site.get_by_label("What will residents do").fill("Residents keep the bees.")
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("link", name="Supporting documents").click()
    site.get_by_role("button", name=re.compile("Save")).click()
    site.get_by_role("link", name="Declarations").click()
    site.get_by_label("The information in this application is true").check()
    site.get_by_label("If funded, the grant may be published").check()
    site.get_by_role("button", name=re.compile("Save")).click()
    expect(site.locator(".th-task-list")).not_to_contain_text("Not started")
    site.get_by_role("link", name="Check and submit").click()
    site.get_by_role("button", name="Submit application").click()
    expect(site.locator(".th-tag")).to_have_text("Submitted")
    reference = re.search(r"GR-\d+", site.locator(".th-caption").inner_text()).group(0)

    staff = _as(site, url)
    sign_in(staff, url, "council-officer")
    staff.goto(f"{url}/admin/grants/")
    staff.get_by_role("link", name="Big Society Innovation Bank: Round 2").click()
    staff.get_by_role("link", name=re.compile(reference)).click()
    staff.get_by_role("button", name="Eligible: assess it").click()
    expect(staff.get_by_text("Status: Being assessed")).to_be_visible()

    assessor = _as(site, url)
    sign_in_by_code(assessor, url, "grant-assessor@example.org", "/grants/assess/")
    assessor.get_by_role("link", name=reference).click()
    assert_no_violations(assessor)  # the conflict-of-interest declaration
    assessor.get_by_label("No", exact=True).check()
    assessor.get_by_role("button", name="Continue").click()
    expect(assessor.get_by_role("heading", name="Hives on the allotments")).to_be_visible()
    assessor.get_by_role("group", name=re.compile("Score: Innovating")).get_by_label("4").check()
    assessor.get_by_role("group", name=re.compile("Score: Shifting")).get_by_label("5").check()
    assessor.get_by_label("Yes, fund it").check()
    assessor.get_by_role("button", name="Save assessment").click()
    expect(assessor.get_by_role("row", name=re.compile("Hives on the allotments"))).to_contain_text(
        "Scored 9"
    )

    approver = _as(site, url)
    sign_in(approver, url, "grant-approver")
    approver.goto(f"{url}/admin/grants/")
    approver.get_by_role("link", name="Big Society Innovation Bank: Round 2").click()
    approver.get_by_role("link", name=re.compile(reference)).click()
    approver.get_by_label("Amount approved (£)").fill("3000")
    approver.locator("#note-approve").fill("Scored 9 of 10; well costed.")
    approver.get_by_role("button", name="Approve").click()
    expect(approver.get_by_text("Status: Approved")).to_be_visible()

    site.reload()
    expect(site.get_by_role("heading", name="Your grant: £3,000.00")).to_be_visible()
    assert_no_violations(site)  # the status page with payments and reports
    site.get_by_role("link", name="Read and print your grant agreement").click()
    expect(site.get_by_role("heading", name="Grant agreement")).to_be_visible()
    assert_no_violations(site)
    expect(site.locator("main")).to_contain_text("Two hives and bees")
    site.get_by_role("link", name="Back to your application").click()
    site.get_by_role("link", name="Send the final report").click()
    site.get_by_label("What has the project done so far").fill("Two hives, twelve keepers.")
    site.get_by_label("Money spent so far (£)").fill("2950")
    site.get_by_role("button", name="Send report").click()
    expect(site.locator("main")).to_contain_text("Sent ")
