"""A resident answers a two-page consultation with skip logic, saves and comes back by the
emailed link, submits and gets a receipt; staff moderate an answer; the outcome shows."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    follow_link_in_email,
    open_latest_email,
    sign_in,
    townhall_command,
)

pytestmark = pytest.mark.browser

COMMENT = "Please keep Hendon open late. Call me on 07700 900123."


def test_a_resident_answers_saves_resumes_and_submits(site, server_env):
    site.goto(f"{site.server_url}/consultations/")
    site.get_by_role("link", name="The future of Barnet's libraries").click()
    site.get_by_role("button", name=re.compile("Start now")).click()

    expect(site.get_by_role("heading", name="About you")).to_be_visible()
    site.get_by_label("Yes").check()
    site.get_by_role("button", name="Save and continue").click()
    # Skip logic: a library user is asked about their library.
    expect(site.get_by_role("heading", name="Your library")).to_be_visible()
    site.get_by_label("Which library do you use most?").select_option("Hendon")
    site.get_by_label("Agree", exact=True).check()
    site.get_by_role("button", name="Save and come back later").click()
    site.get_by_label("Email address").fill("reader@example.org")
    site.get_by_role("button", name="Send me a link").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()

    open_latest_email(site, site.server_url, "reader@example.org", "Finish your response")
    follow_link_in_email(site, "/answer/")
    expect(site.get_by_label("Yes")).to_be_checked()  # the saved answers are back
    site.get_by_role("button", name="Save and continue").click()
    expect(site.get_by_label("Which library do you use most?")).to_have_value("Hendon")
    site.get_by_role("button", name="Save and continue").click()
    site.get_by_label("Tell us anything else about the proposals").fill(COMMENT)
    site.get_by_role("button", name="Save and continue").click()

    expect(site.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(site.locator(".th-summary-list")).to_contain_text("Hendon")
    site.get_by_label("Publish my answers without my name").check()
    site.get_by_role("button", name="Submit your response").click()
    expect(site.get_by_role("heading", name="Response submitted")).to_be_visible()
    reference = site.locator(".th-panel__body strong").inner_text()
    assert reference.startswith("R-")
    open_latest_email(site, site.server_url, "reader@example.org", reference)
    expect(site.locator(".th-email-body")).to_contain_text("Which library do you use most?")
    expect(site.locator(".th-email-body")).to_contain_text("Hendon")


def test_staff_moderate_and_the_outcome_shows(site, server_env):
    sign_in(site, site.server_url, "council-officer")
    site.goto(f"{site.server_url}/admin/consultations/")
    row = site.locator("tr", has_text="The future of Barnet's libraries")
    row.get_by_role("link", name="Moderate answers").click()
    answer = site.locator("form.th-moderation").first
    expect(answer).to_contain_text("07700 900123")
    answer.get_by_label("Decision").select_option("redacted")
    answer.get_by_label("Text to publish").fill("Please keep Hendon open late. [phone removed]")
    answer.get_by_label("Why").fill("Personal details")
    answer.get_by_role("button", name="Save decision").click()
    expect(site.get_by_text("Nothing is waiting.")).to_be_visible()

    # The stage closes and the council publishes its outcome; afterwards it opens again,
    # as other browser tests answer the same consultation.
    _set_libraries(server_env, closes_in_days=-1, we_did="<p>We kept staffed hours at Hendon.</p>")
    try:
        site.goto(f"{site.server_url}/council/libraries-consultation/")
        expect(site.get_by_role("heading", name="What happened")).to_be_visible()
        expect(site.locator("section", has_text="We did")).to_contain_text("kept staffed hours")
        site.get_by_role("link", name=re.compile("See what people said")).click()
        expect(site.get_by_text("[phone removed]")).to_be_visible()
        expect(site.get_by_text("07700 900123")).to_have_count(0)
    finally:
        _set_libraries(server_env, closes_in_days=21, we_did="")


def _set_libraries(server_env: dict, *, closes_in_days: int, we_did: str) -> None:
    townhall_command(
        server_env,
        "shell",
        "-c",
        "from datetime import timedelta; from django.utils import timezone; "
        "from townhall.consultations.models import ConsultationPage, Stage; "
        "p = ConsultationPage.objects.get(slug='libraries-consultation'); "
        "Stage.objects.filter(consultation=p, title__startswith='Stage 2').update("
        f"closes_at=timezone.now() + timedelta(days={closes_in_days})); "
        "p.we_asked = '<p>Longer hours without staff.</p>'; "
        "p.you_said = '<p>Most library users disagreed.</p>'; "
        f"p.we_did = '{we_did}'; "
        "p.save_revision().publish()",
    )
