"""An editor publishes a new version of the aims; the public sees it and the difference."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import edit_aims_and_publish, sign_in

pytestmark = pytest.mark.browser

NEW_SENTENCE = "We will publish an annual report on the state of local services."


def test_editor_publishes_a_new_version_and_the_public_diff_shows_it(site, browser):
    site.goto(f"{site.server_url}/workers-branch/aims/")
    page_id = site.locator("input[name=page]").first.get_attribute("value")

    editor = browser.new_page()
    sign_in(editor, site.server_url, "branch-editor")
    edit_aims_and_publish(
        editor, site.server_url, page_id, NEW_SENTENCE, "Promised an annual report"
    )
    editor.close()

    site.goto(f"{site.server_url}/workers-branch/aims/")
    expect(site.get_by_text(NEW_SENTENCE)).to_be_visible()
    expect(site.get_by_role("cell", name="Promised an annual report")).to_be_visible()
    site.get_by_role("button", name="Compare").click()
    added = site.locator(".th-diff ins")
    expect(added.filter(has_text=re.compile("annual report"))).to_have_count(1)
    expect(site.get_by_text("[added:", exact=False).first).to_be_attached()


def test_an_editor_cannot_open_another_groups_page(site, browser):
    site.goto(f"{site.server_url}/council/")
    council_page = site.locator("input[name=page]").first.get_attribute("value")
    editor = browser.new_page()
    sign_in(editor, site.server_url, "alliance-editor")
    editor.goto(f"{site.server_url}/admin/pages/{council_page}/edit/")
    expect(editor.get_by_text("Sorry, you do not have permission")).to_be_visible()
    editor.close()
