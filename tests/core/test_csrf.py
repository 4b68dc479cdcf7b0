"""Cross-site posting (decision 15): the browser's word for people without a session, the
token for people with one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from townhall.core.models import PageFeedback as Feedback

pytestmark = pytest.mark.django_db

HOST = "testserver"


@pytest.fixture
def page(alliance):
    return alliance.home_page


def useful(client: Client, page, **headers):
    return client.post(
        "/feedback/useful/", {"path": page.url, "page": page.pk, "useful": "yes"}, headers=headers
    )


def strict() -> Client:
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},  # typed or bookmarked
        {"Origin": f"http://{HOST}"},  # a browser that does not send Sec-Fetch-Site
        {"Sec-Fetch-Site": "same-origin", "Origin": f"http://{HOST}"},
    ],
)
def test_a_post_from_this_site_needs_no_token_without_a_session(page, headers):
    assert useful(strict(), page, **headers).status_code == 302
    assert Feedback.objects.filter(path=page.url).exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},  # a sibling subdomain is another site here
        {"Sec-Fetch-Site": "cross-site", "Origin": f"http://{HOST}"},  # the fetch header wins
        {"Origin": "https://evil.example"},
        {"Origin": "null"},  # a sandboxed frame or a redirect across sites
        {},  # no browser sends neither: a token is then needed, and there is none
    ],
)
def test_a_post_from_elsewhere_is_refused_and_saves_nothing(page, headers):
    response = useful(strict(), page, **headers)
    assert response.status_code == 403
    assert "This form could not be sent" in response.content.decode()
    assert not Feedback.objects.filter(path=page.url).exists()


def signed_in_strict() -> Client:
    client = strict()
    client.force_login(get_user_model().objects.get(username="alliance-editor"))
    return client


def test_with_a_session_the_browsers_word_is_not_enough(page):
    client = signed_in_strict()
    assert useful(client, page, **{"Sec-Fetch-Site": "same-origin"}).status_code == 403
    assert not Feedback.objects.filter(path=page.url).exists()


def test_with_a_session_the_page_carries_a_token_that_works(page):
    client = signed_in_strict()
    html = client.get(page.url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post(
        "/feedback/useful/",
        {"path": page.url, "page": page.pk, "useful": "yes", "csrfmiddlewaretoken": token},
        headers={"Sec-Fetch-Site": "same-origin"},
    )
    assert response.status_code == 302


def test_a_page_without_a_session_has_no_token_and_sets_no_cookie(page):
    response = Client().get(page.url)
    assert b"csrfmiddlewaretoken" not in response.content
    assert "csrftoken" not in response.cookies
    assert b'action="/feedback/useful/"' in response.content  # the forms are still there
