"""Importing a WordPress export into an organisation's section, in one transaction.

Published posts become news posts, published pages become content pages, approved comments
keep their threads, and each old address redirects to the new page. Each item is recorded in
ImportedItem, so importing the same export again adds nothing.
"""

import html
import ipaddress
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from townhall.comments.models import Comment
from townhall.core.models import ContentPage, Organisation
from townhall.core.sanitise import clean_rich_text, strip_all
from townhall.news.models import NewsCategory, NewsIndexPage, NewsPostPage
from townhall.wordpress.models import ImportedItem
from townhall.wordpress.wxr import WxrComment, WxrExport, WxrItem

SKIPPED_TYPES = {
    "attachment": "attachments (uploaded files) are not imported",
    "nav_menu_item": "navigation menus are not imported",
    "revision": "old revisions are not imported",
    "wp_block": "reusable blocks are not imported",
}
COMMENT_SKIPS = {
    "0": "not approved",
    "spam": "marked as spam",
    "trash": "in the trash",
}


@dataclass
class ImportReport:
    imported: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    def skip(self, what: str, why: str) -> None:
        self.skipped.append((what, why))


def _paragraphs(html: str) -> str:
    """WordPress stores paragraphs as blank lines; make them <p> as its wpautop does."""
    if re.search(r"<p[\s>]", html):
        return html
    blocks = [b.strip() for b in re.split(r"\n\s*\n", html.replace("\r\n", "\n")) if b.strip()]
    return "".join(f"<p>{b.replace(chr(10), '<br>')}</p>" for b in blocks)


def _plain(html_text: str) -> str:
    """An excerpt as plain text: tags removed and entities decoded, so "AT&amp;T" is stored
    as "AT&T" and not escaped a second time when shown."""
    return html.unescape(strip_all(html_text)).strip()


TITLE_LIMIT = 255  # Wagtail's page title


class ImportProblem(Exception):
    """An item Townhall cannot take as it is; the message names it and says what to do."""


