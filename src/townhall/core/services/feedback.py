"""Page feedback: "is this page useful?", problem reports and likes."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from wagtail.models import Page

from townhall.core import pagecache
from townhall.core.models import PageFeedback, PageLike


def record_feedback(
    *,
    path: str,
    kind: str,
    page: Page | None = None,
    what_doing: str = "",
    what_went_wrong: str = "",
) -> PageFeedback:
    return PageFeedback.objects.create(
        page=page,
        path=path[:500],
        kind=kind,
        what_doing=what_doing,
        what_went_wrong=what_went_wrong,
    )


def _like_count_key(page_id: int) -> str:
    return f"likes:{page_id}"


def like_page(page: Page, liker: str) -> bool:
    """Record a like; False when this browser had already liked the page."""
    try:
        with transaction.atomic():
            PageLike.objects.create(page=page, liker=liker)
    except IntegrityError:
        return False
    cache.delete(_like_count_key(page.pk))
    pagecache.invalidate(pagecache.page_tag(page.pk))
    return True


def like_count(page_id: int) -> int:
    """How many browsers like the page, cached until the next like."""
    key = _like_count_key(page_id)
    count = cache.get(key)
    if count is None:
        count = PageLike.objects.filter(page_id=page_id).count()
        cache.set(key, count, timeout=3600)
    return count
