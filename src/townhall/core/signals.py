"""What a publication or a like invalidates in the anonymous page cache."""

from collections.abc import Callable

from django.apps import apps
from django.core.cache import cache
from django.db.models import Model
from django.db.models.signals import ModelSignal, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from townhall.core import pagecache
from townhall.core.context_processors import SITES_CACHE_KEY


def invalidate_page_and_ancestors(page: Page) -> None:
    """A page, and the listings above it that may show it (indexes, home pages, feeds), in
    every language: a translation is shown at its original's address, and listings show
    originals in translations' words (core.translations), so each stands for the other."""
    keys = Page.objects.ancestor_of(page, inclusive=True).values("translation_key")
    ids = {page.pk, *Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)}
    pagecache.invalidate(pagecache.PAGES_TAG, *(pagecache.page_tag(pk) for pk in ids))


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs) -> None:
    invalidate_page_and_ancestors(instance)


@receiver(post_page_move)
@receiver(page_slug_changed)
def _page_moved(sender, instance, **kwargs) -> None:
    """A move or a new slug changes URLs on menus, and a move which section a page is in."""
    pagecache.invalidate(pagecache.SITE_TAG)


def connect_where(
    receiver: Callable, signals: list[ModelSignal], wanted: Callable[[type[Model]], bool]
) -> None:
    """Connect `receiver` to each model `wanted` picks, never to every sender: a receiver of
    every model's post_delete makes Django fetch and signal each row of a cascade (a
    dataset's million observations, a petition's signatures) rather than delete them in one
    query. Called from an app's ready(), when every model is loaded."""
    for model in apps.get_models():
        if wanted(model):
            for signal in signals:
                signal.connect(
                    receiver,
                    sender=model,
                    dispatch_uid=f"{receiver.__module__}.{receiver.__qualname__}:{model._meta.label}",
                )


def _page_deleted(sender, instance, **kwargs) -> None:
    invalidate_page_and_ancestors(instance)


def _shared_content_changed(sender, instance, **kwargs) -> None:
    """Models marked `shown_on_many_pages` (contact blocks, categories) start the cache afresh."""
    pagecache.invalidate(pagecache.SITE_TAG)


connect_where(_page_deleted, [post_delete], lambda model: issubclass(model, Page))
connect_where(
    _shared_content_changed,
    [post_save, post_delete],
    lambda model: getattr(model, "shown_on_many_pages", False),
)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _site_changed(sender, instance, **kwargs) -> None:
    cache.delete(SITES_CACHE_KEY)
    pagecache.invalidate(pagecache.SITE_TAG)
