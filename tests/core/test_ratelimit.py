"""Rate limits on every public write (issue 15): one decorator in core, declared on each
view, and a test generated from the URLs that finds any public view taking a POST
without it."""

from fnmatch import fnmatchcase

import pytest

from tests.test_access_matrix import ROUTES, _path
from townhall.core import access
from townhall.people.models import Supporter

pytestmark = pytest.mark.django_db

# Public views that take a POST and need no limit of their own, and why.
UNLIMITED = {
    "account_*": "allauth limits sign-in, sign-up and codes itself (ACCOUNT_RATE_LIMITS)",
    "grant-eligibility": "checks two answers and stores nothing",
    "wagtail_serve": "pages; the forms on them post to their own rate-limited views",
    "wagtailcore_authenticate_with_password": "Wagtail's page password form",
    "wagtaildocs_authenticate_with_password": "Wagtail's document password form",
    "/accounts/login/": "allauth's",
    # Staff sign-in (staff_sign_in): allauth's own views, which open only existing staff
    # accounts and never sign anyone up (staff_sign_in.adapters); codes are limited by allauth.
    "socialaccount_*": "allauth's provider sign-in, sign-up refused by the adapter",
    "/accounts/social/*": "allauth's provider sign-in, sign-up refused by the adapter",
    "/accounts/oidc/*": "the council's provider: a redirect to it and its answer",
    "/accounts/microsoft/*": "the council's provider: a redirect to it and its answer",
    "/accounts/google/*": "the council's provider: a redirect to it and its answer",
    "openid_connect_*": "the council's provider: a redirect to it and its answer",
    "microsoft_*": "the council's provider: a redirect to it and its answer",
    "google_*": "the council's provider: a redirect to it and its answer",
    "mfa_*": "allauth limits second-factor codes itself (ACCOUNT_RATE_LIMITS)",
    "/accounts/2fa/*": "allauth limits second-factor codes itself (ACCOUNT_RATE_LIMITS)",
}


def _exempt(name: str) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in UNLIMITED)


def test_every_public_view_that_takes_a_post_is_rate_limited(client):
    unlimited = []
    for route in ROUTES:
        guard = access.guard_for(route.key)
        if guard.kind != access.PUBLIC or route.route.startswith("admin/") or _exempt(route.key):
            continue
        response = client.post(_path(route.route, {"slug": "alliance", "kind": "petition"}))
        if response.status_code != 405 and not getattr(route.pattern.callback, "rate_limits", None):
            unlimited.append(route.key)
    assert unlimited == [], unlimited


def test_every_view_declared_as_reading_refuses_a_post(client):
    """The table says a view only reads; the URL then answers a POST 405 (issue 15)."""
    answered = []
    for route in ROUTES:
        if access.guard_for(route.key).kind != access.READS or "^" in route.route:
            continue  # (a regular expression's address is not made up here)
        path = _path(route.route, {"slug": "alliance"})
        if client.post(path).status_code != 405:
            answered.append(path)
    assert answered == []


def test_a_form_to_correct_does_not_use_up_the_allowance(client, alliance, settings):
    settings.TOWNHALL_RATE_LIMITS = {**settings.TOWNHALL_RATE_LIMITS, "join": "2/600"}
    for _ in range(5):  # five tries with the email missing: each a 400, none counted
        assert client.post("/join/alliance/", {"name": "Ada"}).status_code == 400
    valid = {"name": "Ada", "email": "ada@example.org", "postcode": "N12 7NN"}
    assert client.post("/join/alliance/", valid).status_code == 200
    assert client.post("/join/alliance/", valid).status_code == 200
    assert client.post("/join/alliance/", valid).status_code == 429
    assert Supporter.objects.filter(email="ada@example.org").count() == 1
