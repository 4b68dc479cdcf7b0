"""Reading a WordPress export (WXR, RSS 2.0 with WordPress's own elements) into plain data.

The whole file is read and checked before anything is written, so a bad file imports nothing.
"""

import html
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
OLDER_WP_NAMESPACES = ["http://wordpress.org/export/1.1/", "http://wordpress.org/export/1.0/"]


class WxrError(Exception):
    """The file is not a WordPress export we can read; the message says what is wrong."""


@dataclass
class WxrComment:
    id: int
    parent_id: int
    author: str
    email: str
    url: str
    ip: str
    date: datetime | None
    content: str
    approved: str  # "1", "0", "spam" or "trash"
    type: str  # "", "comment", "pingback" or "trackback"


@dataclass
class WxrItem:
    id: int
    type: str
    status: str
    title: str
    slug: str
    link: str
    guid: str
    date: datetime | None
    author: str
    content: str
    excerpt: str
    comments_open: bool
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[str] = field(default_factory=list)
    comments: list[WxrComment] = field(default_factory=list)


@dataclass
class WxrExport:
    site_url: str
    title: str
    items: list[WxrItem]


def _text(element: Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _words(text: str) -> str:
    """Plain text as WordPress stores it (titles, names, categories, tags): with HTML
    entities in it (`&amp;`, `&#8211;`, `&#039;`), decoded here once so they read as the
    characters they stand for; Townhall escapes them again where it shows them."""
    return html.unescape(text)


def _date(value: str, where: str) -> datetime | None:
    """WordPress dates: "2017-07-20 09:15:00" (GMT), or RFC 822 in <pubDate>."""
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.fromisoformat(value.replace(" ", "T") + "+00:00")
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError) as error:
        raise WxrError(f"{where}: the date {value!r} is not a date") from error


def _number(value: str, where: str) -> int:
    if not value.isdigit():
        raise WxrError(f"{where}: expected a number, found {value!r}")
    return int(value)


def _comment(element: Element, where: str) -> WxrComment:
    number = _number(_text(element, "wp:comment_id"), f"{where}, a comment's wp:comment_id")
    here = f"{where}, comment {number}"
    return WxrComment(
        id=number,
        parent_id=_number(_text(element, "wp:comment_parent") or "0", here),
        author=_words(_text(element, "wp:comment_author")),
        email=_text(element, "wp:comment_author_email"),
        url=_text(element, "wp:comment_author_url"),
        ip=_text(element, "wp:comment_author_IP"),
        date=_date(
            _text(element, "wp:comment_date_gmt") or _text(element, "wp:comment_date"), here
        ),
        content=_text(element, "wp:comment_content"),
        approved=_text(element, "wp:comment_approved"),
        type=_text(element, "wp:comment_type"),
    )


def _item(element: Element, position: int) -> WxrItem:
    title = _words(_text(element, "title"))
    where = f"item {position} ({title!r})" if title else f"item {position}"
    if element.find("wp:post_id", NS) is None:
        raise WxrError(f"{where} has no <wp:post_id>: is this a WordPress export?")
    categories, tags = [], []
    for category in element.findall("category"):
        name, slug = _words((category.text or "").strip()), category.get("nicename", "")
        if category.get("domain") == "category":
            categories.append((slug, name))
        elif category.get("domain") == "post_tag":
            tags.append(name)
    return WxrItem(
        id=_number(_text(element, "wp:post_id"), f"{where}, wp:post_id"),
        type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status"),
        title=title,
        slug=_text(element, "wp:post_name"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        date=_date(_text(element, "wp:post_date_gmt") or _text(element, "pubDate"), where),
        author=_text(element, "dc:creator"),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        comments_open=_text(element, "wp:comment_status") != "closed",
        categories=categories,
        tags=tags,
        comments=[_comment(c, where) for c in element.findall("wp:comment", NS)],
    )


def read_export(file: BinaryIO) -> WxrExport:
    data = file.read()
    for older in OLDER_WP_NAMESPACES:  # exports from old WordPress versions differ only here
        data = data.replace(older.encode(), NS["wp"].encode())
    try:
        root = ElementTree.fromstring(data)
    except ParseError as error:
        line, column = error.position
        raise WxrError(
            f"the file is not well-formed XML (line {line}, column {column}): "
            f"{str(error).split(':')[0]}"
        ) from error
    except DefusedXmlException as error:
        raise WxrError(f"the file uses XML features refused for safety: {error}") from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError("this is not a WordPress export: it has no <rss><channel>")
    authors = {
        _text(a, "wp:author_login"): _words(_text(a, "wp:author_display_name"))
        for a in channel.findall("wp:author", NS)
    }
    items = [_item(element, n) for n, element in enumerate(channel.findall("item"), start=1)]
    for item in items:
        item.author = authors.get(item.author) or item.author
    return WxrExport(
        site_url=_text(channel, "wp:base_blog_url") or _text(channel, "link"),
        title=_words(_text(channel, "title")),
        items=items,
    )
