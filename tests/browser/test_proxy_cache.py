"""The shipped nginx cache (src/townhall/operations/deploy/nginx/townhall-cache.conf) in front
of a real server: anonymous pages come from nginx, personal ones never do, and Chromium signs
a petition through it with no CSRF token (decision 15)."""

import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from email.message import Message

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_latest_email
from tests.browser.test_petition_path import fill_signer
from tests.nginx import start_nginx

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def proxy_url(server_url, tmp_path_factory):
    try:
        nginx = start_nginx(tmp_path_factory.mktemp("nginx"), server_url)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield nginx.url
    nginx.stop()


def get(url: str, **headers) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - local
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def open_petition(server_url: str) -> str:
    html = get(f"{server_url}/petitions/")[2]
    return re.search(r'href="(/petitions/\d+/)"', html).group(1)


def test_an_anonymous_petition_page_is_served_by_nginx_and_carries_no_token(proxy_url, server_url):
    path = open_petition(server_url)
    get(f"{proxy_url}{path}")
    status, headers, html = get(f"{proxy_url}{path}")
    assert status == 200
    assert headers["X-Cache-Status"] in {"HIT", "UPDATING", "STALE"}
    assert "csrfmiddlewaretoken" not in html
    assert "public" in headers["Cache-Control"] and "Set-Cookie" not in headers
    assert "Content-Security-Policy" in headers  # the app's security headers, from the cache


def test_a_reader_with_a_session_always_reaches_townhall(proxy_url, server_url):
    path = open_petition(server_url)
    get(f"{proxy_url}{path}")
    _, headers, _ = get(f"{proxy_url}{path}", Cookie="sessionid=someone")
    assert headers["X-Cache-Status"] == "BYPASS"


def test_a_post_from_another_site_is_refused_through_the_proxy(proxy_url, server_url):
    path = open_petition(server_url)
    request = urllib.request.Request(  # noqa: S310 - local
        f"{proxy_url}{path}sign/",
        data=b"name=Forged&email=forged%40example.org&postcode=EN5+4BW",
        headers={"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - local
    assert refused.value.code == 403


def test_chromium_signs_and_confirms_through_the_cache(site, proxy_url, server_url):
    path = open_petition(server_url)
    who = f"proxy-{uuid.uuid4().hex[:6]}"
    get(f"{proxy_url}{path}sign/")  # someone else loaded the form: it is in nginx's cache
    response = site.goto(f"{proxy_url}{path}sign/")
    assert response.headers["x-cache-status"] in {"HIT", "UPDATING", "STALE"}
    fill_signer(site, who, f"{who}@example.org")
    site.get_by_role("button", name="Sign this petition").click()
    expect(site.get_by_role("heading", name="Check your email")).to_be_visible()
    open_latest_email(site, server_url, f"{who}@example.org", "Confirm your signature")
    link = site.locator("a", has_text=re.compile("/petitions/signatures/")).first
    site.goto(proxy_url + urllib.parse.urlsplit(link.get_attribute("href")).path)
    site.get_by_role("button", name="Confirm my signature").click()
    expect(site.get_by_role("heading", name="Your signature is counted")).to_be_visible()
