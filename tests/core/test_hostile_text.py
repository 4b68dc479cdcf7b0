"""Hostile text in public forms (issue 15): control characters, names that are markup,
direction overrides, and comments that sanitise to nothing. Each test failed before; the
petition title with a line break is tested with the petition pages."""

import pytest
from django.template import Context, Template

from tests.comments.test_posting import post_comment
from townhall.comments.models import Comment
from townhall.core.forms import refuse_control_characters
from townhall.news.models import NewsPostPage

pytestmark = pytest.mark.django_db

RIGHT_TO_LEFT_OVERRIDE = "\u202e"


@pytest.fixture
def post(alliance):
    return NewsPostPage.objects.descendant_of(alliance.home_page).first()


def test_text_areas_keep_line_breaks_but_refuse_other_control_characters():
    refuse_control_characters("One line.\r\nAnother.\tIndented.", multi_line=True)
    with pytest.raises(Exception, match="control characters"):
        refuse_control_characters("Bell\x07", multi_line=True)
    with pytest.raises(Exception, match="line breaks"):
        refuse_control_characters("Two\nlines")


def test_a_comment_author_name_with_markup_is_refused(
    client, post, django_capture_on_commit_callbacks
):
    response = post_comment(
        client,
        post,
        django_capture_on_commit_callbacks,
        author_name="<img src=x onerror=alert(1)>",
        content="Hello there.",
    )
    assert response.status_code == 400
    assert "Enter your name, without &lt; or &gt;" in response.content.decode()
    assert not Comment.objects.filter(content="Hello there.").exists()


def test_comment_feeds_carry_no_markup_from_older_names(client, post):
    Comment.objects.create(
        page=post,
        author_name="<script>alert(1)</script>Old",
        author_email="old@example.org",
        content="Imported years ago.",
        content_html="<p>Imported years ago.</p>",
        status=Comment.Status.APPROVED,
    )
    feed = client.get("/comments/feed/").content.decode()
    assert "scriptalert(1)/scriptOld" in feed and "&lt;script" not in feed


@pytest.mark.parametrize(
    "content", ["<script>alert(1)</script>", '<img src="x" onerror="alert(1)">', "<b></b>"]
)
def test_a_comment_that_sanitises_to_nothing_is_refused_with_a_message(
    client, post, django_capture_on_commit_callbacks, content
):
    response = post_comment(client, post, django_capture_on_commit_callbacks, content=content)
    assert response.status_code == 400
    assert "Your comment has no text we can show" in response.content.decode()
    assert not Comment.objects.filter(content=content).exists()


def test_names_are_isolated_so_an_override_cannot_reverse_the_names_after_it():
    html = Template("{% load townhall %}{{ names|names_list }}").render(
        Context({"names": [f"Ann{RIGHT_TO_LEFT_OVERRIDE}", "Bob <b>", "Cy"]})
    )
    assert html == (
        f"<bdi>Ann{RIGHT_TO_LEFT_OVERRIDE}</bdi>, <bdi>Bob &lt;b&gt;</bdi>, <bdi>Cy</bdi>"
    )
