"""In the browser: the language switcher keeps every page type, and a petition is signed in
Persian from start to confirmation, right to left."""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.conftest import follow_link_in_email
from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

SWITCH_TO = "nav.th-languages a[lang='{}']"


def _where(page) -> tuple[str, str]:
    address = urlsplit(page.url)
    return address.path, address.query


def test_switching_language_on_every_page_type_keeps_the_page(site):
    lost = {}
    for name, path in PAGES.items():
        response = site.goto(f"{site.server_url}{path}")
        status = response.status
        expected_path, expected_query = _where(site)  # where it landed, after any redirect
        with site.expect_navigation() as arrived:
            site.locator(SWITCH_TO.format("pl")).click()
        if (
            _where(site) != (f"/pl{expected_path}", expected_query)
            or arrived.value.status != status
            or site.evaluate("document.documentElement.lang") != "pl"
        ):
            lost[name] = (site.url, arrived.value.status)
            continue
        site.locator(SWITCH_TO.format("en-gb")).click()
        site.wait_for_load_state()
        if _where(site) != (expected_path, expected_query):
            lost[name] = (site.url, "back to English")
    assert lost == {}


def persian(english: str) -> str:
    with translation.override("fa"):
        said = translation.gettext(english)
    assert said != english, f"the Persian catalogue lacks {english!r}"
    return said


def test_a_petition_is_signed_in_persian_right_to_left(site):
    who = f"sara-{uuid.uuid4().hex[:6]}"
    site.set_viewport_size({"width": 1024, "height": 800})
    site.goto(f"{site.server_url}/fa/petitions/1/sign/")
    assert site.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "fa",
        "rtl",
    ]
    # The layout mirrors: the site's name starts at the right, the search box sits left of it.
    name_box = site.locator(".th-header__name").bounding_box()
    search_box = site.locator(".th-header__search").bounding_box()
    assert name_box["x"] > search_box["x"]
    assert name_box["x"] + name_box["width"] > 1024 / 2
    form = site.locator("form", has=site.locator("input[name='email']"))
    form.locator("input[name='name']").fill("سارا احمدی")
    form.locator("input[name='email']").fill(f"{who}@example.org")
    form.locator("input[name='postcode']").fill("EN5 4BW")
    ward = form.locator("select[name='ward']")
    if ward.count():
        ward.select_option(label="High Barnet")
    form.locator("button[type='submit']").last.click()
    site.wait_for_load_state()
    assert site.url.startswith(f"{site.server_url}/fa/")
    expect(site.locator("h1")).to_have_text(persian("Check your email"))

    site.goto(f"{site.server_url}/fa/outbox/")
    site.get_by_role("row").filter(has_text=f"{who}@example.org").first.get_by_role("link").click()
    body = site.locator(".th-email-body").inner_text()
    assert re.search(r"/fa/petitions/signatures/", body), body
    follow_link_in_email(site, "/fa/petitions/signatures/")
    expect(site.locator("html")).to_have_attribute("dir", "rtl")
    site.locator("main form button[type='submit']").first.click()
    site.wait_for_load_state()
    assert site.url.startswith(f"{site.server_url}/fa/")
    expect(site.locator("h1")).to_have_text(persian("Your signature is counted"))
