"""Signing in to the admin through a real OpenID Connect provider (tests/oidc_provider,
django-oauth-toolkit in its own process), the whole redirect flow: Townhall sends the
browser to the provider, the person signs in there, the provider sends them back with a
code, Townhall exchanges it and checks the signed ID token."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import environ
import pytest
import requests
from django.contrib.auth import get_user_model

from townhall.staff_sign_in.config import providers_from_env

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/accounts/oidc/council/login/callback/"
CLIENT_ID, SECRET = "townhall", "a-client-secret-for-tests"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.oidc_provider.serve",
            CALLBACK,
            CLIENT_ID,
            SECRET,
            "officer:officer@council.example",
            "stranger:stranger@elsewhere.example",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = process.stdout.readline().strip()
        assert port.isdigit(), "the provider did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def council_provider(provider, settings, monkeypatch) -> str:
    """Townhall configured as docs/staff-sign-in.md says, through the environment."""
    monkeypatch.setenv("OIDC_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("OIDC_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("OIDC_SERVER_URL", f"{provider}/o")
    monkeypatch.setenv("OIDC_NAME", "Council account")
    settings.SOCIALACCOUNT_PROVIDERS = providers_from_env(environ.Env())
    return provider


def sign_in_at_provider(client, provider: str, username: str):
    """The browser's part: from Townhall's button to the provider and back to Townhall."""
    start = client.post("/accounts/oidc/council/login/?process=login&next=/admin/")
    assert start.status_code == 302
    browser = requests.Session()
    authorize = browser.get(start["Location"], allow_redirects=False)
    assert authorize.headers["Location"].startswith("/login/")
    signed_in = browser.post(
        provider + authorize.headers["Location"],
        {"username": username, "password": "password"},
        allow_redirects=False,
    )
    back = browser.get(provider + signed_in.headers["Location"], allow_redirects=False)
    callback = urlsplit(back.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == CALLBACK
    return client.get(f"{callback.path}?{callback.query}")


def test_the_login_page_offers_the_council_provider(client, council_provider):
    page = client.get("/admin/login/")
    assert b"Sign in with Council account" in page.content


def test_a_staff_member_signs_in_with_the_council_provider(client, council_provider, officer):
    response = sign_in_at_provider(client, council_provider, "officer")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_someone_unknown_to_townhall_is_refused(client, council_provider, officer):
    users = get_user_model().objects.count()
    response = sign_in_at_provider(client, council_provider, "stranger")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users  # no account made


def test_a_resident_with_the_same_address_gets_no_admin(client, council_provider):
    get_user_model().objects.create_user("resident", "officer@council.example")
    response = sign_in_at_provider(client, council_provider, "officer")
    assert response.status_code == 403
    assert client.get("/admin/").status_code == 302


def test_sso_counts_as_the_second_factor_when_the_settings_say_so(
    client, council_provider, officer, mfa_required
):
    mfa_required.TOWNHALL_STAFF_SSO_IS_SECOND_FACTOR = True
    mfa_required.TOWNHALL_STAFF_SSO_REQUIRED = True
    sign_in_at_provider(client, council_provider, "officer")
    assert client.get("/admin/").status_code == 200


def test_otherwise_sso_staff_still_set_up_a_second_factor(
    client, council_provider, officer, mfa_required
):
    sign_in_at_provider(client, council_provider, "officer")
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/")
