"""Page feedback: useful yes/no, problem reports and likes, with their spam defences."""

import re

import pytest
from django.test import Client

from townhall.core.models import PageFeedback, PageLike

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(alliance):
    return alliance.home_page


def on_page(page, **data):
    return {"path": page.url, "page": page.pk, **data}


def test_every_public_page_type_carries_the_feedback_block(client, alliance):
    for path in [
        "/",
        alliance.home_page.url,
        f"{alliance.home_page.url}aims/",
        "/search/?q=a",
        "/join/alliance/",
        f"{alliance.home_page.url}news/",
    ]:
        html = client.get(path).content.decode()
        assert "Is this page useful?" in html, path
        assert "Report a problem with this page" in html, path


def test_yes_is_recorded_against_the_page_and_returns_to_it(client, page):
    response = client.post("/feedback/useful/", on_page(page, useful="yes"), follow=True)
    assert response.redirect_chain[-1][0] == f"{page.url}#feedback"
    html = response.content.decode()
    feedback_block = html[html.index('id="feedback"') :]
    assert "Thank you for your feedback" in feedback_block  # beside the buttons pressed,
    assert 'class="th-notification"' not in html  # not in a banner far above them
    feedback = PageFeedback.objects.get()
    assert (feedback.kind, feedback.page_id, feedback.path) == ("useful", page.pk, page.url)


def test_no_asks_what_went_wrong(client, page):
    response = client.post("/feedback/useful/", on_page(page, useful="no"))
    assert response.status_code == 302
    assert response["Location"].startswith("/feedback/problem/?")
    assert PageFeedback.objects.get().kind == "not_useful"
    follow = client.get(response["Location"])
    assert "Thank you for telling us" in follow.content.decode()


def test_a_problem_report_is_stored(client, page):
    client.post("/feedback/problem/", on_page(page, what_doing="Reading", what_went_wrong="Typo"))
    feedback = PageFeedback.objects.get()
    assert (feedback.kind, feedback.what_doing, feedback.what_went_wrong) == (
        "problem",
        "Reading",
        "Typo",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what_went_wrong": ""}, "Enter what went wrong"),
        ({"what_went_wrong": "x" * 1001}, "1000 characters or fewer"),
    ],
)
def test_a_bad_problem_report_shows_what_to_fix_and_keeps_the_text(client, page, data, message):
    response = client.post("/feedback/problem/", on_page(page, what_doing="Kept text", **data))
    assert response.status_code == 400  # a form to correct, as every form answers
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "Kept text" in html
    assert not PageFeedback.objects.exists()


def test_feedback_only_returns_to_our_own_pages(client, page):
    response = client.post("/feedback/useful/", {"path": "https://evil.example/", "useful": "yes"})
    assert response["Location"] == "/#feedback"
    assert not PageFeedback.objects.exists()


def test_hostile_text_is_stored_as_text_and_never_rendered_as_markup(client, as_user, page):
    payload = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    client.post("/feedback/problem/", on_page(page, what_went_wrong=payload))
    html = as_user("admin").get("/admin/page_feedback/").content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


def test_honeypot_reports_are_thanked_and_dropped(client, page):
    response = client.post("/feedback/problem/", on_page(page, what_went_wrong="Buy", website="x"))
    assert response.status_code == 302
    assert not PageFeedback.objects.exists()


def test_feedback_is_rate_limited(client, page, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "feedback": "3/600"}
    codes = [
        client.post("/feedback/useful/", on_page(page, useful="yes")).status_code for _ in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    assert PageFeedback.objects.count() == 3


def test_a_browser_likes_a_page_once_and_the_count_shows(client, page):
    client.post("/feedback/like/", on_page(page))
    response = client.post("/feedback/like/", on_page(page), follow=True)
    html = response.content.decode()
    assert "You already like this page" in html[html.index('id="like"') :]
    assert 'class="th-notification"' not in html
    Client().post("/feedback/like/", on_page(page))  # a second browser
    assert PageLike.objects.filter(page=page).count() == 2
    assert "2 people like this page" in client.get(page.url).content.decode()


def test_a_like_needs_a_real_page(client):
    response = client.post("/feedback/like/", {"path": "/", "page": "999999"}, follow=True)
    assert "This page cannot be liked" in response.content.decode()
    assert not PageLike.objects.exists()


def test_feedback_forms_need_a_csrf_token(page):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/feedback/useful/", on_page(page, useful="yes")).status_code == 403


@pytest.mark.parametrize(
    ("role", "sees_alliance", "sees_council"),
    [
        ("alliance-editor", True, False),
        ("alliance-moderator", True, False),
        ("council-officer", False, True),
        ("admin", True, True),
    ],
)
def test_editors_see_feedback_for_their_own_pages(
    client, as_user, alliance, council, role, sees_alliance, sees_council
):
    client.post("/feedback/problem/", on_page(alliance.home_page, what_went_wrong="alliance typo"))
    client.post("/feedback/problem/", on_page(council.home_page, what_went_wrong="council typo"))
    html = as_user(role).get("/admin/page_feedback/").content.decode()
    assert ("alliance typo" in html) is sees_alliance
    assert ("council typo" in html) is sees_council


@pytest.mark.parametrize(
    "path", ["javascript:alert(document.domain)", "//evil.example/", "https://evil.example/"]
)
def test_the_problem_page_never_links_back_to_another_site_or_a_script(client, path):
    html = client.get("/feedback/problem/", {"path": path}).content.decode()
    assert 'href="/">Go back to the page' in html
    # The only mention left is in the language switcher's links to this same form.
    assert not re.search(r'(href|action|src)="(https?:)?//evil', html)
    assert "javascript:" not in html
    posted = client.post("/feedback/problem/", {"path": path, "what_went_wrong": ""})
    assert "javascript:" not in posted.content.decode().split("Go back")[0][-200:]


def test_the_problem_page_links_back_to_a_page_of_ours(client):
    html = client.get("/feedback/problem/", {"path": "/petitions/"}).content.decode()
    assert 'href="/petitions/">Go back to the page' in html
