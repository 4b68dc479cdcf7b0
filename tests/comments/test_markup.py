"""The thread's markup, built in Python (comments.markup): escaped, nested, and the same
elements the page had when a template loop made it."""

import datetime
import re

import pytest
from django.utils import timezone

from townhall.comments.markup import thread_items
from townhall.comments.models import Comment
from townhall.comments.threads import Node, flatten
from townhall.core.csrf import NO_TOKEN, hidden_input

WHEN = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 5))


def comment(pk: int, depth: int = 0, **fields) -> Comment:
    values = {
        "author_name": "Nadia",
        "author_url": "",
        "content_html": "<p>Said.</p>",
        "created_at": WHEN,
        **fields,
    }
    return Comment(pk=pk, depth=depth, **values)


def render(threads, replies_open=True, max_depth=5, token=NO_TOKEN) -> str:
    rows = flatten(threads)
    for row in rows:
        row.report_url = f"/comments/{row.node.comment.pk}/report/"
    return thread_items(
        rows, replies_open=replies_open, max_depth=max_depth, csrf_input=hidden_input(token)
    )


def test_names_and_addresses_people_typed_are_escaped():
    html = render([Node(comment(1, author_name='<img src=x onerror="a()">', author_url='x" y'))])
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;a()&quot;&gt;" in html
    assert 'href="x&quot; y"' in html


def test_a_comment_shows_its_author_date_body_reply_and_report():
    html = render([Node(comment(7, author_url="https://example.org/"))])
    assert '<li class="th-comment" id="comment-7">' in html
    assert '<a href="https://example.org/" rel="external nofollow ugc"><bdi>Nadia</bdi></a>' in html
    assert '<time datetime="2026-12-01T09:05:00+00:00">1 December 2026 at 09:05</time>' in html
    assert '<div class="th-comment__body"><p>Said.</p></div>' in html
    assert 'href="?replytocom=7#respond"' in html
    assert 'action="/comments/7/report/"' in html
    assert "csrfmiddlewaretoken" not in html  # a reader without a session: no token


def test_a_reader_with_a_session_gets_the_token_in_each_report_form():
    html = render([Node(comment(1)), Node(comment(2))], token="secret-token")
    assert html.count('name="csrfmiddlewaretoken" value="secret-token"') == 2


def test_replies_nest_and_every_list_and_item_is_closed():
    grandchild = Node(comment(3, depth=2))
    child = Node(comment(2, depth=1), replies=[grandchild])
    html = render([Node(comment(1), replies=[child]), Node(comment(4))])
    assert html.count('<ol class="th-comment-list th-comment-list--replies">') == 2
    assert html.count("<ol") == html.count("</ol>")
    assert html.count("<li") == html.count("</li>") == 4
    order = [int(pk) for pk in re.findall(r'<li class="th-comment" id="comment-(\d+)"', html)]
    assert order == [1, 2, 3, 4]


def test_no_reply_link_when_closed_or_at_the_deepest_level():
    assert "replytocom" not in render([Node(comment(1))], replies_open=False)
    assert "replytocom" not in render([Node(comment(1, depth=2))], max_depth=2)


def test_a_held_comment_is_marked_and_cannot_be_replied_to_or_reported():
    html = render([Node(comment(1), held=True)])
    assert 'class="th-comment th-comment--held"' in html
    assert "Your comment is awaiting moderation." in html
    assert "replytocom" not in html and "report" not in html


@pytest.mark.django_db
def test_the_page_shows_the_thread_it_was_given(client, post):
    Comment.objects.create(
        page=post, author_name="Ola", author_email="o@example.org", content="Hi", status="approved"
    )
    html = client.get(post.url).content.decode()
    assert '<span class="th-comment__author" id="comment-' in html
    assert "<bdi>Ola</bdi>" in html
