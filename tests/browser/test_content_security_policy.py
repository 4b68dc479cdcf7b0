"""The Content-Security-Policy breaks nothing (issue 15): the public pages and the admin an
organiser uses load without a single violation reported by Chromium, and a script slipped
into an address is not run."""

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PUBLIC = ["/", "/petitions/", "/events/", "/democracy/decisions/", "/consultations/", "/grants/"]
ADMIN = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/comments/comment/",
    "/admin/supporters/",
    "/admin/documents/",
    "/admin/reports/site-history/",
]


def _report_violations(page, found: list[str]) -> None:
    page.on(
        "console",
        lambda message: (
            found.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )


def test_public_pages_and_the_admin_load_without_a_policy_violation(site, browser):
    found: list[str] = []
    _report_violations(site, found)
    for path in PUBLIC:
        site.goto(f"{site.server_url}{path}")
    editor = browser.new_page()
    _report_violations(editor, found)
    sign_in(editor, site.server_url, "alliance-editor")
    for path in ADMIN:
        editor.goto(f"{site.server_url}{path}")
    editor.goto(f"{site.server_url}/admin/pages/")
    editor.locator("a[href*='/edit/']").first.click()  # the page editor, with its preview
    editor.wait_for_load_state("networkidle")
    assert found == []


def test_a_javascript_address_in_the_problem_page_is_not_offered(site):
    site.goto(f"{site.server_url}/feedback/problem/?path=javascript:alert(document.domain)")
    back = site.get_by_role("link", name="Go back to the page").get_attribute("href")
    assert back == "/"