def _ip_or_none(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _unique_slug(parent: Page, wanted: str) -> str:
    base = slugify(wanted)[:240] or "imported"
    slug, number = base, 2
    while parent.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class Importer:
    def __init__(
        self,
        export: WxrExport,
        organisation: Organisation,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.export, self.organisation = export, organisation
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport()
        self.home = organisation.home_page.specific
        self.site = self.home.get_site()

    def _key(self, kind: str, number: int) -> str:
        return f"{self.export.site_url} {kind} {number}"

    def _already(self, key: str) -> ImportedItem | None:
        return ImportedItem.objects.filter(organisation=self.organisation, source=key).first()

    def news_index(self) -> NewsIndexPage:
        index = NewsIndexPage.objects.child_of(self.home).first()
        if index is None:
            index = self.home.add_child(instance=NewsIndexPage(title="News", slug="news"))
            index.save_revision().publish()
        return index

    def run(self) -> ImportReport:
        items = self.export.items
        for done, item in enumerate(items, start=1):
            self._item(item)
            self.progress(done, len(items))
        return self.report

    def _item(self, item: WxrItem) -> None:
        what = f"{item.type} {item.id} ({item.title or 'untitled'})"
        if item.type in SKIPPED_TYPES:
            self.report.skip(what, SKIPPED_TYPES[item.type])
            return
        if item.type not in ("post", "page"):
            self.report.skip(what, f"items of type {item.type!r} are not imported")
            return
        if item.status != "publish":
            self.report.skip(
                what, f"{item.status or 'unpublished'}: only published items are imported"
            )
            return
        if len(item.title) > TITLE_LIMIT:
            raise ImportProblem(
                f"{item.type} {item.id} has a title of {len(item.title)} characters, and at most "
                f"{TITLE_LIMIT} fit: {item.title[:60]!r}... Shorten it in WordPress and export "
                f"again"
            )
        key = self._key(item.type, item.id)
        record = self._already(key)
        if record is not None:
            self.report.already[item.type] += 1
            page = record.page.specific
        else:
            page = self._post(item) if item.type == "post" else self._page(item)
            ImportedItem.objects.create(organisation=self.organisation, source=key, page=page)
            self._redirect(item, page)
            self.report.imported[item.type] += 1
        self._comments(item, page)

    def _body(self, item: WxrItem) -> str:
        return clean_rich_text(_paragraphs(item.content)) or "<p></p>"

    def _post(self, item: WxrItem) -> NewsPostPage:
        index = self.news_index()
        date = timezone.localdate(item.date) if item.date else timezone.localdate()
        post = NewsPostPage(
            title=item.title or f"Post {item.id}",
            slug=_unique_slug(index, item.slug or item.title),
            date=date,
            author_name=item.author[:100],
            body=self._body(item),
            teaser=_plain(item.excerpt)[:300],
            comments_open=item.comments_open,
        )
        index.add_child(instance=post)
        for slug, name in item.categories:
            category, _ = NewsCategory.objects.get_or_create(
                organisation=self.organisation,
                slug=slugify(slug or name)[:100] or "uncategorised",
                defaults={"name": name[:100]},
            )
            post.categories.add(category)
        post.tags.add(*(t[:100] for t in item.tags if t))
        post.save_revision().publish()
        if item.date:
            Page.objects.filter(pk=post.pk).update(first_published_at=item.date)
        return post

    def _page(self, item: WxrItem) -> ContentPage:
        page = ContentPage(
            title=item.title or f"Page {item.id}",
            slug=_unique_slug(self.home, item.slug or item.title),
            summary=_plain(item.excerpt)[:300],
            body=self._body(item),
        )
        self.home.add_child(instance=page)
        page.save_revision().publish()
        return page

    def _redirect(self, item: WxrItem, page: Page) -> None:
        for address in {item.link, item.guid}:
            parts = urlsplit(address)
            old = Redirect.normalise_path(parts.path + (f"?{parts.query}" if parts.query else ""))
            if not parts.path or old == Redirect.normalise_path(page.url or ""):
                continue
            Redirect.objects.get_or_create(
                old_path=old,
                site=self.site,
                defaults={"redirect_page": page, "is_permanent": True},
            )

    def _comments(self, item: WxrItem, page: Page) -> None:
        prefix = f"{self.export.site_url} comment "
        made: dict[int, Comment] = {
            int(record.source.removeprefix(prefix)): record.comment
            for record in ImportedItem.objects.filter(
                organisation=self.organisation, source__startswith=prefix, comment__page=page
            ).select_related("comment")
        }
        waiting = sorted(item.comments, key=lambda c: (c.date or timezone.now(), c.id))
        # A reply is imported after the comment it answers, whatever their dates say (a
        # clock changed, a comment edited): each pass imports those whose parent is in.
        ids = {c.id for c in item.comments}
        while waiting:
            ready = [
                c
                for c in waiting
                if not c.parent_id or c.parent_id in made or c.parent_id not in ids
            ]
            if not ready:  # the rest answer each other in a loop: say so for each
                ready = waiting
            for wxr_comment in ready:
                self._comment(item, page, wxr_comment, made)
            waiting = [c for c in waiting if c not in ready]

    def _comment(self, item: WxrItem, page: Page, wxr: WxrComment, made: dict) -> None:
        what = f"comment {wxr.id} on {item.type} {item.id}"
        if wxr.type in ("pingback", "trackback"):
            self.report.skip(what, f"{wxr.type}s are not imported")
            return
        if wxr.approved != "1":
            self.report.skip(what, COMMENT_SKIPS.get(wxr.approved, "not approved"))
            return
        if wxr.id in made:
            self.report.already["comment"] += 1
            return
        parent = made.get(wxr.parent_id)
        if wxr.parent_id and parent is None:
            self.report.skip(what, f"it answers comment {wxr.parent_id}, which was not imported")
            return
        comment = Comment.objects.create(
            page=page,
            parent=parent,
            root=(parent.root or parent) if parent else None,
            depth=min(parent.depth + 1, 10) if parent else 1,
            author_name=(wxr.author or "Anonymous")[:245],
            author_email=wxr.email[:100] if "@" in wxr.email else "",
            author_url=wxr.url[:200] if wxr.url.startswith(("http://", "https://")) else "",
            content=wxr.content,
            status=Comment.Status.APPROVED,
            ip_address=_ip_or_none(wxr.ip),
        )
        if wxr.date:
            Comment.objects.filter(pk=comment.pk).update(created_at=wxr.date)
        ImportedItem.objects.create(
            organisation=self.organisation,
            source=f"{self._key('comment', wxr.id)}",
            comment=comment,
        )
        made[wxr.id] = comment
        self.report.imported["comment"] += 1


def import_export(
    export: WxrExport,
    organisation: Organisation,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import everything or nothing: any error rolls the whole import back."""
    with transaction.atomic():
        return Importer(export, organisation, progress).run()
