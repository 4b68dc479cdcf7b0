"""Reflow (WCAG 1.4.10, issue 16): no public page type scrolls sideways at 320 CSS pixels,
nor on a phone with its text at 200%. Wide tables scroll inside their own box."""

import pytest

from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize(
    ("width", "text_size"), [(320, "100%"), (640, "200%")], ids=["320px", "200% text"]
)
def test_no_page_type_scrolls_sideways(site, width, text_size):
    site.set_viewport_size({"width": width, "height": 800})
    too_wide = {}
    for name, path in PAGES.items():
        site.goto(f"{site.server_url}{path}")
        # Through the CSSOM, which the Content Security Policy allows (a <style> it would not).
        site.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
        overflow = site.evaluate(SIDEWAYS)
        if overflow > 0:
            too_wide[name] = overflow
    assert too_wide == {}


def test_the_check_does_catch_a_page_that_scrolls_sideways(site):
    site.set_viewport_size({"width": 320, "height": 800})
    site.goto(f"{site.server_url}/about/")
    site.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        " '<p>' + 'x'.repeat(300) + '</p>')"
    )
    assert site.evaluate(SIDEWAYS) > 0


def test_on_a_phone_the_month_calendar_is_a_list_of_days(site):
    site.set_viewport_size({"width": 320, "height": 800})
    site.goto(f"{site.server_url}/events/calendar/")
    assert not site.locator("table.th-calendar").is_visible()
    assert site.locator(".th-calendar-list").is_visible()
