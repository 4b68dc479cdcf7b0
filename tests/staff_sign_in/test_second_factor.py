"""A second factor before the admin opens (STAFF_MFA_REQUIRED), through the admin's own
sign-in page: set one up first, then every password sign-in asks for it."""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.staff_sign_in.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_code(secret: str) -> str:
    (counter,) = yield_hotp_counters_from_time()  # tolerance 0: just this period
    return format_hotp_value(hotp_value(secret, counter))


def sign_in_with_password(client, user):
    return client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD}
    )


def admin_status(client) -> tuple[int, str]:
    response = client.get("/admin/")
    return response.status_code, response.get("Location", "")


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def test_the_admin_stays_closed_until_a_second_factor_is_set_up(client, officer, mfa_required):
    sign_in_with_password(client, officer)
    status, location = admin_status(client)
    assert status == 302
    assert location.startswith(reverse("mfa_index"))
    assert client.get(location).status_code == 200
    assert client.get("/admin/pages/").status_code == 302  # every admin page, not just home

    # allauth asks for the password again before a factor is added (a fresh proof).
    page = client.get(reverse("mfa_activate_totp"))
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert Authenticator.objects.filter(user=officer, type="totp").exists()
    assert admin_status(client)[0] == 200


def test_without_mfa_required_the_admin_opens_on_a_password(client, officer):
    sign_in_with_password(client, officer)
    assert admin_status(client)[0] == 200


def test_a_password_sign_in_asks_for_the_code_and_a_wrong_one_does_not_open(
    client, officer, mfa_required
):
    secret = with_totp(officer)
    response = sign_in_with_password(client, officer)
    assert response["Location"] == reverse("mfa_authenticate")
    status, location = admin_status(client)
    assert status == 302 and location.startswith(reverse("wagtailadmin_login"))

    wrong = str((int(current_code(secret)) + 1) % 1_000_000).zfill(6)
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert admin_status(client)[0] == 302

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert admin_status(client)[0] == 200


def test_a_recovery_code_opens_the_admin_once(client, officer, mfa_required):
    with_totp(officer)
    code = RecoveryCodes.activate(officer).get_unused_codes()[0]

    sign_in_with_password(client, officer)
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert admin_status(client)[0] == 200

    client.post(reverse("wagtailadmin_logout"))
    sign_in_with_password(client, officer)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200 and response.context["form"].errors
    assert admin_status(client)[0] == 302


def test_a_session_signed_in_another_way_is_asked_for_the_factor(client, officer, mfa_required):
    with_totp(officer)
    client.force_login(officer)  # as a session from before MFA was required would be
    status, location = admin_status(client)
    assert status == 302 and location.startswith(reverse("mfa_reauthenticate"))


def test_when_sso_is_required_a_staff_password_is_refused(client, officer, settings):
    settings.TOWNHALL_STAFF_SSO_REQUIRED = True
    response = sign_in_with_password(client, officer)
    assert response.status_code == 200
    assert "sso_required" in response.context["form"].errors.as_data()["__all__"][0].code
    assert admin_status(client)[0] == 302

    client.force_login(officer)  # signed in some other way, e.g. by an emailed code
    assert admin_status(client)[0] == 403


def test_wrong_passwords_are_rate_limited(client, officer):
    for _ in range(5):
        client.post(
            reverse("wagtailadmin_login"), {"username": officer.username, "password": "nope"}
        )
    response = sign_in_with_password(client, officer)
    assert response.status_code == 200  # refused even with the right password now
    assert admin_status(client)[0] == 302


def test_an_administrator_removes_lost_factors(client, officer, mfa_required):
    with_totp(officer)
    call_command("remove_second_factors", officer.username, stdout=io.StringIO())
    sign_in_with_password(client, officer)
    assert admin_status(client)[1].startswith(reverse("mfa_index"))  # set up anew
    with pytest.raises(CommandError):
        call_command("remove_second_factors", "nobody-by-this-name")
