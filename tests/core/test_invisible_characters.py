"""Direction controls and zero-width characters in names and titles (issue 30): stripped
where they can only mislead, kept where a script needs them (Persian's zero-width
non-joiner, emoji sequences), on every path to the database: public forms, the admin,
services."""

import pytest

from tests.comments.test_posting import post_comment
from townhall.comments.models import Comment
from townhall.core.invisible import tidy_one_line
from townhall.events.models import EventPage
from townhall.news.models import NewsPostPage
from townhall.people.models import Supporter

OVERRIDE, ISOLATE, POP_ISOLATE = "\u202e", "\u2067", "\u2069"
ZERO_WIDTH_SPACE, ZWNJ, ZWJ, WORD_JOINER, BOM, RLM = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u200f",
)
PERSIAN_NAME = f"زهرا نیک{ZWNJ}نام"  # Niknam: ZWNJ keeps the two parts from joining
FAMILY = f"\U0001f469{ZWJ}\U0001f467"  # one emoji made of two by a zero-width joiner
HIDDEN = [OVERRIDE, ISOLATE, POP_ISOLATE, ZERO_WIDTH_SPACE, WORD_JOINER, BOM]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_direction_controls_and_invisible_characters_are_stripped(hidden):
    assert tidy_one_line(f"Ann{hidden}a {hidden}Smith{hidden}") == "Anna Smith"


def test_what_a_script_needs_is_kept():
    assert tidy_one_line(PERSIAN_NAME) == PERSIAN_NAME
    assert tidy_one_line(f"Love {FAMILY}") == f"Love {FAMILY}"
    assert tidy_one_line(f"Ali ({RLM}علي)") == f"Ali ({RLM}علي)"


def test_joiners_and_marks_that_join_or_order_nothing_are_stripped():
    assert tidy_one_line(f"{ZWNJ}Ad{ZWJ}min{ZWNJ}") == "Admin"
    assert tidy_one_line(f"{RLM}Admin{RLM}") == "Admin"  # no right-to-left letter to order


@pytest.mark.django_db
def test_a_comment_name_reaches_the_feed_without_them(
    client, alliance, django_capture_on_commit_callbacks
):
    post = NewsPostPage.objects.descendant_of(alliance.home_page).first()
    post_comment(
        client,
        post,
        django_capture_on_commit_callbacks,
        author_name=f"Sam{OVERRIDE}gpj.exe{ZERO_WIDTH_SPACE}",
        content="Invisible letters.",
    )
    comment = Comment.objects.get(content="Invisible letters.")
    assert comment.author_name == "Samgpj.exe"
    comment.status = Comment.Status.APPROVED
    comment.save()
    feed = client.get("/comments/feed/").content.decode()
    assert "Samgpj.exe" in feed and OVERRIDE not in feed


@pytest.mark.django_db
def test_a_persian_name_keeps_its_non_joiner_through_the_form(
    client, alliance, django_capture_on_commit_callbacks
):
    post = NewsPostPage.objects.descendant_of(alliance.home_page).first()
    post_comment(
        client,
        post,
        django_capture_on_commit_callbacks,
        author_name=PERSIAN_NAME,
        content="A Persian name.",
    )
    assert Comment.objects.get(content="A Persian name.").author_name == PERSIAN_NAME


@pytest.mark.django_db
def test_a_name_of_nothing_but_invisible_characters_is_no_name(client, alliance):
    post = NewsPostPage.objects.descendant_of(alliance.home_page).first()
    response = client.post(
        f"/comments/post/{post.pk}/",
        {
            "author_name": ZERO_WIDTH_SPACE * 3,
            "author_email": "x@example.org",
            "content": "Nobody.",
        },
    )
    assert response.status_code == 400
    assert not Comment.objects.filter(content="Nobody.").exists()


@pytest.mark.django_db
def test_records_and_page_titles_saved_by_any_path_are_tidied(alliance):
    supporter = Supporter.objects.create(
        organisation=alliance,
        name=f"Lee{OVERRIDE}",
        email="lee-invisible@example.org",
        consent_wording="-",
    )
    supporter.refresh_from_db()
    assert supporter.name == "Lee"
    event = EventPage.objects.descendant_of(alliance.home_page).first()
    event.title = f"March{ISOLATE} for trees{POP_ISOLATE}"
    event.save_revision().publish()
    event.refresh_from_db()
    assert (event.title, event.draft_title) == ("March for trees", "March for trees")
