"""A page's other versions (issue 29, point 4): its Easy Read version and its British Sign
Language videos, shown at its top by one tag in base.html (`{% other_versions page %}`).

Every page is rendered through that tag, and nearly none has another version, so which pages
have one is kept in each process (core.memo) and checked against one page cache tag: a page
without versions costs no query at all; one with them costs a query for each kind it has.
Publishing, unpublishing or deleting an Easy Read page, or saving or deleting a video, bumps
that tag and the page cache's entries of the pages concerned (the old page too, when a
version moves to another)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.models import Page

from townhall.core import pagecache, translations
from townhall.core.memo import Remembered
from townhall.core.models.versions import EasyReadPage, SignLanguageVideo

VERSIONS_TAG = "other-versions"


@dataclass(frozen=True)
class Known:
    easy_read: dict[int, tuple[int, ...]]  # a page's id -> its live Easy Read pages' ids
    signed: frozenset[int]  # the ids of pages with a sign language video


@dataclass
class OtherVersions:
    easy_read: list[Page] = field(default_factory=list)
    videos: list[SignLanguageVideo] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.easy_read or self.videos)


def _known() -> Known:
    easy_read: dict[int, tuple[int, ...]] = {}
    for original, version in (
        # Each Easy Read page once: a translation of one copies what it explains.
        translations.originals(EasyReadPage.objects.live().public())
        .exclude(explains=None)
        .order_by("pk")
        .values_list("explains_id", "pk")
    ):
        easy_read[original] = (*easy_read.get(original, ()), version)
    signed = frozenset(SignLanguageVideo.objects.values_list("page_id", flat=True).distinct())
    return Known(easy_read, signed)


_remembered: Remembered[Known] = Remembered((pagecache.SITE_TAG, VERSIONS_TAG), _known)


def other_versions_of(page: object, request: HttpRequest | None = None) -> OtherVersions:
    """The page's Easy Read versions and videos; empty, without a query, for most pages (and
    for anything that is not a saved Wagtail page, such as a view's paginator page)."""
    found = OtherVersions()
    if not isinstance(page, Page) or page.pk is None:
        return found
    known = _remembered.get()
    if ids := known.easy_read.get(page.pk):
        found.easy_read = list(Page.objects.live().filter(pk__in=ids).order_by("pk"))
    if page.pk in known.signed:
        found.videos = list(
            SignLanguageVideo.objects.filter(page_id=page.pk).select_related(
                "video_file", "captions"
            )
        )
    return found


def invalidate(*page_ids: int | None) -> None:
    """What a change to a version makes stale: the map of versions, and the pages shown with
    them. Now, and again after the commit, so a page rendered between the two from the old
    rows is not kept as new."""
    tags = [VERSIONS_TAG, *(pagecache.page_tag(pk) for pk in set(page_ids) if pk)]
    pagecache.invalidate(*tags)
    transaction.on_commit(lambda: pagecache.invalidate(*tags))


@receiver(pre_save, sender=EasyReadPage)
@receiver(pre_save, sender=SignLanguageVideo)
def _remember_where_it_was(sender, instance, raw=False, **kwargs) -> None:
    """The page it belonged to before this save: that page loses its link."""
    column = "explains_id" if sender is EasyReadPage else "page_id"
    instance._page_before = (
        sender.objects.filter(pk=instance.pk).values_list(column, flat=True).first()
        if instance.pk and not raw
        else None
    )


@receiver(post_save, sender=EasyReadPage)
@receiver(post_delete, sender=EasyReadPage)
def _easy_read_changed(sender, instance: EasyReadPage, **kwargs) -> None:
    # Publishing and unpublishing save the page, so this hears both.
    invalidate(instance.explains_id, getattr(instance, "_page_before", None))


@receiver(post_save, sender=SignLanguageVideo)
@receiver(post_delete, sender=SignLanguageVideo)
def _video_changed(sender, instance: SignLanguageVideo, **kwargs) -> None:
    invalidate(instance.page_id, getattr(instance, "_page_before", None))


@receiver(post_save, sender=get_document_model())
def _document_replaced(sender, instance, raw=False, **kwargs) -> None:
    """A video's file or captions replaced with another name has another address."""
    if raw:
        return
    pages = SignLanguageVideo.objects.filter(
        video_file=instance
    ) | SignLanguageVideo.objects.filter(captions=instance)
    if page_ids := list(pages.values_list("page_id", flat=True)):
        invalidate(*page_ids)
