"""Importing a WordPress export into an organisation's section, in one transaction.

Published posts become news posts, published pages become content pages under their parent
pages, approved comments keep their threads, and each old address redirects to the new page.
Each item is recorded in ImportedItem by its site and number, so importing the same export
again adds nothing and two sites' items never take each other's place. A bad item is set aside
with the reason; the report says what came across, what did not and what to check.
"""

import html
import ipaddress
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from townhall.comments.models import Comment
from townhall.core.models import ContentPage, Organisation
from townhall.core.sanitise import strip_all
from townhall.news.models import NewsCategory, NewsIndexPage, NewsPostPage
from townhall.wordpress.content import ContentConverter, ItemRefused, image_embed
from townhall.wordpress.media import MediaLibrary, MediaMissing
from townhall.wordpress.models import ImportedItem
from townhall.wordpress.wxr import WxrComment, WxrExport, WxrItem

SKIPPED_TYPES = {
    "attachment": gettext_lazy(
        "uploaded files come across only as the images posts and pages show"
    ),
    "nav_menu_item": gettext_lazy("navigation menus are not imported"),
    "revision": gettext_lazy("old revisions are not imported"),
    "wp_block": gettext_lazy("reusable blocks are not imported"),
}
COMMENT_SKIPS = {
    "0": gettext_lazy("not approved"),
    "spam": gettext_lazy("marked as spam"),
    "trash": gettext_lazy("in the trash"),
}
TITLE_LIMIT = 255  # Wagtail's page title
logger = logging.getLogger(__name__)


@dataclass
class ImportReport:
    imported: Counter = field(default_factory=Counter)
    already: Counter = field(default_factory=Counter)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (what, what to check)
    dry_run: bool = False

    def skip(self, what: str, why: str) -> None:
        self.skipped.append((what, why))

    def note(self, what: str, note: str) -> None:
        self.notes.append((what, note))

    def mark(self) -> tuple:
        """The report as it is now, to go back to if an item is rolled back."""
        return self.imported.copy(), self.already.copy(), len(self.skipped), len(self.notes)

    def back_to(self, mark: tuple) -> None:
        self.imported, self.already, skipped, notes = mark[0].copy(), mark[1].copy(), *mark[2:]
        del self.skipped[skipped:], self.notes[notes:]


def _plain(html_text: str) -> str:
    """An excerpt as plain text: tags removed and entities decoded, so "AT&amp;T" is stored
    as "AT&T" and not escaped a second time when shown."""
    return html.unescape(strip_all(html_text)).strip()


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


def _page_order(pages: list[WxrItem]) -> list[WxrItem]:
    """Parents before their children, and siblings in WordPress's menu order."""
    by_id = {p.id: p for p in pages}

    def depth(page: WxrItem) -> int:
        seen, level = {page.id}, 0
        while page.parent_id in by_id and page.parent_id not in seen:  # a loop stops here
            page = by_id[page.parent_id]
            seen.add(page.id)
            level += 1
        return level

    return sorted(pages, key=lambda p: (depth(p), p.menu_order))


