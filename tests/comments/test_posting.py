"""Posting, replying, refusals, held comments and reports, through the public pages."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from townhall.comments.models import Comment
from townhall.comments.moderation import DUPLICATE_MESSAGE, FLOOD_MESSAGE

pytestmark = pytest.mark.django_db


def trusted(post) -> Comment:
    """Nadia had a comment approved an hour ago."""
    earlier = Comment.objects.create(
        page=post,
        author_name="Nadia",
        content="Earlier.",
        author_email="nadia@example.org",
        status="approved",
    )
    Comment.objects.filter(pk=earlier.pk).update(created_at=timezone.now() - timedelta(hours=1))
    return earlier


FORM = {
    "author_name": "Nadia",
    "author_email": "nadia@example.org",
    "author_url": "",
    "content": "I was at that meeting too.",
}


def post_comment(client, post, capture, **changes):
    with capture(execute=True):
        return client.post(
            f"/comments/post/{post.pk}/",
            {**FORM, **changes},
            REMOTE_ADDR=changes.pop("ip", "192.0.2.1"),
        )


def test_the_form_says_email_is_not_published_and_marks_required_fields(client, post):
    html = client.get(post.url).content.decode()
    assert "Your email address will not be published. Required fields are marked *" in html
    assert "Name *" in html and "Email *" in html and "Comment *" in html
    assert "&lt;a href=&quot;&quot; title=&quot;&quot;&gt;" in html  # the allowed tags, listed


def test_a_first_comment_is_held_and_its_author_sees_it_marked(
    client, post, django_capture_on_commit_callbacks
):
    response = post_comment(client, post, django_capture_on_commit_callbacks)
    comment = Comment.objects.get(content="I was at that meeting too.")
    assert comment.status == Comment.Status.PENDING
    assert response["Location"] == f"{post.url}?cpage=1#comment-{comment.pk}"
    html = client.get(post.url).content.decode()
    assert "I was at that meeting too." in html and "awaiting moderation" in html
    assert "I was at that meeting too." not in Client().get(post.url).content.decode()


def test_moderators_are_emailed_when_a_comment_is_held(
    client, post, alliance, django_capture_on_commit_callbacks
):
    post_comment(client, post, django_capture_on_commit_callbacks)
    held = [m for m in mail.outbox if "is waiting" in m.subject]
    assert [m.to for m in held] == [["alliance-moderator@example.org"]]
    assert "nadia@example.org" not in held[0].body


def test_a_trusted_author_is_published_at_once_with_safe_html(
    client, post, django_capture_on_commit_callbacks
):
    trusted(post)
    post_comment(
        client,
        post,
        django_capture_on_commit_callbacks,
        content='<b>Yes</b> <script>alert(1)</script><a href="https://x.org" onclick="y">src</a>',
    )
    html = Client().get(post.url).content.decode()
    assert "<b>Yes</b>" in html
    assert '<a href="https://x.org" rel="nofollow ugc">src</a>' in html
    assert "<script>alert(1)" not in html and "onclick" not in html


def test_replies_thread_under_their_parent(client, post, django_capture_on_commit_callbacks):
    parent = Comment.objects.filter(page=post, status="approved", parent=None).first()
    trusted(post)
    html = client.get(f"{post.url}?replytocom={parent.pk}").content.decode()
    assert f"Reply to <bdi>{parent.author_name}</bdi>" in html
    post_comment(
        client, post, django_capture_on_commit_callbacks, parent=parent.pk, content="A reply."
    )
    reply = Comment.objects.get(content="A reply.")
    assert (reply.parent_id, reply.root_id, reply.depth) == (parent.pk, parent.pk, 2)


def test_replies_stop_at_the_configured_depth(
    client, post, policy, django_capture_on_commit_callbacks
):
    policy.thread_depth = 2
    policy.save()
    top = Comment.objects.create(
        page=post, author_name="A", author_email="a@example.org", content="1", status="approved"
    )
    second = Comment.objects.create(
        page=post,
        parent=top,
        root=top,
        depth=2,
        author_name="B",
        author_email="b@example.org",
        content="2",
        status="approved",
    )
    response = post_comment(client, post, django_capture_on_commit_callbacks, parent=second.pk)
    assert response.status_code == 400
    assert "cannot go any deeper" in response.content.decode()


def test_duplicate_answers_409_and_flood_answers_429(
    client, post, django_capture_on_commit_callbacks
):
    post_comment(client, post, django_capture_on_commit_callbacks)
    duplicate = post_comment(client, post, django_capture_on_commit_callbacks, ip="192.0.2.99")
    assert duplicate.status_code == 409
    assert DUPLICATE_MESSAGE in duplicate.content.decode()
    flood = post_comment(client, post, django_capture_on_commit_callbacks, content="Another.")
    assert flood.status_code == 429
    html = flood.content.decode()
    assert "You are posting comments too quickly" in html and "second" in html
    # The form is shown again with the words as typed, ready to post once the wait is over.
    assert "\nAnother.</textarea>" in html and 'value="nadia@example.org"' in html
    assert FLOOD_MESSAGE.split("{")[0] in html
    assert Comment.objects.filter(author_email="nadia@example.org").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"author_name": ""}, "Enter your name"),
        ({"author_email": ""}, "Enter your email address"),
        ({"author_email": "nope"}, "correct format"),
        ({"content": "   "}, "Enter your comment"),
        ({"author_url": "javascript:alert(1)"}, "Enter a full web address"),
        ({"author_name": "x" * 300}, "245 characters or fewer"),
    ],
)
def test_missing_or_bad_fields_are_explained(client, post, changes, message):
    response = client.post(f"/comments/post/{post.pk}/", {**FORM, **changes})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not Comment.objects.filter(author_email="nadia@example.org").exists()


def test_the_honeypot_sends_a_comment_to_spam_quietly(
    client, post, django_capture_on_commit_callbacks
):
    response = post_comment(client, post, django_capture_on_commit_callbacks, website="x")
    assert response.status_code == 302
    assert Comment.objects.get(author_email="nadia@example.org").status == "spam"


def test_comments_close_after_the_configured_days(client, post, policy):
    policy.close_after_days = 30
    policy.save()  # the demo post was published in 2017
    response = client.post(f"/comments/post/{post.pk}/", FORM)
    assert response.status_code == 403
    assert "Comments are closed" in client.get(post.url).content.decode()


def test_comments_need_a_page_that_takes_them(client, alliance):
    assert client.post(f"/comments/post/{alliance.home_page.pk}/", FORM).status_code == 404
    assert client.post("/comments/post/999999/", FORM).status_code == 404


def test_three_reports_hide_a_comment_until_reviewed(post):
    comment = Comment.objects.filter(page=post, status="approved").first()
    for _ in range(3):
        Client().post(f"/comments/{comment.pk}/report/")
    comment.refresh_from_db()
    assert comment.report_count == 3 and comment.hidden_for_review
    assert comment.content not in Client().get(post.url).content.decode()


def test_a_browser_reports_a_comment_once(client, post):
    comment = Comment.objects.filter(page=post, status="approved").first()
    client.post(f"/comments/{comment.pk}/report/")
    response = client.post(f"/comments/{comment.pk}/report/", follow=True)
    assert "already reported" in response.content.decode()
    comment.refresh_from_db()
    assert comment.report_count == 1


def test_comment_forms_need_a_csrf_token(post):
    assert (
        Client(enforce_csrf_checks=True).post(f"/comments/post/{post.pk}/", FORM).status_code == 403
    )


def test_the_newest_page_of_comments_shows_first(client, post, policy):
    policy.per_page = 5
    policy.save()
    for number in range(12):
        Comment.objects.create(
            page=post,
            author_name=f"P{number}",
            content=f"Number {number:02d}",
            author_email=f"p{number}@example.org",
            status="approved",
        )
    html = client.get(post.url).content.decode()
    assert "Number 11" in html and "Number 00" not in html
    assert "Comments page 3 of 3" in html
    assert "Number 00" in client.get(post.url, {"cpage": 1}).content.decode()
