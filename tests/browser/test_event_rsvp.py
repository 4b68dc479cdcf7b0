"""RSVP in the browser: answer, confirm through the outbox, a full event's waiting list,
a cancellation that promotes the next person, and axe scans of the event pages."""

import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import follow_link_in_email, open_latest_email, townhall_command
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = pytest.mark.browser

ONE_PLACE_EVENT = """
from datetime import timedelta
from django.utils import timezone
from townhall.events.models import EventIndexPage, EventPage
index = EventIndexPage.objects.get(url_path__contains="/alliance/")
starts = timezone.now() + timedelta(days=3)
event = index.add_child(instance=EventPage(
    title="Small meeting {tag}", starts_at=starts, ends_at=starts + timedelta(hours=1),
    venue_name="Back room", description="<p>Room for one.</p>", capacity=1, max_guests=0))
event.save_revision().publish()
print(event.url)
"""


def answer(page, url: str, who: str) -> None:
    page.goto(url)
    form = page.get_by_role("region", name="Say you are coming")
    form.get_by_label("Your name").fill(who.title())
    form.get_by_label("Email address").fill(f"{who}@example.org")
    form.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()


def confirm(page, server_url: str, who: str, title: str) -> None:
    open_latest_email(page, server_url, f"{who}@example.org", f"Confirm you are coming: {title}")
    follow_link_in_email(page, "/events/rsvp/")
    page.get_by_role("button", name="Confirm").click()


def test_answer_confirm_wait_cancel_and_promotion(site, server_env):
    tag = uuid.uuid4().hex[:6]
    title = f"Small meeting {tag}"
    path = townhall_command(server_env, "shell", "-c", ONE_PLACE_EVENT.format(tag=tag)).split()[-1]
    url = f"{site.server_url}{path}"
    first, second = f"first-{tag}", f"second-{tag}"

    answer(site, url, first)
    confirm(site, site.server_url, first, title)
    expect(site.get_by_role("heading", name="You are coming")).to_be_visible()
    site.goto(url)
    expect(site.get_by_text("0 of 1 left")).to_be_visible()
    expect(site.get_by_text(first.title())).to_be_visible()

    answer(site, url, second)
    confirm(site, site.server_url, second, title)
    expect(site.get_by_role("heading", name="You are on the waiting list")).to_be_visible()

    open_latest_email(site, site.server_url, f"{first}@example.org", f"You are coming: {title}")
    follow_link_in_email(site, "/cancel/")
    site.get_by_role("button", name="Cancel my answer").click()
    expect(site.get_by_role("heading", name="Your answer is cancelled")).to_be_visible()

    open_latest_email(site, site.server_url, f"{second}@example.org", f"A place is yours: {title}")
    expect(site.get_by_text("it is yours")).to_be_visible()
    site.goto(url)
    expect(site.get_by_text(second.title())).to_be_visible()
    expect(site.get_by_text(first.title())).to_have_count(0)


EVENT_PAGES = {
    "events, site-wide": "/events/",
    "events, filtered by ward": "/events/?ward=E05013643",
    "events, past": "/events/past/",
    "events, month calendar": "/events/calendar/",
    "event with RSVP form": "/alliance/events/"
    "film-screening-dispossession-and-a-discussion-on-housing/",
    "past event": "/workers-branch/events/travel-together-to-deliver-the-right-to-ride-petition/",
    "online event": "/library-campaign/events/campaign-meeting-online/",
    "organisation's events": "/alliance/events/",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", EVENT_PAGES.values(), ids=EVENT_PAGES.keys())
def test_event_pages_have_no_accessibility_violations(site, axe, path):
    site.goto(f"{site.server_url}{path}")
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


def test_the_rsvp_form_with_errors_has_no_violations(site, axe):
    site.goto(f"{site.server_url}{EVENT_PAGES['event with RSVP form']}")
    site.get_by_role("button", name="Send my answer").click()
    site.get_by_role("heading", name="There is a problem").wait_for()
    results = axe.run(site, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