class Importer:
    def __init__(
        self,
        export: WxrExport,
        organisation: Organisation,
        media: MediaLibrary,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.export, self.organisation, self.media = export, organisation, media
        self.progress = progress or (lambda done, total: None)
        self.report = ImportReport()
        self.home = organisation.home_page.specific
        self.site = self.home.get_site()
        self.content = ContentConverter(media)
        if not export.site:
            self.report.note(
                _("the export"),
                _("it names no site (wp:base_blog_url), so its items are known by number alone"),
            )

    def _record(self, kind: str, number: int) -> ImportedItem | None:
        return ImportedItem.objects.filter(
            organisation=self.organisation, site=self.export.site, kind=kind, wordpress_id=number
        ).first()

    def _remember(self, kind: str, number: int, **made) -> None:
        ImportedItem.objects.create(
            organisation=self.organisation,
            site=self.export.site,
            kind=kind,
            wordpress_id=number,
            **made,
        )

    def news_index(self) -> NewsIndexPage:
        index = NewsIndexPage.objects.child_of(self.home).first()
        if index is None:
            index = self.home.add_child(instance=NewsIndexPage(title="News", slug="news"))
            index.save_revision().publish()
        return index

    def run(self) -> ImportReport:
        for what, why in self.export.problems:
            self.report.skip(what, why)
        items = self.export.items
        pages = _page_order([i for i in items if i.type == "page"])
        ordered = [i for i in items if i.type != "page"] + pages
        for done, item in enumerate(ordered, start=1):
            self._item_or_set_aside(item)
            self.progress(done, len(ordered))
        return self.report

    def _item_or_set_aside(self, item: WxrItem) -> None:
        """One item in a savepoint of its own: whatever goes wrong in it (a hostile post, a
        fault no rule foresaw) rolls back that item alone, its image files included, and the
        report names it. A database that stops answering stops the whole import."""
        report, images = self.report.mark(), self.media.mark()
        try:
            with transaction.atomic():
                self._item(item)
        except (OperationalError, InterfaceError):
            raise
        except Exception as error:
            self.report.back_to(report)
            self.media.undo(since=images)
            if isinstance(error, ItemRefused):
                why = str(error)
            else:
                logger.exception("WordPress import: %s could not be imported", item.label)
                why = _("it could not be imported (%(error)s)") % {
                    "error": f"{type(error).__name__}: {error}"
                }
            self.report.skip(item.label, why)

    def _item(self, item: WxrItem) -> None:
        if item.type in SKIPPED_TYPES:
            self.report.skip(item.label, SKIPPED_TYPES[item.type])
            return
        if item.type not in ("post", "page"):
            self.report.skip(
                item.label, _("items of type %(type)r are not imported") % {"type": item.type}
            )
            return
        if item.status != "publish":
            self.report.skip(
                item.label,
                _("%(status)s: only published items are imported")
                % {"status": item.status or _("unpublished")},
            )
            return
        if len(item.title) > TITLE_LIMIT:
            self.report.skip(
                _("%(type)s %(number)s (%(title)s...)")
                % {"type": item.type, "number": item.id, "title": item.title[:60]},
                _(
                    "its title has %(length)s characters and at most %(limit)s fit: shorten it "
                    "in WordPress and import again"
                )
                % {"length": len(item.title), "limit": TITLE_LIMIT},
            )
            return
        record = self._record(item.type, item.id)
        if record is not None:
            self.report.already[item.type] += 1
            page = record.page.specific
            self._take_down_if_protected(item, page)
        else:
            page = self._post(item) if item.type == "post" else self._page(item)
            self._remember(item.type, item.id, page=page)
            self._redirect(item, page)
            self.report.imported[item.type] += 1
        self._comments(item, page)

    def _take_down_if_protected(self, item: WxrItem, page: Page) -> None:
        """An item imported live before password-protected items became drafts: unpublished
        now, so importing the export again is the way to close that leak."""
        if not item.password or not page.live:
            return
        page.unpublish()
        self.report.note(
            item.label,
            _(
                "it is password-protected in WordPress but was public here, so it has been "
                "unpublished: publish it in the admin only if everyone may read it"
            ),
        )

    def _body(self, item: WxrItem) -> str:
        body = self.content.body(item)
        for note in body.all_notes():
            self.report.note(item.label, note)
        return body.html

    def _featured_image(self, item: WxrItem):
        try:
            return self.content.featured_image(item)
        except MediaMissing as missing:
            self.report.note(
                item.label,
                _("featured image not brought (%(why)s): %(address)s")
                % {"why": missing.reason, "address": missing.address},
            )
            return None

    def _publish(self, page: Page, item: WxrItem) -> None:
        """Published as WordPress had it: at its own date and time of day, last changed when
        WordPress last changed it; a password-protected item only as a draft."""
        revision = page.save_revision()
        known = [d for d in (item.modified, item.date) if d is not None]
        changed = max(known) if known else timezone.now()
        if item.password:
            self.report.note(
                item.label,
                _(
                    "it was password-protected in WordPress, so it is an unpublished draft "
                    "here: publish it in the admin only if everyone may read it"
                ),
            )
        else:
            revision.publish()
        dates: dict[str, datetime] = {"latest_revision_created_at": changed}
        if not item.password and item.date:
            dates |= {"first_published_at": item.date, "last_published_at": changed}
        Page.objects.filter(pk=page.pk).update(**dates)
        page.revisions.update(created_at=changed)

    def _post(self, item: WxrItem) -> NewsPostPage:
        index = self.news_index()
        date = timezone.localdate(item.date) if item.date else timezone.localdate()
        post = NewsPostPage(
            title=item.title or _("Post %(number)s") % {"number": item.id},
            slug=_unique_slug(index, item.slug or item.title),
            date=date,
            author_name=item.author[:100],
            body=self._body(item),
            teaser=_plain(item.excerpt)[:300],
            comments_open=item.comments_open,
            image=self._featured_image(item),
            live=not item.password,
        )
        index.add_child(instance=post)
        for slug, name in item.categories:
            category, _made = NewsCategory.objects.get_or_create(
                organisation=self.organisation,
                slug=slugify(slug or name)[:100] or "uncategorised",
                defaults={"name": name[:100]},
            )
            post.categories.add(category)
        post.tags.add(*(t[:100] for t in item.tags if t))
        self._publish(post, item)
        return post

    def _page(self, item: WxrItem) -> ContentPage:
        parent = self._parent(item)
        title, slug = (
            item.title or _("Page %(number)s") % {"number": item.id},
            item.slug or item.title,
        )
        if parent.pk == self.home.pk:
            title, slug = self._beside_own_pages(item, title, slug)
        body = self._body(item)
        image = self._featured_image(item)
        if image is not None:  # a page has no image field: it leads the text
            body = image_embed(image, "") + body
        page = ContentPage(
            title=title,
            slug=_unique_slug(parent, slug),
            summary=_plain(item.excerpt)[:300],
            body=body,
            live=not item.password,
        )
        parent.add_child(instance=page)
        self._publish(page, item)
        return page

    def _parent(self, item: WxrItem) -> Page:
        """The page WordPress had it under, if that came across; otherwise the section."""
        if not item.parent_id:
            return self.home
        record = self._record("page", item.parent_id)
        if record is not None and record.page is not None:
            return record.page
        self.report.note(
            item.label,
            _("its parent page %(parent)s was not imported, so it is at the top of the section")
            % {"parent": item.parent_id},
        )
        return self.home

    def _beside_own_pages(self, item: WxrItem, title: str, slug: str) -> tuple[str, str]:
        """A page named like one the section has of its own (its aims, its news) would be
        listed twice in the menu: it is renamed, and the report says so."""
        imported = ImportedItem.objects.filter(
            organisation=self.organisation, page__isnull=False
        ).values("page")
        own = self.home.get_children().exclude(pk__in=imported)
        wanted = slugify(slug)
        clash = own.filter(slug=wanted).first() or next(
            (p for p in own.only("title") if p.title.casefold() == title.casefold()), None
        )
        if clash is None:
            return title, slug
        renamed = _("%(title)s (from WordPress)") % {"title": title}
        self.report.note(
            item.label,
            _(
                "the section has its own page %(own)r, so this one is called %(renamed)r: "
                "merge or remove one of them"
            )
            % {"own": clash.title, "renamed": renamed},
        )
        return renamed[:TITLE_LIMIT], f"{wanted or 'page'}-from-wordpress"

    def _redirect(self, item: WxrItem, page: Page) -> None:
        for address in {item.link, item.guid}:
            parts = urlsplit(address)
            old = Redirect.normalise_path(parts.path + (f"?{parts.query}" if parts.query else ""))
            if not parts.path or old == Redirect.normalise_path(page.url or ""):
                continue
            redirect, made = Redirect.objects.get_or_create(
                old_path=old,
                site=self.site,
                defaults={"redirect_page": page, "is_permanent": True},
            )
            if not made and redirect.redirect_page_id != page.pk:  # another site's /?p=1
                self.report.note(
                    item.label,
                    _("its old address %(path)s already leads elsewhere, so it does not lead here")
                    % {"path": old},
                )

    def _comments(self, item: WxrItem, page: Page) -> None:
        made: dict[int, Comment] = {
            record.wordpress_id: record.comment
            for record in ImportedItem.objects.filter(
                organisation=self.organisation,
                site=self.export.site,
                kind="comment",
                comment__page=page,
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
        what = _("comment %(comment)s on %(type)s %(number)s") % {
            "comment": wxr.id,
            "type": item.type,
            "number": item.id,
        }
        if wxr.type in ("pingback", "trackback"):
            self.report.skip(what, _("%(type)ss are not imported") % {"type": wxr.type})
            return
        if wxr.approved != "1":
            self.report.skip(what, COMMENT_SKIPS.get(wxr.approved, _("not approved")))
            return
        if wxr.id in made:
            self.report.already["comment"] += 1
            return
        parent = made.get(wxr.parent_id)
        if wxr.parent_id and parent is None:
            self.report.skip(
                what,
                _("it answers comment %(parent)s, which was not imported")
                % {"parent": wxr.parent_id},
            )
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
        self._remember("comment", wxr.id, comment=comment)
        made[wxr.id] = comment
        self.report.imported["comment"] += 1


def import_export(
    export: WxrExport,
    organisation: Organisation,
    progress: Callable[[int, int], None] | None = None,
    media_dir: Path | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """One transaction, each item in a savepoint of its own: an item that fails is rolled back
    and reported, and a failure of the database itself rolls the whole import back, image
    files included. A dry run imports, reports, and rolls back."""
    media = MediaLibrary(organisation, export.site, export.attachments(), media_dir)
    try:
        with transaction.atomic():
            report = Importer(export, organisation, media, progress).run()
            report.dry_run = dry_run
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        media.undo()
        raise
    if dry_run:
        media.undo()
    return report
