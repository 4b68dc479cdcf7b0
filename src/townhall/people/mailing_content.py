"""What a mailing says, copy by copy: the organisers' rich text with absolute links, the
organisation's footer (who sent it, where to write, how to stop), a plain-text part made
from the HTML, and the headers mail programs use for one-click unsubscribe (RFC 8058)."""

from dataclasses import dataclass
from email.utils import formataddr, parseaddr

import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from inscriptis import get_text
from inscriptis.model.config import ParserConfig
from wagtail.rich_text import expand_db_html

from townhall.core.sanitise import RICH_TEXT_TAGS, SAFE_URL_SCHEMES
from townhall.people.models import Mailing, MailingLink, Recipient

MAILING_TAGS = {**RICH_TEXT_TAGS, "hr": set()}
TEXT_CONFIG = ParserConfig(display_links=True)


def absolute(url: str) -> str:
    return f"{settings.TOWNHALL_BASE_URL}{url}" if url.startswith("/") else url


def _clean(html: str, href) -> str:
    """The editor's HTML, only what mail programs show well, each link passed to `href`."""
    return nh3.clean(
        html,
        tags=set(MAILING_TAGS),
        attributes=MAILING_TAGS,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel=None,
        clean_content_tags={"script", "style"},
        attribute_filter=lambda tag, attribute, value: (
            href(absolute(value)) if (tag, attribute) == ("a", "href") else value
        ),
    )


def links_of(mailing: Mailing) -> list[str]:
    """The web links in the body, each once, in order: the ones clicks are counted for."""
    found: list[str] = []

    def note(url: str) -> str:
        if url.startswith(("http://", "https://")) and url not in found:
            found.append(url)
        return url

    _clean(expand_db_html(mailing.body), note)
    return found


@dataclass(frozen=True)
class Copy:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def unsubscribe_url(recipient: Recipient) -> str:
    return absolute(reverse("mailing-unsubscribe", args=[recipient.token]))


# Stands for a copy's own token while a mailing is rendered once for all its copies.
TOKEN = "townhallcopytoken"  # noqa: S105 - a placeholder, not a secret


def prepare(mailing: Mailing, links: dict[str, int] | None = None) -> Copy:
    """The mailing rendered once, with TOKEN where each copy's own token goes: rendering
    (the rich text, the templates, the plain-text part) costs the same for 10 copies or
    50,000. `links` (url → position) are the links counted through the redirect."""
    counted = links or {}

    def href(url: str) -> str:
        if url not in counted:
            return url
        return absolute(reverse("mailing-link", args=[TOKEN, counted[url]]))

    organisation = mailing.organisation
    stop = absolute(reverse("mailing-unsubscribe", args=[TOKEN]))
    expanded = expand_db_html(mailing.body)
    context = {
        "mailing": mailing,
        "organisation": organisation,
        "body": _clean(expanded, href),
        "unsubscribe_url": stop,
    }
    html = render_to_string("people/emails/mailing.html", context)
    text = get_text(_clean(expanded, lambda url: url), TEXT_CONFIG).strip()
    text = render_to_string("people/emails/mailing.txt", {**context, "text": text})
    headers = {
        "List-Unsubscribe": f"<{stop}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{organisation.name} <{organisation.slug}.{settings.TOWNHALL_EMAIL_DOMAIN}>",
        "Precedence": "bulk",
    }
    if organisation.reply_to_email:
        headers["Reply-To"] = organisation.reply_to_email
    return Copy(mailing.subject, text, html, headers)


def personal(prepared: Copy, token: str) -> Copy:
    """One copy of a prepared mailing: its links and unsubscribe link carry its token."""
    return Copy(
        prepared.subject,
        prepared.text.replace(TOKEN, token),
        prepared.html.replace(TOKEN, token),
        {name: value.replace(TOKEN, token) for name, value in prepared.headers.items()},
    )


def compose(
    mailing: Mailing, recipient: Recipient | None = None, links: dict[str, int] | None = None
) -> Copy:
    """One copy: for a recipient, with its counted links and its own unsubscribe link;
    without one (a preview, a test send), links as written and a placeholder link."""
    if recipient is None:
        return personal(prepare(mailing), "preview")
    return personal(prepare(mailing, links), recipient.token)


def sender(mailing: Mailing) -> str:
    """ "Barnet Alliance <noreply@townhall.example>": the group's name, the site's address
    (mail from a group's own domain would fail its SPF and DMARC checks)."""
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((mailing.organisation.name, address))


def message(
    mailing: Mailing, copy: Copy, to: str, message_id: str, connection=None
) -> EmailMultiAlternatives:
    built = EmailMultiAlternatives(
        copy.subject,
        copy.text,
        from_email=sender(mailing),
        to=[to],
        headers={**copy.headers, "Message-ID": message_id},
        connection=connection,
    )
    built.attach_alternative(copy.html, "text/html")
    return built


def freeze_links(mailing: Mailing) -> dict[str, int]:
    """Number the body's links for counting (once, when sending begins); url → position."""
    for position, url in enumerate(links_of(mailing), start=1):
        MailingLink.objects.get_or_create(
            mailing=mailing, position=position, defaults={"url": url[:2000]}
        )
    return dict(mailing.links.values_list("url", "position"))
