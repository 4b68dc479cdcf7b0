"""Browser tests drive Debian's Chromium against a real `townhall serve` process.

The server runs the production settings on a fresh SQLite demo database of its own, so these
tests see what a new user sees after `make run`. Emails are sent in-process (the immediate
task backend) so the outbox has them by the time the page has answered.
"""

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("TOWNHALL_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach the internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: apt-get install chromium, or set TOWNHALL_CHROMIUM"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server_env(tmp_path_factory) -> dict:
    data = tmp_path_factory.mktemp("townhall-browser")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "TOWNHALL_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'browser.sqlite3'}",
        "TOWNHALL_DEMO": "1",
        "TOWNHALL_BASE_URL": url,
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "WEB_CONCURRENCY": "1",
        "REDIS_URL": "",
        # Every simulated person here comes from 127.0.0.1: per-address limits would see one.
        "COMMENT_FLOOD_SECONDS": "0",
        "RATE_LIMIT_SIGN": "1000/600",
        "RATE_LIMIT_SIGN_BURST": "1000/60",
    }
    return env


def townhall_command(env: dict, *args: str) -> str:
    """Run a `townhall` command against the browser tests' server database."""
    result = subprocess.run(
        [sys.executable, "-m", "townhall.cli", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


@pytest.fixture(scope="session")
def server_url(server_env) -> Iterator[str]:
    with live_server(server_env) as url:
        yield url


@contextlib.contextmanager
def live_server(env: dict) -> Iterator[str]:
    """`townhall serve` on a fresh demo database, for as long as the block runs."""
    data = Path(env["TOWNHALL_DATA_DIR"])
    url = env["TOWNHALL_BASE_URL"]
    port = int(url.rsplit(":", 1)[1])
    townhall = [sys.executable, "-m", "townhall.cli"]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
        ["load_demo"],
    ):
        subprocess.run([*townhall, *command], env=env, check=True, capture_output=True)
    log = (data / "server.log").open("w")
    server = subprocess.Popen(
        [*townhall, "serve", "--bind", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"townhall serve did not start: {(data / 'server.log').read_text()}")
            time.sleep(0.2)
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def site(page, server_url):
    """A Playwright page that fails the test if any script dialog opens (an XSS canary)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(10_000)
    page.server_url = server_url
    yield page
    assert dialogs == [], f"a script ran and opened a dialog: {dialogs}"


def sign_in(page, server_url: str, username: str) -> None:
    page.goto(f"{server_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", os.environ.get("TOWNHALL_DEMO_PASSWORD", "townhall-demo"))
    page.click("button[type=submit]")
    page.wait_for_url(f"{server_url}/admin/")


def edit_aims_and_publish(editor, server_url: str, page_id: str, text: str, summary: str = ""):
    """In the Wagtail editor: add a paragraph to the body, say what changed, and publish."""
    editor.goto(f"{server_url}/admin/pages/{page_id}/edit/")
    editor.locator(".Draftail-Editor [contenteditable=true]").first.click()
    editor.keyboard.press("Control+End")
    editor.keyboard.press("Enter")
    editor.keyboard.press("Enter")  # a second Enter leaves a list for a new paragraph
    editor.keyboard.type(text)
    # Draftail copies its content into this field as it changes; publish only once it has.
    expect(editor.locator("input[name=body]")).to_have_value(re.compile(re.escape(text[:20])))
    if summary:
        editor.get_by_role("textbox", name="What changed").fill(summary)
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Publish").click()
    expect(editor.get_by_text("has been published")).to_be_visible()


def open_latest_email(page, server_url: str, to: str, subject: str) -> None:
    """Open the newest message in the demo outbox sent to `to` with this subject."""
    page.goto(f"{server_url}/outbox/")
    page.get_by_role("row").filter(has_text=to).filter(has_text=subject).first.get_by_role(
        "link"
    ).click()


def follow_link_in_email(page, pattern: str) -> str:
    href = page.locator("a", has_text=re.compile(pattern)).first.get_attribute("href")
    page.goto(href)
    return href


def code_from_outbox(page, server_url: str, to: str, subject: str) -> str:
    """The code in the newest email to `to`, read in a second tab so the form stays open."""
    outbox = page.context.new_page()
    open_latest_email(outbox, server_url, to, subject)
    code = re.search(
        r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", outbox.locator(".th-email-body").inner_text()
    )
    outbox.close()
    return code.group(1)


def create_account(page, server_url: str, email: str) -> None:
    """Make a resident's account from the sign-in or sign-up page the site has just shown."""
    if not page.get_by_role("heading", name="Create an account").is_visible():
        page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.get_by_label("Code").fill(code_from_outbox(page, server_url, email, "Confirm your email"))
    page.get_by_role("button", name="Continue").click()


def sign_in_by_code(page, server_url: str, email: str, next_path: str = "/") -> None:
    page.goto(f"{server_url}/accounts/login/?next={next_path}")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send me a code").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    page.get_by_label("Code").fill(code_from_outbox(page, server_url, email, "sign-in code"))
    page.get_by_role("button", name="Continue").click()
