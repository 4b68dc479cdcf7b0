"""allauth's second-factor pages drawn as the site's other forms: a label and a hint for each
field, the error by the field and in the error summary, and a code field a phone fills in."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.staff_sign_in.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def code_input(html: str) -> str:
    match = re.search(r'<input[^>]*name="code"[^>]*>', html)
    assert match, "no code field"
    return match.group(0)


@pytest.fixture
def setting_up(client, officer):
    client.force_login(officer)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


def test_the_app_setup_page_writes_the_key_out_and_asks_for_the_code(setting_up):
    page = setting_up.get(reverse("mfa_activate_totp"))
    html = page.content.decode()
    secret = page.context["form"].secret
    written = re.search(r'<code id="totp-secret">([A-Z2-7 ]+)</code>', html).group(1)
    assert written.replace(" ", "") == secret and " " in written  # in groups, to copy
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    field = code_input(html)
    assert 'inputmode="numeric"' in field and 'autocomplete="one-time-code"' in field
    assert 'class="th-input th-input--width-10"' in field and "placeholder" not in field
    assert 'aria-describedby="id_code_helptext"' in field
    assert '<label class="th-label" for="id_code">' in html
    assert 'class="th-hint" id="id_code_helptext">The 6-digit code' in html
    assert "th-error-summary" not in html


def test_a_wrong_code_shows_the_site_error_summary_and_the_error_by_the_field(setting_up):
    page = setting_up.post(reverse("mfa_activate_totp"), {"code": "000000x"})
    html = page.content.decode()
    assert page.status_code == 200
    assert '<div class="th-error-summary"' in html
    assert '<a href="#id_code">' in html
    assert 'class="th-error-message" id="id_code_error"' in html
    assert "th-form-group--error" in html
    field = code_input(html)
    assert "th-input--error" in field
    assert 'aria-describedby="id_code_helptext id_code_error"' in field
    assert re.search(r"<title>Error: ", html)


def test_the_code_step_of_a_sign_in_asks_for_the_app_or_a_recovery_code(client, officer):
    TOTP.activate(officer, generate_totp_secret())
    client.post(reverse("wagtailadmin_login"), {"username": officer.username, "password": PASSWORD})
    html = client.get(reverse("mfa_authenticate")).content.decode()
    field = code_input(html)
    assert 'inputmode="numeric"' in field and 'autocomplete="one-time-code"' in field
    assert "or one of your 8-digit recovery codes" in html
    assert '<form method="post" action="/accounts/2fa/authenticate/" id="webauthn_form"' in html


def test_the_recovery_codes_page_leads_on_to_the_admin(setting_up, officer):
    TOTP.activate(officer, generate_totp_secret())
    codes = RecoveryCodes.activate(officer).get_unused_codes()
    html = setting_up.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert all(code in html for code in codes)
    assert '<label class="th-label" for="recovery_codes">' in html
    assert f'href="{reverse("wagtailadmin_home")}"' in html
