"""An organisation co-signs a statement in the browser, and the statement's pages pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser
STATEMENT = "/alliance/childrens-services-joint-statement/"


def test_an_invited_organisation_co_signs_and_the_public_page_lists_it(site):
    site.goto(f"{site.server_url}{STATEMENT}")
    expect(site.get_by_text("Public Service Workers' Branch")).to_have_count(0)
    sign_in(site, site.server_url, "branch-editor")
    site.goto(f"{site.server_url}/admin/statements/invitations/")
    site.get_by_role("button", name="Co-sign").first.click()
    expect(site.get_by_text("Your answer on")).to_be_visible()
    site.context.clear_cookies()  # a reader who is not signed in
    site.goto(f"{site.server_url}{STATEMENT}")
    expect(
        site.get_by_role("listitem").filter(has_text="Public Service Workers' Branch")
    ).to_be_visible()


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", [STATEMENT, f"{STATEMENT}press-release/"])
def test_statement_pages_have_no_accessibility_violations(site, axe, path):
    site.goto(f"{site.server_url}{path}")
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_add_name_form_with_errors_has_no_violations(site, axe):
    site.goto(f"{site.server_url}{STATEMENT}")
    site.get_by_role("button", name="Add my name").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
