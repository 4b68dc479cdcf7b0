"""Share links: plain links to each service's own share page, built on the server, so
sharing needs no third-party script, sets no cookie and tells no one who only reads."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.translation import gettext as _


def share_links(title: str, path: str) -> list[dict[str, str]]:
    """Where a reader can share `path` (on this site) and what each link is called."""
    url = settings.TOWNHALL_BASE_URL + path
    text = f"{title} {url}"
    return [
        {
            # Translators: a link that shares the page by email (the others are brand names)
            "service": _("Email"),
            "href": f"mailto:?subject={quote(title)}&body={quote(text)}",
        },
        {"service": "WhatsApp", "href": "https://wa.me/?" + urlencode({"text": text})},
        {
            "service": "Facebook",
            "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "service": "X",
            "href": "https://x.com/intent/post?" + urlencode({"text": title, "url": url}),
        },
        {
            "service": "Bluesky",
            "href": "https://bsky.app/intent/compose?" + urlencode({"text": text}),
        },
    ]
