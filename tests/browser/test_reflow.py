"""Reflow (WCAG 1.4.10, issues 16 and 29): no public page type scrolls sideways or cuts text
off at 320 CSS pixels with its text at 200%, at 256 pixels, or with the text spacing people
set for themselves (WCAG 1.4.12). Wide tables scroll inside their own box."""

import pytest

from tests.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser

SIDEWAYS = "document.documentElement.scrollWidth - window.innerWidth"
# Text cut off by its own box: an element that hides what overflows it, holding more than
# it shows (the visually hidden ones and the spam trap are meant to).
CLIPPED = """() => [...document.querySelectorAll('main *')].filter(el => {
  const style = getComputedStyle(el);
  return ['hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
    && !el.closest('.th-visually-hidden, .th-honeypot') && el.textContent.trim();
}).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.')).slice(0, 3)"""
# WCAG 1.4.12: people who need more space between lines, letters and words set it themselves.
TEXT_SPACING = [
    "* { line-height: 1.5 !important; letter-spacing: .12em !important;"
    " word-spacing: .16em !important; }",
    "p { margin-bottom: 2em !important; }",
]


def _enlarge(site, text_size: str, spacing: bool) -> None:
    # Through the CSSOM, which the Content Security Policy allows (a <style> it would not).
    site.evaluate(f"document.documentElement.style.fontSize = '{text_size}'")
    for rule in TEXT_SPACING if spacing else []:
        site.evaluate(
            "rule => document.styleSheets[0].insertRule(rule, document.styleSheets[0]"
            ".cssRules.length)",
            rule,
        )


@pytest.mark.parametrize(
    ("width", "text_size", "spacing"),
    [(320, "200%", False), (256, "100%", False), (320, "200%", True)],
    ids=["320px 200% text", "256px", "320px 200% text, text spacing"],
)
def test_no_page_type_scrolls_sideways_or_clips_text(site, width, text_size, spacing):
    site.set_viewport_size({"width": width, "height": 800})
    assert _overflowing(site, "", text_size, spacing) == ({}, {})


@pytest.mark.parametrize("language", ["pl", "fa"])
def test_nor_in_longer_words_or_right_to_left(site, language):
    """Polish runs longest of the shipped languages; Persian mirrors the layout."""
    site.set_viewport_size({"width": 320, "height": 800})
    assert _overflowing(site, f"/{language}", "200%", False) == ({}, {})


def _overflowing(site, prefix: str, text_size: str, spacing: bool) -> tuple[dict, dict]:
    too_wide, clipped = {}, {}
    for name, path in PAGES.items():
        site.goto(f"{site.server_url}{prefix}{path}")
        _enlarge(site, text_size, spacing)
        overflow = site.evaluate(SIDEWAYS)
        if overflow > 0:
            too_wide[name] = overflow
        if cut := site.evaluate(CLIPPED):
            clipped[name] = cut
    return too_wide, clipped


def test_the_checks_do_catch_a_page_that_scrolls_sideways_or_clips(site):
    site.set_viewport_size({"width": 320, "height": 800})
    site.goto(f"{site.server_url}/about/")
    # Styled through the CSSOM: the Content Security Policy refuses style attributes.
    site.evaluate(
        "() => { const p = document.createElement('p'); p.id = 'wide';"
        " p.textContent = 'wide '.repeat(20); p.style.width = '600px';"
        " document.querySelector('main').append(p); }"
    )
    assert site.evaluate(SIDEWAYS) > 0
    site.evaluate(
        "() => { const p = document.getElementById('wide');"
        " p.style.width = '50px'; p.style.overflow = 'hidden'; p.style.whiteSpace = 'nowrap'; }"
    )
    assert site.evaluate(SIDEWAYS) <= 0 and site.evaluate(CLIPPED)


def test_on_a_phone_the_month_calendar_is_a_list_of_days(site):
    site.set_viewport_size({"width": 320, "height": 800})
    site.goto(f"{site.server_url}/events/calendar/")
    assert not site.locator("table.th-calendar").is_visible()
    assert site.locator(".th-calendar-list").is_visible()
