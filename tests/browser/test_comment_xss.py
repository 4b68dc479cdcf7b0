"""The XSS corpus as comments, rendered in Chromium: nothing runs, no foreign element appears."""

import json

import pytest

from tests.browser.conftest import townhall_command
from tests.browser.xss_corpus import XSS_PAYLOADS

pytestmark = pytest.mark.browser

POST_SLUG = "back-office-and-customer-services-contract-approved"
ALLOWED = {
    "A",
    "ABBR",
    "ACRONYM",
    "B",
    "BLOCKQUOTE",
    "CITE",
    "CODE",
    "DEL",
    "EM",
    "I",
    "Q",
    "S",
    "STRIKE",
    "STRONG",
    "P",
    "BR",
}
ALLOWED_ATTRIBUTES = {"href", "title", "cite", "datetime", "rel"}


def test_payloads_never_run_and_leave_only_allowed_markup(site, server_env):
    # The comments are saved the way a posted comment is: Comment.save() sanitises with nh3.
    script = (
        "import json\n"
        "from townhall.comments.models import Comment\n"
        "from townhall.news.models import NewsPostPage\n"
        f"post = NewsPostPage.objects.get(slug={POST_SLUG!r})\n"
        f"for n, payload in enumerate(json.loads({json.dumps(json.dumps(XSS_PAYLOADS))})):\n"
        "    Comment.objects.create(page=post, author_name=f'XSS {n}', "
        "author_email=f'x{n}@example.org', content=payload, status='approved')\n"
        "from townhall.comments.models import CommentPolicy\n"
        "CommentPolicy.objects.filter(organisation__slug='council').update(per_page=500)\n"
        "from townhall.core import pagecache\n"
        "pagecache.invalidate(pagecache.SITE_TAG)\n"
    )
    townhall_command(server_env, "shell", "-c", script)
    assert len(XSS_PAYLOADS) >= 50

    site.goto(f"{site.server_url}/council/news/{POST_SLUG}/")
    site.wait_for_timeout(500)  # time for anything with a timer or an autofocus handler to fire
    bodies = site.locator(".th-comment__body")
    assert bodies.count() >= len(XSS_PAYLOADS)
    found = site.evaluate(
        """() => [...document.querySelectorAll('.th-comment__body *')].map(e => ({
            tag: e.tagName, attrs: [...e.attributes].map(a => [a.name, a.value])}))"""
    )
    foreign = [e for e in found if e["tag"] not in ALLOWED]
    assert foreign == []
    for element in found:
        for name, value in element["attrs"]:
            assert name in ALLOWED_ATTRIBUTES, element
            if name in ("href", "cite") and ":" in value.split("/", 1)[0]:
                # An address with a scheme must be one of these; relative ones are harmless.
                assert value.startswith(("http://", "https://", "mailto:")), element
    assert site.evaluate("() => document.querySelectorAll('script:not([src])').length") == 0
    # The harmless parts survive, as text or allowed tags.
    assert site.get_by_text("fine link").count() == 1
    # `site` fails the test if any dialog opened.
