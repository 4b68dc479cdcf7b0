"""Applicants' accounts: made and used with a code sent by email, never a password; staff
still sign in to the admin with their username and password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post as the browser would, sending the emails queued once the request commits."""

    def send(url: str, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return send


def _code_sent_to(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.M).group(1)


def test_signing_up_needs_only_an_email_and_the_code_sent_to_it(client, post):
    answer = post("/accounts/signup/", {"email": "new.applicant@example.org"})
    assert answer.status_code == 302
    page = client.get(answer["Location"])
    assert b"Check your email" in page.content and b"new.applicant@example.org" in page.content
    wrong = client.post(answer["Location"], {"code": "AAAAAA"})
    assert wrong.status_code == 200 and b"There is a problem" in wrong.content
    done = client.post(answer["Location"], {"code": _code_sent_to("new.applicant@example.org")})
    assert done.status_code == 302
    user = get_user_model().objects.get(email="new.applicant@example.org")
    assert not user.has_usable_password()
    assert client.get("/grants/applications/").status_code == 200


def test_signing_in_sends_a_code_to_a_known_address(client, post, resident):
    assert client.get("/accounts/login/?next=/grants/applications/")["Location"] == (
        "/accounts/login/code/?next=/grants/applications/"
    )
    sent = post("/accounts/login/code/", {"email": "resident@example.org"})
    assert sent.status_code == 302
    done = client.post(sent["Location"], {"code": _code_sent_to("resident@example.org")})
    assert done.status_code == 302
    assert client.get("/grants/applications/").context["user"] == resident


def test_an_unknown_address_is_not_revealed(client, resident):
    from django.test import Client

    unknown = client.post("/accounts/login/code/", {"email": "nobody@example.org"})
    known = Client().post("/accounts/login/code/", {"email": "resident@example.org"})
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert unknown.status_code == 302


def test_a_bad_email_address_is_explained(client):
    page = client.post("/accounts/signup/", {"email": "not-an-email"})
    assert page.status_code == 200
    assert b"There is a problem" in page.content and b'href="#id_email"' in page.content


def test_applications_need_an_account(client):
    answer = client.get("/grants/applications/")
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")


def test_staff_still_sign_in_to_the_admin_with_a_password(client):
    answer = client.post(
        "/admin/login/", {"username": "council-officer", "password": "townhall-demo"}
    )
    assert answer.status_code == 302 and client.get("/admin/").status_code == 200


@pytest.mark.parametrize("known", [True, False])
def test_account_emails_link_to_the_base_url_whatever_host_the_request_named(
    client, django_capture_on_commit_callbacks, settings, known
):
    """A password-reset link must not point at a host and port a client typed (issue 15)."""
    settings.ALLOWED_HOSTS = ["*"]
    email = "council-officer@example.org" if known else "nobody.here@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/accounts/password/reset/", {"email": email}, HTTP_HOST="attacker.example:6666"
        )
    [message] = [m for m in mail.outbox if m.to == [email]]
    links = re.findall(r"https?://[^\s/)]+", message.body)
    assert links and set(links) == {settings.TOWNHALL_BASE_URL}, message.body
