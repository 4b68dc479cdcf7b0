"""Numbers in addresses and forms are bounded before they reach the database (issue 30):
a number too big for it is "not found" (404) or a form error, never an OverflowError's 500.
The sweep requests every URL pattern with a number in it, as the person most likely to
reach its view (an admin for the admin's, anyone for the site's), by GET and by POST."""

import re

import pytest
from django.test import Client

from tests.test_access_matrix import ROUTES
from townhall.core.ids import MAX_ID

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
NUMBERS = re.compile(r"<(?:int|id):(\w+)>|<str:(pk|\w+_id)>")
NUMBERED = [r for r in ROUTES if NUMBERS.search(r.route) and "^" not in r.route]


def _huge_path(route: str) -> str:
    path = NUMBERS.sub(HUGE, route)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", path)


def test_the_sweep_covers_the_addresses_named_in_the_issue():
    paths = {_huge_path(r.route) for r in NUMBERED}
    assert f"/consultations/{HUGE}/respond/" in paths
    assert f"/events/{HUGE}.ics" in paths
    assert len(NUMBERED) > 50


@pytest.mark.parametrize("route", NUMBERED, ids=lambda r: r.key)
def test_a_number_too_big_for_the_database_is_not_a_server_error(as_user, route):
    client = as_user("admin") if route.route.startswith("admin/") else Client()
    client.raise_request_exception = False
    path = _huge_path(route.route)
    for method in (client.get, client.post):
        response = method(path)
        assert response.status_code < 500, (method.__name__, path, response.status_code)


@pytest.mark.parametrize("number", [str(MAX_ID), str(MAX_ID + 1), HUGE, "0"])
def test_an_event_calendar_at_the_edges_of_the_range_is_found_or_not(number):
    client = Client()
    client.raise_request_exception = False
    assert client.get(f"/events/{number}.ics").status_code == 404


def test_a_form_given_a_number_too_big_for_the_database_says_what_is_wrong(client, alliance):
    """A list's choice (the ward) and a plain number (the comment answered) alike."""
    from tests.petitions.test_pages import signing_data
    from townhall.core.models import Ward
    from townhall.news.models import NewsPostPage

    data = {
        **signing_data(Ward.objects.first()),
        "ward": HUGE,
        "action": "Fix the lights",
        "background": "Dark.",
    }
    response = client.post("/petitions/new/", data)
    assert response.status_code == 400
    assert "Choose your ward from the list" in response.content.decode()
    post = NewsPostPage.objects.descendant_of(alliance.home_page).first()
    response = client.post(
        f"/comments/post/{post.pk}/",
        {"author_name": "Nadia", "author_email": "n@example.org", "content": "Hi", "parent": HUGE},
    )
    assert response.status_code == 400
