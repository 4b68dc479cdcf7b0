"""A staff member's first sign-in with a second factor required (STAFF_MFA_REQUIRED on, in a
server of this module's own): the admin's sign-in page, sent to set up an authenticator app,
the key read off the page and a code from it typed in, the recovery codes, the admin; then
signed out and in again with a fresh code. Each page passes axe and reflows at 320 px with
its text at 200%."""

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import _free_port, live_server
from tests.browser.test_accessibility import AXE_OPTIONS
from tests.browser.test_reflow import CLIPPED, SIDEWAYS, _enlarge

pytestmark = pytest.mark.browser

OFFICER = "council-officer"
PASSWORD = os.environ.get("TOWNHALL_DEMO_PASSWORD", "townhall-demo")
# Screenshots of the pages, to look at, where this names a folder for them.
SHOTS = os.environ.get("TOWNHALL_SCREENSHOTS", "")
PERIOD = 30  # allauth's MFA_TOTP_PERIOD, left at its default


@pytest.fixture(scope="module")
def mfa_server(server_env, tmp_path_factory) -> Iterator[str]:
    """The demo, as the browser tests' server runs it, but requiring a second factor."""
    data = tmp_path_factory.mktemp("townhall-mfa")
    url = f"http://127.0.0.1:{_free_port()}"
    env = {
        **server_env,
        "TOWNHALL_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'mfa.sqlite3'}",
        "TOWNHALL_BASE_URL": url,
        "STAFF_MFA_REQUIRED": "1",
    }
    with live_server(env) as server_url:
        yield server_url


@pytest.fixture
def staff(page, mfa_server):
    page.set_default_timeout(10_000)
    page.server_url = mfa_server
    return page


def code_from_app(secret: str, not_this: str = "") -> str:
    """What the authenticator app shows now. allauth takes each code once, so a second
    sign-in in the same 30 seconds waits for the next one, as a person would."""
    while True:
        if time.time() % PERIOD > PERIOD - 3:
            time.sleep(PERIOD - time.time() % PERIOD + 0.1)  # about to change: wait for it
        (counter,) = yield_hotp_counters_from_time()
        code = format_hotp_value(hotp_value(secret, counter))
        if code != not_this:
            return code
        time.sleep(1)


def check_page(page, name: str = "") -> None:
    """No axe violation; at 320 px with 200% text nothing scrolls sideways or is cut off."""
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    if name and SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    _enlarge(page, "200%", spacing=False)
    assert page.evaluate(SIDEWAYS) <= 0, f"{page.url} scrolls sideways at 320 px"
    assert page.evaluate(CLIPPED) == [], f"{page.url} cuts text off at 320 px"
    page.evaluate("document.documentElement.style.fontSize = ''")
    page.set_viewport_size(size)


def sign_in_with_password(page) -> None:
    page.goto(f"{page.server_url}/admin/login/")
    page.fill("#id_username", OFFICER)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def test_a_staff_member_sets_up_an_app_and_signs_in_with_it(staff):
    staff.goto(f"{staff.server_url}/admin/login/")
    check_page(staff, "sign-in")
    sign_in_with_password(staff)

    # Sent to set up a second factor before any admin page opens.
    expect(staff.get_by_text("Set up a second way to prove it is you")).to_be_visible()
    assert "/accounts/2fa/" in staff.url
    check_page(staff)
    staff.goto(f"{staff.server_url}/accounts/2fa/totp/activate/")

    # allauth asks for the password again before a factor is added.
    expect(staff.get_by_role("heading", name="Confirm Access")).to_be_visible()
    check_page(staff)
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Confirm").click()

    expect(staff.get_by_role("heading", name="Set up an authenticator app")).to_be_visible()
    expect(staff.get_by_role("img", name="QR code")).to_be_visible()
    code_field = staff.get_by_label("Authenticator code")
    assert code_field.get_attribute("autocomplete") == "one-time-code"
    assert code_field.get_attribute("inputmode") == "numeric"
    check_page(staff, "totp-setup")
    secret = staff.locator("#totp-secret").inner_text().replace(" ", "")

    # A wrong code: the site's error summary, and the error by the field.
    wrong = str((int(code_from_app(secret)) + 1) % 1_000_000).zfill(6)
    code_field.fill(wrong)
    staff.get_by_role("button", name="Set up the app").click()
    expect(staff.locator(".th-error-summary")).to_be_visible()
    expect(staff.locator(".th-error-message")).to_be_visible()
    assert staff.title().startswith("Error:")
    check_page(staff, "totp-setup-error")

    setup_code = code_from_app(secret)
    staff.get_by_label("Authenticator code").fill(setup_code)
    staff.get_by_role("button", name="Set up the app").click()
    expect(staff.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = staff.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10 and all(code.isdigit() for code in codes)
    check_page(staff, "recovery-codes")
    staff.get_by_role("button", name="Continue to the admin").click()
    staff.wait_for_url(f"{staff.server_url}/admin/")

    # Signed out, a password alone no longer opens the admin: the app's code does.
    staff.goto(f"{staff.server_url}/accounts/logout/")
    staff.get_by_role("button", name="Sign out").click()
    sign_in_with_password(staff)
    code_field = staff.get_by_label("Code")
    expect(code_field).to_be_visible()
    assert code_field.get_attribute("inputmode") == "numeric"
    check_page(staff, "code-step")
    staff.get_by_label("Code").fill(code_from_app(secret, not_this=setup_code))
    staff.get_by_role("button", name="Sign In").click()
    staff.wait_for_url(f"{staff.server_url}/admin/")
