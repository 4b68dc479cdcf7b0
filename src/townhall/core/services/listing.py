"""What a section's home page lists: its newest items of any app that opts in."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from wagtail.models import Page, get_page_models


def latest_items(section: Page, limit: int = 5) -> QuerySet[Page]:
    """The newest live pages below `section` whose type sets `show_in_latest = True`."""
    listed = [model for model in get_page_models() if getattr(model, "show_in_latest", False)]
    content_types = ContentType.objects.get_for_models(*listed).values()
    return (
        Page.objects.live()
        .public()
        .descendant_of(section)
        .filter(content_type__in=content_types)
        .order_by("-first_published_at")
        .specific()[:limit]
    )
