"""Reading a WordPress export (WXR, RSS 2.0 with WordPress's own elements) into plain data.

The whole file is read and checked before anything is written. A file that is not a
WordPress export at all is refused whole; one bad item in a good export is set aside with the
reason, so the rest still comes across.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import BinaryIO
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils import timezone
from django.utils.translation import gettext as _

WP = "http://wordpress.org/export/1.2/"
NS = {
    "wp": WP,
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Every form WordPress has written its namespaces in: WXR 1.0, 1.1 and 1.2, over http and
# over https (WordPress.com and the Theme Unit Test data use https), with or without the
# closing slash. Each is read as the one form the reader asks for.
_VARIANTS = [
    (re.compile(r"https?://wordpress\.org/export/1\.[0-2]/?"), NS["wp"]),
    (re.compile(r"https?://wordpress\.org/export/1\.[0-2]/excerpt/?"), NS["excerpt"]),
    (re.compile(r"https?://purl\.org/rss/1\.0/modules/content/?"), NS["content"]),
    (re.compile(r"https?://purl\.org/dc/elements/1\.1/?"), NS["dc"]),
]
MAX_BYTES = 100 * 1024 * 1024  # an export bigger than this is refused before it is parsed
_LARGEST_ID = 2**63 - 1  # what the database keeps
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


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
    modified: datetime | None = None
    parent_id: int = 0
    menu_order: int = 0
    password: str = ""
    attachment_url: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[str] = field(default_factory=list)
    comments: list[WxrComment] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _("%(type)s %(number)s (%(title)s)") % {
            "type": self.type,
            "number": self.id,
            "title": self.title or _("untitled"),
        }


@dataclass
class WxrExport:
    site_url: str
    title: str
    items: list[WxrItem]
    # Items and comments set aside while reading, each (what, why).
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def site(self) -> str:
        return site_identity(self.site_url)

    def attachments(self) -> dict[int, WxrItem]:
        return {item.id: item for item in self.items if item.type == "attachment"}


def site_identity(url: str) -> str:
    """The site an export came from, as it identifies imported items: its host and path,
    lower-cased, without the scheme, "www." or a closing slash, so the same blog exported
    before and after it moved to https is one site."""
    parts = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def _text(element: Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _words(text: str) -> str:
    """Plain text as WordPress stores it (titles, names, categories, tags): with HTML
    entities in it (`&amp;`, `&#8211;`, `&#039;`), decoded here once so they read as the
    characters they stand for; Townhall escapes them again where it shows them."""
    return html.unescape(text)


def _date(value: str, where: str, local: bool = False) -> datetime | None:
    """WordPress dates: "2017-07-20 09:15:00" (GMT, or the site's own time when `local`),
    or RFC 822 in <pubDate>."""
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        moment = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        pass
    else:
        if moment.tzinfo is not None:
            return moment
        if local:  # a WordPress site's own clock: the borough's, the best guess there is
            return timezone.make_aware(moment, timezone.get_default_timezone())
        return moment.replace(tzinfo=UTC)
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError) as error:
        raise WxrError(
            _("%(where)s: the date %(value)r is not a date") % {"where": where, "value": value}
        ) from error


def _number(value: str, where: str) -> int:
    if not (value.isascii() and value.isdigit()) or int(value) > _LARGEST_ID:  # not "²"
        raise WxrError(
            _("%(where)s: expected a number, found %(value)r") % {"where": where, "value": value}
        )
    return int(value)


def _order(value: str) -> int:
    """A page's place among its siblings; anything unreadable puts it with the zeros."""
    return int(value) if re.fullmatch(r"-?\d{1,9}", value) else 0


def _comment(element: Element, where: str) -> WxrComment:
    number = _number(
        _text(element, "wp:comment_id"),
        _("%(where)s, a comment's wp:comment_id") % {"where": where},
    )
    here = _("%(where)s, comment %(number)s") % {"where": where, "number": number}
    return WxrComment(
        id=number,
        parent_id=_number(_text(element, "wp:comment_parent") or "0", here),
        author=_words(_text(element, "wp:comment_author")),
        email=_text(element, "wp:comment_author_email"),
        url=_text(element, "wp:comment_author_url"),
        ip=_text(element, "wp:comment_author_IP"),
        date=_date(_text(element, "wp:comment_date_gmt"), here)
        or _date(_text(element, "wp:comment_date"), here, local=True),
        content=_text(element, "wp:comment_content"),
        approved=_text(element, "wp:comment_approved"),
        type=_text(element, "wp:comment_type"),
    )


def _item(element: Element, where: str, problems: list[tuple[str, str]]) -> WxrItem:
    if element.find("wp:post_id", NS) is None:
        raise WxrError(_("it has no <wp:post_id> in WordPress's namespace"))
    number = _number(_text(element, "wp:post_id"), "wp:post_id")
    categories, tags = [], []
    for category in element.findall("category"):
        name, slug = _words((category.text or "").strip()), category.get("nicename", "")
        if category.get("domain") == "category":
            categories.append((slug, name))
        elif category.get("domain") == "post_tag":
            tags.append(name)
    comments = []
    for comment in element.findall("wp:comment", NS):
        try:
            comments.append(_comment(comment, where))
        except WxrError as error:  # one bad comment costs only itself
            problems.append((_("a comment on %(item)s") % {"item": where}, str(error)))
    meta = {
        _text(m, "wp:meta_key"): _text(m, "wp:meta_value")
        for m in element.findall("wp:postmeta", NS)
    }
    return WxrItem(
        id=number,
        type=_text(element, "wp:post_type") or "post",
        status=_text(element, "wp:status"),
        title=_words(_text(element, "title")),
        slug=_text(element, "wp:post_name"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        date=_date(_text(element, "wp:post_date_gmt"), "wp:post_date_gmt")
        or _date(_text(element, "pubDate"), "pubDate")
        or _date(_text(element, "wp:post_date"), "wp:post_date", local=True),
        modified=_date(_text(element, "wp:post_modified_gmt"), "wp:post_modified_gmt")
        or _date(_text(element, "wp:post_modified"), "wp:post_modified", local=True),
        author=_text(element, "dc:creator"),
        content=_text(element, "content:encoded"),
        excerpt=_text(element, "excerpt:encoded"),
        comments_open=_text(element, "wp:comment_status") != "closed",
        parent_id=_number(_text(element, "wp:post_parent") or "0", "wp:post_parent"),
        menu_order=_order(_text(element, "wp:menu_order")),
        password=_text(element, "wp:post_password"),
        attachment_url=_text(element, "wp:attachment_url"),
        meta=meta,
        categories=categories,
        tags=tags,
        comments=comments,
    )


def _fault(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _check_bytes(data: bytes) -> None:
    """Refusals with a reason a person can act on, before the XML parser's terser ones."""
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        raise WxrError(_("the file is empty"))
    if start.startswith(b"PK\x03\x04"):
        raise WxrError(_("this is a ZIP archive: unzip it and import the .xml file inside"))
    if start.startswith(b"\x1f\x8b"):
        raise WxrError(_("this is a gzip archive: unpack it and import the .xml file inside"))
    if not start.startswith(b"<") and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        shown = start[:20].decode("utf-8", "replace")
        raise WxrError(_("this is not XML: it begins %(start)r") % {"start": shown})
    declared = _DECLARED_ENCODING.match(start)
    if declared is None or declared.group(1).lower() in (b"utf-8", b"utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _line_and_column(data, error.start)
            raise WxrError(
                _(
                    "the file is not UTF-8 as it says (line %(line)s, column %(column)s, byte "
                    "%(byte)s): was it saved in another encoding? Export it again from "
                    "WordPress"
                )
                % {"line": line, "column": column, "byte": hex(data[error.start])}
            ) from error


def _parse(data: bytes) -> Element:
    _check_bytes(data)
    try:
        return ElementTree.fromstring(data)
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        if reason in ("no element found", "unclosed token"):
            raise WxrError(
                _("the file ends early, at line %(line)s: is it cut short? Download it again")
                % {"line": line}
            ) from error
        raise WxrError(
            _("the file is not well-formed XML (line %(line)s, column %(column)s): %(reason)s")
            % {"line": line, "column": column, "reason": reason}
        ) from error
    except DefusedXmlException as error:
        raise WxrError(
            _("the file uses XML features refused for safety: %(error)s") % {"error": error}
        ) from error


def _canonical_namespaces(root: Element) -> None:
    """Rename every element in a known variant of WordPress's namespaces to the one form, so
    older and https exports read alike; an element in any other namespace stays foreign."""
    known: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str) or not element.tag.startswith("{"):
            continue
        namespace, local = element.tag[1:].split("}", 1)
        if namespace not in known:
            known[namespace] = next(
                (canon for pattern, canon in _VARIANTS if pattern.fullmatch(namespace)),
                namespace,
            )
        element.tag = f"{{{known[namespace]}}}{local}"


def _size(count: int) -> str:
    megabytes = count / 1024 / 1024
    return f"{megabytes:.0f} MB" if megabytes >= 1 else f"{count / 1024:.0f} KB"


def read_export(file: BinaryIO, max_bytes: int = MAX_BYTES) -> WxrExport:
    data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise WxrError(
            _(
                "the file is larger than %(limit)s, the most the import reads: export the "
                "site in parts (WordPress's Tools > Export can choose posts by date)"
            )
            % {"limit": _size(max_bytes)}
        )
    root = _parse(data)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise WxrError(_("this is not a WordPress export: it has no <rss><channel>"))
    _canonical_namespaces(root)
    elements = channel.findall("item")
    if channel.find("wp:wxr_version", NS) is None and not any(
        e.find("wp:post_id", NS) is not None for e in elements
    ):
        raise WxrError(
            _(
                "this is not a WordPress export: it has no <wp:wxr_version> and no item has a "
                "<wp:post_id> (a news feed, perhaps?)"
            )
        )
    authors = {
        _text(a, "wp:author_login"): _words(_text(a, "wp:author_display_name"))
        for a in channel.findall("wp:author", NS)
    }
    items, problems = [], []
    for position, element in enumerate(elements, start=1):
        title = _words(_text(element, "title"))
        where = (
            _("item %(position)s (%(title)r)") % {"position": position, "title": title}
            if title
            else _("item %(position)s") % {"position": position}
        )
        try:
            item = _item(element, where, problems)
        except WxrError as error:  # a bad or hostile item is set aside, not the whole file
            problems.append((where, str(error)))
            continue
        except Exception as error:  # so is one no rule foresaw
            problems.append(
                (where, _("it could not be read (%(error)s)") % {"error": _fault(error)})
            )
            continue
        item.author = authors.get(item.author) or item.author
        items.append(item)
    return WxrExport(
        site_url=_text(channel, "wp:base_blog_url")
        or _text(channel, "wp:base_site_url")
        or _text(channel, "link"),
        title=_words(_text(channel, "title")),
        items=items,
        problems=problems,
    )
