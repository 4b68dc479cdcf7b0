"""With STAFF_SSO_REQUIRED, allauth's password reset gives a staff account no password: the
email carries no reset link but says where staff sign in, and a reset link from before the
setting was turned on sets nothing. Passwords stay as they were for everyone else."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.urls import reverse

from tests.staff_sign_in.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-new-long-password-9"


@pytest.fixture
def sso_required(settings):
    settings.TOWNHALL_STAFF_SSO_REQUIRED = True
    return settings


def ask_for_a_reset(client, capture, email: str) -> str:
    mail.outbox.clear()
    with capture(execute=True):  # emails go once the request's transaction commits
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    (message,) = mail.outbox
    return message.body


def test_a_staff_account_is_sent_no_reset_link(
    client, officer, sso_required, django_capture_on_commit_callbacks
):
    body = ask_for_a_reset(client, django_capture_on_commit_callbacks, officer.email)
    assert "/password/reset/key/" not in body
    assert "council's account" in body and "/admin/login/" in body


def test_without_sso_required_staff_get_the_reset_link(
    client, officer, django_capture_on_commit_callbacks
):
    body = ask_for_a_reset(client, django_capture_on_commit_callbacks, officer.email)
    assert "/password/reset/key/" in body


def reset_with_key(client, user):
    key = default_token_generator.make_token(user)
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": key},
    )
    form_url = client.get(url)["Location"]  # allauth moves the key into the session
    return client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_a_reset_link_sets_no_staff_password(client, officer, sso_required):
    response = reset_with_key(client, officer)
    assert response.status_code == 200
    assert "sso_required" in response.context["form"].errors.as_data()["__all__"][0].code
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD) and not officer.check_password(NEW_PASSWORD)


def test_the_same_link_sets_a_password_when_sso_is_not_required(client, officer):
    assert reset_with_key(client, officer).status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)


def test_a_staff_member_signed_in_cannot_change_their_password(client, officer, sso_required):
    client.force_login(officer)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 200 and response.context["form"].errors
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
