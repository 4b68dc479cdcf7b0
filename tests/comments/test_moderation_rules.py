"""Each of WordPress's comment rules, and the order in which they apply."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townhall.comments.models import Comment
from townhall.comments.moderation import (
    DUPLICATE_MESSAGE,
    FLOOD_MESSAGE,
    CommentRefused,
    count_links,
    decide_status,
    refuse_duplicate,
    refuse_flood,
)

pytestmark = pytest.mark.django_db

APPROVED, PENDING, SPAM = Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM


def test_a_first_comment_waits_for_approval(candidate, policy):
    assert decide_status(candidate(), policy) == (PENDING, "a first comment waits for approval")


def test_an_author_with_an_approved_comment_is_approved_at_once(candidate, policy, approved_before):
    assert decide_status(candidate(), policy)[0] == APPROVED


def test_previous_approval_needs_the_same_name_and_email(candidate, policy, approved_before):
    assert decide_status(candidate(author_name="Someone"), policy)[0] == PENDING
    assert decide_status(candidate(author_email="other@example.org"), policy)[0] == PENDING
    assert decide_status(candidate(author_email="NADIA@example.org"), policy)[0] == APPROVED


def test_manual_moderation_holds_even_trusted_authors(candidate, policy, approved_before):
    policy.manual_moderation = True
    assert decide_status(candidate(), policy) == (PENDING, "manual moderation is on")


@pytest.mark.parametrize(
    ("content", "links"),
    [
        ("no links", 0),
        ("see https://a.example", 1),
        ('<a href="http://a">x</a> and //b.org', 2),
        ("HTTPS://A.example http://b.example https://c", 3),
    ],
)
def test_links_are_counted_as_wordpress_counts_them(content, links):
    assert count_links(content) == links


def test_two_links_hold_a_trusted_author(candidate, policy, approved_before):
    content = "See https://one.example and https://two.example"
    assert decide_status(candidate(content=content), policy) == (PENDING, "2 or more links")
    assert decide_status(candidate(content="Only https://one.example"), policy)[0] == APPROVED


def test_the_link_threshold_is_configurable(candidate, policy, approved_before):
    policy.max_links = 3
    content = "See https://one.example and https://two.example"
    assert decide_status(candidate(content=content), policy)[0] == APPROVED


@pytest.mark.parametrize(
    "field", ["author_name", "author_email", "author_url", "content", "ip_address", "user_agent"]
)
def test_a_moderation_key_in_any_field_holds_the_comment(candidate, policy, approved_before, field):
    policy.moderation_keys = "\n  \nFLAGGED\n"
    values = {
        "author_name": "Nadia",
        "author_email": "nadia@example.org",
        "author_url": "",
        "content": "A fair point.",
        "ip_address": "192.0.2.10",
        "user_agent": "Firefox",
    }
    marked = {**values, field: f"{values[field]} flagged".strip()}
    if field == "author_email":
        marked[field] = "flagged@example.org"
    if field == "ip_address":
        policy.moderation_keys = "192.0.2.10"
        marked = values
    assert decide_status(candidate(**marked), policy) == (PENDING, "a moderation key matched")


def test_blank_lines_in_keys_match_nothing(candidate, policy, approved_before):
    policy.moderation_keys = "\n\n   \n"
    assert decide_status(candidate(), policy)[0] == APPROVED


def test_a_disallowed_key_sends_to_spam_whatever_else_applies(candidate, policy, approved_before):
    policy.disallowed_keys = "casino"
    policy.manual_moderation = True
    assert decide_status(candidate(content="Best CASINO bonus"), policy) == (
        SPAM,
        "a disallowed key matched",
    )
    policy.manual_moderation = False
    assert decide_status(candidate(author_url="https://casino.example"), policy)[0] == SPAM


def test_a_duplicate_is_refused_with_409(candidate, post):
    Comment.objects.create(
        page=post,
        author_name="Nadia",
        author_email="n@example.org",
        content="A fair point.",
        status=PENDING,
    )
    with pytest.raises(CommentRefused) as refused:
        refuse_duplicate(candidate(author_email="other@example.org"))  # same name, same words
    assert (refused.value.status, refused.value.message) == (409, DUPLICATE_MESSAGE)
    refuse_duplicate(candidate(content="Something new."))  # different words: fine


def test_a_trashed_comment_can_be_said_again(candidate, post):
    Comment.objects.create(
        page=post,
        author_name="Nadia",
        author_email="nadia@example.org",
        content="A fair point.",
        status=Comment.Status.TRASH,
    )
    refuse_duplicate(candidate())


def test_a_second_comment_within_15_seconds_is_refused_with_429(candidate, post):
    Comment.objects.create(
        page=post,
        author_name="X",
        author_email="x@example.org",
        content="first",
        ip_address="192.0.2.10",
    )
    with pytest.raises(CommentRefused) as refused:
        refuse_flood(candidate(author_email="other@example.org"), timezone.now())  # same IP
    assert refused.value.status == 429 and refused.value.keep_text
    # Says how long to wait: the rest of the 15 seconds since the last comment.
    assert refused.value.message == FLOOD_MESSAGE.format(seconds=15, s="s")
    Comment.objects.update(created_at=timezone.now() - timedelta(seconds=14))
    with pytest.raises(CommentRefused) as refused:
        refuse_flood(candidate(author_email="other@example.org"), timezone.now())
    assert "wait 1 second," in refused.value.message
    with pytest.raises(CommentRefused):
        refuse_flood(
            candidate(author_email="x@example.org", ip_address="198.51.100.1"), timezone.now()
        )  # same email
    refuse_flood(candidate(ip_address="198.51.100.1"), timezone.now() + timedelta(seconds=16))
