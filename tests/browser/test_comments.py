"""A reader comments, sees their held comment, a moderator approves it, everyone sees it."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

POST = "/alliance/news/travelling-together-for-the-right-to-ride/"


def test_reader_comments_moderator_approves_reader_replies(site, browser):
    name, words = f"Reader {uuid.uuid4().hex[:6]}", f"I will be there too {uuid.uuid4().hex[:6]}."
    site.goto(site.server_url + POST)
    site.get_by_label("Comment *").fill(words)
    site.get_by_label("Name *").fill(name)
    site.get_by_label("Email *").fill(f"{name.replace(' ', '.').lower()}@example.org")
    site.get_by_role("button", name="Post comment").click()
    held = site.locator(".th-comment--held", has_text=words)
    expect(held).to_be_visible()
    expect(held.get_by_text("Your comment is awaiting moderation.")).to_be_visible()

    stranger = browser.new_page()
    stranger.goto(site.server_url + POST)
    expect(stranger.get_by_text(words)).to_have_count(0)

    moderator = browser.new_page()
    sign_in(moderator, site.server_url, "alliance-moderator")
    expect(moderator.get_by_text("awaiting moderation")).to_be_visible()  # the dashboard panel
    moderator.goto(f"{site.server_url}/admin/snippets/comments/comment/?status=pending")
    row = moderator.get_by_role("row").filter(has_text=words)
    row.get_by_role("link", name="Approve").click()
    moderator.get_by_role("button", name="Approve").click()
    expect(moderator.get_by_text(f"Approve: comment by {name}")).to_be_visible()
    moderator.close()

    stranger.reload()  # the cached page was invalidated when the comment was approved
    expect(stranger.get_by_text(words)).to_be_visible()
    stranger.close()

    site.goto(site.server_url + POST)
    comment = site.locator(".th-comment", has_text=words).first
    comment.get_by_role("link", name=f"Reply to {name}").click()
    expect(site.get_by_role("heading", name=f"Reply to {name}")).to_be_visible()
    site.get_by_label("Comment *").fill("And I will bring a banner.")
    site.get_by_label("Name *").fill(name)
    site.get_by_label("Email *").fill(f"{name.replace(' ', '.').lower()}@example.org")
    site.get_by_role("button", name="Post comment").click()
    # Approved before, so WordPress's rule publishes the reply at once, nested under the comment.
    reply = site.locator(".th-comment-list--replies .th-comment", has_text="bring a banner")
    expect(reply).to_be_visible()
    expect(reply.get_by_text("awaiting moderation")).to_have_count(0)


def test_a_comment_with_errors_keeps_what_was_typed(site):
    site.goto(site.server_url + POST)
    site.get_by_label("Comment *").fill("Kept words")
    site.get_by_role("button", name="Post comment").click()
    expect(site.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(site.get_by_label("Comment *")).to_have_value("Kept words")


def test_a_commenter_who_ticks_remember_me_finds_their_details_filled_in_next_time(site):
    site.goto(site.server_url + POST)
    site.get_by_label("Comment *").fill(f"Remember me {uuid.uuid4().hex[:6]}.")
    site.get_by_label("Name *").fill("Rosa Remembered")
    site.get_by_label("Email *").fill("rosa@example.org")
    site.get_by_label("Save my name, email and website").check()
    site.get_by_role("button", name="Post comment").click()
    site.goto(site.server_url + POST)
    expect(site.get_by_label("Name *")).to_have_value("Rosa Remembered")
    expect(site.get_by_label("Email *")).to_have_value("rosa@example.org")
    expect(site.get_by_label("Save my name, email and website")).to_be_checked()
    # Unticked and posted: forgotten.
    site.get_by_label("Save my name, email and website").uncheck()
    site.get_by_label("Comment *").fill(f"Forget me {uuid.uuid4().hex[:6]}.")
    site.get_by_role("button", name="Post comment").click()
    site.goto(site.server_url + POST)
    expect(site.get_by_label("Name *")).to_have_value("")


def test_without_javascript_no_remember_me_box_is_offered(browser, server_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server_url + POST)
    expect(page.get_by_label("Save my name, email and website")).to_be_hidden()
    context.close()
