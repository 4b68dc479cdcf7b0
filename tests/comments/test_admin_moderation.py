"""Moderators work through their own organisation's queue in the admin."""

import re

import pytest

from townhall.comments.models import Comment
from townhall.news.models import NewsPostPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(post):
    return Comment.objects.create(
        page=post,
        author_name="Held",
        author_email="h@example.org",
        content="Please approve me.",
        status="pending",
    )


@pytest.fixture
def council_held(council):
    post = NewsPostPage.objects.descendant_of(council.home_page).first()
    return Comment.objects.create(
        page=post,
        author_name="Council reader",
        author_email="c@example.org",
        content="About the contract.",
        status="pending",
    )


@pytest.mark.parametrize("role", ["alliance-moderator", "alliance-editor"])
def test_the_queue_shows_only_the_organisations_comments(as_user, held, council_held, role):
    html = as_user(role).get("/admin/snippets/comments/comment/?status=pending").content.decode()
    assert "Please approve me." in html
    assert "About the contract." not in html


def test_approving_publishes_the_comment_and_records_who(
    as_user, held, post, django_capture_on_commit_callbacks
):
    client = as_user("alliance-moderator")
    assert client.get(f"/admin/comments/moderate/{held.pk}/approve/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/comments/moderate/{held.pk}/approve/")
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.status == "approved"
    assert held.events.filter(action="approve", user__username="alliance-moderator").exists()


@pytest.mark.parametrize("action", ["spam", "trash", "unapprove"])
def test_other_actions_change_the_status(as_user, held, action):
    as_user("alliance-moderator").post(f"/admin/comments/moderate/{held.pk}/{action}/")
    held.refresh_from_db()
    assert held.status == {"spam": "spam", "trash": "trash", "unapprove": "pending"}[action]


def test_a_moderator_cannot_touch_another_organisations_comment(as_user, council_held):
    client = as_user("alliance-moderator")
    assert client.post(f"/admin/comments/moderate/{council_held.pk}/approve/").status_code == 404
    assert (
        client.get(f"/admin/snippets/comments/comment/edit/{council_held.pk}/").status_code == 404
    )
    council_held.refresh_from_db()
    assert council_held.status == "pending"


def test_people_without_the_role_cannot_moderate(client, django_user_model, held):
    client.force_login(django_user_model.objects.create_user("reader", password="pw-for-tests"))
    assert client.post(f"/admin/comments/moderate/{held.pk}/approve/").status_code in (302, 403)
    held.refresh_from_db()
    assert held.status == "pending"


def test_a_moderators_reply_is_published_and_approves_the_parent(as_user, held):
    client = as_user("alliance-moderator")
    assert client.post(f"/admin/comments/reply/{held.pk}/", {"content": ""}).status_code == 200
    client.post(f"/admin/comments/reply/{held.pk}/", {"content": "Thanks, approved."})
    reply = Comment.objects.get(content="Thanks, approved.")
    held.refresh_from_db()
    assert (reply.status, reply.parent_id, held.status) == ("approved", held.pk, "approved")


def test_bulk_approve(as_user, post):
    comments = [
        Comment.objects.create(
            page=post, author_name=f"R{i}", content=f"c{i}", author_email=f"r{i}@example.org"
        )
        for i in range(3)
    ]
    ids = "&".join(f"id={c.pk}" for c in comments)
    url = f"/admin/bulk/comments/comment/approve/?{ids}&next=/admin/"
    client = as_user("alliance-moderator")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert set(
        Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("status", flat=True)
    ) == {"approved"}


def test_dashboard_shows_the_pending_count(as_user, held):
    html = as_user("alliance-moderator").get("/admin/").content.decode()
    assert "awaiting moderation" in html
    pending = Comment.objects.filter(page__path__startswith=held.page.path[:8], status="pending")
    assert f"<strong>{pending.count()}</strong>" in html


def test_editors_change_their_own_comment_settings(as_user, policy):
    client = as_user("alliance-editor")
    html = client.get("/admin/comment_settings/").content.decode()
    assert "Barnet Alliance" in html and "Barnet Council" not in html


def test_the_comments_menu_opens_on_the_pending_queue(as_user, held):
    html = as_user("alliance-moderator").get("/admin/").content.decode()
    assert "/admin/snippets/comments/comment/?status=pending" in html


@pytest.mark.parametrize("role", ["branch-editor", "library-editor"])
def test_another_organisations_editor_cannot_bulk_delete_a_comment(as_user, held, role):
    url = f"/admin/bulk/comments/comment/delete/?id={held.pk}&next=/admin/"
    client = as_user(role)
    client.get(url)
    client.post(url)
    assert Comment.objects.filter(pk=held.pk).exists()


@pytest.mark.parametrize("action", ["delete", "approve", "spam"])
def test_bulk_confirm_pages_do_not_name_another_organisations_commenters(as_user, held, action):
    """Issue 15: Wagtail listed the comments one may not touch by their author's name."""
    page = as_user("library-editor").get(f"/admin/bulk/comments/comment/{action}/?id={held.pk}")
    html = page.content.decode()
    assert held.author_name not in html and held.content not in html
    assert "1 of the selected items is not yours to change" in html or page.status_code != 200


def test_the_organisations_own_moderator_may_still_bulk_delete(as_user, held):
    url = f"/admin/bulk/comments/comment/delete/?id={held.pk}&next=/admin/"
    as_user("alliance-editor").post(url)
    assert not Comment.objects.filter(pk=held.pk).exists()


def test_the_comment_chooser_lists_only_the_organisations_comments(as_user, held, council_held):
    listed = (
        as_user("alliance-moderator")
        .get("/admin/snippets/choose/comments/comment/results/", {"q": ""})
        .content.decode()
    )
    assert f"{held.author_name} on " in listed
    assert f"{council_held.author_name} on " not in listed


@pytest.mark.parametrize(
    "next_url", ["javascript:alert(1)", "//evil.example/", "https://evil.example/"]
)
def test_the_moderation_pages_go_back_only_to_this_site(as_user, held, next_url):
    page = as_user("alliance-moderator").get(
        f"/admin/comments/moderate/{held.pk}/approve/", {"next": next_url}
    )
    html = page.content.decode()
    assert next_url not in html
    assert 'href="/admin/snippets/comments/comment/"' in html


def test_the_queue_shows_what_a_reply_answers_and_approves_in_one_click(as_user, held):
    parent = Comment.objects.filter(page=held.page, status="approved").first()
    Comment.objects.filter(pk=held.pk).update(parent=parent, depth=2, root=parent)
    moderator = as_user("alliance-moderator")
    html = moderator.get("/admin/snippets/comments/comment/?status=pending").content.decode()
    assert f"In reply to <bdi>{parent.author_name}</bdi>" in html
    form = re.search(
        rf'<form method="post" action="(/admin/comments/moderate/{held.pk}/approve/[^"]*)"', html
    )
    assert form, "a one-click Approve form for the waiting comment"
    answer = moderator.post(form.group(1).replace("&amp;", "&"))
    assert answer.status_code == 302
    held.refresh_from_db()
    assert held.status == "approved"
